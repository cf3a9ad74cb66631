"""Reads of the composed pages: what the home page and the top of an exercise's page show.

Each list is short and bounded (`SHOWN` rows, the 32 states), so the pages run the same number
of queries however many records there are.
"""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from django_stubs_ext import WithAnnotations

from cocrea.core.models import Territory
from cocrea.core.queries import related_count
from cocrea.exercises import selectors as exercise_selectors
from cocrea.exercises.models import Exercise
from cocrea.exercises.selectors import ExerciseOfState
from cocrea.participation import selectors as participation_selectors
from cocrea.participation.models import Consultation
from cocrea.plans import selectors as plan_selectors
from cocrea.plans.models import ActionPlan, Commitment, CommitmentStatus, PlanStatus
from cocrea.reports.models import Report

SHOWN = 6
DUE_SOON_DAYS = 90
CLOSED_COMMITMENTS = (CommitmentStatus.COMPLETED, CommitmentStatus.WITHDRAWN)


def open_consultations(*, now: dt.datetime, limit: int = SHOWN) -> list[Consultation]:
    """Consultations taking proposals and supports right now, the first to close first."""
    return list(
        participation_selectors.with_visible_total()
        .filter(opens_at__lte=now, closes_at__gt=now)
        .select_related("exercise")
        .only(
            "id",
            "title",
            "slug",
            "closes_at",
            "exercise__name",
            "exercise__slug",
            "exercise__time_zone",
            "proposal_count",
        )
        .order_by("closes_at", "pk")[:limit]
    )


def commitments_due(
    *, today: dt.date, days: int = DUE_SOON_DAYS, limit: int = SHOWN
) -> list[Commitment]:
    """Public commitments still open whose end date falls in the next `days` days."""
    return list(
        plan_selectors.public_commitments()
        .filter(end_on__gte=today, end_on__lte=today + dt.timedelta(days=days))
        .exclude(status__in=CLOSED_COMMITMENTS)
        .select_related("plan__exercise")
        .only(
            "id",
            "number",
            "title",
            "end_on",
            "status",
            "progress",
            "plan__number",
            "plan__exercise__name",
            "plan__exercise__slug",
        )
        .order_by("end_on", "pk")[:limit]
    )


def recent_reports(*, limit: int = SHOWN) -> list[Report]:
    """The latest citizens' reports, with only what anyone may see of them: their category,
    status, municipality and date (never who filed them, their text or where exactly)."""
    return list(
        Report.objects.select_related("category", "municipality")
        .only("id", "status", "requested_at", "category__name", "municipality__name")
        .order_by("-requested_at", "-pk")[:limit]
    )


@dataclass(frozen=True)
class OpenNow:
    """The top of the home page: what a citizen can take part in or follow today."""

    consultations: list[Consultation]
    due_soon: list[Commitment]
    reports: list[Report]
    due_soon_days: int = DUE_SOON_DAYS


def open_now() -> OpenNow:
    return OpenNow(
        consultations=open_consultations(now=timezone.now()),
        due_soon=commitments_due(today=timezone.localdate()),
        reports=recent_reports(),
    )


def national_states() -> "list[WithAnnotations[Territory, ExerciseOfState]]":
    """The 32 states with their latest exercise (one query; a fixed list, not paginated)."""
    return list(exercise_selectors.states_overview().order_by("name"))


def current_consultation(*, exercise: Exercise, now: dt.datetime) -> Consultation | None:
    """The exercise's consultation open now, or else the next one to open."""
    return (
        Consultation.objects.filter(exercise=exercise, closes_at__gt=now)
        .only("id", "title", "slug", "opens_at", "closes_at", "exercise_id")
        .order_by("opens_at", "pk")
        .first()
    )


def current_plan(*, exercise: Exercise) -> ActionPlan | None:
    """The exercise's latest public plan, with its published and late commitments counted."""
    return (
        ActionPlan.objects.filter(exercise=exercise)
        .exclude(status=PlanStatus.DRAFT)
        .only("id", "number", "name", "status", "progress", "exercise_id")
        .annotate(
            commitment_count=related_count(Commitment, "plan", is_published=True),
            late_count=related_count(
                Commitment, "plan", is_published=True, status=CommitmentStatus.LATE
            ),
        )
        .order_by("-number")
        .first()
    )
