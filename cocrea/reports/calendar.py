"""Working days: Mexico's official holidays (the `holidays` library) plus the configured ones."""

import datetime as dt
from collections.abc import Iterable

import holidays
from django.utils import timezone

from cocrea.reports.models import Holiday


def days_off(years: Iterable[int]) -> set[dt.date]:
    official = holidays.country_holidays("MX", years=list(years))
    extra = Holiday.objects.filter(date__year__in=list(years)).values_list("date", flat=True)
    return set(official) | set(extra)


def add_working_days(start: dt.datetime, days: int) -> dt.datetime:
    """The moment `days` working days after `start`, at the same local time of day."""
    start = timezone.localtime(start) if timezone.is_aware(start) else start
    off = days_off(range(start.year, start.year + 2 + days // 200))
    current = start
    remaining = days
    while remaining > 0:
        current += dt.timedelta(days=1)
        if current.weekday() < 5 and current.date() not in off:
            remaining -= 1
    return current
