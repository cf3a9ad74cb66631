"""Reads of information requests: the public list with its filters and search, a request's page
(its correspondence and attachments), an institution's page, who may see what, and the
moderation queue.

Search: the words typed, each in the title or the text (icontains, on every database). A stored
Spanish `search_vector` with its GIN index, as the search app keeps for other records, needs a
migration of the lead's; until then PostgreSQL also computes `SearchVector` on the fly only
when the list is already narrowed (see `_search`)."""

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.core.paginator import Page
from django.db import connection
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone

from cocrea.core.models import Organization
from cocrea.core.pagination import paginate
from cocrea.core.rules import is_platform_admin
from cocrea.plans.models import Theme
from cocrea.requests import clock, inbound
from cocrea.requests import rules as request_rules
from cocrea.requests.models import (
    RUNNING,
    EventKind,
    InboundMessage,
    InboundStatus,
    InformationRequest,
    InstitutionFollow,
    RequestAttachment,
    RequestEvent,
    RequestFollow,
    Side,
    Status,
    TransparencyUnit,
    Visibility,
)
from cocrea.requests.states import TRANSITIONS, allowed

MAX_QUERY = 200  # characters of a search
MAX_WORDS = 8
ROW_FIELDS = (
    "id",
    "title",
    "pseudonym",
    "status",
    "visibility",
    "filed_at",
    "due_on",
    "long_overdue_on",
    "is_example",
    "organization_id",
    "organization__name",
    "organization__slug",
    "topic_id",
    "topic__name",
)


def _flag(value: str) -> bool:
    return value.strip().lower() in {"1", "si", "sí", "true", "on"}


@dataclass(frozen=True)
class RequestFilters:
    """The list's filters, read from the address (unknown values ignored, never an error)."""

    institution: str = ""  # an organization's slug
    status: str = ""
    topic: str = ""  # a theme's slug
    delayed: bool = False
    q: str = ""

    @classmethod
    def of(cls, params: Mapping[str, Any]) -> "RequestFilters":
        status = str(params.get("estado", "") or "")
        query = " ".join(str(params.get("q", "") or "").replace("\x00", " ").split())
        return cls(
            institution=str(params.get("institucion", "") or "")[:100],
            status=status if status in Status.values else "",
            topic=str(params.get("tema", "") or "")[:120],
            delayed=_flag(str(params.get("retrasadas", "") or "")),
            q=query[:MAX_QUERY],
        )

    @property
    def active(self) -> bool:
        return bool(self.institution or self.status or self.topic or self.delayed or self.q)


def _search(qs: QuerySet[InformationRequest], text: str) -> QuerySet[InformationRequest]:
    words = text.split()[:MAX_WORDS]
    if connection.vendor == "postgresql":
        vector = SearchVector("title", "body", config="spanish")
        query = SearchQuery(text, config="spanish", search_type="websearch")
        return qs.annotate(search=vector).filter(search=query)
    condition = Q()
    for word in words:
        condition &= Q(title__icontains=word) | Q(body__icontains=word)
    return qs.filter(condition)


def delayed_q(today: dt.date) -> Q:
    """Requests whose answer is late: the clock runs and its due date passed."""
    return Q(status__in=RUNNING, due_on__lt=today)


def public_requests() -> QuerySet[InformationRequest]:
    """Published requests, as their rows show them (nothing personal: the pseudonym)."""
    return (
        InformationRequest.objects.filter(visibility=Visibility.PUBLIC)
        .select_related("organization", "topic")
        .only(*ROW_FIELDS)
    )


def request_search(
    *, filters: RequestFilters, today: dt.date | None = None
) -> QuerySet[InformationRequest]:
    today = today or timezone.localdate()
    qs = public_requests()
    if filters.institution:
        qs = qs.filter(organization__slug=filters.institution)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.topic:
        qs = qs.filter(topic__slug=filters.topic)
    if filters.delayed:
        qs = qs.filter(delayed_q(today))
    if filters.q:
        qs = _search(qs, filters.q)
    return qs.order_by("-filed_at", "-id")


def request_list_page(*, request: HttpRequest, filters: RequestFilters) -> Page[InformationRequest]:
    """One page of the public list (a COUNT and the page's rows)."""
    return paginate(request, request_search(filters=filters), deferred=True)


def filter_institutions() -> QuerySet[Organization]:
    """The bodies with at least one published request (the list's institution filter)."""
    published = InformationRequest.objects.filter(
        organization=OuterRef("pk"), visibility=Visibility.PUBLIC
    )
    return Organization.objects.filter(Exists(published)).only("name", "slug").order_by("name")


def filter_topics() -> QuerySet[Theme]:
    return Theme.objects.filter(is_active=True).only("name", "slug").order_by("name")


def filing_organizations() -> QuerySet[Organization]:
    """Every body of the catalogue, by name (the filing form's choice)."""
    return Organization.objects.only("name", "slug").order_by("name", "pk")


# A request's page


def request_get(*, request_id: int) -> InformationRequest | None:
    return (
        InformationRequest.objects.select_related(
            "organization__territory__parent", "topic", "profile"
        )
        .filter(pk=request_id)
        .first()
    )


def may_see(*, user: Any, info_request: InformationRequest) -> bool:
    """Published requests are public; pending or hidden ones only for their requester, the
    body's liaisons, its guarantors and the admins."""
    if info_request.visibility == Visibility.PUBLIC:
        return True
    return bool(
        user.has_perm("requests.requester_step", info_request)
        or user.has_perm("requests.institution_step", info_request)
        or user.has_perm("requests.moderate", info_request)
    )


def request_events(*, info_request: InformationRequest) -> list[RequestEvent]:
    """The correspondence in order, with each step's attachments and the body it was referred
    to (the hidden ones too: pages show their reason instead)."""
    attachments = RequestAttachment.objects.only("id", "event_id", "file", "name", "size")
    return list(
        RequestEvent.objects.filter(request=info_request)
        .select_related("referred_to")
        .defer("actor", "referred_to__description")
        .prefetch_related(Prefetch("attachments", queryset=attachments))
        .order_by("at", "id")
    )


def is_following(*, user: Any, info_request: InformationRequest) -> bool:
    if not user.is_authenticated:
        return False
    return RequestFollow.objects.filter(user=user, request=info_request).exists()


def is_overdue(info_request: InformationRequest, today: dt.date) -> bool:
    due = info_request.due_on
    return info_request.status in RUNNING and due is not None and due < today


def viewer_sides(*, user: Any, info_request: InformationRequest) -> set[Side]:
    sides: set[Side] = set()
    if user.has_perm("requests.requester_step", info_request):
        sides.add(Side.REQUESTER)
    if user.has_perm("requests.institution_step", info_request):
        sides.add(Side.INSTITUTION)
    if user.has_perm("requests.guarantor_step", info_request):
        sides.add(Side.GUARANTOR)
    return sides


def available_steps(
    *, user: Any, info_request: InformationRequest, today: dt.date | None = None
) -> list[EventKind]:
    """The steps the viewer may take now: their side's, from the request's status (an appeal
    of a silence only once it is late)."""
    today = today or timezone.localdate()
    sides = viewer_sides(user=user, info_request=info_request)
    status = Status(info_request.status)
    kinds = []
    for kind, transition in TRANSITIONS.items():
        if transition.side not in sides or not allowed(kind, status):
            continue
        silence = kind == EventKind.APPEALED and status in RUNNING
        if silence and not is_overdue(info_request, today):
            continue
        kinds.append(kind)
    return kinds


# An institution's page


def institution_get(*, slug: str) -> Organization | None:
    return Organization.objects.filter(slug=slug).first()


def transparency_unit(*, organization: Organization) -> TransparencyUnit | None:
    return TransparencyUnit.objects.filter(organization=organization).first()


def institution_requests_page(
    *, request: HttpRequest, organization: Organization
) -> Page[InformationRequest]:
    qs = public_requests().filter(organization=organization).order_by("-filed_at", "-id")
    return paginate(request, qs, deferred=True)


def is_following_institution(*, user: Any, organization: Organization) -> bool:
    if not user.is_authenticated:
        return False
    return InstitutionFollow.objects.filter(user=user, organization=organization).exists()


# Moderation


def _moderated_by(user: Any) -> Q | None:
    """The requests `user` moderates (None: none)."""
    if is_platform_admin(user):
        return Q()
    # The rules' memoised guarantor states (None: the whole country).
    states = request_rules._guarantor_states(user)
    if not states:
        return None
    if None in states:
        return Q()
    ids = [state for state in states if state is not None]
    return Q(organization__territory_id__in=ids) | Q(organization__territory__parent_id__in=ids)


def moderation_queue_page(*, request: HttpRequest, user: Any) -> Page[InformationRequest] | None:
    """Requests waiting to be published that `user` may moderate, the oldest first."""
    scope = _moderated_by(user)
    if scope is None:
        return None
    qs = (
        InformationRequest.objects.filter(scope, visibility=Visibility.PENDING)
        .select_related("organization", "topic")
        .only(*ROW_FIELDS, "body")
        .order_by("filed_at", "id")
    )
    return paginate(request, qs)


# The clock box


@dataclass(frozen=True)
class Clock:
    due_on: dt.date | None
    running: bool
    days_left: int | None  # working days to the due date; negative: working days late
    late: bool
    very_late: bool
    clarification_due_on: dt.date | None
    appeal_due_on: dt.date | None

    @property
    def days_late(self) -> int:
        return -self.days_left if self.days_left is not None and self.days_left < 0 else 0


def clock_of(info_request: InformationRequest, today: dt.date | None = None) -> Clock:
    """What the request's clock box shows, from the dates `clock.py` stored; the working days
    left (or late) counted with the body's calendar (three queries)."""
    today = today or timezone.localdate()
    running = info_request.status in RUNNING
    due = info_request.due_on
    days_left = None
    if running and due is not None:
        calendar = clock.calendar_for(info_request.organization, min(today, due), max(today, due))
        days_left = clock.working_days_between(today, due, calendar.is_off)
    return Clock(
        due_on=due,
        running=running,
        days_left=days_left,
        late=clock.is_delayed(info_request, today),
        very_late=clock.is_long_overdue(info_request, today),
        clarification_due_on=info_request.clarification_due_on,
        appeal_due_on=info_request.appeal_due_on,
    )


# Quarantined mail


def inbound_queue_page(*, request: HttpRequest, user: Any) -> Page[InboundMessage] | None:
    """Quarantined e-mail `user` reviews (None: none): an admin, all of it; a guarantor's
    liaison, what was for a request it moderates (mail for no request only the admins)."""
    scope = _moderated_by(user)
    if scope is None:
        return None
    qs = InboundMessage.objects.filter(status=InboundStatus.QUARANTINED)
    if not is_platform_admin(user):
        ids = InformationRequest.objects.filter(scope).values("pk")
        qs = qs.filter(request__in=ids)
    fields = ("received_at", "mail_from", "rcpt_to", "subject", "size", "reason", "request_id")
    return paginate(request, qs.only(*fields).order_by("-received_at", "-id"))


def inbound_get(*, message_id: int) -> InboundMessage | None:
    return InboundMessage.objects.select_related("request").filter(pk=message_id).first()


def inbound_text(message: InboundMessage) -> str:
    """The readable text of a quarantined message, for the moderator to judge it ("" when the
    original is gone or unreadable)."""
    try:
        with message.raw.open("rb") as handle:
            raw = handle.read()
        return inbound.message_parse(raw, strict=False).body
    except Exception:  # a malformed message shows no text; the page says so
        return ""
