"""Reads of citizens' reports: only public fields leave through these querysets."""

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any, cast

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.template.defaultfilters import date as date_filter
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from cocrea.core.models import Organization, Territory, TerritoryLevel
from cocrea.core.selectors import administered_organization_ids, liaison_organization_ids
from cocrea.exercises.models import ExerciseRole
from cocrea.reports.calendar import state_of
from cocrea.reports.models import (
    OPEN_STATUSES,
    Category,
    CategoryAttribute,
    ComplaintSubject,
    Datatype,
    Holiday,
    Photo,
    Report,
    ReportEvent,
    ReportStatus,
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


def category_list(*, territory: Territory | None = None) -> QuerySet[Category]:
    """Open311 services: the active categories (one state's list when given)."""
    has_attributes = Exists(CategoryAttribute.objects.filter(category=OuterRef("pk")))
    categories = (
        Category.objects.filter(is_active=True)
        .only("code", "name", "description", "group", "keywords")
        .annotate(has_attributes=has_attributes)
    )
    return categories if territory is None else categories.filter(territory=territory)


def jurisdiction_get(*, raw: str) -> Territory | None:
    """Open311's jurisdiction_id: the country or a state, by slug (jalisco), ISO 3166-2 code
    (MX-JAL) or INEGI code (14)."""
    raw = raw.strip()[:40]
    return (
        list_territories()
        .filter(Q(slug=raw.lower()) | Q(iso_code=raw.upper()) | Q(inegi_code=raw))
        .first()
    )


def category_get(*, code: str) -> Category | None:
    attributes = Prefetch("attributes", queryset=CategoryAttribute.objects.order_by("order"))
    has_attributes = Exists(CategoryAttribute.objects.filter(category=OuterRef("pk")))
    found = (
        Category.objects.select_related("institution__territory", "territory")
        .prefetch_related(attributes)
        .annotate(has_attributes=has_attributes)
    )
    return found.filter(code=code, is_active=True).first()


def _public() -> QuerySet[Report]:
    # The state's code, in the same query: the report's times are read in its state's zone.
    state_code = Coalesce("municipality__inegi_code", "category__territory__inegi_code")
    return (
        Report.objects.select_related("category", "institution")
        .only(*PUBLIC_FIELDS, "public_work")
        .annotate(state_code=state_code)
    )


def complaints_about(*, work_id: int) -> QuerySet[Report]:
    """The complaints about a public work, the latest first (public fields only)."""
    return _public().filter(public_work_id=work_id)


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
    territory: Territory | None = None,
) -> QuerySet[Report, dict[str, Any]]:
    """Open311 GET requests: ids win over the other filters; otherwise the last 90 days."""
    reports = _rows()
    if territory is not None:
        reports = reports.filter(category__territory=territory)
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


def report_filed(*, report_id: int, token: str) -> Report | None:
    """The report just filed, for its receipt: found only with its token (what the filer was
    sent to), with its public fields and its category's time to answer."""
    try:
        token = str(uuid.UUID(token))
    except ValueError:
        return None
    return (
        _public()
        .select_related("category")
        .only(*PUBLIC_FIELDS, "public_work", "category__response_days")
        .filter(pk=report_id, token=token)
        .first()
    )


def report_public_list(*, category: str = "", status: str = "") -> QuerySet[Report]:
    """Public reports by category and status: a group ("open", "closed") or one status."""
    reports = _public()
    if category:
        reports = reports.filter(category__code=category)
    if status == "open":
        reports = reports.filter(status__in=OPEN_STATUSES)
    elif status == "closed":
        reports = reports.exclude(status__in=OPEN_STATUSES)
    elif status in ReportStatus.values:
        reports = reports.filter(status=status)
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
        works.select_related("institution__territory", "municipality").filter(pk=work_id).first()
    )
    return cast(ComplaintSubject | None, found)


def report_queue(*, organization_ids: list[int] | None, overdue: bool = False) -> QuerySet[Report]:
    """The open reports routed to these institutions (None: all), the most urgent first;
    `overdue`, only those past their due time. Each knows its category's list of days off."""
    reports = _public().filter(status__in=OPEN_STATUSES).annotate(list_id=F("category__territory"))
    if organization_ids is not None:
        reports = reports.filter(institution_id__in=organization_ids)
    if overdue:
        reports = reports.filter(expected_at__lt=timezone.now())
    return reports.order_by("expected_at", "pk")


def category_choices(*, territory: Territory | None = None) -> QuerySet[Category]:
    """Step 1 of filing: the active categories, state by state (one state's when given)."""
    categories = (
        Category.objects.filter(is_active=True)
        .select_related("institution", "territory")
        .only(
            "code",
            "name",
            "description",
            "group",
            "response_days",
            "institution__name",
            "territory__name",
            "territory__inegi_code",
        )
        .order_by("territory__inegi_code", "group", "name")
    )
    return categories if territory is None else categories.filter(territory=territory)


# Complaints about public works


def work_state(work: ComplaintSubject) -> Territory:
    """The state of a public work: its municipality's, or its institution's."""
    state = state_of(work.municipality) or state_of(work.institution.territory)
    assert state is not None
    return state


def complaint_categories(*, work: ComplaintSubject) -> QuerySet[Category]:
    """The categories a complaint about `work` may be filed in: those of the work's institution
    in the work's state (or the institution's national ones). The complaint goes to that
    institution and keeps the chosen category's deadline."""
    state = work_state(work)
    return category_choices().filter(
        Q(territory=state) | Q(territory__level=TerritoryLevel.NATIONAL),
        institution_id=work.institution.pk,
    )


# Who manages which categories and days off


@dataclass(frozen=True)
class Scope:
    """What an account may manage: everything (platform admin), its institutions' categories
    (liaisons), and the categories and days off of its exercises' territories (coordination)."""

    everything: bool = False
    institution_ids: frozenset[int] = frozenset()
    territories: tuple[Territory, ...] = ()

    def __bool__(self) -> bool:
        return self.everything or bool(self.institution_ids or self.territories)


def management_scope(*, user: Any) -> Scope:
    """The account's scope, memoised on the user for the request."""
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return Scope()
    cache = user.__dict__
    if "_report_scope" not in cache:
        coordinated = Territory.objects.filter(
            exercises__memberships__user=user,
            exercises__memberships__role=ExerciseRole.COORDINATOR,
            exercises__memberships__is_active=True,
        ).select_related("parent")
        cache["_report_scope"] = Scope(
            everything=bool(user.is_superuser),
            institution_ids=frozenset(
                liaison_organization_ids(user=user) | administered_organization_ids(user=user)
            ),
            territories=tuple(coordinated.distinct()),
        )
    scope: Scope = cache["_report_scope"]
    return scope


def _within(territory: Territory, prefix: str = "") -> Q:
    """Organizations (`prefix` before `territory`) placed inside `territory`."""
    if territory.level == TerritoryLevel.NATIONAL:
        return Q()
    if territory.level == TerritoryLevel.STATE:
        return Q(**{f"{prefix}territory": territory}) | Q(
            **{f"{prefix}territory__parent": territory}
        )
    return Q(**{f"{prefix}territory": territory})


def is_within(place: Territory, territory: Territory) -> bool:
    if territory.level == TerritoryLevel.NATIONAL:
        return True
    return place.pk == territory.pk or (
        territory.level == TerritoryLevel.STATE and place.parent_id == territory.pk
    )


def covers_category(scope: Scope, category: Category) -> bool:
    """Whether the scope covers this (possibly unsaved) category."""
    if scope.everything or category.institution_id in scope.institution_ids:
        return True
    for territory in scope.territories:
        state = state_of(territory)
        in_list = state is not None and category.territory_id == state.pk
        if in_list and is_within(category.institution.territory, territory):
            return True
    return False


def covers_territory(scope: Scope, territory: Territory | None) -> bool:
    """Whether the scope manages the days off of `territory` (None: the whole country)."""
    if scope.everything:
        return True
    if territory is None:
        return any(t.level == TerritoryLevel.NATIONAL for t in scope.territories)
    return any(t.pk == territory.pk for t in scope.territories)


def _categories_of(scope: Scope) -> Q:
    if scope.everything:
        return Q()
    covered = Q(institution_id__in=scope.institution_ids)
    for territory in scope.territories:
        state = state_of(territory)
        if state is not None:
            covered |= Q(territory=state) & _within(territory, "institution__")
    return covered


def institutions_for(*, scope: Scope) -> QuerySet[Organization]:
    """The institutions whose categories the scope may create."""
    organizations = Organization.objects.select_related("territory").order_by("name")
    if scope.everything:
        return organizations
    covered = Q(pk__in=scope.institution_ids)
    for territory in scope.territories:
        covered |= _within(territory)
    return organizations.filter(covered) if scope else organizations.none()


def list_territories() -> QuerySet[Territory]:
    """The lists categories and days off belong to: the country and its 32 states."""
    levels = (TerritoryLevel.NATIONAL, TerritoryLevel.STATE)
    return Territory.objects.filter(level__in=levels).only("name", "slug", "level", "inegi_code")


def list_territory_get(*, slug: str) -> Territory | None:
    return list_territories().filter(slug=slug).first()


def category_catalogue(*, scope: Scope, territory: Territory | None) -> QuerySet[Category]:
    """Categories with their deadline and number of questions: the active ones, and those the
    scope manages even when retired."""
    shown = Q(is_active=True) | _categories_of(scope) if scope else Q(is_active=True)
    categories = (
        Category.objects.filter(shown)
        .select_related("institution__territory", "territory")
        .annotate(questions=Count("attributes"))
        .order_by("territory__inegi_code", "group", "name")
    )
    return categories if territory is None else categories.filter(territory=territory)


def category_for_manager(*, code: str) -> Category | None:
    """A category (active or not) for the pages that manage it."""
    return (
        Category.objects.select_related("institution__territory", "territory")
        .filter(code=code)
        .first()
    )


def category_attributes(*, category: Category) -> QuerySet[CategoryAttribute]:
    return category.attributes.order_by("order", "code")


def attribute_get(*, category: Category, attribute_id: int) -> CategoryAttribute | None:
    return category.attributes.filter(pk=attribute_id).first()


def holiday_get(*, holiday_id: int) -> Holiday | None:
    return Holiday.objects.select_related("territory").filter(pk=holiday_id).first()


# Answers to a category's questions


def answer_shown(attribute: CategoryAttribute, answer: Any) -> str:
    """An answer in words: the options' names, a date as people read it."""
    values = answer if isinstance(answer, list) else [answer]
    if attribute.datatype in (Datatype.SINGLE, Datatype.MULTI):
        names = {str(v.get("key")): str(v.get("name")) for v in attribute.values}
        return ", ".join(names.get(str(value), str(value)) for value in values)
    if attribute.datatype == Datatype.DATETIME:
        moment = parse_datetime(str(answer))
        if moment is not None:
            moment = timezone.localtime(moment) if timezone.is_aware(moment) else moment
            return str(date_filter(moment, "j M Y, H:i"))
    return ", ".join(str(value) for value in values)


def report_answers(*, report: Report, public_only: bool) -> list[tuple[str, str]]:
    """The answers to the category's questions, each with its question, in the questions'
    order; only the public questions' for the public. An answer to a question since removed
    shows with its code, and only to whoever handles the report."""
    given: dict[str, Any] = (
        Report.objects.filter(pk=report.pk).values_list("attributes", flat=True).first() or {}
    )
    if not given:
        return []
    answers = []
    attributes = CategoryAttribute.objects.filter(category_id=report.category_id).order_by(
        "order", "code"
    )
    known = set()
    for attribute in attributes:
        known.add(attribute.code)
        if attribute.code in given and (attribute.is_public or not public_only):
            answers.append((attribute.description, answer_shown(attribute, given[attribute.code])))
    if not public_only:
        for code, answer in given.items():
            if code not in known:
                values = answer if isinstance(answer, list) else [answer]
                answers.append((code, ", ".join(str(v) for v in values)))
    return answers
