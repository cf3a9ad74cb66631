"""Reads of monitoring: shadow-report figures, findings and reports. Lists declare their queries."""

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from cocrea.exercises.models import Exercise
from cocrea.monitoring.consistency import (
    DUE_SOON_DAYS,
    dispute_deadline,
    is_pending,
    stale_deadline,
)
from cocrea.monitoring.facts import CommitmentFacts, commitment_facts
from cocrea.monitoring.models import (
    ASSESSMENT_CRITERIA,
    Finding,
    Follow,
    ProgressReport,
    ReportReview,
)
from cocrea.plans.models import ActionPlan, Commitment, CommitmentStatus, PlanStatus

STALE_RULE = "ACT-01"


def current_commitments(**scope: object) -> QuerySet[Commitment]:
    """Commitments in force ("vigentes"): published, in a public plan, not withdrawn."""
    return (
        Commitment.objects.filter(is_published=True, **scope)
        .exclude(plan__status=PlanStatus.DRAFT)
        .exclude(status=CommitmentStatus.WITHDRAWN)
    )


def _open(rule_filter: Q) -> Exists:
    return Exists(
        Finding.objects.filter(rule_filter, commitment=OuterRef("pk"), resolved_at__isnull=True)
    )


def with_flags(commitments: QuerySet[Commitment]) -> QuerySet[Commitment]:
    return commitments.annotate(
        is_stale=_open(Q(rule=STALE_RULE)), is_inconsistent=_open(~Q(rule=STALE_RULE))
    )


@dataclass(frozen=True)
class ShadowFigures:
    current: int
    up_to_date: int
    inconsistent: int

    def share(self, count: int) -> Decimal:
        if not self.current:
            return Decimal(0)
        return (Decimal(100) * count / self.current).quantize(Decimal("0.1"), ROUND_HALF_UP)

    @property
    def up_to_date_share(self) -> Decimal:
        return self.share(self.up_to_date)

    @property
    def inconsistent_share(self) -> Decimal:
        return self.share(self.inconsistent)


def shadow_figures(commitments: QuerySet[Commitment]) -> ShadowFigures:
    """The civil-society shadow report's three counts, computed in one query."""
    figures = with_flags(commitments).aggregate(
        current=Count("id"),
        up_to_date=Count("id", filter=Q(is_stale=False)),
        inconsistent=Count("id", filter=Q(is_inconsistent=True)),
    )
    return ShadowFigures(**figures)


def shadow_drilldown(commitments: QuerySet[Commitment]) -> QuerySet[Commitment]:
    """Every current commitment with its open findings, those with findings first."""
    return (
        with_flags(commitments)
        .select_related("lead_institution", "plan__exercise")
        .only(
            "id",
            "number",
            "title",
            "status",
            "progress",
            "plan__number",
            "plan__name",
            "plan__exercise__slug",
            "plan__exercise__name",
            "lead_institution__name",
        )
        .prefetch_related(
            Prefetch(
                "findings",
                queryset=Finding.objects.filter(resolved_at__isnull=True).select_related(
                    "milestone"
                ),
                to_attr="open_findings",
            )
        )
        .order_by("-is_inconsistent", "is_stale", "plan_id", "number")  # type: ignore[misc]
    )


def commitment_reports(*, commitment: Commitment) -> QuerySet[ProgressReport]:
    return (
        ProgressReport.objects.filter(commitment=commitment)
        .select_related("organization", "corrects")
        .prefetch_related(
            "items__milestone",
            "links",
            Prefetch("reviews", queryset=ReportReview.objects.select_related("organization")),
        )
    )


def open_findings(*, commitment: Commitment) -> QuerySet[Finding]:
    return Finding.objects.filter(commitment=commitment, resolved_at__isnull=True).select_related(
        "milestone"
    )


def report_get(*, commitment: Commitment, report_id: int) -> ProgressReport:
    return get_object_or_404(
        ProgressReport.objects.select_related("commitment__plan__exercise"),
        commitment=commitment,
        pk=report_id,
    )


def review_get(*, commitment: Commitment, review_id: int) -> ReportReview:
    return get_object_or_404(
        ReportReview.objects.select_related("report__commitment__plan__exercise"),
        report__commitment=commitment,
        pk=review_id,
    )


def shadow_by_exercise(commitments: QuerySet[Commitment]) -> list[tuple[str, int, int, int]]:
    """The three figures per exercise, in one grouped query."""
    rows = (
        with_flags(commitments)
        .values("plan__exercise__name")
        .annotate(
            current=Count("id"),
            up_to_date=Count("id", filter=Q(is_stale=False)),
            inconsistent=Count("id", filter=Q(is_inconsistent=True)),
        )
        .order_by("plan__exercise__name")
    )
    return [
        (r["plan__exercise__name"], r["current"], r["up_to_date"], r["inconsistent"]) for r in rows
    ]


def assessment_table(*, plan: ActionPlan) -> QuerySet[Commitment]:
    """The plan's public commitments with their assessment (or none), in number order."""
    return (
        current_commitments(plan=plan)
        .select_related("assessment")
        .only("id", "number", "title", "plan_id", *(f"assessment__{f}" for f in ASSESSMENT_FIELDS))
        .order_by("number")
    )


ASSESSMENT_FIELDS = ("id", *ASSESSMENT_CRITERIA)


@dataclass(frozen=True)
class AssessmentSummary:
    commitments: int
    assessed: int
    starred: int
    verifiable: int


def assessment_summary(*, plan: ActionPlan) -> AssessmentSummary:
    starred = Q(
        assessment__specificity__in=["medium", "high"],
        assessment__potential_impact__in=["moderate", "transformative"],
        assessment__completion__in=["substantial", "complete"],
    ) & (
        Q(assessment__relevance_access_information=True)
        | Q(assessment__relevance_civic_participation=True)
        | Q(assessment__relevance_public_accountability=True)
    )
    figures = current_commitments(plan=plan).aggregate(
        commitments=Count("id"),
        assessed=Count("assessment"),
        starred=Count("id", filter=starred),
        verifiable=Count("id", filter=Q(assessment__verifiable=True)),
    )
    return AssessmentSummary(**figures)


def is_following(*, user: Any, commitment: Commitment) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return Follow.objects.filter(user=user, commitment=commitment).exists()


WATCH_KINDS = ("overdue", "unanswered", "due", "dispute", "stale", "fresh")


@dataclass(frozen=True)
class Watched:
    """One line of the watch page: a time-based rule and the day it fires (or fired).

    `kind` is "stale" or "fresh" (the commitment's information, ACT-01), "overdue" or "due"
    (a pending milestone past or within a week of its end date, HIT-02), "unanswered" or
    "dispute" (its oldest unanswered dispute, past or within its days to answer, VAL-01: shown
    from the day it was raised).
    """

    kind: str
    when: dt.date
    days_left: int
    commitment: Commitment
    milestone_number: int | None = None

    @property
    def days_late(self) -> int:
        return -self.days_left


def exercise_watch(*, exercise: Exercise, today: dt.date | None = None) -> list[Watched]:
    """The exercise's current commitments and their pending milestones, most urgent first.

    Queries: the commitments (one), then their facts (three per thousand commitments), the same
    facts the consistency rules read, so the page and the rules cannot disagree.
    """
    today = today or timezone.localdate()
    commitments = {
        c.pk: c
        for c in current_commitments(plan__exercise=exercise)
        .select_related("plan__exercise")
        .only("id", "number", "title", "plan__number", "plan__exercise__slug")
    }
    ids = sorted(commitments)
    facts = [
        f for start in range(0, len(ids), 1000) for f in commitment_facts(ids[start : start + 1000])
    ]
    lines = [line for c in facts for line in _watched(c, commitments[c.id], today)]
    lines.sort(
        key=lambda w: (w.when, WATCH_KINDS.index(w.kind), w.commitment.pk, w.milestone_number or 0)
    )
    return lines


def _watched(c: CommitmentFacts, commitment: Commitment, today: dt.date) -> Iterator[Watched]:
    """One commitment's lines: its information's deadline, its oldest unanswered dispute's
    (from the day it was raised) and its pending milestones due within a week or overdue."""
    deadline = stale_deadline(c)
    if deadline:
        kind = "stale" if deadline < today else "fresh"
        yield Watched(kind, deadline, (deadline - today).days, commitment)
    if c.oldest_open_dispute:
        answer_by = dispute_deadline(c.oldest_open_dispute)
        kind = "unanswered" if answer_by < today else "dispute"
        yield Watched(kind, answer_by, (answer_by - today).days, commitment)
    soon = today + dt.timedelta(days=DUE_SOON_DAYS)
    for m in c.milestones:
        if m.end_on and is_pending(m) and m.end_on <= soon:
            kind = "overdue" if m.end_on < today else "due"
            yield Watched(kind, m.end_on, (m.end_on - today).days, commitment, m.number)


def watch_counts(lines: list[Watched]) -> dict[str, int]:
    counts = dict.fromkeys(WATCH_KINDS, 0)
    for line in lines:
        counts[line.kind] += 1
    return counts
