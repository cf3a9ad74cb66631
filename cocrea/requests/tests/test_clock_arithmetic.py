"""The working-day arithmetic, as properties: it only moves forward, never lands on a day off,
adds up, and crosses year ends and suspensions that span years."""

import datetime as dt

import holidays
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cocrea.requests.clock import add_working_days, first_working_day, working_days_between

MX = holidays.country_holidays("MX", years=range(2023, 2032))
SUSPENDED = {dt.date(2025, 12, 15) + dt.timedelta(days=n) for n in range(30)}  # into 2026


def is_off(day: dt.date) -> bool:
    return day.weekday() >= 5 or day in MX or day in SUSPENDED


starts = st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2028, 12, 31))
counts = st.integers(min_value=0, max_value=120)


@given(starts, counts)
def test_never_lands_on_a_day_off(start, n):
    due = add_working_days(start, n, is_off)
    assert n == 0 or not is_off(due)
    assert due >= start


@given(starts, counts, counts)
def test_monotonic(start, a, b):
    low, high = sorted((a, b))
    assert add_working_days(start, low, is_off) <= add_working_days(start, high, is_off)


@given(starts, starts, counts)
def test_monotonic_in_the_start(one, other, n):
    first, second = sorted((one, other))
    assert add_working_days(first, n, is_off) <= add_working_days(second, n, is_off)


@given(starts, counts, counts)
def test_additive(start, a, b):
    start = first_working_day(start, is_off)
    assert add_working_days(add_working_days(start, a, is_off), b, is_off) == add_working_days(
        start, a + b, is_off
    )


@given(starts, counts)
def test_between_is_the_inverse(start, n):
    due = add_working_days(start, n, is_off)
    assert working_days_between(start, due, is_off) == n
    assert working_days_between(due, start, is_off) == -n


@settings(max_examples=50)
@given(st.dates(min_value=dt.date(2025, 12, 1), max_value=dt.date(2025, 12, 31)), counts)
def test_a_suspension_spanning_years_stops_the_clock(start, n):
    due = add_working_days(start, n + 1, is_off)
    assert due not in SUSPENDED
    plain = add_working_days(start, n + 1, lambda d: d.weekday() >= 5 or d in MX)
    assert due >= plain


def test_counts_from_the_day_after_across_the_year_end():
    # Friday 2025-12-26 (no suspension in this calendar): Dec 29, 30, 31, (Jan 1 holiday), Jan 2.
    plain = lambda d: d.weekday() >= 5 or d in MX  # noqa: E731
    assert add_working_days(dt.date(2025, 12, 26), 4, plain) == dt.date(2026, 1, 2)
    assert add_working_days(dt.date(2025, 12, 26), 0, plain) == dt.date(2025, 12, 26)


def test_negative_days_are_refused():
    with pytest.raises(ValueError):
        add_working_days(dt.date(2025, 1, 6), -1, is_off)


def test_first_working_day_skips_weekends_and_holidays():
    assert first_working_day(dt.date(2025, 9, 13), is_off) == dt.date(2025, 9, 15)  # Sat
    assert first_working_day(dt.date(2025, 9, 16), is_off) == dt.date(2025, 9, 17)  # holiday
