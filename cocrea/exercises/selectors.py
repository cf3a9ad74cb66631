"""Reads of exercises, secretariats and sessions. Every list declares its queries."""

from dataclasses import dataclass
from typing import TypedDict

from django.db.models import Count, Max, OuterRef, Q, QuerySet, Subquery
from django.shortcuts import get_object_or_404
from django_stubs_ext import WithAnnotations

from cocrea.core.models import Organization, Territory, TerritoryLevel, User
from cocrea.core.queries import filter_given, related_count
from cocrea.exercises.models import (
    Agreement,
    Exercise,
    ExerciseMembership,
    ProgramCut,
    Secretariat,
    SecretariatMember,
    SecretariatSession,
    Stage,
    StageReached,
)


def exercise_roles_of(*, user: User, exercise: Exercise) -> set[str]:
    """The active roles of `user` in `exercise`, memoised on the user for the request."""
    cache: dict[int, set[str]] = user.__dict__.setdefault("_exercise_roles", {})
    if exercise.pk not in cache:
        cache[exercise.pk] = set(
            ExerciseMembership.objects.filter(
                user=user, exercise=exercise, is_active=True
            ).values_list("role", flat=True)
        )
    return cache[exercise.pk]


def exercise_list(*, stage: str = "", level: str = "") -> QuerySet[Exercise]:
    qs = Exercise.objects.select_related("territory").only(
        "id",
        "name",
        "slug",
        "stage",
        "joined_on",
        "territory__name",
        "territory__inegi_code",
        "territory__iso_code",
        "territory__level",
        "territory__slug",
    )
    return filter_given(qs, stage=stage, territory__level=level)


def exercise_get(*, slug: str | None = None, pk: int | None = None) -> Exercise:
    lookup = {"slug": slug} if slug is not None else {"pk": pk}
    return get_object_or_404(Exercise.objects.select_related("territory"), **lookup)


def exercise_stages(*, exercise: Exercise) -> list[StageReached]:
    reached = {s.stage: s for s in exercise.stages.all()}
    return [reached[value] for value in Stage.values if value in reached]


@dataclass(frozen=True)
class NationalPicture:
    states: int
    with_exercise: int
    with_secretariat: int
    with_plan: int


def _latest_state_exercise(field: str) -> Subquery:
    return Subquery(
        Exercise.objects.filter(territory=OuterRef("pk")).order_by("-id").values(field)[:1]
    )


def national_picture() -> NationalPicture:
    """The states' picture, computed from the exercises (one query)."""
    states = Exercise.objects.filter(territory__level=TerritoryLevel.STATE)
    figures = states.aggregate(
        with_exercise=Count("territory", distinct=True),
        with_secretariat=Count(
            "territory",
            distinct=True,
            filter=Q(stage__in=Stage.at_least(Stage.SECRETARIAT_INSTALLED)),
        ),
        with_plan=Count(
            "territory", distinct=True, filter=Q(stage__in=Stage.at_least(Stage.PLAN_PUBLISHED))
        ),
    )
    return NationalPicture(states=32, **figures)


class ExerciseOfState(TypedDict):
    """What `states_overview` annotates on each state: its latest exercise, if it has one."""

    exercise_slug: str | None
    exercise_name: str | None
    exercise_stage: str | None


def states_overview() -> "QuerySet[WithAnnotations[Territory, ExerciseOfState]]":
    """The 32 states, each with its exercise's name, slug and stage (or none)."""
    return (
        Territory.objects.filter(level=TerritoryLevel.STATE)
        .only("id", "name", "inegi_code", "iso_code", "slug")
        .annotate(
            exercise_slug=_latest_state_exercise("slug"),
            exercise_name=_latest_state_exercise("name"),
            exercise_stage=_latest_state_exercise("stage"),
        )
        .order_by("inegi_code")
    )


def program_cuts() -> QuerySet[ProgramCut]:
    return ProgramCut.objects.prefetch_related("with_plan").order_by("-as_of")


def secretariat_list(*, exercise: Exercise) -> QuerySet[Secretariat]:
    active_members = related_count(
        SecretariatMember,
        "secretariat",
        secretariat__is_active=True,
        ceased_on__isnull=True,
    )
    return exercise.secretariats.annotate(active_members=active_members)


def secretariat_get(*, exercise: Exercise, secretariat_id: int) -> Secretariat:
    return get_object_or_404(Secretariat, exercise=exercise, pk=secretariat_id)


def member_list(
    *, secretariat: Secretariat, include_ceased: bool = True
) -> QuerySet[SecretariatMember]:
    qs = SecretariatMember.objects.filter(secretariat=secretariat).select_related("organization")
    if not include_ceased:
        qs = qs.filter(ceased_on__isnull=True)
    return qs.order_by("ceased_on", "sector", "role", "id")


def member_search(*, exercise_id: int | None, active: bool | None) -> QuerySet[SecretariatMember]:
    qs = SecretariatMember.objects.select_related("secretariat", "organization").order_by("id")
    qs = filter_given(qs, secretariat__exercise_id=exercise_id)
    if active is not None:
        qs = qs.filter(ceased_on__isnull=active)
    return qs


def member_by_id(*, member_id: int) -> SecretariatMember:
    return get_object_or_404(
        SecretariatMember.objects.select_related("secretariat", "organization"), pk=member_id
    )


def member_get(*, exercise: Exercise, member_id: int) -> SecretariatMember:
    return get_object_or_404(
        SecretariatMember.objects.select_related("secretariat", "organization"),
        secretariat__exercise=exercise,
        pk=member_id,
    )


def _sessions() -> QuerySet[SecretariatSession]:
    return (
        SecretariatSession.objects.select_related("secretariat__exercise")
        .prefetch_related("attendance")
        .annotate(agreement_count=related_count(Agreement, "session"))
    )


def session_list(*, exercise: Exercise) -> QuerySet[SecretariatSession]:
    return _sessions().filter(secretariat__exercise=exercise)


def session_search(*, exercise_id: int | None) -> QuerySet[SecretariatSession]:
    qs = _sessions().order_by("-held_on", "-id")
    return filter_given(qs, secretariat__exercise_id=exercise_id)


def session_get(*, exercise: Exercise, session_id: int) -> SecretariatSession:
    return get_object_or_404(session_list(exercise=exercise), pk=session_id)


def session_by_id(*, session_id: int) -> SecretariatSession:
    return get_object_or_404(_sessions().prefetch_related("agreements"), pk=session_id)


def agreement_list(*, session: SecretariatSession) -> QuerySet[Agreement]:
    return Agreement.objects.filter(session=session).order_by("id")


def agreement_get(*, session: SecretariatSession, agreement_id: int) -> Agreement:
    return get_object_or_404(Agreement, session=session, pk=agreement_id)


def seats_of(*, organization: Organization) -> QuerySet[SecretariatMember]:
    """The secretariat seats an organization holds or held, with their exercise."""
    return (
        SecretariatMember.objects.filter(organization=organization)
        .select_related("secretariat__exercise")
        .order_by("ceased_on", "-designated_on", "id")
    )


def membership_list(*, exercise: Exercise) -> QuerySet[ExerciseMembership]:
    return (
        ExerciseMembership.objects.filter(exercise=exercise)
        .select_related("user")
        .only("id", "role", "sector", "is_active", "user__email", "user__public_name")
        .order_by("-is_active", "role", "user__email")
    )


def membership_get(*, exercise: Exercise, membership_id: int) -> ExerciseMembership:
    return get_object_or_404(ExerciseMembership, exercise=exercise, pk=membership_id)


def national_version() -> tuple[object, ...]:
    """Moves whenever the national picture can change: an exercise, a member, an organization."""
    from cocrea.core.models import Organization

    return (
        Exercise.objects.aggregate(last=Max("updated_at"), n=Count("id")),
        SecretariatMember.history.aggregate(last=Max("history_id")),
        Organization.history.aggregate(last=Max("history_id")),
    )
