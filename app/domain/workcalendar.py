"""The working-hours calendar: when a stage clock that counts working time runs.

Local wall-clock opening hours on workdays, minus holidays, in the city's time zone, turned into
UTC epoch spans per local date with ``zoneinfo`` (so DST changes are handled) and cached. Loaded
from arguments or a JSON config; the arithmetic on it lives in :mod:`app.domain.deadlines`.
"""

from __future__ import annotations

import bisect
import json
import logging
from collections.abc import Iterable, Mapping
from datetime import date, datetime, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from app.domain.holidays import city_holidays, is_city_holiday

log = logging.getLogger(__name__)

DEFAULT_TZ = "America/Los_Angeles"
WEEKDAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

Period = tuple[float, float]
"""A working period as ``(start, end)`` UTC epoch seconds."""

_BUCKET_S = 900.0
SHORT_SPAN_DAYS = 8
"""Spans of up to this many whole days are summed day by day; longer ones via year totals."""


class CalendarConfigError(ValueError):
    """A calendar configuration (JSON or arguments) that cannot be used; the message says why."""


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
        self._days: dict[int, tuple[tuple[Period, ...], float]] = {}
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
        return d in self.holidays or (self.city_holidays and is_city_holiday(d))

    def is_working_day(self, d: date) -> bool:
        return d.weekday() in self.workdays and not self.is_holiday(d)

    def local(self, t: float) -> datetime:
        """The local wall-clock time of epoch ``t``."""
        return datetime.fromtimestamp(t, self._tzinfo)

    def periods(self, d: date) -> tuple[Period, ...]:
        """Working periods of local date ``d`` as ``(start, end)`` UTC epoch pairs, in order."""
        return self.day_periods(d.toordinal())[0]

    def local_ordinal(self, t: float) -> int:
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

    def day_periods(self, ordinal: int) -> tuple[tuple[Period, ...], float]:
        """(periods, total working seconds) of a local day, memoised."""
        hit = self._days.get(ordinal)
        if hit is not None:
            return hit
        d = date.fromordinal(ordinal)
        periods: list[Period] = []
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
        day = self.day_periods
        for i in range(n):
            acc += day(first + i)[1]
            totals[i + 1] = acc
        entry = (first, totals)
        self._years[year] = entry
        return entry

    def whole_days_seconds(self, o1: int, o2: int) -> float:
        """Working seconds of the whole local days with ordinals in ``[o1, o2)``."""
        total = 0.0
        if o2 - o1 <= SHORT_SPAN_DAYS:
            day = self.day_periods
            for o in range(o1, o2):
                total += day(o)[1]
            return total
        while o1 < o2:
            first, totals = self._year_prefix(date.fromordinal(o1).year)
            end = min(o2, first + len(totals) - 1)
            total += totals[end - first] - totals[o1 - first]
            o1 = end
        return total

    def skip_whole_days(self, ordinal: int, remaining: float) -> tuple[int, float]:
        """Jump over the whole days (from ``ordinal``) that ``remaining`` working seconds use up
        entirely, using the per-year running totals; returns the ordinal of the day where the
        count ends and the seconds still left on that day."""
        while True:
            first, totals = self._year_prefix(date.fromordinal(ordinal).year)
            i = ordinal - first
            base = totals[i]
            if totals[-1] - base < remaining:
                remaining -= totals[-1] - base
                ordinal = first + len(totals) - 1
                continue
            # Smallest k with totals[k] >= base + remaining: day k - 1 is where the count ends.
            k = bisect.bisect_left(totals, base + remaining, lo=i + 1)
            return first + k - 1, remaining - (totals[k - 1] - base)


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
