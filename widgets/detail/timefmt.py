"""Times as the control room reads them: in the city's time zone, durations as h:mm:ss."""

from __future__ import annotations

import datetime as dt
import logging
from zoneinfo import ZoneInfo

log = logging.getLogger(__name__)

CITY_TZ = ZoneInfo("America/Los_Angeles")


def local_dt(t: float) -> dt.datetime:
    return dt.datetime.fromtimestamp(t, CITY_TZ)


def clock_time(t: float | None, now: float | None = None) -> str:
    """``14:05`` for today (relative to ``now``), ``Tue 14:05`` within a week, else a date."""
    if t is None:
        return "-"
    d = local_dt(t)
    if now is not None:
        n = local_dt(now)
        if d.date() == n.date():
            return d.strftime("%H:%M")
        if abs((d.date() - n.date()).days) < 7:
            return d.strftime("%a %H:%M")
    return d.strftime("%Y-%m-%d %H:%M")


def full_time(t: float) -> str:
    return local_dt(t).strftime("%Y-%m-%d %H:%M:%S %Z")


def duration(seconds: float) -> str:
    """``4:05``, ``1:02:03``, ``2d 03h``: always positive, the caller says early or late."""
    s = int(abs(seconds))
    d, rem = divmod(s, 86400)
    h, rem = divmod(rem, 3600)
    m, sec = divmod(rem, 60)
    if d:
        return f"{d}d {h:02d}h"
    if h:
        return f"{h}:{m:02d}:{sec:02d}"
    return f"{m}:{sec:02d}"
