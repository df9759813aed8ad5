"""Stage deadlines on a working-hours calendar: due times, remaining time, escalation.

A :class:`WorkCalendar` says when the centre's clock runs for cases whose category counts
working hours only (``Category.working_hours``): local wall-clock opening hours on workdays,
minus holidays, in the city's time zone. Every function takes and returns UTC epoch seconds,
like the rest of the domain; the calendar does the local-time work with ``zoneinfo``, so DST
changes are handled (a working day on a DST-change date keeps its local hours; only its length
in real seconds may differ when the change falls inside them).

Rules that callers can rely on:

* ``add_working_minutes(cal, t, 0) == t`` exactly, even outside working time (adding nothing
  moves nothing). For ``minutes > 0`` the result always lies inside a working period or exactly
  at the end of one (it never jumps to the start of the next period: a case that is due at the
  last working second of Friday is due Friday 17:30, not Monday 08:30).
* ``working_minutes_between(cal, t, add_working_minutes(cal, t, m)) == m`` (to float rounding).
* Both step day by day over the calendar's cached per-day periods, and jump over long spans
  with its per-year running totals: no per-minute loops.

The calendar itself (hours, holidays, JSON config) lives in :mod:`app.domain.workcalendar` and
:mod:`app.domain.holidays`; its public names are re-exported here.
"""

from __future__ import annotations

import enum
import logging
import math

import msgspec

from app.domain.holidays import city_holiday_names, city_holidays
from app.domain.workcalendar import (
    DEFAULT_TZ,
    SHORT_SPAN_DAYS,
    WEEKDAY_NAMES,
    CalendarConfigError,
    Period,
    WorkCalendar,
    calendar_from_config,
    load_calendar,
)

log = logging.getLogger(__name__)

__all__ = [
    "DEFAULT_TZ",
    "ESCALATE_FRACTION",
    "MAX_MINUTES",
    "WARNING_FRACTION",
    "WEEKDAY_NAMES",
    "Assessment",
    "CalendarConfigError",
    "Escalation",
    "WorkCalendar",
    "add_working_minutes",
    "assess",
    "calendar_from_config",
    "city_holiday_names",
    "city_holidays",
    "due_time",
    "elapsed_seconds",
    "is_period_end",
    "is_working_time",
    "load_calendar",
    "resume_shift",
    "working_minutes_between",
    "working_seconds_between",
]

MAX_MINUTES = 10_000_000.0
"""Largest span accepted by :func:`add_working_minutes` (about 19 years of wall time)."""

WARNING_FRACTION = 0.2
"""Warn when less than this fraction of the stage limit is left."""

ESCALATE_FRACTION = 0.5
"""Escalate to the head of centre when overdue by more than this fraction of the limit."""


def _check_instant(name: str, t: float) -> None:
    if not math.isfinite(t):
        raise ValueError(f"{name} must be a finite epoch time, got {t!r}")


def is_working_time(cal: WorkCalendar, t: float) -> bool:
    """Whether the clock runs at epoch ``t`` (start of a period included, its end excluded)."""
    _check_instant("t", t)
    return any(s <= t < e for s, e in cal.day_periods(cal.local_ordinal(t))[0])


def is_period_end(cal: WorkCalendar, t: float) -> bool:
    """Whether epoch ``t`` is exactly the end of one of its local day's working periods."""
    _check_instant("t", t)
    return any(t == e for _, e in cal.day_periods(cal.local_ordinal(t))[0])


def add_working_minutes(cal: WorkCalendar, start: float, minutes: float) -> float:
    """Epoch time reached after ``minutes`` of working time from ``start``.

    ``minutes == 0`` returns ``start`` unchanged. Otherwise the result lies inside a working
    period or exactly at its end. Raises ``ValueError`` for negative, non-finite or absurdly
    large spans (more than :data:`MAX_MINUTES`).
    """
    _check_instant("start", start)
    if not (math.isfinite(minutes) and 0.0 <= minutes <= MAX_MINUTES):
        raise ValueError(f"minutes must be between 0 and {MAX_MINUTES:.0f}, got {minutes!r}")
    remaining = minutes * 60.0
    if remaining == 0.0:
        return start
    ordinal = cal.local_ordinal(start)
    # The start's own day: only the part after ``start`` counts.
    for ps, pe in cal.day_periods(ordinal)[0]:
        if pe <= start:
            continue
        s = ps if ps > start else start
        avail = pe - s
        if remaining <= avail:
            return s + remaining
        remaining -= avail
    ordinal += 1
    if remaining > SHORT_SPAN_DAYS * 86400.0:
        ordinal, remaining = cal.skip_whole_days(ordinal, remaining)
    # Whole days from here on: walk them, skipping any day that does not finish the count.
    day = cal.day_periods
    while True:
        periods, total = day(ordinal)
        if remaining > total:
            remaining -= total
        else:
            for ps, pe in periods:
                avail = pe - ps
                if remaining <= avail:
                    return ps + remaining
                remaining -= avail
            if periods:  # float rounding left a hair over the day's total: it ends at close
                return periods[-1][1]
        ordinal += 1


def _overlap(periods: tuple[Period, ...], a: float, b: float) -> float:
    total = 0.0
    for ps, pe in periods:
        lo = ps if ps > a else a
        hi = pe if pe < b else b
        if hi > lo:
            total += hi - lo
    return total


def working_seconds_between(cal: WorkCalendar, a: float, b: float) -> float:
    """Working seconds from ``a`` to ``b``; negative when ``b`` is before ``a``."""
    _check_instant("a", a)
    _check_instant("b", b)
    if b < a:
        return -working_seconds_between(cal, b, a)
    first = cal.local_ordinal(a)
    last = cal.local_ordinal(b)
    if first == last:
        return _overlap(cal.day_periods(first)[0], a, b)
    return (
        _overlap(cal.day_periods(first)[0], a, b)
        + cal.whole_days_seconds(first + 1, last)
        + _overlap(cal.day_periods(last)[0], a, b)
    )


def working_minutes_between(cal: WorkCalendar, a: float, b: float) -> float:
    """Working minutes from ``a`` to ``b``; negative when ``b`` is before ``a``."""
    return working_seconds_between(cal, a, b) / 60.0


def elapsed_seconds(cal: WorkCalendar, a: float, b: float, working_hours: bool) -> float:
    """Seconds the stage clock counts from ``a`` to ``b`` (working or wall-clock)."""
    if working_hours:
        return working_seconds_between(cal, a, b)
    return b - a


def due_time(cal: WorkCalendar, start: float, minutes: float, working_hours: bool) -> float:
    """Due time of a stage of ``minutes`` that starts at ``start``.

    With ``working_hours`` the minutes are working minutes on ``cal``; otherwise plain
    wall-clock: ``start + minutes * 60``.
    """
    if working_hours:
        return add_working_minutes(cal, start, minutes)
    _check_instant("start", start)
    if not (math.isfinite(minutes) and minutes >= 0.0):
        raise ValueError(f"minutes must be a finite non-negative number, got {minutes!r}")
    return start + minutes * 60.0


def resume_shift(
    cal: WorkCalendar, due: float, suspended_at: float, resumed_at: float, working_hours: bool
) -> float:
    """New due time after a suspension from ``suspended_at`` to ``resumed_at``.

    The due time moves by the suspended span, counted in working time when ``working_hours``
    (a suspension over a weekend costs nothing on a weekday calendar), so the remaining time
    measured at resumption equals the remaining time frozen at suspension.
    """
    _check_instant("suspended_at", suspended_at)
    _check_instant("resumed_at", resumed_at)
    if resumed_at < suspended_at:
        raise ValueError(f"resumed_at ({resumed_at}) is before suspended_at ({suspended_at})")
    if working_hours:
        span = working_seconds_between(cal, suspended_at, resumed_at) / 60.0
        return add_working_minutes(cal, due, span)
    _check_instant("due", due)
    return due + (resumed_at - suspended_at)


class Escalation(enum.IntEnum):
    """Escalation level of a stage clock."""

    IN_TIME = 0
    WARNING = 1  # less than WARNING_FRACTION of the limit left: warn the supervisor
    OVERDUE = 2
    ESCALATED = 3  # overdue by more than ESCALATE_FRACTION of the limit: head of centre


class Assessment(msgspec.Struct, frozen=True):
    """State of one stage clock at an instant."""

    remaining_s: float  # seconds the clock still has (working seconds when working_hours)
    overdue: bool
    escalation: int  # an Escalation value


def assess(
    cal: WorkCalendar,
    due: float,
    now: float,
    limit_minutes: float,
    working_hours: bool,
    suspended_at: float | None = None,
) -> Assessment:
    """Remaining time, overdue flag and escalation level of a stage due at ``due``.

    ``remaining_s`` counts the clock's own seconds (working seconds when ``working_hours``) and
    is negative once overdue. A suspended clock does not run: everything is measured at
    ``suspended_at`` (or ``now`` if that is earlier). Overdue means the measuring instant is
    after ``due`` in real time, so a case due Friday 17:30 is overdue on Saturday even though no
    working time has passed since. Levels: 0 in time, 1 warning (less than 20 % of the limit
    left), 2 overdue, 3 overdue by more than 50 % of the limit.
    """
    _check_instant("due", due)
    _check_instant("now", now)
    if not (math.isfinite(limit_minutes) and limit_minutes >= 0.0):
        raise ValueError(
            f"limit_minutes must be a finite non-negative number, got {limit_minutes!r}"
        )
    at = now
    if suspended_at is not None:
        _check_instant("suspended_at", suspended_at)
        at = min(now, suspended_at)
    remaining = elapsed_seconds(cal, at, due, working_hours)
    limit_s = limit_minutes * 60.0
    if at > due:
        level = (
            Escalation.ESCALATED if -remaining > ESCALATE_FRACTION * limit_s else Escalation.OVERDUE
        )
        return Assessment(remaining_s=remaining, overdue=True, escalation=int(level))
    level = Escalation.WARNING if remaining < WARNING_FRACTION * limit_s else Escalation.IN_TIME
    return Assessment(remaining_s=remaining, overdue=False, escalation=int(level))
