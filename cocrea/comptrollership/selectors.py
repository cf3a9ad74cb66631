"""Reads for social comptrollership: works, their committees, inspections and complaints."""

from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils.translation import gettext as _

from cocrea.comptrollership.models import (
    Committee,
    Inspection,
    PublicWork,
    ReportedComptrollership,
)
from cocrea.core.models import Organization
from cocrea.core.queries import related_count
from cocrea.reports.maps import point_feature
from cocrea.reports.models import Photo, Report


def _counted(works: QuerySet[PublicWork]) -> QuerySet[PublicWork]:
    return works.annotate(
        committee_count=related_count(Committee, "public_work"),
        inspection_count=related_count(Inspection, "public_work"),
        complaint_count=related_count(Report, "public_work"),
    )


def work_list() -> QuerySet[PublicWork]:
    return _counted(
        PublicWork.objects.select_related("institution", "municipality").only(
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
    )


def work_get(*, work_id: int) -> PublicWork | None:
    """One work, with the places its complaints' categories are chosen by (its state)."""
    works = PublicWork.objects.select_related("institution__territory", "municipality")
    return _counted(works).filter(pk=work_id).first()


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


def committee_get(*, work: PublicWork, committee_id: int) -> Committee:
    found = Committee.objects.filter(public_work=work, pk=committee_id).first()
    if found is None:
        raise Http404(_("Esa obra no tiene ese comité."))
    return found


def recorder_emails(*, committee: Committee) -> list[str]:
    """Private: shown only on the committee's edit form."""
    if committee.pk is None:
        return []
    return list(committee.recorders.order_by("email").values_list("email", flat=True)[:100])


def committees_for(*, work: PublicWork, user: Any) -> QuerySet[Committee]:
    """The committees on whose behalf `user` may file an inspection sheet of `work`."""
    committees = Committee.objects.filter(public_work=work)
    if user.has_perm("comptrollership.change_work", work):
        return committees
    return committees.filter(recorders=user)


def work_inspections(*, work: PublicWork) -> QuerySet[Inspection]:
    visible = Prefetch(
        "photos",
        queryset=Photo.objects.filter(hidden_at__isnull=True, cleaned=True).only(
            "id", "width", "height", "inspection_id"
        ),
    )
    return work.inspections.select_related("committee").prefetch_related(visible)


# The works' map: the works that have a place, by institution and by how far along they are.
WORK_STAGES = {
    "sin-iniciar": Q(progress=0),
    "en-proceso": Q(progress__gt=0, progress__lt=100),
    "concluida": Q(progress__gte=100),
}
WORK_POINTS_MAX = 5000


def _placed(*, institution_id: int | None, stage: str) -> QuerySet[PublicWork]:
    works = PublicWork.objects.filter(latitude__isnull=False, longitude__isnull=False)
    if institution_id is not None:
        works = works.filter(institution_id=institution_id)
    if stage in WORK_STAGES:
        works = works.filter(WORK_STAGES[stage])
    return works


def work_map_list(*, institution_id: int | None = None, stage: str = "") -> QuerySet[PublicWork]:
    return (
        _placed(institution_id=institution_id, stage=stage)
        .select_related("institution", "municipality")
        .only(
            "name",
            "latitude",
            "longitude",
            "progress",
            "is_example",
            "institution__name",
            "municipality__name",
        )
        .order_by("name", "pk")
    )


def work_map_points(
    *, institution_id: int | None = None, stage: str = "", work_id: int | None = None
) -> list[dict[str, Any]]:
    """GeoJSON features of the placed works (all of them: works are few), in one query."""
    works = _placed(institution_id=institution_id, stage=stage)
    if work_id is not None:
        works = works.filter(pk=work_id)
    rows = works.order_by("name", "pk").values_list(
        "pk", "name", "institution__name", "progress", "latitude", "longitude"
    )
    return [
        point_feature(
            pk=pk,
            lat=lat,
            long=long,
            url_name="comptrollership:work_detail",
            properties={"name": name, "institution": institution, "progress": progress},
        )
        for pk, name, institution, progress, lat, long in rows[:WORK_POINTS_MAX]
    ]


def work_map_institutions() -> QuerySet[Organization]:
    """The institutions with at least one work on the map, for the filter."""
    placed = PublicWork.objects.filter(institution=OuterRef("pk"), latitude__isnull=False)
    return Organization.objects.filter(Exists(placed)).only("id", "name").order_by("name")
