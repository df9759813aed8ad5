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
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from app.evaluation.facts import CaseFacts

log = logging.getLogger(__name__)

WEIGHTS: dict[str, float] = {
    "handling": 30.0,
    "on_time": 20.0,
    "rework": 20.0,
    "overdue_pending": 20.0,
    "extension": 10.0,
}
NFPA_1225_S = 60.0  # NFPA 1225: 90% of emergency calls answered -> first unit dispatched in 60 s
NFPA_1225_SHARE = 90.0


def percentile_sorted(xs: list[float], q: float) -> float | None:
    """The q-th percentile (0..100) of an ascending list, linear interpolation (numpy's default)."""
    if not xs:
        return None
    pos = (len(xs) - 1) * q / 100.0
    lo = math.floor(pos)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _insert(xs: list[float], x: float) -> None:
    bisect.insort(xs, x)


def _remove(xs: list[float], x: float) -> None:
    i = bisect.bisect_left(xs, x)
    if i < len(xs) and xs[i] == x:
        del xs[i]
    else:  # pragma: no cover - facts are removed exactly as they were added
        log.error("value %s not in its bucket", x)


@dataclass
class Bucket:
    """Counters of one group of cases (a department, a cell, a day...)."""

    incidents: int = 0
    cases: int = 0
    handled: int = 0
    filed: int = 0
    filed_ok: int = 0
    dispatch_clocked: int = 0
    dispatch_clock_ok: int = 0
    dispatched: int = 0
    correct: int = 0
    handle_clocked: int = 0
    handle_ok: int = 0
    verified: int = 0
    verified_ok: int = 0
    rework: int = 0
    extended: int = 0
    handle_sum: float = 0.0
    handle_n: int = 0
    dispatch_s: list[float] = field(default_factory=list)
    onscene_s: list[float] = field(default_factory=list)
    travel_s: list[float] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    open_ids: set[str] = field(default_factory=set)  # counted cases still open

    def add(self, iid: str, f: CaseFacts, sign: int) -> None:
        """Add (sign 1) or take away (sign -1) one case's facts."""
        self.incidents += sign
        if sign > 0:
            self.ids.add(iid)
        else:
            self.ids.discard(iid)
        for xs, x in ((self.dispatch_s, f.dispatch_s), (self.onscene_s, f.onscene_s)):
            if x is not None:
                (_insert if sign > 0 else _remove)(xs, x)
        if f.travel_s is not None:
            (_insert if sign > 0 else _remove)(self.travel_s, f.travel_s)
        if not f.counted:
            return
        self.cases += sign
        if f.open:
            if sign > 0:
                self.open_ids.add(iid)
            else:
                self.open_ids.discard(iid)
        self.handled += sign * f.handled
        if f.filed_on_time is not None:
            self.filed += sign
            self.filed_ok += sign * f.filed_on_time
        if f.dispatched_on_time is not None:
            self.dispatch_clocked += sign
            self.dispatch_clock_ok += sign * f.dispatched_on_time
        if f.dispatched:
            self.dispatched += sign
            self.correct += sign * f.correct_dispatch
        if f.handled_on_time is not None:
            self.handle_clocked += sign
            self.handle_ok += sign * f.handled_on_time
        if f.closed_on_time is not None:
            self.verified += sign
            self.verified_ok += sign * f.closed_on_time
        if f.handled:
            self.rework += sign * f.rework
        self.extended += sign * f.extended
        if f.handle_s is not None:
            self.handle_sum += sign * f.handle_s
            self.handle_n += sign

    def indicators(
        self, overdue_pending: int, weights: Mapping[str, float] = WEIGHTS
    ) -> Indicators:
        return Indicators.of(self, overdue_pending, weights)


@dataclass(frozen=True)
class Response:
    """Percentiles of one response interval, in seconds."""

    count: int
    p50: float | None
    p90: float | None
    within_60s_pct: float | None

    @classmethod
    def of(cls, xs: list[float]) -> Response:
        within = bisect.bisect_right(xs, NFPA_1225_S)
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
        handling = _share(b.handled, b.cases)
        on_time = _share(b.handle_ok, b.handle_clocked)
        rework = _share(b.rework, b.handled)
        overdue = _share(overdue_pending, b.cases)
        extension = _share(b.extended, b.cases)
        terms = (
            (weights.get("handling", 0.0), handling),
            (weights.get("on_time", 0.0), on_time),
            (weights.get("rework", 0.0), None if rework is None else 1.0 - rework),
            (weights.get("overdue_pending", 0.0), None if overdue is None else 1.0 - overdue),
            (weights.get("extension", 0.0), None if extension is None else 1.0 - extension),
        )
        # Nothing handled yet: on-time and rework are undefined, so is the score (not 50).
        score = None
        if b.handled and all(v is not None for w, v in terms if w):
            score = sum(w * (v or 0.0) for w, v in terms)
        return cls(
            incidents=b.incidents,
            cases=b.cases,
            handled=b.handled,
            overdue_pending=overdue_pending,
            filing_on_time_rate=_share(b.filed_ok, b.filed),
            dispatch_on_time_rate=_share(b.dispatch_clock_ok, b.dispatch_clocked),
            correct_dispatch_rate=_share(b.correct, b.dispatched),
            handling_rate=handling,
            on_time_rate=on_time,
            closure_on_time_rate=_share(b.verified_ok, b.verified),
            rework_rate=rework,
            extension_rate=extension,
            overdue_pending_rate=overdue,
            avg_handling_s=b.handle_sum / b.handle_n if b.handle_n else None,
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


def share_within(xs: list[float], limit_s: float) -> float | None:
    """Percentage of an ascending list at or under ``limit_s`` (None for an empty list)."""
    return 100.0 * bisect.bisect_right(xs, limit_s) / len(xs) if xs else None
