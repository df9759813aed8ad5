"""Working-time arithmetic against independent references: a minute-by-minute oracle over short
spans (around DST changes too) and a plain walk over the public per-day periods for long spans."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.deadlines import (
    WorkCalendar,
    add_working_minutes,
    city_holidays,
    working_minutes_between,
    working_seconds_between,
)
from tests.domain.calendars import (
    CALENDARS,
    DEFAULT,
    DST_DAYS,
    EPOCH_2026,
    YEAR_S,
    calendar_names,
    local,
    wall,
)

ORACLE_SETTINGS = settings(max_examples=60, deadline=None)


# -- an independent oracle: check every minute against the definition ------------------------


def _oracle_holidays(cal: WorkCalendar) -> frozenset[date]:
    rules = city_holidays(range(2024, 2029)) if cal.city_holidays else frozenset()
    return cal.holidays | rules


def _minute_works(cal: WorkCalendar, holidays: frozenset[date], t: float) -> bool:
    lt = datetime.fromtimestamp(t, ZoneInfo(cal.tz))
    if lt.weekday() not in cal.workdays or lt.date() in holidays:
        return False
    clock = lt.time().replace(tzinfo=None)
    if not cal.day_start <= clock < cal.day_end:
        return False
    return cal.lunch is None or not cal.lunch[0] <= clock < cal.lunch[1]


def oracle_between_minutes(cal: WorkCalendar, a_min: int, b_min: int) -> int:
    hol = _oracle_holidays(cal)
    return sum(_minute_works(cal, hol, m * 60.0) for m in range(a_min, b_min))


def oracle_add_minutes(cal: WorkCalendar, start_min: int, minutes: int) -> float:
    hol = _oracle_holidays(cal)
    m = start_min
    left = minutes
    while True:
        if _minute_works(cal, hol, m * 60.0):
            left -= 1
            if left == 0:
                return (m + 1) * 60.0
        m += 1


@st.composite
def minute_starts(draw: st.DrawFn, tz: str) -> int:
    """Whole-minute epoch minutes in 2026, half of them within 4 days of a DST change."""
    if draw(st.booleans()):
        day = draw(st.sampled_from(DST_DAYS[tz]))
        base = datetime.combine(day, time(0), tzinfo=ZoneInfo(tz)).timestamp()
        return int(base // 60) + draw(st.integers(-4 * 1440, 4 * 1440))
    return int(EPOCH_2026 // 60) + draw(st.integers(0, 365 * 1440))


@ORACLE_SETTINGS
@given(st.data(), calendar_names, st.integers(0, 4 * 1440))
def test_between_matches_minute_oracle(data: st.DataObject, name: str, span: int) -> None:
    cal = CALENDARS[name]
    a = data.draw(minute_starts(cal.tz))
    got = working_minutes_between(cal, a * 60.0, (a + span) * 60.0)
    assert got == pytest.approx(oracle_between_minutes(cal, a, a + span), abs=1e-6)


@ORACLE_SETTINGS
@given(st.data(), calendar_names, st.integers(1, 1500))
def test_add_matches_minute_oracle(data: st.DataObject, name: str, minutes: int) -> None:
    cal = CALENDARS[name]
    a = data.draw(minute_starts(cal.tz))
    got = add_working_minutes(cal, a * 60.0, minutes)
    assert got == pytest.approx(oracle_add_minutes(cal, a, minutes), abs=1e-6)


# -- long spans: the year-total shortcut against a plain walk over the public per-day periods --


def reference_between(cal: WorkCalendar, a: float, b: float) -> float:
    d = wall(cal, a).date() - timedelta(days=1)
    end = wall(cal, b).date() + timedelta(days=1)
    total = 0.0
    while d <= end:
        for ps, pe in cal.periods(d):
            total += max(0.0, min(pe, b) - max(ps, a))
        d += timedelta(days=1)
    return total


def reference_add(cal: WorkCalendar, start: float, minutes: float) -> float:
    left = minutes * 60.0
    d = wall(cal, start).date()
    while True:
        for ps, pe in cal.periods(d):
            s = max(ps, start)
            if pe <= s:
                continue
            if left <= pe - s:
                return s + left
            left -= pe - s
        d += timedelta(days=1)


long_instants = st.floats(min_value=EPOCH_2026 - 2 * YEAR_S, max_value=EPOCH_2026 + 2 * YEAR_S)


@settings(max_examples=60, deadline=None)
@given(calendar_names, long_instants, long_instants)
def test_between_long_spans_match_day_walk(name: str, a: float, b: float) -> None:
    cal = CALENDARS[name]
    lo, hi = sorted((a, b))
    assert working_seconds_between(cal, lo, hi) == pytest.approx(
        reference_between(cal, lo, hi), abs=1e-3
    )


@settings(max_examples=60, deadline=None)
@given(calendar_names, long_instants, st.floats(0.01, 400_000.0))
def test_add_long_spans_match_day_walk(name: str, t: float, minutes: float) -> None:
    cal = CALENDARS[name]
    assert add_working_minutes(cal, t, minutes) == pytest.approx(
        reference_add(cal, t, minutes), abs=1e-3
    )


@pytest.mark.parametrize("days", [9, 30, 365, 800])
def test_long_span_in_whole_working_days_ends_at_close(days: int) -> None:
    # N working days of 540 minutes from a Sunday end exactly at the N-th working day's close.
    sunday = local(2026, 4, 19, 12, 0)
    got = add_working_minutes(DEFAULT, sunday, days * 540)
    assert wall(DEFAULT, got).time() == time(17, 30)
    assert working_minutes_between(DEFAULT, sunday, got) == days * 540
    assert reference_add(DEFAULT, sunday, days * 540) == got
