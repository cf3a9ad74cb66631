"""JSON API of consultations, proposals (no personal data), problems and working tables."""

import datetime as dt

from django.db.models import Case, F, Prefetch, QuerySet, When
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Router, Schema
from ninja.pagination import paginate

from cocrea.core.api_errors import LIST, ONE
from cocrea.core.queries import filter_given
from cocrea.participation.models import Consultation, Problem, Proposal, WorkingTable
from cocrea.participation.selectors import with_visible_total
from cocrea.plans.models import PlanStatus
from cocrea.plans.selectors import public_commitments

router = Router(tags=["consulta y cocreación"])


class ConsultationOut(Schema):
    id: int
    exercise_id: int
    plan_id: int | None
    title: str
    slug: str
    description: str
    opens_at: dt.datetime
    closes_at: dt.datetime
    supports_per_participant: int
    proposal_count: int

    @staticmethod
    def resolve_plan_id(obj: Consultation) -> int | None:
        """None while the plan is a draft: drafts are not revealed, not even their id."""
        return obj.public_plan_id  # type: ignore[attr-defined,no-any-return]

    @staticmethod
    def resolve_proposal_count(obj: Consultation) -> int:
        """The proposals the public sees (hidden ones are out of every figure)."""
        return int(obj.visible_total)  # type: ignore[attr-defined]


class ProposalOut(Schema):
    """What is public of a proposal: never who wrote or supported it."""

    id: int
    consultation_id: int
    title: str
    body: str
    axis: str | None
    place: str
    created_at: dt.datetime
    support_count: int
    status: str
    response: str
    problem_id: int | None
    commitment_id: int | None

    @staticmethod
    def resolve_axis(obj: Proposal) -> str | None:
        return obj.axis.name if obj.axis else None

    @staticmethod
    def resolve_commitment_id(obj: Proposal) -> int | None:
        """None while the commitment is not public (a draft plan's, or unpublished)."""
        return obj.public_commitment_id  # type: ignore[attr-defined,no-any-return]


class TableOut(Schema):
    id: int
    held_on: dt.date
    place: str
    government: int
    civil_society: int
    guarantor: int
    others: int
    outcome: str
    minutes_url: str

    @staticmethod
    def resolve_minutes_url(obj: WorkingTable) -> str:
        """The uploaded minutes (served by the platform) or, without them, the link given."""
        if obj.minutes:
            return reverse(
                "participation:table_minutes",
                args=[obj.consultation.exercise.slug, obj.consultation.slug, obj.pk],
            )
        return obj.minutes_url


class ProblemOut(Schema):
    id: int
    consultation_id: int
    title: str
    description: str
    proposal_ids: list[int]
    commitment_ids: list[int]
    tables: list[TableOut]

    @staticmethod
    def resolve_proposal_ids(obj: Problem) -> list[int]:
        return [p.pk for p in obj.proposals.all()]  # the visible ones (see _problems)

    @staticmethod
    def resolve_commitment_ids(obj: Problem) -> list[int]:
        return [c.pk for c in obj.commitments.all()]  # the public ones (see _problems)


def _visible_proposals() -> QuerySet[Proposal]:
    public = When(commitment__in=public_commitments(), then=F("commitment_id"))
    return (
        Proposal.objects.filter(is_hidden=False)
        .select_related("axis")
        .annotate(public_commitment_id=Case(public, default=None))
        .order_by("-support_count", "-id")
    )


def _consultations() -> QuerySet[Consultation]:
    draft = When(plan__status=PlanStatus.DRAFT, then=None)
    return with_visible_total().annotate(public_plan_id=Case(draft, default=F("plan_id")))


@router.get(
    "/consultations", response={200: list[ConsultationOut], **LIST}, summary="Consultas públicas"
)
@paginate
def consultations(request: HttpRequest, exercise: int | None = None) -> object:
    return filter_given(_consultations().order_by("-opens_at", "-id"), exercise_id=exercise)


@router.get(
    "/consultations/{consultation_id}",
    response={200: ConsultationOut, **ONE},
    summary="Una consulta",
)
def consultation(request: HttpRequest, consultation_id: int) -> Consultation:
    return get_object_or_404(_consultations(), pk=consultation_id)


@router.get(
    "/proposals",
    response={200: list[ProposalOut], **LIST},
    summary="Propuestas (sin datos personales)",
)
@paginate
def proposals(
    request: HttpRequest,
    consultation: int | None = None,
    status: str = "",
    problem: int | None = None,
) -> object:
    return filter_given(
        _visible_proposals(), consultation_id=consultation, status=status, problem_id=problem
    )


@router.get("/proposals/{proposal_id}", response={200: ProposalOut, **ONE}, summary="Una propuesta")
def proposal(request: HttpRequest, proposal_id: int) -> Proposal:
    return get_object_or_404(_visible_proposals(), pk=proposal_id)


def _tables() -> QuerySet[WorkingTable]:
    return WorkingTable.objects.select_related("consultation__exercise").prefetch_related(
        Prefetch("problems", queryset=Problem.objects.only("id").order_by("id"))
    )


def _problems() -> QuerySet[Problem]:
    return Problem.objects.prefetch_related(
        Prefetch(
            "proposals", queryset=Proposal.objects.filter(is_hidden=False).only("id", "problem_id")
        ),
        Prefetch("commitments", queryset=public_commitments().only("id").order_by("id")),
        Prefetch("tables", queryset=_tables().order_by("held_on", "id")),
    ).order_by("id")


@router.get(
    "/problems", response={200: list[ProblemOut], **LIST}, summary="Problemáticas identificadas"
)
@paginate
def problems(request: HttpRequest, consultation: int | None = None) -> object:
    return filter_given(_problems(), consultation_id=consultation)


@router.get("/problems/{problem_id}", response={200: ProblemOut, **ONE}, summary="Una problemática")
def problem(request: HttpRequest, problem_id: int) -> Problem:
    return get_object_or_404(_problems(), pk=problem_id)


class WorkingTableOut(TableOut):
    problem_id: int

    @staticmethod
    def resolve_problem_id(obj: WorkingTable) -> int:
        """Its first problem (a table works on one or more; every one has at least one)."""
        return min(p.pk for p in obj.problems.all())


@router.get(
    "/working-tables", response={200: list[WorkingTableOut], **LIST}, summary="Mesas de trabajo"
)
@paginate
def working_tables(request: HttpRequest, problem: int | None = None) -> object:
    return filter_given(_tables().order_by("held_on", "id"), problems=problem)


@router.get(
    "/working-tables/{table_id}",
    response={200: WorkingTableOut, **ONE},
    summary="Una mesa de trabajo",
)
def working_table(request: HttpRequest, table_id: int) -> WorkingTable:
    return get_object_or_404(_tables(), pk=table_id)
