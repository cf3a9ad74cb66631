"""Placeholder interface (helper "clock" implements): working days and each request's clock."""

import datetime as dt

from cocrea.requests.models import InformationRequest


def clock_recompute(*, request: InformationRequest, today: dt.date | None = None) -> None:
    """Sets the request's due dates (`due_on`, `long_overdue_on`, `clarification_due_on`,
    `appeal_due_on`) from its events, its law's terms, the days off and the suspensions; saves
    only those fields."""
    raise NotImplementedError
