"""The facts the consistency rules read, gathered for many commitments in a few queries."""

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from decimal import Decimal
from typing import Any, TypeVar, cast

from django.db.models import Max, Min, OuterRef, Subquery
from django.utils import timezone

from cocrea.core.queries import related_count
from cocrea.monitoring.models import ProgressReport, ReportedProgress, ReportReview, Verdict
from cocrea.plans.models import Commitment, Evidence, Milestone


@dataclass
class MilestoneFacts:
    id: int
    number: int
    status: str
    progress: int
    start_on: dt.date | None
    end_on: dt.date | None
    updated_on: dt.date
    evidence_count: int
    previous_progress: int | None
    last_reason: str
    not_done_reason: str = ""  # why its latest report at 100 % did not mark it done


@dataclass
class CommitmentFacts:
    id: int
    status: str
    progress: Decimal
    start_on: dt.date | None
    end_on: dt.date | None
    responsible_person: str
    weights_valid: bool
    stale_after_days: int
    updated_on: dt.date
    report_count: int
    last_report_on: dt.date | None
    oldest_open_dispute: dt.date | None
    status_reason: str = ""  # the coordination's reason, when it fixed the status
    milestones: list[MilestoneFacts] = field(default_factory=list)

    @property
    def is_current(self) -> bool:
        return self.status in ("not_started", "in_progress", "late")

    @property
    def last_update_on(self) -> dt.date:
        dates = [self.updated_on, self.last_report_on, *(m.updated_on for m in self.milestones)]
        return max(d for d in dates if d)


def _day(value: dt.datetime | None) -> dt.date | None:
    return timezone.localtime(value).date() if value else None


Facts = TypeVar("Facts", MilestoneFacts, CommitmentFacts)


def _from_row(kind: type[Facts], row: Mapping[str, Any], **computed: Any) -> Facts:
    """Facts from a `values()` row: each field read under its own name, `updated_on` from the
    row's `updated_at`, and the `computed` ones as given."""
    computed.setdefault("updated_on", _day(row["updated_at"]) or timezone.localdate())
    read = {f.name: row[f.name] for f in fields(kind) if f.name in row and f.name not in computed}
    return kind(**read, **computed)


def _commitments(ids: list[int]) -> dict[int, CommitmentFacts]:
    last_report = (
        ProgressReport.objects.filter(commitment=OuterRef("pk")).order_by().values("commitment")
    )
    rows = (
        Commitment.objects.filter(pk__in=ids)
        .annotate(
            report_count=related_count(ProgressReport, "commitment"),
            last_report_on=Subquery(last_report.annotate(last=Max("reported_on")).values("last")),
        )
        .values(
            "id",
            "status",
            "progress",
            "start_on",
            "end_on",
            "responsible_person",
            "status_reason",
            "weights_valid",
            "plan__exercise__stale_after_days",
            "updated_at",
            "report_count",
            "last_report_on",
        )
    )
    disputes = dict(
        ReportReview.objects.filter(
            report__commitment_id__in=ids, verdict=Verdict.DISPUTED, answered_at__isnull=True
        )
        .values("report__commitment_id")
        .annotate(oldest=Min("created_at"))
        .values_list("report__commitment_id", "oldest")
    )
    return {
        r["id"]: _from_row(
            CommitmentFacts,
            r,
            stale_after_days=r["plan__exercise__stale_after_days"],
            oldest_open_dispute=_day(disputes.get(r["id"])),
        )
        for r in rows
    }


def _history(field: str) -> Subquery:
    """The milestone's second newest version's `field` (the newest is the current state)."""
    versions = Milestone.history.model.objects.filter(id=OuterRef("pk")).order_by("-history_id")
    return Subquery(
        versions.values(field)[1:2] if field == "progress" else versions.values(field)[:1]
    )


def _not_done_reason() -> Subquery:
    """The reason the milestone's latest report gave for not marking it done at 100 %."""
    latest = ReportedProgress.objects.filter(milestone=OuterRef("pk")).order_by(
        "-report__reported_on", "-report_id"
    )
    return Subquery(latest.values("not_done_reason")[:1])


def _milestones(ids: list[int]) -> Iterable[dict[str, Any]]:
    rows = (
        Milestone.objects.filter(commitment_id__in=ids)
        .annotate(
            evidence_count=related_count(Evidence, "milestone"),
            previous_progress=_history("progress"),
            last_reason=_history("history_change_reason"),
            not_done_reason=_not_done_reason(),
        )
        .values(
            "id",
            "commitment_id",
            "number",
            "status",
            "progress",
            "start_on",
            "end_on",
            "updated_at",
            "evidence_count",
            "previous_progress",
            "last_reason",
            "not_done_reason",
        )
        .order_by("commitment_id", "number")
    )
    return cast(Iterable[dict[str, Any]], rows)


def commitment_facts(ids: list[int]) -> list[CommitmentFacts]:
    """Facts for the commitments in `ids` (callers pass chunks of about a thousand)."""
    facts = _commitments(ids)
    for row in _milestones(ids):
        milestone = _from_row(
            MilestoneFacts,
            row,
            last_reason=row["last_reason"] or "",
            not_done_reason=row["not_done_reason"] or "",
        )
        facts[row["commitment_id"]].milestones.append(milestone)
    return list(facts.values())
