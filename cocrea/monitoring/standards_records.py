"""The records the co-creation standards are computed from, read in a fixed number of queries.

One query per kind of record (secretariat members by sector, sessions, attendance, documents,
plans, the current plan's timeline and its history, consultations, proposals, working tables,
commitments, progress reports and reviews, evidence findings), however many rows each has:
the checklist page costs the same for an exercise with three sessions or three hundred.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Max, Min, Q
from django.utils import timezone

from cocrea.exercises.models import (
    Exercise,
    Secretariat,
    SecretariatMember,
    SecretariatSession,
    SessionAttendance,
)
from cocrea.monitoring.models import Finding, ProgressReport, ReportReview, Verdict
from cocrea.participation.models import Consultation, Proposal, ProposalStatus, WorkingTable
from cocrea.plans.models import ActionPlan, Commitment, PlanDocument, PlanStage, PlanStatus

IMPLEMENTING = (PlanStatus.IMPLEMENTATION, PlanStatus.CONCLUDED)
EVIDENCE_RULE = "HIT-01"  # a milestone done without evidence (consistency.py)


@dataclass(frozen=True)
class Session:
    id: int
    held_on: dt.date
    has_minutes: bool


@dataclass(frozen=True)
class Plan:
    id: int
    name: str
    status: str
    period_start: dt.date | None
    period_end: dt.date | None


@dataclass(frozen=True)
class ConsultationRow:
    id: int
    title: str
    plan_id: int | None
    opens_on: dt.date
    closes_on: dt.date
    has_description: bool
    axes: int

    @property
    def days_open(self) -> int:
        return (self.closes_on - self.opens_on).days


@dataclass(frozen=True)
class Notice:
    """The current plan's timeline: when it was public, and when co-creation started."""

    plan: str
    published_on: dt.date | None
    starts_on: dt.date | None


@dataclass(frozen=True)
class Proposals:
    total: int = 0
    pending: int = 0
    unexplained: int = 0
    taken: int = 0
    taken_unlinked: int = 0
    grouped: int = 0
    grouped_unlinked: int = 0


@dataclass(frozen=True)
class Tables:
    total: int = 0
    with_both: int = 0


@dataclass(frozen=True)
class Reviews:
    reports: int = 0
    reviewed: int = 0
    disputes: int = 0
    unanswered: int = 0


@dataclass(frozen=True)
class Records:
    today: dt.date
    members_by_sector: dict[str, int]
    rules_urls: list[str]
    sessions: list[Session]
    attendance: dict[int, set[str]]  # session id → sectors present
    document_dates: list[dt.date]
    implementing: Plan | None
    notice: Notice | None
    consultations: list[ConsultationRow]
    proposals: Proposals
    tables: Tables
    last_report_by_commitment: list[dt.date | None]
    reviews: Reviews
    done_without_evidence: int


def _local(moment: dt.datetime, exercise: Exercise) -> dt.date:
    return timezone.localtime(moment, exercise.zone).date()


def _plans(exercise: Exercise) -> list[Plan]:
    rows = (
        ActionPlan.objects.filter(exercise=exercise)
        .exclude(status=PlanStatus.DRAFT)
        .order_by("-number")
        .values_list("id", "name", "status", "period_start", "period_end")
    )
    return [Plan(*row) for row in rows]


def _implementing(plans: list[Plan], today: dt.date) -> Plan | None:
    """The newest public plan being implemented (or published with its period begun)."""
    for plan in plans:
        begun = plan.period_start is not None and plan.period_start <= today
        if plan.status in IMPLEMENTING or (plan.status == PlanStatus.PUBLISHED and begun):
            return plan
    return None


def _notice(
    exercise: Exercise, plan: Plan | None, consultations: list[ConsultationRow]
) -> Notice | None:
    """When the newest public plan's dated stages became public, and its co-creation's start.

    Public means the plan had left the draft status and had a stage with a start date; both
    moments come from the records' history. Co-creation starts with the plan's first
    consultation or, without one, its first stage.
    """
    if plan is None:
        return None
    first_stage = PlanStage.objects.filter(plan_id=plan.id).aggregate(first=Min("start_on"))
    stage_recorded = PlanStage.history.filter(
        plan_id=plan.id, history_type="+", start_on__isnull=False
    ).aggregate(first=Min("history_date"))["first"]
    public_since = (
        ActionPlan.history.filter(id=plan.id)
        .exclude(status=PlanStatus.DRAFT)
        .aggregate(first=Min("history_date"))["first"]
    )
    published = None
    if stage_recorded is not None and public_since is not None:
        published = _local(max(stage_recorded, public_since), exercise)
    openings = [c.opens_on for c in consultations if c.plan_id == plan.id]
    starts = min(openings) if openings else first_stage["first"]
    return Notice(plan.name, published, starts)


def _consultations(exercise: Exercise) -> list[ConsultationRow]:
    rows = (
        Consultation.objects.filter(exercise=exercise)
        .annotate(live_axes=Count("axes", filter=Q(axes__is_retired=False)))
        .order_by("opens_at")
        .values_list("id", "title", "plan_id", "opens_at", "closes_at", "description", "live_axes")
    )
    return [
        ConsultationRow(
            pk,
            title,
            plan_id,
            _local(opens, exercise),
            _local(closes, exercise),
            bool(description.strip()),
            axes,
        )
        for pk, title, plan_id, opens, closes, description, axes in rows
    ]


def _proposals(exercise: Exercise) -> Proposals:
    taken, grouped = Q(status=ProposalStatus.TAKEN), Q(status=ProposalStatus.GROUPED)
    counts = Proposal.objects.filter(consultation__exercise=exercise, is_hidden=False).aggregate(
        total=Count("id"),
        pending=Count("id", filter=Q(status=ProposalStatus.UNDER_REVIEW)),
        unexplained=Count("id", filter=Q(status=ProposalStatus.NOT_TAKEN, response="")),
        taken=Count("id", filter=taken),
        taken_unlinked=Count("id", filter=taken & Q(commitment__isnull=True)),
        grouped=Count("id", filter=grouped),
        grouped_unlinked=Count("id", filter=grouped & Q(problem__isnull=True)),
    )
    return Proposals(**counts)


def _tables(exercise: Exercise) -> Tables:
    counts = WorkingTable.objects.filter(consultation__exercise=exercise).aggregate(
        total=Count("id", distinct=True),
        with_both=Count("id", distinct=True, filter=Q(government__gt=0, civil_society__gt=0)),
    )
    return Tables(**counts)


def _reviews(exercise: Exercise) -> Reviews:
    public = Q(commitment__is_published=True, commitment__plan__exercise=exercise) & ~Q(
        commitment__plan__status=PlanStatus.DRAFT
    )
    current = ProgressReport.objects.filter(public, corrections__isnull=True)
    reports = current.aggregate(
        reports=Count("id", distinct=True),
        reviewed=Count("id", distinct=True, filter=Q(reviews__isnull=False)),
    )
    disputes = ReportReview.objects.filter(
        report__commitment__is_published=True,
        report__commitment__plan__exercise=exercise,
        verdict=Verdict.DISPUTED,
    ).aggregate(disputes=Count("id"), unanswered=Count("id", filter=Q(answered_at__isnull=True)))
    return Reviews(**reports, **disputes)


def _sessions(exercise: Exercise) -> tuple[list[Session], dict[int, set[str]]]:
    sessions = [
        Session(pk, held_on, bool(minutes))
        for pk, held_on, minutes in SecretariatSession.objects.filter(
            secretariat__exercise=exercise
        ).values_list("id", "held_on", "minutes")
    ]
    attendance: dict[int, set[str]] = defaultdict(set)
    for session_id, sector in SessionAttendance.objects.filter(
        session__secretariat__exercise=exercise, present__gt=0
    ).values_list("session_id", "sector"):
        attendance[session_id].add(sector)
    return sessions, dict(attendance)


def records_of(exercise: Exercise, today: dt.date) -> Records:
    members = dict(
        SecretariatMember.objects.filter(
            secretariat__exercise=exercise, secretariat__is_active=True, ceased_on__isnull=True
        )
        .order_by()
        .values("sector")
        .annotate(n=Count("id"))
        .values_list("sector", "n")
    )
    rules = list(
        Secretariat.objects.filter(exercise=exercise, is_active=True)
        .exclude(rules_url="")
        .values_list("rules_url", flat=True)
    )
    sessions, attendance = _sessions(exercise)
    documents = [
        d
        for d in PlanDocument.objects.filter(plan__exercise=exercise, published_on__isnull=False)
        .exclude(plan__status=PlanStatus.DRAFT)
        .values_list("published_on", flat=True)
        if d is not None
    ]
    plans = _plans(exercise)
    implementing = _implementing(plans, today)
    consultations = _consultations(exercise)
    lasts: list[dt.date | None] = []
    if implementing is not None:
        lasts = list(
            Commitment.objects.filter(plan_id=implementing.id, is_published=True)
            .annotate(last=Max("reports__reported_on"))
            .values_list("last", flat=True)
        )
    findings = Finding.objects.filter(
        commitment__plan__exercise=exercise,
        commitment__is_published=True,
        rule=EVIDENCE_RULE,
        resolved_at__isnull=True,
    ).count()
    return Records(
        today=today,
        members_by_sector=members,
        rules_urls=rules,
        sessions=sessions,
        attendance=attendance,
        document_dates=documents,
        implementing=implementing,
        notice=_notice(exercise, plans[0] if plans else None, consultations),
        consultations=consultations,
        proposals=_proposals(exercise),
        tables=_tables(exercise),
        last_report_by_commitment=lasts,
        reviews=_reviews(exercise),
        done_without_evidence=findings,
    )
