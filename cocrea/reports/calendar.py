"""Working days: Mexico's official holidays (the `holidays` library), the whole country's
configured days off, and the state's own (`Holiday.territory`)."""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

import holidays
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from cocrea.core.models import Territory, TerritoryLevel
from cocrea.reports.models import Holiday


def state_of(territory: Territory | None) -> Territory | None:
    """The state (or the nation) whose days off and categories a territory follows."""
    if territory is not None and territory.level == TerritoryLevel.MUNICIPALITY:
        return territory.parent
    return territory


def _configured(territory: Territory | None) -> Q:
    """The country's configured days off, and the state's when `territory` is one."""
    state = state_of(territory)
    if state is None or state.level == TerritoryLevel.NATIONAL:
        return Q(territory__isnull=True)
    return Q(territory__isnull=True) | Q(territory=state)


def days_off(years: Iterable[int], territory: Territory | None = None) -> set[dt.date]:
    """Days that do not count: official holidays, the country's and the state's own."""
    years = list(years)
    official = holidays.country_holidays("MX", years=years)
    extra = Holiday.objects.filter(_configured(territory), date__year__in=years)
    return set(official) | set(extra.values_list("date", flat=True))


@dataclass(frozen=True)
class DayOff:
    date: dt.date
    name: str
    where: str  # "oficial", the country's configured day or the state's
    holiday: Holiday | None = None  # a configured one, which may be removed


def days_off_listed(year: int, territory: Territory | None) -> list[DayOff]:
    """The year's days off as they apply in `territory`, each saying where it comes from."""
    official = holidays.country_holidays("MX", years=[year], language="es")
    days = [
        DayOff(day, name, _("oficial (Ley Federal del Trabajo, art. 74)"))
        for day, name in official.items()
    ]
    configured = Holiday.objects.filter(_configured(territory), date__year=year).select_related(
        "territory"
    )
    for holiday in configured:
        where = holiday.territory.name if holiday.territory else _("todo el país")
        days.append(DayOff(holiday.date, holiday.name, str(where), holiday))
    return sorted(days, key=lambda day: (day.date, day.holiday is not None))


def add_working_days(
    start: dt.datetime, days: int, *, territory: Territory | None = None
) -> dt.datetime:
    """The moment `days` working days after `start`, at the same local time of day, counting
    the days off of `territory`'s state (only the country's when None)."""
    start = timezone.localtime(start) if timezone.is_aware(start) else start
    off = days_off(range(start.year, start.year + 2 + days // 200), territory)
    current = start
    remaining = days
    while remaining > 0:
        current += dt.timedelta(days=1)
        if current.weekday() < 5 and current.date() not in off:
            remaining -= 1
    return current
