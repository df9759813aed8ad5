"""Period keys of a time in the city's time zone: shift, day, ISO week, month.

Shifts are the usual three eight-hour watches: day 07:00-15:00, evening 15:00-23:00, night
23:00-07:00; a night shift belongs to the date it started on.
"""

from __future__ import annotations

import datetime as dt
import logging
from zoneinfo import ZoneInfo

log = logging.getLogger(__name__)

SHIFTS = (("night", 0, 7), ("day", 7, 15), ("evening", 15, 23), ("night", 23, 24))
PERIODS = ("shift", "day", "week", "month")
_BLOCK = 900.0  # every zone's offset is a multiple of 15 minutes: one computation per block


def shift_of(local: dt.datetime) -> tuple[dt.date, str]:
    """The shift a local time falls in and the date that shift started on."""
    h = local.hour
    if h < 7:
        return (local - dt.timedelta(days=1)).date(), "night"
    if h < 15:
        return local.date(), "day"
    if h < 23:
        return local.date(), "evening"
    return local.date(), "night"


class PeriodKeys:
    """Cached period keys: recomputing a zoneinfo conversion per event would dominate the update."""

    def __init__(self, tz: str = "America/Los_Angeles") -> None:
        self.tz_name = tz
        self.tz = ZoneInfo(tz)
        self._cache: dict[int, tuple[tuple[str, str], ...]] = {}

    def local(self, t: float) -> dt.datetime:
        return dt.datetime.fromtimestamp(t, self.tz)

    def keys(self, t: float) -> tuple[tuple[str, str], ...]:
        block = int(t // _BLOCK)
        got = self._cache.get(block)
        if got is None:
            loc = self.local(block * _BLOCK)
            day, shift = shift_of(loc)
            iso = loc.isocalendar()
            got = (
                ("shift", f"{day.isoformat()} {shift}"),
                ("day", loc.date().isoformat()),
                ("week", f"{iso.year}-W{iso.week:02d}"),
                ("month", f"{loc.year}-{loc.month:02d}"),
            )
            if len(self._cache) > 200_000:
                self._cache.clear()
            self._cache[block] = got
        return got


def previous_month(key: str) -> str:
    """'2020-04' -> '2020-03'."""
    y, m = (int(x) for x in key.split("-"))
    return f"{y - 1}-12" if m == 1 else f"{y}-{m - 1:02d}"


def previous_year(key: str) -> str:
    y, m = key.split("-")
    return f"{int(y) - 1}-{m}"
