"""Working days and each request's clock.

A day does not count when it is a Saturday or Sunday, one of Mexico's official holidays, a day
off configured for the whole country or the body's state (`reports.models.Holiday`), one of the
institution's own days off, or inside a suspension that a guarantor declared for the body (the
body alone, its state's bodies — the national territory for federal bodies — or all).

The arithmetic is pure (`add_working_days`, `working_days_between`, given `is_off`); the
`Calendar` loads each source once for a span of years; `clock_compute` replays a request's
events into its due dates and `clock_recompute` stores them."""

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import holidays
from django.db.models import Q
from django.utils import timezone

from cocrea.core.models import Organization, TerritoryLevel
from cocrea.reports import calendar as reports_calendar
from cocrea.reports.models import Holiday
from cocrea.requests.models import (
    RUNNING,
    EventKind,
    InformationRequest,
    InstitutionDayOff,
    LegalTerm,
    RequestEvent,
    Status,
    Step,
    Suspension,
)
from cocrea.requests.states import RESPONSES

IsOff = Callable[[dt.date], bool]
DAY = dt.timedelta(days=1)
CLOCK_FIELDS = ("due_on", "long_overdue_on", "clarification_due_on", "appeal_due_on")


def add_working_days(start: dt.date, days: int, is_off: IsOff) -> dt.date:
    """The `days`-th working day after `start` (which itself never counts); `start` when
    `days` is 0."""
    if days < 0:
        raise ValueError("days must not be negative")
    current = start
    remaining = days
    while remaining:
        current += DAY
        if not is_off(current):
            remaining -= 1
    return current


def working_days_between(start: dt.date, end: dt.date, is_off: IsOff) -> int:
    """How many working days after `start` up to `end` inclusive (negative when `end` comes
    first): `add_working_days(start, working_days_between(start, end)) <= end`."""
    if end < start:
        return -working_days_between(end, start, is_off)
    count = 0
    current = start
    while current < end:
        current += DAY
        if not is_off(current):
            count += 1
    return count


def first_working_day(day: dt.date, is_off: IsOff) -> dt.date:
    """`day` when it counts; otherwise the next working day (a request filed on a day off is
    received the next working day)."""
    while is_off(day):
        day += DAY
    return day


def _expand(starts_on: dt.date, ends_on: dt.date, first: dt.date, last: dt.date) -> set[dt.date]:
    days: set[dt.date] = set()
    day = max(starts_on, first)
    while day <= min(ends_on, last):
        days.add(day)
        day += DAY
    return days


@dataclass
class Calendar:
    """The days off of one body for the years loaded (past them, it loads more)."""

    organization: Organization
    years: set[int] = field(default_factory=set)
    off: set[dt.date] = field(default_factory=set)

    def is_off(self, day: dt.date) -> bool:
        if day.weekday() >= 5:
            return True
        if day.year not in self.years:
            # Past the loaded span (a long suspension): load two more years at once.
            more = calendars_for([self.organization], day.year, day.year + 1)
            self.off |= more[self.organization.pk].off
            self.years |= {day.year, day.year + 1}
        return day in self.off


def calendars_for(
    organizations: Iterable[Organization], first_year: int, last_year: int
) -> dict[int, Calendar]:
    """Each body's days off from `first_year` to `last_year`: one query per source (the
    configured days off, the institutions' own, the suspensions) for all the bodies."""
    bodies = {organization.pk: organization for organization in organizations}
    years = range(first_year, last_year + 1)
    first, last = dt.date(first_year, 1, 1), dt.date(last_year, 12, 31)
    official = set(holidays.country_holidays("MX", years=years))
    configured: dict[int | None, set[dt.date]] = {}
    for territory_id, day in Holiday.objects.filter(date__range=(first, last)).values_list(
        "territory_id", "date"
    ):
        configured.setdefault(territory_id, set()).add(day)
    own: dict[int, set[dt.date]] = {}
    for organization_id, day in InstitutionDayOff.objects.filter(
        organization_id__in=list(bodies), date__range=(first, last)
    ).values_list("organization_id", "date"):
        own.setdefault(organization_id, set()).add(day)
    suspensions = list(
        Suspension.objects.filter(starts_on__lte=last, ends_on__gte=first).values_list(
            "organization_id", "territory_id", "starts_on", "ends_on"
        )
    )
    calendars: dict[int, Calendar] = {}
    for pk, organization in bodies.items():
        state = reports_calendar.state_of(organization.territory)
        state_id = state.pk if state is not None else None
        off = official | configured.get(None, set()) | own.get(pk, set())
        if state is not None and state.level != TerritoryLevel.NATIONAL:
            off |= configured.get(state.pk, set())
        for organization_id, territory_id, starts_on, ends_on in suspensions:
            if organization_id == pk or (
                organization_id is None and territory_id in (None, state_id)
            ):
                off |= _expand(starts_on, ends_on, first, last)
        calendars[pk] = Calendar(organization, set(years), off)
    return calendars


def calendar_for(organization: Organization, start: dt.date, end: dt.date) -> Calendar:
    return calendars_for([organization], start.year, end.year)[organization.pk]


Terms = dict[str, int]


def terms_of(profile_id: int) -> Terms:
    """The working days of each step of a law: its own, or the general law's where it says
    nothing (one query)."""
    rows = LegalTerm.objects.filter(
        Q(profile_id=profile_id) | Q(profile__territory__isnull=True)
    ).values_list("profile_id", "step", "working_days")
    general = {step: days for owner, step, days in rows if owner != profile_id}
    own = {step: days for owner, step, days in rows if owner == profile_id}
    return {**general, **own}


@dataclass(frozen=True)
class Clock:
    due_on: dt.date | None = None
    long_overdue_on: dt.date | None = None
    clarification_due_on: dt.date | None = None
    appeal_due_on: dt.date | None = None


def _local_date(moment: dt.datetime) -> dt.date:
    return timezone.localdate(moment) if timezone.is_aware(moment) else moment.date()


def _after(day: dt.date | None, step: Step, terms: Terms, is_off: IsOff) -> dt.date | None:
    days = terms.get(step)
    if day is None or days is None:
        return None
    return add_working_days(day, days, is_off)


def clock_compute(
    *,
    filed_on: dt.date,
    status: str,
    events: Sequence[tuple[str, dt.date]],
    terms: Terms,
    is_off: IsOff,
    today: dt.date,
) -> Clock:
    """Replays the events (kind, local date; in order) into the request's due dates."""
    received = first_working_day(filed_on, is_off)
    due_on = _after(received, Step.RESPONSE, terms, is_off)
    clarification_due_on: dt.date | None = None
    responded_on: dt.date | None = None
    for kind, day in events:
        if kind == EventKind.CLARIFICATION_REQUESTED:
            # The prevención interrupts the response term.
            due_on = None
            clarification_due_on = _after(day, Step.CLARIFICATION_ANSWER, terms, is_off)
        elif kind == EventKind.CLARIFICATION_ANSWERED:
            # The whole term starts again the day after the answer.
            clarification_due_on = None
            due_on = _after(first_working_day(day, is_off), Step.RESPONSE, terms, is_off)
        elif kind == EventKind.EXTENDED:
            due_on = _after(due_on, Step.EXTENSION, terms, is_off)
        elif kind in RESPONSES and responded_on is None:
            responded_on = day
    running = status in RUNNING
    long_overdue_on = _after(due_on, Step.LONG_OVERDUE, terms, is_off) if running else None
    appeal_due_on: dt.date | None = None
    if responded_on is not None:
        appeal_due_on = _after(responded_on, Step.APPEAL, terms, is_off)
    elif due_on is not None and (running or status == Status.UNDER_APPEAL) and today > due_on:
        # Silence past the deadline: the appeal term runs from the deadline.
        appeal_due_on = _after(due_on, Step.APPEAL, terms, is_off)
    return Clock(due_on, long_overdue_on, clarification_due_on, appeal_due_on)


def _compute(
    request: InformationRequest,
    events: Iterable[RequestEvent],
    terms: Terms,
    calendar: Calendar,
    today: dt.date,
) -> Clock:
    replay = [(event.kind, _local_date(event.at)) for event in events]
    return clock_compute(
        filed_on=_local_date(request.filed_at),
        status=request.status,
        events=replay,
        terms=terms,
        is_off=calendar.is_off,
        today=today,
    )


def _apply(request: InformationRequest, clock: Clock) -> bool:
    """Sets the clock on the request; whether anything changed."""
    changed = False
    for name in CLOCK_FIELDS:
        value = getattr(clock, name)
        if getattr(request, name) != value:
            setattr(request, name, value)
            changed = True
    return changed


def clock_recompute(*, request: InformationRequest, today: dt.date | None = None) -> None:
    """Sets the request's due dates (`due_on`, `long_overdue_on`, `clarification_due_on`,
    `appeal_due_on`) from its events, its law's terms, the days off and the suspensions; saves
    only those fields."""
    today = today or timezone.localdate()
    events = list(request.events.order_by("at", "id").only("kind", "at"))
    filed_on = _local_date(request.filed_at)
    last = max([today, filed_on, *(_local_date(event.at) for event in events)])
    calendar = calendar_for(request.organization, filed_on, dt.date(last.year + 1, 1, 1))
    clock = _compute(request, events, terms_of(request.profile_id), calendar, today)
    if _apply(request, clock):
        request.save(update_fields=list(CLOCK_FIELDS))


def is_delayed(request: InformationRequest, today: dt.date | None = None) -> bool:
    """Alaveteli's "Delayed": still waiting for the answer the day after it was due."""
    today = today or timezone.localdate()
    return request.status in RUNNING and request.due_on is not None and today > request.due_on


def is_long_overdue(request: InformationRequest, today: dt.date | None = None) -> bool:
    """Alaveteli's "Long overdue": still waiting the day after `long_overdue_on`."""
    today = today or timezone.localdate()
    return (
        request.status in RUNNING
        and request.long_overdue_on is not None
        and today > request.long_overdue_on
    )
