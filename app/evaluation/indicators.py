"""Aggregates of case facts (one :class:`Bucket` per dimension value) and the indicators read
from them.

Undefined is not zero: a rate whose denominator is empty is ``None`` (shown "—"), and so is the
100-point score of a group that has handled nothing yet.

The score follows the scheme of digital urban-management centres: handling rate 30, on-time
handling rate 20, (1 - rework rate) 20, (1 - overdue-pending rate) 20, (1 - extension rate) 10.
Rejected and cancelled cases are not the department's work: they count as incidents (and in the
response times when a unit was sent) but not in the department's rates.
"""

from __future__ import annotations

import bisect
import logging
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sortedcontainers import SortedList

from app.domain.scoring import DEFAULT_WEIGHTS
from app.evaluation.facts import CaseFacts

log = logging.getLogger(__name__)

WEIGHTS: dict[str, float] = DEFAULT_WEIGHTS
NFPA_1225_S = 60.0  # NFPA 1225: 90% of emergency calls answered -> first unit dispatched in 60 s
NFPA_1225_SHARE = 90.0


def percentile_sorted(xs: Sequence[float], q: float) -> float | None:
    """The q-th percentile (0..100) of an ascending list, linear interpolation (numpy's default)."""
    if not xs:
        return None
    pos = (len(xs) - 1) * q / 100.0
    lo = math.floor(pos)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _insert(xs: SortedList, x: float) -> None:
    xs.add(x)


def _remove(xs: SortedList, x: float) -> None:
    try:
        xs.remove(x)
    except ValueError:  # pragma: no cover - facts are removed exactly as they were added
        log.error("value %s not in its bucket", x)


COUNTERS = (
    "incidents",
    "cases",
    "handled",
    "filed",
    "filed_ok",
    "dispatch_clocked",
    "dispatch_clock_ok",
    "dispatched",
    "correct",
    "handle_clocked",
    "handle_ok",
    "verified",
    "verified_ok",
    "rework",
    "extended",
    "handle_n",
    "handle_sum",
)
(
    INCIDENTS,
    CASES,
    HANDLED,
    FILED,
    FILED_OK,
    DISPATCH_CLOCKED,
    DISPATCH_CLOCK_OK,
    DISPATCHED,
    CORRECT,
    HANDLE_CLOCKED,
    HANDLE_OK,
    VERIFIED,
    VERIFIED_OK,
    REWORK,
    EXTENDED,
    HANDLE_N,
    HANDLE_SUM,
) = range(len(COUNTERS))

Vector = tuple[float, ...]
Delta = tuple[tuple[int, float], ...]


def contribution(f: CaseFacts) -> Vector:
    """What one case adds to each counter of every bucket it is in."""
    v = [0.0] * len(COUNTERS)
    v[INCIDENTS] = 1
    if f.counted:
        v[CASES] = 1
        v[HANDLED] = f.handled
        if f.filed_on_time is not None:
            v[FILED], v[FILED_OK] = 1, f.filed_on_time
        if f.dispatched_on_time is not None:
            v[DISPATCH_CLOCKED], v[DISPATCH_CLOCK_OK] = 1, f.dispatched_on_time
        if f.dispatched:
            v[DISPATCHED], v[CORRECT] = 1, f.correct_dispatch
        if f.handled_on_time is not None:
            v[HANDLE_CLOCKED], v[HANDLE_OK] = 1, f.handled_on_time
        if f.closed_on_time is not None:
            v[VERIFIED], v[VERIFIED_OK] = 1, f.closed_on_time
        v[REWORK] = f.handled and f.rework
        v[EXTENDED] = f.extended
        if f.handle_s is not None:
            v[HANDLE_N], v[HANDLE_SUM] = 1, f.handle_s
    return tuple(v)


def difference(old: Vector, new: Vector) -> Delta:
    """The counters that change from ``old`` to ``new`` (usually two or three)."""
    return tuple((i, b - a) for i, (a, b) in enumerate(zip(old, new, strict=True)) if a != b)


def _lists(f: CaseFacts) -> tuple[float | None, float | None, float | None]:
    return f.dispatch_s, f.onscene_s, f.travel_s


class Bucket:
    """Counters of one group of cases (a department, a cell, a day...).

    A case's facts enter once, move when they change (only the counters and response times that
    changed are touched) and leave once, so an update costs little whatever the group's size.
    """

    __slots__ = ("_memo", "c", "dispatch_s", "ids", "onscene_s", "open_ids", "travel_s")

    def __init__(self) -> None:
        self.c: list[float] = [0.0] * len(COUNTERS)
        # Sorted (O(log n) insert and remove) so percentiles are read without sorting.
        self.dispatch_s: SortedList = SortedList()
        self.onscene_s: SortedList = SortedList()
        self.travel_s: SortedList = SortedList()
        self.ids: set[str] = set()
        self.open_ids: set[str] = set()  # counted cases still open
        # The last indicators read, for as long as nothing changes (a repaint reads hundreds of
        # groups, of which a few changed since the last one).
        self._memo: tuple[int, tuple[float, ...], Indicators] | None = None

    @property
    def incidents(self) -> int:
        return int(self.c[INCIDENTS])

    def _series(self) -> tuple[SortedList, SortedList, SortedList]:
        return self.dispatch_s, self.onscene_s, self.travel_s

    def fill(self, ids: list[str], facts: Mapping[str, tuple[CaseFacts, Vector]]) -> None:
        """Start from these cases at once (an empty bucket; for a full recount)."""
        self._memo = None
        rows = [facts[i] for i in ids]
        self.c = [float(x) for x in map(sum, zip(*(v for _f, v in rows), strict=True))] or [
            0.0
        ] * len(COUNTERS)
        self.ids = set(ids)
        self.open_ids = {i for i, (f, _v) in zip(ids, rows, strict=True) if f.counted and f.open}
        self.dispatch_s = SortedList(f.dispatch_s for f, _v in rows if f.dispatch_s is not None)
        self.onscene_s = SortedList(f.onscene_s for f, _v in rows if f.onscene_s is not None)
        self.travel_s = SortedList(f.travel_s for f, _v in rows if f.travel_s is not None)

    def enter(self, iid: str, f: CaseFacts, vec: Vector) -> None:
        self._memo = None
        c = self.c
        for i, x in enumerate(vec):
            if x:
                c[i] += x
        self.ids.add(iid)
        if f.counted and f.open:
            self.open_ids.add(iid)
        for xs, t in zip(self._series(), _lists(f), strict=True):
            if t is not None:
                _insert(xs, t)

    def leave(self, iid: str, f: CaseFacts, vec: Vector) -> None:
        self._memo = None
        c = self.c
        for i, x in enumerate(vec):
            if x:
                c[i] -= x
        self.ids.discard(iid)
        self.open_ids.discard(iid)
        for xs, t in zip(self._series(), _lists(f), strict=True):
            if t is not None:
                _remove(xs, t)

    def move(self, iid: str, old: CaseFacts, new: CaseFacts, delta: Delta) -> None:
        self._memo = None
        c = self.c
        for i, x in delta:
            c[i] += x
        if new.counted and new.open:
            self.open_ids.add(iid)
        else:
            self.open_ids.discard(iid)
        for xs, a, b in zip(self._series(), _lists(old), _lists(new), strict=True):
            if a != b:
                if a is not None:
                    _remove(xs, a)
                if b is not None:
                    _insert(xs, b)

    def indicators(
        self, overdue_pending: int, weights: Mapping[str, float] = WEIGHTS
    ) -> Indicators:
        w = tuple(weights.get(k, 0.0) for k in WEIGHTS)
        memo = self._memo
        if memo is not None and memo[0] == overdue_pending and memo[1] == w:
            return memo[2]
        got = Indicators.of(self, overdue_pending, weights)
        self._memo = (overdue_pending, w, got)
        return got


@dataclass(frozen=True)
class Response:
    """Percentiles of one response interval, in seconds."""

    count: int
    p50: float | None
    p90: float | None
    within_60s_pct: float | None

    @classmethod
    def of(cls, xs: SortedList) -> Response:
        within = xs.bisect_right(NFPA_1225_S)
        pct = 100.0 * within / len(xs) if xs else None
        return cls(len(xs), percentile_sorted(xs, 50), percentile_sorted(xs, 90), pct)

    def to_dict(self) -> dict[str, Any]:
        return {
            "count": self.count,
            "p50_s": self.p50,
            "p90_s": self.p90,
            "within_60s_pct": self.within_60s_pct,
        }


@dataclass(frozen=True)
class Indicators:
    """The standard library's indicators of one group; rates are shares (0..1) or None."""

    incidents: int
    cases: int
    handled: int
    overdue_pending: int
    filing_on_time_rate: float | None
    dispatch_on_time_rate: float | None
    correct_dispatch_rate: float | None
    handling_rate: float | None
    on_time_rate: float | None  # on-time handling
    closure_on_time_rate: float | None
    rework_rate: float | None
    extension_rate: float | None
    overdue_pending_rate: float | None
    avg_handling_s: float | None
    score: float | None
    dispatch: Response
    onscene: Response
    travel: Response

    @classmethod
    def of(cls, b: Bucket, overdue_pending: int, weights: Mapping[str, float]) -> Indicators:
        c = [int(x) for x in b.c[:HANDLE_SUM]]
        cases, handled = c[CASES], c[HANDLED]
        handling = _share(handled, cases)
        on_time = _share(c[HANDLE_OK], c[HANDLE_CLOCKED])
        rework = _share(c[REWORK], handled)
        overdue = _share(overdue_pending, cases)
        extension = _share(c[EXTENDED], cases)
        terms = (
            (weights.get("handling", 0.0), handling),
            (weights.get("on_time", 0.0), on_time),
            (weights.get("rework", 0.0), None if rework is None else 1.0 - rework),
            (weights.get("overdue_pending", 0.0), None if overdue is None else 1.0 - overdue),
            (weights.get("extension", 0.0), None if extension is None else 1.0 - extension),
        )
        # Nothing handled yet: on-time and rework are undefined, so is the score (not 50).
        score = None
        if handled and all(v is not None for w, v in terms if w):
            score = sum(w * (v or 0.0) for w, v in terms)
        return cls(
            incidents=c[INCIDENTS],
            cases=cases,
            handled=handled,
            overdue_pending=overdue_pending,
            filing_on_time_rate=_share(c[FILED_OK], c[FILED]),
            dispatch_on_time_rate=_share(c[DISPATCH_CLOCK_OK], c[DISPATCH_CLOCKED]),
            correct_dispatch_rate=_share(c[CORRECT], c[DISPATCHED]),
            handling_rate=handling,
            on_time_rate=on_time,
            closure_on_time_rate=_share(c[VERIFIED_OK], c[VERIFIED]),
            rework_rate=rework,
            extension_rate=extension,
            overdue_pending_rate=overdue,
            avg_handling_s=b.c[HANDLE_SUM] / c[HANDLE_N] if c[HANDLE_N] else None,
            score=score,
            dispatch=Response.of(b.dispatch_s),
            onscene=Response.of(b.onscene_s),
            travel=Response.of(b.travel_s),
        )

    RATES = (
        "filing_on_time_rate",
        "dispatch_on_time_rate",
        "correct_dispatch_rate",
        "handling_rate",
        "on_time_rate",
        "closure_on_time_rate",
        "rework_rate",
        "extension_rate",
        "overdue_pending_rate",
    )

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "incidents": self.incidents,
            "cases": self.cases,
            "handled": self.handled,
            "overdue_pending": self.overdue_pending,
        }
        for name in self.RATES:
            out[name] = getattr(self, name)
        out["avg_handling_s"] = self.avg_handling_s
        out["score"] = None if self.score is None else round(self.score, 2)
        out["dispatch"] = self.dispatch.to_dict()
        out["onscene"] = self.onscene.to_dict()
        out["travel"] = self.travel.to_dict()
        return out


def share_within(xs: Sequence[float], limit_s: float) -> float | None:
    """Percentage of an ascending sequence at or under ``limit_s`` (None when empty)."""
    return 100.0 * bisect.bisect_right(xs, limit_s) / len(xs) if xs else None
