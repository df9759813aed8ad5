"""Calendars, instants and helpers shared by the deadline and calendar tests."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from hypothesis import settings
from hypothesis import strategies as st

from app.domain.deadlines import WorkCalendar

LA = ZoneInfo("America/Los_Angeles")
SETTINGS = settings(max_examples=200, deadline=None)

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


calendar_names = st.sampled_from(sorted(CALENDARS))
instants = st.floats(min_value=EPOCH_2026 - YEAR_S, max_value=EPOCH_2026 + 2 * YEAR_S)
minute_counts = st.floats(min_value=0.0, max_value=20_000.0)
