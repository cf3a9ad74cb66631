"""JSON API of access to information: the public requests and their visible steps. Never who
asked (only the pseudonym they chose), never who wrote a step (only its side), never the
request's reply address. A request that is not public answers like an id that does not exist."""

import datetime as dt
from typing import Literal

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from cocrea.core.api_errors import LIST, ONE
from cocrea.core.queries import filter_given
from cocrea.exercises.api import OrganizationRef
from cocrea.requests.models import RUNNING, InformationRequest, RequestEvent
from cocrea.requests.open_tables import public_requests, visible_events

router = Router(tags=["acceso a la información"])

SLUG = r"^[-a-zA-Z0-9_]*$"  # a NUL or a space names no record: refused as a 400, not queried
StatusFilter = Literal[
    "",
    "waiting",
    "clarification",
    "extended",
    "answered",
    "answered_full",
    "answered_partial",
    "not_held",
    "classified",
    "not_competent",
    "withdrawn",
    "under_appeal",
    "appeal_resolved",
    "complied",
]


class RequestEventOut(Schema):
    kind: str = Field(description="El paso: answered, extended, clarification_requested, rated…")
    side: str = Field(description="requester, institution, guarantor o platform; nunca la persona.")
    at: dt.datetime
    from_status: str
    to_status: str
    body: str


class InformationRequestOut(Schema):
    id: int
    url: str
    organization: OrganizationRef
    pseudonym: str = Field(description="El seudónimo que eligió quien pregunta (nunca su nombre).")
    title: str
    body: str
    topic: str | None = Field(description="El nombre del tema, si se indicó.")
    status: str
    channel: str = Field(description="platform, pnt u other.")
    folio: str
    filed_at: dt.datetime
    due_on: dt.date | None = Field(description="Vence el plazo de respuesta (días hábiles).")
    delayed: bool = Field(description="Sigue esperando respuesta con el plazo ya vencido.")
    answered_at: dt.datetime | None
    is_example: bool

    @staticmethod
    def resolve_url(obj: InformationRequest) -> str:
        return obj.get_absolute_url()

    @staticmethod
    def resolve_topic(obj: InformationRequest) -> str | None:
        return obj.topic.name if obj.topic else None

    @staticmethod
    def resolve_delayed(obj: InformationRequest) -> bool:
        return delayed(obj)


class InformationRequestDetail(InformationRequestOut):
    events: list[RequestEventOut] = Field(description="Los pasos visibles, en orden.")

    @staticmethod
    def resolve_events(obj: InformationRequest) -> list[RequestEvent]:
        return list(obj.visible_events)  # type: ignore[attr-defined]


class RequestQuery(Schema):
    organization: str = Field(
        "", max_length=70, pattern=SLUG, description="Identificador del sujeto obligado"
    )
    status: StatusFilter = ""


def delayed(request: InformationRequest, today: dt.date | None = None) -> bool:
    """Alaveteli's «delayed»: the response clock still runs and its deadline has passed."""
    today = today or timezone.localdate()
    return request.status in RUNNING and request.due_on is not None and request.due_on < today


def _requests() -> QuerySet[InformationRequest]:
    return (
        public_requests()
        .select_related("organization", "topic")
        .only(
            "id",
            "organization__name",
            "organization__slug",
            "pseudonym",
            "title",
            "body",
            "topic__name",
            "status",
            "channel",
            "folio",
            "filed_at",
            "due_on",
            "answered_at",
            "is_example",
        )
        .order_by("-filed_at", "-id")
    )


@router.get(
    "/information-requests",
    response={200: list[InformationRequestOut], **LIST},
    summary="Solicitudes de información públicas (sin datos personales)",
)
@paginate
def information_requests(request: HttpRequest, query: Query[RequestQuery]) -> object:
    return filter_given(_requests(), organization__slug=query.organization, status=query.status)


@router.get(
    "/information-requests/{request_id}",
    response={200: InformationRequestDetail, **ONE},
    summary="Una solicitud de información pública, con sus pasos visibles",
)
def information_request(request: HttpRequest, request_id: int) -> InformationRequest:
    events = visible_events().only(
        "id", "request_id", "kind", "side", "at", "from_status", "to_status", "body"
    )
    rows = _requests().prefetch_related(
        Prefetch("events", queryset=events.order_by("at", "id"), to_attr="visible_events")
    )
    return get_object_or_404(rows, pk=request_id)
