"""Reads for social comptrollership: works, their committees, inspections and complaints."""

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce

from cocrea.reports.models import (
    Committee,
    Inspection,
    PublicWork,
    Report,
    ReportedComptrollership,
)


def _count(model: type[Committee] | type[Inspection] | type[Report]) -> Subquery:
    rows = (
        model.objects.filter(public_work=OuterRef("pk"))
        .order_by()
        .values("public_work")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows), 0)  # type: ignore[return-value]


def work_list() -> QuerySet[PublicWork]:
    return (
        PublicWork.objects.select_related("institution", "municipality")
        .only(
            "name",
            "description",
            "location",
            "contractor",
            "budget",
            "progress",
            "starts_on",
            "ends_on",
            "is_example",
            "institution__name",
            "municipality__name",
        )
        .annotate(
            committee_count=_count(Committee),
            inspection_count=_count(Inspection),
            complaint_count=_count(Report),
        )
    )


def work_get(*, work_id: int) -> PublicWork | None:
    return work_list().filter(pk=work_id).first()


def computed_figures() -> dict[str, int]:
    """The platform's own figures, in the form of Durango's 2014 ones."""
    figures = Committee.objects.aggregate(
        trained=Coalesce(Sum("members", filter=Q(trained_on__isnull=False)), 0),
        letters=Count("pk", filter=Q(commitment_letter_signed=True)),
        observatories=Count("pk", filter=Q(is_observatory=True)),
        comptrollers=Coalesce(Sum("citizen_comptrollers"), 0),
    )
    figures["complaints"] = Report.objects.filter(public_work__isnull=False).count()
    return figures


def reported_figures() -> QuerySet[ReportedComptrollership]:
    return ReportedComptrollership.objects.select_related("territory")
