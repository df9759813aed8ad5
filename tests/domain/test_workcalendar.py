"""The working calendar: holidays by rule, per-day periods across DST, JSON configuration."""

from __future__ import annotations

import json
from datetime import date, datetime, time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.deadlines import (
    CalendarConfigError,
    WorkCalendar,
    add_working_minutes,
    calendar_from_config,
    city_holiday_names,
    city_holidays,
    is_period_end,
    is_working_time,
    load_calendar,
    working_minutes_between,
)
from tests.domain.calendars import (
    CALENDARS,
    DEFAULT,
    local,
    wall,
)


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


def test_is_working_time_examples() -> None:
    assert is_working_time(DEFAULT, local(2026, 4, 20, 8, 30))
    assert not is_working_time(DEFAULT, local(2026, 4, 20, 8, 29))
    assert not is_working_time(DEFAULT, local(2026, 4, 18, 12, 0))  # Saturday
    assert not is_working_time(DEFAULT, local(2026, 12, 25, 12, 0))  # Christmas
    assert is_period_end(DEFAULT, local(2026, 4, 20, 17, 30))
