"""Time left to answer each report of the liaisons' queue, in the working days its due time was
counted in (`calendar.add_working_days`): the days off of every list on a page are read in one
query, none per report."""

import datetime as dt
from dataclasses import dataclass

import holidays
from django.db.models import Q
from django.utils import timezone

from cocrea.reports.models import Holiday, Report


@dataclass(frozen=True)
class QueueRow:
    """A report in the queue and its time to answer, in working days of its category's list:
    `days` left (0: due today), or late by `days` when `overdue`."""

    report: Report
    days: int
    overdue: bool


def queue_rows(reports: list[Report], *, now: dt.datetime | None = None) -> list[QueueRow]:
    """The time left to answer each report of a page (from `report_queue`), counted with the
    working-days calendar the due time was computed with: one query for the days off of every
    list on the page, none per report."""
    now = timezone.localtime(now or timezone.now())
    due = [timezone.localtime(r.expected_at) for r in reports if r.expected_at is not None]
    if not due:
        return [QueueRow(report, 0, False) for report in reports]
    span = [*(moment.year for moment in due), now.year]
    years = range(min(span), max(span) + 1)
    lists = {getattr(report, "list_id", None) for report in reports}
    configured = Holiday.objects.filter(
        Q(territory__isnull=True) | Q(territory_id__in=[i for i in lists if i]),
        date__year__in=years,
    ).values_list("territory_id", "date")
    country = set(holidays.country_holidays("MX", years=list(years)))
    own: dict[int | None, set[dt.date]] = {}
    for territory_id, date in configured:
        own.setdefault(territory_id, set()).add(date)
    country |= own.pop(None, set())
    rows = []
    for report in reports:
        if report.expected_at is None:
            rows.append(QueueRow(report, 0, False))
            continue
        off = country | own.get(getattr(report, "list_id", None), set())
        expected = timezone.localtime(report.expected_at)
        late = expected < now
        start, end = (expected.date(), now.date()) if late else (now.date(), expected.date())
        rows.append(QueueRow(report, _working_days_between(start, end, off), late))
    return rows


def _working_days_between(start: dt.date, end: dt.date, off: set[dt.date]) -> int:
    """Working days after `start` up to `end`, both as dates."""
    days, current = 0, start
    while current < end:
        current += dt.timedelta(days=1)
        if current.weekday() < 5 and current not in off:
            days += 1
    return days
