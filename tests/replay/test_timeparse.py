"""12-hour AM/PM timestamps in America/Los_Angeles, across the DST changes."""

from __future__ import annotations

import datetime as dt

import pytest

from app.replay.timeparse import LocalTimeParser, TimeParseError, format_local, parse_iso

UTC = dt.UTC


def at(parser: LocalTimeParser, text: str) -> float:
    value = parser.parse(text)
    assert value is not None
    return value


def utc(text: str) -> float:
    return dt.datetime.fromisoformat(text).replace(tzinfo=UTC).timestamp()


@pytest.fixture
def parser() -> LocalTimeParser:
    return LocalTimeParser()


def test_pm_and_am_in_daylight_time(parser: LocalTimeParser) -> None:
    assert parser.parse("04/07/2020 09:16:46 PM") == utc("2020-04-08T04:16:46")
    assert parser.parse("04/07/2020 09:16:46 AM") == utc("2020-04-07T16:16:46")


def test_midnight_and_noon(parser: LocalTimeParser) -> None:
    assert parser.parse("04/08/2020 12:00:00 AM") == utc("2020-04-08T07:00:00")
    assert parser.parse("04/08/2020 12:00:00 PM") == utc("2020-04-08T19:00:00")
    assert parser.parse("04/08/2020 12:59:59 AM") == utc("2020-04-08T07:59:59")


def test_winter_time_is_eight_hours_behind(parser: LocalTimeParser) -> None:
    assert parser.parse("12/31/2016 11:57:56 PM") == utc("2017-01-01T07:57:56")


def test_march_change_skips_an_hour(parser: LocalTimeParser) -> None:
    before = parser.parse("03/08/2020 01:59:59 AM")
    after = parser.parse("03/08/2020 03:00:00 AM")
    assert before == utc("2020-03-08T09:59:59")
    assert after == utc("2020-03-08T10:00:00")
    # One real second across the change.
    assert at(parser, "03/08/2020 03:00:00 AM") - at(parser, "03/08/2020 01:59:59 AM") == 1.0
    # A whole day across the change is 23 hours long.
    assert at(parser, "03/09/2020 12:00:00 AM") - at(parser, "03/08/2020 12:00:00 AM") == 23 * 3600


def test_march_nonexistent_time_reads_with_the_old_offset(parser: LocalTimeParser) -> None:
    # 02:30 does not exist that night; read as 02:30 PST = 10:30 UTC (= 03:30 PDT).
    assert parser.parse("03/08/2020 02:30:00 AM") == utc("2020-03-08T10:30:00")


def test_november_repeated_hour_takes_the_first(parser: LocalTimeParser) -> None:
    assert parser.parse("11/01/2020 01:30:00 AM") == utc("2020-11-01T08:30:00")
    # The repeated hour makes that night's 00:00 -> 03:00 four real hours.
    assert at(parser, "11/01/2020 03:00:00 AM") - at(parser, "11/01/2020 12:00:00 AM") == 4 * 3600


@pytest.mark.parametrize(
    "bad",
    [
        "04/07/2020 13:16:46 PM",
        "2020-04-07 21:16:46",
        "04/07/2020 09:16:46 XM",
        "04/32/2020 09:16:46 AM",
    ],
)
def test_malformed_timestamps_are_refused(parser: LocalTimeParser, bad: str) -> None:
    with pytest.raises(TimeParseError):
        parser.parse(bad)


def test_empty_is_none(parser: LocalTimeParser) -> None:
    assert parser.parse("  ") is None


def test_other_formats_use_strptime() -> None:
    p = LocalTimeParser("%Y-%m-%d %H:%M:%S", "America/New_York")
    assert p.parse("2022-05-01 00:30:00") == utc("2022-05-01T04:30:00")


def test_iso_and_display_in_city_time() -> None:
    t = parse_iso("2020-04-07", "America/Los_Angeles")
    assert t == utc("2020-04-07T07:00:00")
    assert format_local(t, "America/Los_Angeles") == "2020-04-07 00:00:00 PDT"
    with pytest.raises(TimeParseError):
        parse_iso("yesterday", "UTC")
