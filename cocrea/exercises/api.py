"""JSON API of exercises, secretariats, their members and sessions (read-only)."""

import datetime as dt

from django.http import HttpRequest
from django.urls import reverse
from ninja import Router, Schema
from ninja.pagination import paginate

from cocrea.core.api import TerritoryRef
from cocrea.core.api_errors import LIST, ONE
from cocrea.exercises import selectors
from cocrea.exercises.models import (
    Exercise,
    SecretariatMember,
    SecretariatSession,
    Stage,
)

router = Router(tags=["ejercicios y secretariados"])


class StageOut(Schema):
    stage: str
    label: str
    reached_on: dt.date | None
    note: str

    @staticmethod
    def resolve_label(obj: object) -> str:
        return str(obj.get_stage_display())  # type: ignore[attr-defined]


class ExerciseOut(Schema):
    id: int
    slug: str
    name: str
    territory: TerritoryRef
    stage: str
    stage_label: str
    joined_on: dt.date | None
    url: str

    @staticmethod
    def resolve_stage_label(obj: Exercise) -> str:
        return str(obj.get_stage_display())

    @staticmethod
    def resolve_url(obj: Exercise) -> str:
        return reverse("exercises:exercise_detail", args=[obj.slug])


class ExerciseDetail(ExerciseOut):
    description: str
    website: str
    stages: list[StageOut]

    @staticmethod
    def resolve_stages(obj: Exercise) -> list[object]:
        return selectors.exercise_stages(exercise=obj)  # type: ignore[return-value]


class SecretariatRef(Schema):
    id: int
    name: str


class OrganizationRef(Schema):
    id: int
    name: str
    slug: str


class MemberOut(Schema):
    id: int
    secretariat: SecretariatRef
    person_name: str
    organization: OrganizationRef | None
    sector: str
    role: str
    position: str
    designated_on: dt.date | None
    ceased_on: dt.date | None


class AttendanceOut(Schema):
    sector: str
    present: int


class SessionOut(Schema):
    id: int
    secretariat: SecretariatRef
    kind: str
    number: int
    held_on: dt.date
    place: str
    summary: str
    attendance: list[AttendanceOut]
    agreement_count: int
    minutes_url: str | None

    @staticmethod
    def resolve_minutes_url(obj: SecretariatSession) -> str | None:
        if not obj.minutes:
            return None
        slug = obj.secretariat.exercise.slug  # exercise is selected with the secretariat
        return reverse("exercises:session_minutes", args=[slug, obj.pk])


class AgreementOut(Schema):
    id: int
    number: str
    text: str
    responsible: str
    due_on: dt.date | None
    status: str


class SessionDetail(SessionOut):
    agreements: list[AgreementOut]


@router.get("/exercises", response={200: list[ExerciseOut], **LIST}, summary="Ejercicios")
@paginate
def exercises(request: HttpRequest, stage: Stage | None = None, level: str = "") -> object:
    return selectors.exercise_list(stage=stage or "", level=level)


@router.get(
    "/exercises/{exercise_id}", response={200: ExerciseDetail, **ONE}, summary="Un ejercicio"
)
def exercise(request: HttpRequest, exercise_id: int) -> Exercise:
    return selectors.exercise_get(pk=exercise_id)


@router.get(
    "/secretariat-members",
    response={200: list[MemberOut], **LIST},
    summary="Integrantes de secretariados",
)
@paginate
def secretariat_members(
    request: HttpRequest, exercise: int | None = None, active: bool | None = None
) -> object:
    """`exercise` filtra por ejercicio; `active=true` deja solo a quienes siguen en funciones."""
    return selectors.member_search(exercise_id=exercise, active=active)


@router.get(
    "/secretariat-members/{member_id}", response={200: MemberOut, **ONE}, summary="Un integrante"
)
def secretariat_member(request: HttpRequest, member_id: int) -> SecretariatMember:
    return selectors.member_by_id(member_id=member_id)


@router.get(
    "/secretariat-sessions",
    response={200: list[SessionOut], **LIST},
    summary="Sesiones de secretariados",
)
@paginate
def secretariat_sessions(request: HttpRequest, exercise: int | None = None) -> object:
    return selectors.session_search(exercise_id=exercise)


@router.get(
    "/secretariat-sessions/{session_id}",
    response={200: SessionDetail, **ONE},
    summary="Una sesión y sus acuerdos",
)
def secretariat_session(request: HttpRequest, session_id: int) -> SecretariatSession:
    return selectors.session_by_id(session_id=session_id)
