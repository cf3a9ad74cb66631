"""A commitment's status, derived from its milestones (plain logic: the services store it).

The coordination may fix another status with a recorded reason (`Commitment.status_reason`);
until it does, the status is always the one derived here, so that it cannot contradict the
milestones behind it.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from cocrea.plans.models import CommitmentStatus, MilestoneStatus

PENDING = {MilestoneStatus.NOT_STARTED, MilestoneStatus.IN_PROGRESS}


@dataclass(frozen=True)
class MilestoneState:
    status: str
    progress: int
    end_on: dt.date | None


def derived_status(
    milestones: Iterable[MilestoneState], end_on: dt.date | None, today: dt.date
) -> str:
    """Done when every milestone (cancelled ones aside) is done; late when a pending milestone,
    or the commitment itself, is past its end date; in progress once any milestone has started
    or has progress; not started otherwise (also with no milestones at all)."""
    active = [m for m in milestones if m.status != MilestoneStatus.CANCELLED]
    if active and all(m.status == MilestoneStatus.COMPLETED for m in active):
        return CommitmentStatus.COMPLETED
    overdue = any(m.end_on and m.end_on < today for m in active if m.status in PENDING)
    if overdue or (end_on and end_on < today):
        return CommitmentStatus.LATE
    if any(m.progress > 0 or m.status != MilestoneStatus.NOT_STARTED for m in active):
        return CommitmentStatus.IN_PROGRESS
    return CommitmentStatus.NOT_STARTED


def followed_state(
    status: str, completed_on: dt.date | None, progress: int, why_not: str, on: dt.date
) -> dict[str, Any]:
    """A milestone's status and completion date once its progress is `progress`: at 100 % it
    is done (on `on`, unless it already had a date) unless `why_not` says why not; below 100 %
    a done milestone is open again, and one not started has started. A cancelled one stays so."""
    if status == MilestoneStatus.CANCELLED:
        return {}
    if progress == 100 and not why_not:
        return {"status": MilestoneStatus.COMPLETED, "completed_on": completed_on or on}
    if status == MilestoneStatus.COMPLETED:
        reopened = MilestoneStatus.IN_PROGRESS if progress else MilestoneStatus.NOT_STARTED
        return {"status": reopened, "completed_on": None}
    if status == MilestoneStatus.NOT_STARTED and progress:
        return {"status": MilestoneStatus.IN_PROGRESS}
    return {"status": status}


@dataclass(frozen=True)
class NextMilestone:
    """The milestone a citizen should watch next, and how far its due date is from today."""

    milestone: Any
    days_left: int | None  # negative once it is past due; None when it has no end date

    @property
    def days_overdue(self) -> int:
        return -(self.days_left or 0)


def next_milestone(milestones: Iterable[Any], today: dt.date) -> NextMilestone | None:
    """The pending milestone due soonest (an overdue one first, those without an end date
    last, by number), or None when none is pending."""
    pending = [m for m in milestones if m.status in PENDING]
    if not pending:
        return None
    first = min(pending, key=lambda m: (m.end_on is None, m.end_on or today, m.number))
    days_left = (first.end_on - today).days if first.end_on else None
    return NextMilestone(first, days_left)
