"""Traceability into the plan: the legislative processes that are the evidence of a commitment's
milestones, with their figures, for the commitment page (pages reads it; plans cannot).

One query whatever the number of processes: every figure is a correlated subquery on indexed
columns (contributions by process and status, versions by process and number).
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from cocrea.core.queries import rows_count
from cocrea.lawmaking.models import (
    CURRENT_LAW,
    AnswerStatus,
    Contribution,
    LegislativeProcess,
    Phase,
    PhaseKind,
    TextVersion,
)


@dataclass(frozen=True)
class ProcessFigures:
    """A process as its commitment's page shows it: where it is and what came of it."""

    pk: int
    title: str
    url: str
    is_example: bool
    milestone_id: int
    milestone_number: int
    phase: str  # the label of the phase open now, "" between or outside them
    contributions: int
    answered: int
    incorporated: int
    partly: int
    versions: int  # published drafts (the law in force is not a version of the bill)


def _count(rows: QuerySet[Any]) -> Coalesce:
    """How many of `rows` belong to the outer process, as a subquery (0 when none)."""
    return rows_count(rows, "process")


def processes_for_commitment(*, commitment: Any) -> list[ProcessFigures]:
    """The processes that are the evidence of one of the commitment's milestones, in the order
    of their milestones, each with its current phase and its figures."""
    now = timezone.now()
    visible = Contribution.objects.filter(is_hidden=False)
    open_phase = (
        Phase.objects.filter(process=OuterRef("pk"), opens_at__lte=now, closes_at__gt=now)
        .order_by("-opens_at", "-id")  # the latest to open, as selectors.current_phase
        .values("kind")[:1]
    )
    rows = (
        LegislativeProcess.objects.filter(milestone__commitment=commitment)
        .values("pk", "slug", "title", "is_example", "milestone_id", "milestone__number")
        .annotate(
            phase_kind=Subquery(open_phase),
            n_contributions=_count(visible),
            n_answered=_count(visible.filter(~Q(status=AnswerStatus.PENDING))),
            n_incorporated=_count(visible.filter(status=AnswerStatus.INCORPORATED)),
            n_partly=_count(visible.filter(status=AnswerStatus.PARTLY)),
            n_versions=_count(
                TextVersion.objects.filter(published_at__isnull=False).exclude(number=CURRENT_LAW)
            ),
        )
        .order_by("milestone__number", "pk")
    )
    return [_figures(row) for row in rows]


def _figures(row: Mapping[str, Any]) -> ProcessFigures:
    kind = row["phase_kind"]
    return ProcessFigures(
        pk=row["pk"],
        title=row["title"],
        url=LegislativeProcess(slug=row["slug"]).get_absolute_url(),
        is_example=row["is_example"],
        milestone_id=row["milestone_id"],
        milestone_number=row["milestone__number"],
        phase=str(PhaseKind(kind).label) if kind in PhaseKind.values else "",
        contributions=row["n_contributions"],
        answered=row["n_answered"],
        incorporated=row["n_incorporated"],
        partly=row["n_partly"],
        versions=row["n_versions"],
    )


def by_milestone(processes: list[ProcessFigures]) -> dict[int, list[ProcessFigures]]:
    """The same processes grouped by the milestone they are the evidence of."""
    grouped: dict[int, list[ProcessFigures]] = {}
    for process in processes:
        grouped.setdefault(process.milestone_id, []).append(process)
    return grouped
