"""Deadline engine: due times on the working calendar (properties and worked examples),
escalation, suspension and extension."""

from __future__ import annotations

import math
from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.deadlines import (
    Assessment,
    Escalation,
    WorkCalendar,
    add_working_minutes,
    assess,
    due_time,
    is_period_end,
    is_working_time,
    resume_shift,
    working_minutes_between,
    working_seconds_between,
)
from tests.domain.calendars import (
    CALENDARS,
    DEFAULT,
    EPOCH_2026,
    LA,
    SETTINGS,
    calendar_names,
    instants,
    local,
    minute_counts,
    wall,
)

# -- properties over continuous instants -------------------------------------------------------


@SETTINGS
@given(calendar_names, instants, minute_counts)
def test_add_lands_in_working_time_or_at_period_end(name: str, t: float, minutes: float) -> None:
    cal = CALENDARS[name]
    due = add_working_minutes(cal, t, minutes)
    if minutes == 0:
        assert due == t  # documented rule: adding nothing moves nothing
    else:
        assert is_working_time(cal, due) or is_period_end(cal, due), wall(cal, due)
        assert due >= t  # equal only when the minutes vanish in float rounding


@SETTINGS
@given(calendar_names, instants, minute_counts)
def test_add_then_between_round_trips(name: str, t: float, minutes: float) -> None:
    cal = CALENDARS[name]
    due = add_working_minutes(cal, t, minutes)
    assert working_minutes_between(cal, t, due) == pytest.approx(minutes, abs=1e-5)


@SETTINGS
@given(calendar_names, instants, minute_counts, minute_counts)
def test_add_is_monotonic_and_additive(name: str, t: float, m1: float, m2: float) -> None:
    cal = CALENDARS[name]
    lo, hi = sorted((m1, m2))
    assert add_working_minutes(cal, t, lo) <= add_working_minutes(cal, t, hi)
    chained = add_working_minutes(cal, add_working_minutes(cal, t, m1), m2)
    assert chained == pytest.approx(add_working_minutes(cal, t, m1 + m2), abs=1e-3)


@SETTINGS
@given(calendar_names, instants, instants, instants)
def test_between_is_antisymmetric_and_additive(name: str, a: float, b: float, c: float) -> None:
    cal = CALENDARS[name]
    ab = working_seconds_between(cal, a, b)
    assert ab == pytest.approx(-working_seconds_between(cal, b, a), abs=1e-6)
    assert abs(ab) <= abs(b - a) + 1e-6
    bc = working_seconds_between(cal, b, c)
    assert ab + bc == pytest.approx(working_seconds_between(cal, a, c), abs=1e-3)


@SETTINGS
@given(instants, st.floats(min_value=0.0, max_value=1e6))
def test_wall_clock_mode_is_plain_addition(t: float, minutes: float) -> None:
    assert due_time(DEFAULT, t, minutes, working_hours=False) == t + minutes * 60.0


@SETTINGS
@given(calendar_names, instants, minute_counts)
def test_working_mode_due_time_is_add_working_minutes(name: str, t: float, m: float) -> None:
    cal = CALENDARS[name]
    assert due_time(cal, t, m, working_hours=True) == add_working_minutes(cal, t, m)


# -- explicit examples ------------------------------------------------------------------------


def test_friday_afternoon_rolls_over_the_weekend() -> None:
    fri = local(2026, 4, 17, 16, 30)
    assert wall(DEFAULT, add_working_minutes(DEFAULT, fri, 120)) == datetime(2026, 4, 20, 9, 30)
    # Exactly the rest of Friday ends at Friday's close, not at Monday's opening.
    assert wall(DEFAULT, add_working_minutes(DEFAULT, fri, 60)) == datetime(2026, 4, 17, 17, 30)


def test_exactly_a_full_day_ends_at_that_day_close() -> None:
    # 540 minutes from before Monday's opening use up Monday exactly: due Monday 17:30.
    for start in (local(2026, 4, 19, 12, 0), local(2026, 4, 20, 8, 30)):
        got = add_working_minutes(DEFAULT, start, 540)
        assert wall(DEFAULT, got) == datetime(2026, 4, 20, 17, 30)
    got = add_working_minutes(DEFAULT, local(2026, 4, 19, 12, 0), 1080)
    assert wall(DEFAULT, got) == datetime(2026, 4, 21, 17, 30)


def test_monday_holiday_rolls_to_tuesday() -> None:
    # 19 January 2026 is Martin Luther King Jr. Day; 7 September 2026 is Labor Day.
    got = add_working_minutes(DEFAULT, local(2026, 1, 16, 16, 30), 120)
    assert wall(DEFAULT, got) == datetime(2026, 1, 20, 9, 30)
    got = add_working_minutes(DEFAULT, local(2026, 9, 4, 16, 30), 120)
    assert wall(DEFAULT, got) == datetime(2026, 9, 8, 9, 30)


def test_explicit_holiday_from_config_is_skipped() -> None:
    cal = WorkCalendar(holidays=frozenset({date(2026, 4, 20)}))
    got = add_working_minutes(cal, local(2026, 4, 17, 16, 30), 120)
    assert wall(cal, got) == datetime(2026, 4, 21, 9, 30)


def test_spring_forward_weekend() -> None:
    # Clocks jump 02:00 -> 03:00 on Sunday 8 March 2026; Friday 16:30 PST + 2 h -> Mon 09:30 PDT.
    fri = local(2026, 3, 6, 16, 30)
    got = add_working_minutes(DEFAULT, fri, 120)
    assert wall(DEFAULT, got) == datetime(2026, 3, 9, 9, 30)
    assert datetime.fromtimestamp(got, LA).utcoffset() == timedelta(hours=-7)
    assert got - fri == (2 * 86400 + 17 * 3600) - 3600  # a weekend one hour short
    assert working_minutes_between(DEFAULT, fri, got) == 120.0


def test_fall_back_weekend() -> None:
    # Clocks go back 02:00 -> 01:00 on Sunday 1 November 2026.
    fri = local(2026, 10, 30, 16, 30)
    got = add_working_minutes(DEFAULT, fri, 120)
    assert wall(DEFAULT, got) == datetime(2026, 11, 2, 9, 30)
    assert datetime.fromtimestamp(got, LA).utcoffset() == timedelta(hours=-8)
    assert got - fri == (2 * 86400 + 17 * 3600) + 3600  # a weekend one hour long


def test_zero_minutes_from_non_working_instant_stays_put() -> None:
    sat = local(2026, 4, 18, 10, 0)
    assert add_working_minutes(DEFAULT, sat, 0) == sat
    # Any positive amount starts counting at Monday's opening.
    got = add_working_minutes(DEFAULT, sat, 1)
    assert wall(DEFAULT, got) == datetime(2026, 4, 20, 8, 31)


@pytest.mark.parametrize(
    "minutes", [-1.0, math.nan, math.inf, 1e12], ids=["negative", "nan", "inf", "huge"]
)
def test_add_refuses_bad_minutes(minutes: float) -> None:
    with pytest.raises(ValueError, match="minutes must be"):
        add_working_minutes(DEFAULT, EPOCH_2026, minutes)


def test_refuses_non_finite_instants() -> None:
    with pytest.raises(ValueError, match="finite"):
        add_working_minutes(DEFAULT, math.nan, 10)
    with pytest.raises(ValueError, match="finite"):
        working_minutes_between(DEFAULT, EPOCH_2026, math.inf)


# -- assessment, suspension, extension ---------------------------------------------------------


def test_escalation_thresholds_wall_clock() -> None:
    due = EPOCH_2026
    limit = 100.0  # minutes: warn under 20 min left, escalate after 50 min overdue

    def level(minutes_before_due: float) -> Assessment:
        return assess(DEFAULT, due, due - minutes_before_due * 60, limit, working_hours=False)

    assert level(21) == Assessment(remaining_s=1260.0, overdue=False, escalation=0)
    assert level(20).escalation == Escalation.IN_TIME
    assert level(19.99).escalation == Escalation.WARNING
    assert level(0) == Assessment(remaining_s=0.0, overdue=False, escalation=1)
    assert level(-0.01).escalation == Escalation.OVERDUE and level(-0.01).overdue
    assert level(-50).escalation == Escalation.OVERDUE
    assert level(-50.01).escalation == Escalation.ESCALATED
    assert level(-50.01).remaining_s == pytest.approx(-3000.6)


def test_escalation_counts_working_time() -> None:
    # Due Friday 17:30 with a 100-minute working limit.
    due = local(2026, 4, 17, 17, 30)
    sat = assess(DEFAULT, due, local(2026, 4, 18, 12, 0), 100, working_hours=True)
    assert sat == Assessment(remaining_s=0.0, overdue=True, escalation=2)
    mon = assess(DEFAULT, due, local(2026, 4, 20, 9, 21), 100, working_hours=True)
    assert mon.escalation == Escalation.ESCALATED and mon.remaining_s == -51 * 60
    # Friday 16:00: 90 working minutes left, in time; from Thursday 17:00 the night is skipped.
    assert assess(DEFAULT, due, local(2026, 4, 17, 16), 100, True).escalation == 0
    thu = assess(DEFAULT, due, local(2026, 4, 16, 17, 0), 100, True)
    assert thu.remaining_s == (30 + 540) * 60


@SETTINGS
@given(instants, st.floats(0.0, 5000.0), st.floats(-3 * 86400, 3 * 86400), st.booleans())
def test_escalation_never_decreases_with_time(
    due: float, limit: float, offset: float, working: bool
) -> None:
    a = assess(DEFAULT, due, due + offset, limit, working)
    b = assess(DEFAULT, due, due + offset + 1800, limit, working)
    assert a.escalation <= b.escalation
    assert a.remaining_s >= b.remaining_s
    assert a.overdue == (due + offset > due)


@SETTINGS
@given(calendar_names, instants, minute_counts, st.floats(0, 10 * 86400), st.booleans())
def test_suspension_freezes_remaining(
    name: str, start: float, limit: float, later: float, working: bool
) -> None:
    cal = CALENDARS[name]
    due = due_time(cal, start, limit, working)
    suspended = start + later / 2
    frozen = assess(cal, due, suspended, limit, working)
    assert assess(cal, due, suspended + later, limit, working, suspended_at=suspended) == frozen


@SETTINGS
@given(
    calendar_names,
    instants,
    st.floats(1.0, 5000.0),
    st.floats(0, 5 * 86400),
    st.floats(0, 5 * 86400),
    st.booleans(),
)
def test_resume_shift_keeps_the_frozen_remaining(
    name: str, start: float, limit: float, run: float, pause: float, working: bool
) -> None:
    cal = CALENDARS[name]
    due = due_time(cal, start, limit, working)
    suspended = start + run
    resumed = suspended + pause
    before = assess(cal, due, suspended, limit, working)
    new_due = resume_shift(cal, due, suspended, resumed, working)
    assert new_due >= due
    after = assess(cal, new_due, resumed, limit, working)
    assert after.remaining_s == pytest.approx(before.remaining_s, abs=1e-3)


def test_resume_shift_over_a_weekend_costs_nothing() -> None:
    due = local(2026, 4, 20, 10, 0)
    fri_close, mon_open = local(2026, 4, 17, 17, 30), local(2026, 4, 20, 8, 30)
    assert resume_shift(DEFAULT, due, fri_close, mon_open, working_hours=True) == due
    wall_due = resume_shift(DEFAULT, due, fri_close, mon_open, working_hours=False)
    assert wall_due == due + (mon_open - fri_close)
    with pytest.raises(ValueError, match="before suspended_at"):
        resume_shift(DEFAULT, due, mon_open, fri_close, working_hours=True)


@SETTINGS
@given(calendar_names, instants, st.floats(0.01, 5000.0), st.booleans())
def test_extension_moves_due_by_the_granted_minutes(
    name: str, due: float, minutes: float, working: bool
) -> None:
    cal = CALENDARS[name]
    new_due = due_time(cal, due, minutes, working)
    assert new_due > due
    if working:
        assert working_minutes_between(cal, due, new_due) == pytest.approx(minutes, abs=1e-5)
    else:
        assert new_due - due == pytest.approx(minutes * 60.0)


def test_extension_example() -> None:
    due = local(2026, 4, 17, 17, 0)
    assert wall(DEFAULT, due_time(DEFAULT, due, 60, True)) == datetime(2026, 4, 20, 9, 0)
    assert wall(DEFAULT, due_time(DEFAULT, due, 60, False)) == datetime(2026, 4, 17, 18, 0)


def test_assess_refuses_bad_limit() -> None:
    with pytest.raises(ValueError, match="limit_minutes"):
        assess(DEFAULT, EPOCH_2026, EPOCH_2026, -5, True)
