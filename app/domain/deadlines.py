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
* Both step day by day over cached per-day periods: no per-minute loops.

The default calendar applies the US federal and City and County of San Francisco holidays for
every year (rules, not a fixed list), plus any explicit extra dates.
"""

from __future__ import annotations

import bisect
import enum
import functools
import json
import logging
import math
from collections.abc import Iterable, Mapping
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import msgspec

log = logging.getLogger(__name__)

DEFAULT_TZ = "America/Los_Angeles"
WEEKDAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

MAX_MINUTES = 10_000_000.0
"""Largest span accepted by :func:`add_working_minutes` (about 19 years of wall time)."""

WARNING_FRACTION = 0.2
"""Warn when less than this fraction of the stage limit is left."""

ESCALATE_FRACTION = 0.5
"""Escalate to the head of centre when overdue by more than this fraction of the limit."""

_Period = tuple[float, float]
_BUCKET_S = 900.0
_SHORT_SPAN_DAYS = 8  # spans up to this many days are summed day by day, longer via year totals


class CalendarConfigError(ValueError):
    """A calendar configuration (JSON or arguments) that cannot be used; the message says why."""


# --------------------------------------------------------------------------------------------
# Holidays


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th (1-based) ``weekday`` (0 = Monday) of a month."""
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def _last_weekday(year: int, month: int, weekday: int) -> date:
    nxt = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    last = nxt - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def _observed(d: date) -> date:
    """Federal observance: a Saturday holiday is observed on Friday, a Sunday one on Monday."""
    wd = d.weekday()
    if wd == 5:
        return d - timedelta(days=1)
    if wd == 6:
        return d + timedelta(days=1)
    return d


@functools.cache
def _city_holidays_of_year(year: int) -> dict[date, str]:
    """Observed US federal + San Francisco holidays of ``year`` -> name.

    The observed New Year's Day of ``year`` can fall on 31 December of the year before.
    """
    mon, thu = 0, 3
    fixed = [
        (date(year, 1, 1), "New Year's Day"),
        (date(year, 7, 4), "Independence Day"),
        (date(year, 11, 11), "Veterans Day"),
        (date(year, 12, 25), "Christmas Day"),
    ]
    if year >= 2021:  # Juneteenth became a federal holiday in June 2021
        fixed.append((date(year, 6, 19), "Juneteenth"))
    out = {_observed(d): name for d, name in fixed}
    thanksgiving = _nth_weekday(year, 11, thu, 4)
    out.update(
        {
            _nth_weekday(year, 1, mon, 3): "Martin Luther King Jr. Day",
            _nth_weekday(year, 2, mon, 3): "Presidents' Day",
            _last_weekday(year, 5, mon): "Memorial Day",
            _nth_weekday(year, 9, mon, 1): "Labor Day",
            _nth_weekday(year, 10, mon, 2): "Indigenous Peoples' Day",
            thanksgiving: "Thanksgiving Day",
            thanksgiving + timedelta(days=1): "Day after Thanksgiving",
        }
    )
    return out


def city_holiday_names(years: Iterable[int]) -> dict[date, str]:
    """Observed US federal + San Francisco holidays of ``years``, date -> name, sorted by date."""
    merged: dict[date, str] = {}
    for y in years:
        merged.update(_city_holidays_of_year(y))
    return dict(sorted(merged.items()))


def city_holidays(years: Iterable[int]) -> frozenset[date]:
    """Observed US federal + San Francisco holidays for ``years`` (e.g. ``range(2025, 2028)``).

    New Year, Martin Luther King Jr., Presidents', Memorial, Juneteenth (from 2021),
    Independence, Labor, Indigenous Peoples' (Columbus), Veterans, Thanksgiving and the day
    after, Christmas. A holiday on Saturday is observed on the Friday before, on Sunday on the
    Monday after.
    """
    return frozenset(city_holiday_names(years))


def _is_city_holiday(d: date) -> bool:
    # The observed New Year's Day of next year may be 31 December of this one.
    return d in _city_holidays_of_year(d.year) or (
        d.month == 12 and d in _city_holidays_of_year(d.year + 1)
    )


# --------------------------------------------------------------------------------------------
# Calendar


class WorkCalendar:
    """Owns the working-time rules (zone, daily hours, lunch, workdays, holidays) and a cache of
    each local day's working periods as UTC epoch spans.

    ``holidays`` are explicit extra non-working dates. ``city_holidays`` (default on) adds the
    observed US federal + San Francisco holidays of every year, computed by rule; switch it off
    to use only the explicit dates. Instances are immutable in use; the per-day cache only
    memoises pure computations.
    """

    __slots__ = (
        "_days",
        "_ords",
        "_tzinfo",
        "_years",
        "city_holidays",
        "day_end",
        "day_start",
        "holidays",
        "lunch",
        "tz",
        "workdays",
    )

    def __init__(
        self,
        tz: str = DEFAULT_TZ,
        day_start: time = time(8, 30),
        day_end: time = time(17, 30),
        lunch: tuple[time, time] | None = None,
        workdays: frozenset[int] = frozenset({0, 1, 2, 3, 4}),
        holidays: frozenset[date] = frozenset(),
        city_holidays: bool = True,
    ) -> None:
        try:
            self._tzinfo = ZoneInfo(tz)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise CalendarConfigError(f"unknown time zone {tz!r}") from exc
        if not day_start < day_end:
            raise CalendarConfigError(
                f"working day must start before it ends (start {day_start}, end {day_end})"
            )
        if lunch is not None:
            l0, l1 = lunch
            if not day_start < l0 < l1 < day_end:
                raise CalendarConfigError(
                    f"lunch break {l0}-{l1} must lie strictly inside the working day "
                    f"{day_start}-{day_end} and start before it ends"
                )
        days = frozenset(workdays)
        if not days or not days <= frozenset(range(7)):
            raise CalendarConfigError(
                f"workdays must be a non-empty set of weekday numbers 0 (Mon)..6 (Sun), "
                f"got {sorted(days)}"
            )
        self.tz = tz
        self.day_start = day_start
        self.day_end = day_end
        self.lunch = lunch
        self.workdays = days
        self.holidays = frozenset(holidays)
        self.city_holidays = city_holidays
        self._days: dict[int, tuple[tuple[_Period, ...], float]] = {}
        self._ords: dict[int, int] = {}
        self._years: dict[int, tuple[int, list[float]]] = {}

    def __setattr__(self, name: str, value: object) -> None:
        # The per-day cache is only valid for the rules it was built from: no changes after init.
        if hasattr(self, name):
            raise AttributeError(f"WorkCalendar is immutable; cannot change {name!r}")
        object.__setattr__(self, name, value)

    # -- construction helpers ----------------------------------------------------------------

    @classmethod
    def default_holidays(cls, years: Iterable[int]) -> frozenset[date]:
        """The default (US federal + San Francisco) holidays for ``years``; see city_holidays."""
        return city_holidays(years)

    @classmethod
    def from_config(cls, data: Mapping[str, Any]) -> WorkCalendar:
        """Build a calendar from a decoded JSON config; see :func:`load_calendar`."""
        return calendar_from_config(data)

    def to_config(self) -> dict[str, Any]:
        """The JSON-ready config that :func:`calendar_from_config` turns back into this calendar."""
        return {
            "tz": self.tz,
            "day_start": self.day_start.isoformat(),
            "day_end": self.day_end.isoformat(),
            "lunch": None if self.lunch is None else [t.isoformat() for t in self.lunch],
            "workdays": [WEEKDAY_NAMES[d] for d in sorted(self.workdays)],
            "holidays": [d.isoformat() for d in sorted(self.holidays)],
            "city_holidays": self.city_holidays,
        }

    def __repr__(self) -> str:
        lunch = "" if self.lunch is None else f", lunch={self.lunch[0]}-{self.lunch[1]}"
        return (
            f"WorkCalendar({self.tz}, {self.day_start}-{self.day_end}{lunch}, "
            f"workdays={sorted(self.workdays)}, {len(self.holidays)} extra holidays, "
            f"city_holidays={self.city_holidays})"
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, WorkCalendar):
            return NotImplemented
        return self.to_config() == other.to_config()

    def __hash__(self) -> int:
        return hash((self.tz, self.day_start, self.day_end, self.lunch, self.workdays))

    # -- queries -----------------------------------------------------------------------------

    @property
    def zone(self) -> ZoneInfo:
        return self._tzinfo

    def is_holiday(self, d: date) -> bool:
        return d in self.holidays or (self.city_holidays and _is_city_holiday(d))

    def is_working_day(self, d: date) -> bool:
        return d.weekday() in self.workdays and not self.is_holiday(d)

    def local(self, t: float) -> datetime:
        """The local wall-clock time of epoch ``t``."""
        return datetime.fromtimestamp(t, self._tzinfo)

    def periods(self, d: date) -> tuple[_Period, ...]:
        """Working periods of local date ``d`` as ``(start, end)`` UTC epoch pairs, in order."""
        return self._day(d.toordinal())[0]

    def _ordinal(self, t: float) -> int:
        """Local date ordinal of epoch ``t``, memoised per 15-minute bucket.

        Zone offsets and their changes fall on quarter hours, so every instant of a bucket has
        the same local date; buckets where that does not hold (historic odd offsets) are
        computed directly each time.
        """
        k = int(t // _BUCKET_S)
        o = self._ords.get(k)
        if o is None:
            tz = self._tzinfo
            first = datetime.fromtimestamp(k * _BUCKET_S, tz).toordinal()
            last = datetime.fromtimestamp(k * _BUCKET_S + (_BUCKET_S - 1e-3), tz).toordinal()
            o = first if first == last else -1
            if len(self._ords) > 500_000:
                self._ords.clear()
            self._ords[k] = o
        if o < 0:
            return datetime.fromtimestamp(t, self._tzinfo).toordinal()
        return o

    def _day(self, ordinal: int) -> tuple[tuple[_Period, ...], float]:
        """(periods, total working seconds) of a local day, memoised."""
        hit = self._days.get(ordinal)
        if hit is not None:
            return hit
        d = date.fromordinal(ordinal)
        periods: list[_Period] = []
        if self.is_working_day(d):
            if self.lunch is None:
                spans = [(self.day_start, self.day_end)]
            else:
                spans = [(self.day_start, self.lunch[0]), (self.lunch[1], self.day_end)]
            for ts, te in spans:
                # Local wall-clock hours; fold=0 maps a skipped (spring-forward) time to its
                # post-change equivalent and a repeated (fall-back) time to its first occurrence.
                s = datetime.combine(d, ts, tzinfo=self._tzinfo).timestamp()
                e = datetime.combine(d, te, tzinfo=self._tzinfo).timestamp()
                if periods and s < periods[-1][1]:
                    s = periods[-1][1]
                if e > s:
                    periods.append((s, e))
        entry = (tuple(periods), sum(e - s for s, e in periods))
        if len(self._days) > 50_000:  # decades of days; bound memory in long-running sessions
            self._days.clear()
        self._days[ordinal] = entry
        return entry

    def _year_prefix(self, year: int) -> tuple[int, list[float]]:
        """(ordinal of 1 January, running totals): ``totals[i]`` is the working seconds of the
        year's first ``i`` days. Lets long spans skip whole stretches without a day loop."""
        hit = self._years.get(year)
        if hit is not None:
            return hit
        first = date(year, 1, 1).toordinal()
        n = date(year + 1, 1, 1).toordinal() - first
        totals = [0.0] * (n + 1)
        acc = 0.0
        day = self._day
        for i in range(n):
            acc += day(first + i)[1]
            totals[i + 1] = acc
        entry = (first, totals)
        self._years[year] = entry
        return entry

    def _full_days(self, o1: int, o2: int) -> float:
        """Working seconds of the whole local days with ordinals in ``[o1, o2)``."""
        total = 0.0
        if o2 - o1 <= _SHORT_SPAN_DAYS:
            day = self._day
            for o in range(o1, o2):
                total += day(o)[1]
            return total
        while o1 < o2:
            first, totals = self._year_prefix(date.fromordinal(o1).year)
            end = min(o2, first + len(totals) - 1)
            total += totals[end - first] - totals[o1 - first]
            o1 = end
        return total


def calendar_from_config(data: Mapping[str, Any]) -> WorkCalendar:
    """Build a :class:`WorkCalendar` from a decoded JSON object.

    Keys (all optional)::

        {"tz": "America/Los_Angeles", "day_start": "08:30", "day_end": "17:30",
         "lunch": ["12:00", "13:00"] | null,
         "workdays": ["mon", "tue", "wed", "thu", "fri"]   (or numbers 0 = Mon .. 6 = Sun),
         "holidays": ["2026-12-24", ...],                   (extra non-working dates)
         "city_holidays": true}                             (US federal + SF holidays by rule)

    Raises :class:`CalendarConfigError` naming the offending key and value.
    """
    if not isinstance(data, Mapping):
        raise CalendarConfigError(
            f"calendar config must be a JSON object, got {type(data).__name__}"
        )
    known = {"tz", "day_start", "day_end", "lunch", "workdays", "holidays", "city_holidays"}
    unknown = sorted(set(data) - known)
    if unknown:
        raise CalendarConfigError(
            f"unknown calendar config key(s) {unknown}; known keys are {sorted(known)}"
        )
    kwargs: dict[str, Any] = {}
    if "tz" in data:
        if not isinstance(data["tz"], str):
            raise CalendarConfigError(f"'tz' must be a time zone name, got {data['tz']!r}")
        kwargs["tz"] = data["tz"]
    for key in ("day_start", "day_end"):
        if key in data:
            kwargs[key] = _parse_time(key, data[key])
    if data.get("lunch") is not None:
        lunch = data["lunch"]
        if not isinstance(lunch, list | tuple) or len(lunch) != 2:
            raise CalendarConfigError(f"'lunch' must be [start, end] or null, got {lunch!r}")
        kwargs["lunch"] = (_parse_time("lunch", lunch[0]), _parse_time("lunch", lunch[1]))
    if "workdays" in data:
        kwargs["workdays"] = frozenset(_parse_weekday(v) for v in _as_list("workdays", data))
    if "holidays" in data:
        kwargs["holidays"] = frozenset(_parse_date(v) for v in _as_list("holidays", data))
    if "city_holidays" in data:
        flag = data["city_holidays"]
        if not isinstance(flag, bool):
            raise CalendarConfigError(f"'city_holidays' must be true or false, got {flag!r}")
        kwargs["city_holidays"] = flag
    return WorkCalendar(**kwargs)


def load_calendar(path: Path) -> WorkCalendar:
    """Read a calendar JSON file (format in :func:`calendar_from_config`)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise CalendarConfigError(f"{path}: not valid JSON ({exc})") from exc
    try:
        return calendar_from_config(data)
    except CalendarConfigError as exc:
        raise CalendarConfigError(f"{path}: {exc}") from exc


def _as_list(key: str, data: Mapping[str, Any]) -> list[Any]:
    value = data[key]
    if not isinstance(value, list):
        raise CalendarConfigError(f"{key!r} must be a list, got {value!r}")
    return value


def _parse_time(key: str, value: Any) -> time:
    try:
        return time.fromisoformat(value)
    except (TypeError, ValueError):
        raise CalendarConfigError(f"{key!r}: {value!r} is not a time like '08:30'") from None


def _parse_date(value: Any) -> date:
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise CalendarConfigError(
            f"'holidays': {value!r} is not a date like '2026-12-24'"
        ) from None


def _parse_weekday(value: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 6:
        return value
    if isinstance(value, str) and value.strip().lower()[:3] in WEEKDAY_NAMES:
        return WEEKDAY_NAMES.index(value.strip().lower()[:3])
    raise CalendarConfigError(
        f"'workdays': {value!r} is not a weekday (use 'mon'..'sun' or 0 = Mon .. 6 = Sun)"
    )


# --------------------------------------------------------------------------------------------
# Working-time arithmetic


def _check_instant(name: str, t: float) -> None:
    if not math.isfinite(t):
        raise ValueError(f"{name} must be a finite epoch time, got {t!r}")


def is_working_time(cal: WorkCalendar, t: float) -> bool:
    """Whether the clock runs at epoch ``t`` (start of a period included, its end excluded)."""
    _check_instant("t", t)
    return any(s <= t < e for s, e in cal._day(cal._ordinal(t))[0])


def is_period_end(cal: WorkCalendar, t: float) -> bool:
    """Whether epoch ``t`` is exactly the end of one of its local day's working periods."""
    return any(t == e for _, e in cal._day(cal._ordinal(t))[0])


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
    ordinal = cal._ordinal(start)
    # The start's own day: only the part after ``start`` counts.
    for ps, pe in cal._day(ordinal)[0]:
        if pe <= start:
            continue
        s = ps if ps > start else start
        avail = pe - s
        if remaining <= avail:
            return s + remaining
        remaining -= avail
    ordinal += 1
    if remaining > _SHORT_SPAN_DAYS * 86400.0:
        ordinal, remaining = _skip_whole_days(cal, ordinal, remaining)
    # Whole days from here on: walk them, skipping any day that does not finish the count.
    day = cal._day
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


def _skip_whole_days(cal: WorkCalendar, ordinal: int, remaining: float) -> tuple[int, float]:
    """Jump over the whole days (from ``ordinal``) that ``remaining`` seconds use up entirely,
    using the per-year running totals; returns the day where the count ends and what is left."""
    while True:
        first, totals = cal._year_prefix(date.fromordinal(ordinal).year)
        i = ordinal - first
        base = totals[i]
        if totals[-1] - base < remaining:
            remaining -= totals[-1] - base
            ordinal = first + len(totals) - 1
            continue
        # Smallest k with totals[k] >= base + remaining: day k - 1 is where the count ends.
        k = bisect.bisect_left(totals, base + remaining, lo=i + 1)
        return first + k - 1, remaining - (totals[k - 1] - base)


def _overlap(periods: tuple[_Period, ...], a: float, b: float) -> float:
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
    first = cal._ordinal(a)
    last = cal._ordinal(b)
    if first == last:
        return _overlap(cal._day(first)[0], a, b)
    return (
        _overlap(cal._day(first)[0], a, b)
        + cal._full_days(first + 1, last)
        + _overlap(cal._day(last)[0], a, b)
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


def extend(cal: WorkCalendar, due: float, minutes: float, working_hours: bool) -> float:
    """New due time after granting an extension of ``minutes`` (working or wall-clock)."""
    return due_time(cal, due, minutes, working_hours)


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
