"""JSON API of plans, commitments and milestones; institutions write progress with a key."""

import datetime as dt
from decimal import Decimal
from typing import Literal

from django.http import HttpRequest
from django.urls import reverse
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from cocrea.core.api_auth import lead_institution_key, request_key
from cocrea.core.api_errors import LIST, ONE
from cocrea.core.api_helpers import key_reason, key_write, refusals_as_400
from cocrea.core.models import ApiKey
from cocrea.plans import selectors, services
from cocrea.plans.models import OGP_VALUES, PILLARS, ActionPlan, Commitment, Evidence, Milestone

router = Router(tags=["planes y compromisos"])


class Ref(Schema):
    id: int
    name: str
    slug: str


class PlanOut(Schema):
    id: int
    exercise: Ref
    number: int
    name: str
    period_start: dt.date | None
    period_end: dt.date | None
    period_label: str
    status: str
    progress: Decimal
    commitment_count: int
    url: str

    @staticmethod
    def resolve_url(obj: ActionPlan) -> str:
        return reverse("plans:plan_detail", args=[obj.exercise.slug, obj.number])


class PlanDetail(PlanOut):
    objective: str
    description: str


class CommitmentOut(Schema):
    id: int
    plan_id: int
    number: int
    title: str
    status: str
    progress: Decimal
    lead_institution: Ref
    responsible_person: str
    theme: str | None
    pillars: list[str]
    ogp_values: list[str]
    start_on: dt.date | None
    end_on: dt.date | None
    is_example: bool

    @staticmethod
    def resolve_theme(obj: Commitment) -> str | None:
        return obj.theme.name if obj.theme else None

    @staticmethod
    def resolve_pillars(obj: Commitment) -> list[str]:
        return [key for key, (field, _label) in PILLARS.items() if getattr(obj, field)]

    @staticmethod
    def resolve_ogp_values(obj: Commitment) -> list[str]:
        return [key for key, (field, _label) in OGP_VALUES.items() if getattr(obj, field)]


class EvidenceOut(Schema):
    id: int
    description: str
    url: str
    has_file: bool
    created_at: dt.datetime
    is_example: bool

    @staticmethod
    def resolve_has_file(obj: object) -> bool:
        return bool(obj.file)  # type: ignore[attr-defined]


class MilestoneOut(Schema):
    id: int
    commitment_id: int
    number: int
    deliverable: str
    responsible: str
    start_on: dt.date | None
    end_on: dt.date | None
    weight: Decimal | None
    status: str
    progress: int
    completed_on: dt.date | None
    is_example: bool
    evidence: list[EvidenceOut]


class SdgOut(Schema):
    number: int
    name: str


class CommitmentDetail(CommitmentOut):
    problem: str
    status_quo: str
    objective: str
    how_it_solves: str
    ambition: str
    responsible_position: str
    supporting_institutions: list[Ref]
    sdgs: list[SdgOut]
    milestones: list[MilestoneOut]


class CommitmentQuery(Schema):
    plan: int | None = None
    exercise: int | None = None
    theme: str = Field("", description="Identificador de la temática")
    pillar: Literal["", "transparency", "accountability", "participation", "innovation"] = ""
    institution: str = Field("", description="Identificador de la institución responsable")
    status: Literal["", "not_started", "in_progress", "completed", "withdrawn"] = ""


class MilestoneUpdate(Schema):
    progress: int | None = Field(None, ge=0, le=100)
    status: Literal["not_started", "in_progress", "completed", "cancelled"] | None = None
    completed_on: dt.date | None = None


class EvidenceIn(Schema):
    description: str = Field(..., min_length=1, max_length=300)
    url: str = Field(..., min_length=1, max_length=200, pattern=r"^https?://")


@router.get("/plans", response={200: list[PlanOut], **LIST}, summary="Planes de acción")
@paginate
def plans(request: HttpRequest, exercise: int | None = None) -> object:
    return selectors.plan_search(exercise_id=exercise)


@router.get("/plans/{plan_id}", response={200: PlanDetail, **ONE}, summary="Un plan de acción")
def plan(request: HttpRequest, plan_id: int) -> ActionPlan:
    return selectors.public_plan(plan_id=plan_id)


@router.get("/commitments", response={200: list[CommitmentOut], **LIST}, summary="Compromisos")
@paginate
def commitments(request: HttpRequest, query: Query[CommitmentQuery]) -> object:
    filters = selectors.CommitmentFilters(
        theme=query.theme, pillar=query.pillar, institution=query.institution, status=query.status
    )
    return selectors.commitment_search(
        plan_id=query.plan, exercise_id=query.exercise, filters=filters
    )


@router.get(
    "/commitments/{commitment_id}", response={200: CommitmentDetail, **ONE}, summary="Un compromiso"
)
def commitment(request: HttpRequest, commitment_id: int) -> Commitment:
    return selectors.public_commitment(commitment_id=commitment_id)


@router.get("/milestones/{milestone_id}", response={200: MilestoneOut, **ONE}, summary="Un hito")
def milestone(request: HttpRequest, milestone_id: int) -> Milestone:
    return selectors.public_milestone(milestone_id=milestone_id)


def _own_milestone(request: HttpRequest, milestone_id: int) -> tuple[Milestone, ApiKey]:
    """What the web does for the institution's liaison: 404 for a milestone it may not see (a
    draft plan's, another institution's unpublished commitment's), then 403 if not its own."""
    organization_id = request_key(request).organization_id
    milestone = selectors.public_milestone(
        milestone_id=milestone_id, organization_id=organization_id
    )
    return milestone, lead_institution_key(request, milestone.commitment.lead_institution_id)


@key_write(
    router,
    "PATCH",
    "/milestones/{milestone_id}",
    status=200,
    schema=MilestoneOut,
    summary="Reportar el avance de un hito (llave de API de la institución responsable)",
)
def milestone_update(
    request: HttpRequest, milestone_id: int, payload: MilestoneUpdate
) -> Milestone:
    milestone, key = _own_milestone(request, milestone_id)
    fields = payload.dict(exclude_unset=True)
    with refusals_as_400():
        services.milestone_save(actor=None, milestone=milestone, reason=key_reason(key), **fields)
    return selectors.public_milestone(
        milestone_id=milestone_id, organization_id=key.organization_id
    )


@key_write(
    router,
    "POST",
    "/milestones/{milestone_id}/evidence",
    status=201,
    schema=EvidenceOut,
    summary="Agregar evidencia (enlace) a un hito (llave de API de la institución responsable)",
)
def evidence_create(
    request: HttpRequest, milestone_id: int, payload: EvidenceIn
) -> Status[Evidence]:
    milestone, key = _own_milestone(request, milestone_id)
    with refusals_as_400():
        evidence = services.evidence_add(
            actor=None, milestone=milestone, **payload.dict(), reason=key_reason(key)
        )
    return Status(201, evidence)
