"""Reads of citizens' reports: only public fields leave through these querysets."""

import datetime as dt
from typing import Any, cast

from django.db.models import Exists, OuterRef, Prefetch, QuerySet, Subquery
from django.utils import timezone

from cocrea.reports.models import (
    OPEN_STATUSES,
    Category,
    CategoryAttribute,
    ComplaintSubject,
    Photo,
    Report,
    ReportEvent,
)

DEFAULT_WINDOW = dt.timedelta(days=90)
MAX_RESULTS = 1000
PUBLIC_FIELDS = (
    "id",
    "status",
    "status_notes",
    "description",
    "lat",
    "long",
    "requested_at",
    "updated_at",
    "expected_at",
    "category__code",
    "category__name",
    "institution__name",
)


def category_list() -> QuerySet[Category]:
    has_attributes = Exists(CategoryAttribute.objects.filter(category=OuterRef("pk")))
    return (
        Category.objects.filter(is_active=True)
        .only("code", "name", "description", "group", "keywords")
        .annotate(has_attributes=has_attributes)
    )


def category_get(*, code: str) -> Category | None:
    attributes = Prefetch("attributes", queryset=CategoryAttribute.objects.order_by("order"))
    has_attributes = Exists(CategoryAttribute.objects.filter(category=OuterRef("pk")))
    found = (
        Category.objects.select_related("institution__territory")
        .prefetch_related(attributes)
        .annotate(has_attributes=has_attributes)
    )
    return found.filter(code=code, is_active=True).first()


def _public() -> QuerySet[Report]:
    return Report.objects.select_related("category", "institution").only(*PUBLIC_FIELDS)


def _rows() -> QuerySet[Report, dict[str, Any]]:
    # Plain rows, not model instances: a page of 1,000 is built several times faster.
    first_photo = (
        Photo.objects.filter(report=OuterRef("pk"), hidden_at__isnull=True, cleaned=True)
        .order_by("pk")
        .values("pk")[:1]
    )
    rows: QuerySet[Report, dict[str, Any]] = Report.objects.annotate(
        photo_id=Subquery(first_photo)
    ).values(*PUBLIC_FIELDS, "photo_id")
    return rows


def report_requests(
    *,
    ids: list[int] | None = None,
    service_code: str = "",
    start: dt.datetime | None = None,
    end: dt.datetime | None = None,
    status: str = "",
) -> QuerySet[Report, dict[str, Any]]:
    """Open311 GET requests: ids win over the other filters; otherwise the last 90 days."""
    reports = _rows()
    if ids:
        return reports.filter(pk__in=ids)[:MAX_RESULTS]
    if service_code:
        reports = reports.filter(category__code__in=service_code.split(","))
    if status == "open":
        reports = reports.filter(status__in=OPEN_STATUSES)
    elif status == "closed":
        reports = reports.exclude(status__in=OPEN_STATUSES)
    end = end or timezone.now()
    start = start or end - DEFAULT_WINDOW
    return reports.filter(requested_at__gte=start, requested_at__lte=end)[:MAX_RESULTS]


def report_row(*, report_id: int) -> dict[str, Any] | None:
    return _rows().filter(pk=report_id).first()


def report_get(*, report_id: int) -> Report | None:
    return _public().filter(pk=report_id).first()


def report_private(*, report: Report) -> dict[str, Any] | None:
    """What only the institution handling the report sees: where exactly, and whom to tell."""
    row = (
        Report.objects.filter(pk=report.pk)
        .values(
            "address",
            "zipcode",
            "exact_lat",
            "exact_long",
            "first_name",
            "last_name",
            "email",
            "phone",
            "media_link",
        )
        .first()
    )
    return dict(row) if row else None


def report_by_token(*, token: str) -> Report | None:
    return Report.objects.only("id", "token").filter(token=token).first()


def report_public_list(*, category: str = "", status: str = "") -> QuerySet[Report]:
    reports = _public()
    if category:
        reports = reports.filter(category__code=category)
    if status == "open":
        reports = reports.filter(status__in=OPEN_STATUSES)
    elif status == "closed":
        reports = reports.exclude(status__in=OPEN_STATUSES)
    return reports


def report_events(*, report: Report) -> QuerySet[ReportEvent]:
    return report.events.select_related("institution").only(
        "at", "from_status", "to_status", "note", "institution__name", "report_id"
    )


def report_photos(*, report: Report, with_hidden: bool = False) -> QuerySet[Photo]:
    """The report's photos; hidden ones only for those who may see why they were hidden."""
    photos = report.photos.filter(cleaned=True).only(
        "id", "width", "height", "hidden_at", "hidden_reason", "report_id"
    )
    return photos if with_hidden else photos.filter(hidden_at__isnull=True)


def photo_get(*, photo_id: int) -> Photo | None:
    return (
        Photo.objects.select_related("report", "inspection__public_work")
        .only(
            "image",
            "hidden_at",
            "report__institution_id",
            "inspection__public_work__institution_id",
        )
        .filter(pk=photo_id, cleaned=True)
        .first()
    )


def complaint_subject_get(*, work_id: int) -> ComplaintSubject | None:
    """The public work a complaint is about, read through `Report.public_work`: reports knows
    the model the field points at without importing the comptrollership app."""
    works = Report._meta.get_field("public_work").related_model._default_manager
    found = (
        works.select_related("institution", "municipality")
        .only("name", "institution__name", "municipality__name")
        .filter(pk=work_id)
        .first()
    )
    return cast(ComplaintSubject | None, found)


def report_queue(*, organization_ids: list[int] | None) -> QuerySet[Report]:
    """The open reports routed to these institutions (None: all), the most urgent first."""
    reports = _public().filter(status__in=OPEN_STATUSES)
    if organization_ids is not None:
        reports = reports.filter(institution_id__in=organization_ids)
    return reports.order_by("expected_at", "pk")


def category_choices() -> QuerySet[Category]:
    return (
        Category.objects.filter(is_active=True)
        .select_related("institution")
        .only("code", "name", "description", "group", "response_days", "institution__name")
    )
