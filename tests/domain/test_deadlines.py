"""Deadline engine: working-time arithmetic checked against a minute-by-minute oracle, DST,
holidays, escalation, suspension and extension."""

from __future__ import annotations

import json
import math
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.deadlines import (
    Assessment,
    CalendarConfigError,
    Escalation,
    WorkCalendar,
    add_working_minutes,
    assess,
    calendar_from_config,
    city_holiday_names,
    city_holidays,
    due_time,
    extend,
    is_period_end,
    is_working_time,
    load_calendar,
    resume_shift,
    working_minutes_between,
    working_seconds_between,
)

LA = ZoneInfo("America/Los_Angeles")
SETTINGS = settings(max_examples=200, deadline=None)
ORACLE_SETTINGS = settings(max_examples=60, deadline=None)

DEFAULT = WorkCalendar()
CALENDARS = {
    "default": DEFAULT,
    "lunch": WorkCalendar(lunch=(time(12, 0), time(13, 0))),
    # Working hours that straddle the 02:00 DST changes, every day of the week.
    "night": WorkCalendar(day_start=time(1, 0), day_end=time(4, 0), workdays=frozenset(range(7))),
    "kolkata": WorkCalendar(
        tz="Asia/Kolkata",
        day_start=time(9, 45),
        day_end=time(18, 15),
        workdays=frozenset({0, 1, 2, 3, 4, 5}),
        holidays=frozenset({date(2026, 1, 26), date(2026, 8, 15)}),
        city_holidays=False,
    ),
    # Lord Howe Island shifts by 30 minutes at DST.
    "lord_howe": WorkCalendar(
        tz="Australia/Lord_Howe",
        day_start=time(7, 15),
        day_end=time(15, 45),
        lunch=(time(11, 30), time(12, 0)),
        workdays=frozenset({6, 0, 1, 2, 3}),
        city_holidays=False,
    ),
}
# Local dates of DST changes in 2026, where bugs would hide.
DST_DAYS = {
    "America/Los_Angeles": [date(2026, 3, 8), date(2026, 11, 1)],
    "Asia/Kolkata": [date(2026, 6, 1)],
    "Australia/Lord_Howe": [date(2026, 4, 5), date(2026, 10, 4)],
}
EPOCH_2026 = datetime(2026, 1, 1, tzinfo=LA).timestamp()
YEAR_S = 365 * 86400


def local(y: int, mo: int, d: int, h: int = 0, mi: int = 0, tz: ZoneInfo = LA) -> float:
    return datetime(y, mo, d, h, mi, tzinfo=tz).timestamp()


def wall(cal: WorkCalendar, t: float) -> datetime:
    return datetime.fromtimestamp(t, ZoneInfo(cal.tz)).replace(tzinfo=None)


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


calendar_names = st.sampled_from(sorted(CALENDARS))


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


# -- properties over continuous instants -------------------------------------------------------

instants = st.floats(min_value=EPOCH_2026 - YEAR_S, max_value=EPOCH_2026 + 2 * YEAR_S)
minute_counts = st.floats(min_value=0.0, max_value=20_000.0)


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
    assert extend(DEFAULT, t, minutes, working_hours=False) == t + minutes * 60.0


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


def test_dst_day_keeps_its_local_hours() -> None:
    seven_days = WorkCalendar(workdays=frozenset(range(7)))
    for day in (date(2026, 3, 8), date(2026, 11, 1)):
        (start, end), *rest = seven_days.periods(day)
        assert not rest
        assert wall(seven_days, start).time() == time(8, 30)
        assert wall(seven_days, end).time() == time(17, 30)
        assert end - start == 9 * 3600
    # When the change falls inside the hours, the day is an hour shorter or longer in real time.
    night = CALENDARS["night"]
    assert working_minutes_between(night, local(2026, 3, 8), local(2026, 3, 9)) == 120
    assert working_minutes_between(night, local(2026, 11, 1), local(2026, 11, 2)) == 240
    assert working_minutes_between(night, local(2026, 11, 2), local(2026, 11, 3)) == 180


def test_lunch_break_is_not_working_time() -> None:
    cal = CALENDARS["lunch"]
    got = add_working_minutes(cal, local(2026, 4, 20, 11, 30), 60)
    assert wall(cal, got) == datetime(2026, 4, 20, 13, 30)
    assert not is_working_time(cal, local(2026, 4, 20, 12, 15))
    assert is_working_time(cal, local(2026, 4, 20, 13, 0))
    assert not is_working_time(cal, local(2026, 4, 20, 17, 30))


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


# -- holidays -----------------------------------------------------------------------------------


def test_city_holidays_2026_match_the_published_list() -> None:
    # OPM's 2026 federal holiday table, plus San Francisco's day after Thanksgiving.
    assert sorted(city_holidays([2026])) == [
        date(2026, 1, 1),
        date(2026, 1, 19),
        date(2026, 2, 16),
        date(2026, 5, 25),
        date(2026, 6, 19),
        date(2026, 7, 3),  # 4 July is a Saturday
        date(2026, 9, 7),
        date(2026, 10, 12),
        date(2026, 11, 11),
        date(2026, 11, 26),
        date(2026, 11, 27),
        date(2026, 12, 25),
    ]


def test_observed_rules_cross_year_ends() -> None:
    # 1 January 2022 was a Saturday: observed Friday 31 December 2021.
    assert date(2021, 12, 31) in city_holidays([2022])
    assert DEFAULT.is_holiday(date(2021, 12, 31))
    # 1 January 2023 was a Sunday: observed Monday 2 January.
    assert date(2023, 1, 2) in city_holidays([2023])
    # Christmas 2022 on Sunday -> Monday 26th; Juneteenth 2027 on Saturday -> Friday 18th.
    assert date(2022, 12, 26) in city_holidays([2022])
    assert date(2027, 6, 18) in city_holidays([2027])
    assert not any(d.year == 2019 and d.month == 6 for d in city_holidays([2019]))


@given(st.integers(1990, 2100))
@settings(max_examples=100, deadline=None)
def test_every_holiday_is_a_weekday_and_thanksgiving_is_a_thursday(year: int) -> None:
    names = city_holiday_names([year])
    assert all(d.weekday() < 5 for d in names)
    assert len(names) == (12 if year >= 2021 else 11)
    (thanksgiving,) = [d for d, n in names.items() if n == "Thanksgiving Day"]
    assert thanksgiving.weekday() == 3 and 22 <= thanksgiving.day <= 28
    assert WorkCalendar.default_holidays([year]) == frozenset(names)


# -- configuration ------------------------------------------------------------------------------


def test_calendar_config_round_trip_and_file(tmp_path: Path) -> None:
    cal = WorkCalendar(
        tz="America/New_York",
        day_start=time(9),
        day_end=time(17),
        lunch=(time(12), time(12, 45)),
        workdays=frozenset({0, 1, 2, 3}),
        holidays=frozenset({date(2026, 12, 24)}),
        city_holidays=False,
    )
    assert calendar_from_config(cal.to_config()) == cal
    path = tmp_path / "calendar.json"
    path.write_text(json.dumps(cal.to_config()), encoding="utf-8")
    loaded = load_calendar(path)
    assert loaded == cal
    assert not loaded.is_working_day(date(2026, 12, 24))
    assert loaded.is_working_day(date(2026, 12, 23))
    # City rules are off: Thanksgiving (a Thursday) is an ordinary working day here.
    assert loaded.is_working_day(date(2026, 11, 26))
    assert loaded.zone.key == "America/New_York"


def test_config_defaults_are_the_city_calendar() -> None:
    cal = calendar_from_config({})
    assert cal == DEFAULT
    assert not cal.is_working_day(date(2026, 11, 27))


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ({"tz": "Mars/Olympus_Mons"}, "unknown time zone"),
        ({"day_start": "8h30"}, "not a time like"),
        ({"day_start": "18:00"}, "must start before it ends"),
        ({"lunch": ["12:00"]}, "'lunch' must be"),
        ({"lunch": ["07:00", "08:00"]}, "must lie strictly inside"),
        ({"workdays": ["mon", "funday"]}, "not a weekday"),
        ({"workdays": []}, "non-empty"),
        ({"holidays": ["2026-02-30"]}, "not a date like"),
        ({"holidays": "2026-12-24"}, "must be a list"),
        ({"city_holidays": "yes"}, "true or false"),
        ({"hours": "9-5"}, "unknown calendar config key"),
    ],
)
def test_bad_config_gives_clear_error(config: dict[str, object], message: str) -> None:
    with pytest.raises(CalendarConfigError, match=message):
        calendar_from_config(config)


def test_bad_config_file_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "cal.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(CalendarConfigError, match=r"cal\.json: not valid JSON"):
        load_calendar(path)
    path.write_text('{"workdays": ["xyz"]}', encoding="utf-8")
    with pytest.raises(CalendarConfigError, match=r"cal\.json: 'workdays'"):
        load_calendar(path)


def test_calendar_is_immutable() -> None:
    cal = WorkCalendar()
    with pytest.raises(AttributeError, match="immutable"):
        cal.day_end = time(20)  # type: ignore[misc]


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
    new_due = extend(cal, due, minutes, working)
    assert new_due > due
    if working:
        assert working_minutes_between(cal, due, new_due) == pytest.approx(minutes, abs=1e-5)
    else:
        assert new_due - due == pytest.approx(minutes * 60.0)


def test_extension_example() -> None:
    due = local(2026, 4, 17, 17, 0)
    assert wall(DEFAULT, extend(DEFAULT, due, 60, True)) == datetime(2026, 4, 20, 9, 0)
    assert wall(DEFAULT, extend(DEFAULT, due, 60, False)) == datetime(2026, 4, 17, 18, 0)


def test_assess_refuses_bad_limit() -> None:
    with pytest.raises(ValueError, match="limit_minutes"):
        assess(DEFAULT, EPOCH_2026, EPOCH_2026, -5, True)


def test_is_working_time_examples() -> None:
    assert is_working_time(DEFAULT, local(2026, 4, 20, 8, 30))
    assert not is_working_time(DEFAULT, local(2026, 4, 20, 8, 29))
    assert not is_working_time(DEFAULT, local(2026, 4, 18, 12, 0))  # Saturday
    assert not is_working_time(DEFAULT, local(2026, 12, 25, 12, 0))  # Christmas
    assert is_period_end(DEFAULT, local(2026, 4, 20, 17, 30))
