"""The evaluation tracker: indicators kept up to date from the event stream.

It follows the same reducer as everything else. Standalone (reports, benches) it owns a
:class:`CityState` and :meth:`EvaluationTracker.apply` feeds it events; inside the console it reads
the store's state and :meth:`EvaluationTracker.refresh` is told which incidents changed. Either
way each touched incident's :class:`CaseFacts` are taken out of its buckets and put back anew, so
an update costs a dozen bucket edits whatever the size of the record.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from typing import Any

from app.domain import events as ev
from app.domain.model import Incident
from app.domain.rules import Rules, overdue_after
from app.domain.state import CityState
from app.evaluation.facts import DIMENSIONS, CaseFacts, Memory, case_facts, remember
from app.evaluation.indicators import (
    WEIGHTS,
    Bucket,
    Indicators,
    Vector,
    contribution,
    difference,
)
from app.evaluation.inspectors import InspectorTally
from app.evaluation.periods import PeriodKeys, previous_month, previous_year

log = logging.getLogger(__name__)


class EvaluationTracker:
    """Buckets per dimension value, over the cases received in ``[since, until)``."""

    def __init__(
        self,
        state: CityState | None = None,
        tz: str = "America/Los_Angeles",
        since: float | None = None,
        until: float | None = None,
        weights: Mapping[str, float] | None = None,
    ) -> None:
        self.state = state if state is not None else CityState()
        self.periods = PeriodKeys(tz)
        self.since = since
        self.until = until
        self._weights = dict(weights) if weights else None
        self.total = Bucket()
        self.buckets: dict[str, dict[str, Bucket]] = {d: {} for d in DIMENSIONS}
        self._facts: dict[str, tuple[CaseFacts, Vector]] = {}
        self._memory: dict[str, Memory] = {}
        # Counted open cases that can become overdue: the time after which they are. Kept as
        # incidents change, so reading the overdue set is a pass over floats rather than the
        # overdue rule applied to every open case on every repaint.
        self._due: dict[str, float] = {}
        self.events = 0
        self.inspectors = InspectorTally()  # who found which case (events only)

    @property
    def weights(self) -> dict[str, float]:
        """The score's weights: given to the tracker, else the city's (an event sets them)."""
        if self._weights is not None:
            return self._weights
        return dict(self.state.evaluation_weights or WEIGHTS)

    # --- feeding ------------------------------------------------------------------------------
    def apply(self, event: ev.Event) -> None:
        """Apply one event to the owned state and update the incidents it touched."""
        self.events += 1
        self.inspectors.see(event)
        ch = self.state.apply(event)
        if ch.incidents:
            self.refresh(ch.incidents)

    def apply_all(self, events: Iterable[ev.Event]) -> None:
        for e in events:
            self.apply(e)

    def rebuild(self) -> None:
        """Forget every aggregate and count the state's incidents again (after a reset or a
        change of window). Done in bulk: each group's counters are summed and its response
        times sorted once, rather than case by case."""
        self.total = Bucket()
        self.buckets = {d: {} for d in DIMENSIONS}
        self._facts.clear()
        rules = self.state.rules()
        groups: dict[tuple[str, str], list[str]] = {}
        for iid, inc in self.state.incidents.items():
            if inc.exercise or not self._in_window(inc.created_at):
                continue
            mem = self._memory.get(iid)
            if mem is None:
                mem = self._memory[iid] = Memory()
            remember(mem, inc)
            facts = case_facts(inc, mem, self.periods, rules)
            self._facts[iid] = (facts, contribution(facts))
            for k in facts.keys:
                groups.setdefault(k, []).append(iid)
        self.total.fill(list(self._facts), self._facts)
        for (dim, key), ids in groups.items():
            b = self.buckets[dim][key] = Bucket()
            b.fill(ids, self._facts)
        self._due.clear()
        for iid in self.total.open_ids:
            self._track_due(iid)

    def _track_due(self, iid: str) -> None:
        inc = self.state.incidents.get(iid)
        after = overdue_after(inc) if inc is not None and iid in self.total.open_ids else None
        if after is None:
            self._due.pop(iid, None)
        else:
            self._due[iid] = after

    def in_window(self, t: float) -> bool:
        return self._in_window(t)

    def _in_window(self, t: float) -> bool:
        return (self.since is None or t >= self.since) and (self.until is None or t < self.until)

    def refresh(self, incident_ids: Iterable[str]) -> None:
        """Recount these incidents from the state as it is now."""
        incidents = self.state.incidents
        rules = self.state.rules()
        for iid in incident_ids:
            self._refresh_one(iid, incidents, rules)
            self._track_due(iid)  # a deadline flag changes no fact but may change this

    def _refresh_one(self, iid: str, incidents: Mapping[str, Incident], rules: Rules) -> None:
        inc = incidents.get(iid)
        was = self._facts.get(iid)
        old = was[0] if was is not None else None
        facts: CaseFacts | None = None
        if inc is not None and not inc.exercise and self._in_window(inc.created_at):
            mem = self._memory.get(iid)
            if mem is None:
                mem = self._memory[iid] = Memory()
            remember(mem, inc)
            facts = case_facts(inc, mem, self.periods, rules)
        if facts == old:
            return  # a note, a unit assigned...: nothing the indicators count changed
        if facts is None:
            del self._facts[iid]
            assert was is not None
            self._leave(iid, *was)
            return
        vec = contribution(facts)
        self._facts[iid] = (facts, vec)
        if was is None:
            self._enter(iid, facts, vec)
        else:
            self._move(iid, was, (facts, vec))

    def _bucket(self, dim: str, key: str) -> Bucket:
        table = self.buckets[dim]
        b = table.get(key)
        if b is None:
            b = table[key] = Bucket()
        return b

    def _enter(self, iid: str, f: CaseFacts, vec: Vector) -> None:
        self.total.enter(iid, f, vec)
        for dim, key in f.keys:
            self._bucket(dim, key).enter(iid, f, vec)

    def _leave(self, iid: str, f: CaseFacts, vec: Vector) -> None:
        self.total.leave(iid, f, vec)
        for dim, key in f.keys:
            table = self.buckets[dim]
            b = table[key]
            b.leave(iid, f, vec)
            if not b.ids:
                del table[key]

    def _move(self, iid: str, was: tuple[CaseFacts, Vector], now: tuple[CaseFacts, Vector]) -> None:
        (old, old_vec), (new, new_vec) = was, now
        delta = difference(old_vec, new_vec)
        self.total.move(iid, old, new, delta)
        if old.keys == new.keys:
            for dim, key in new.keys:
                self.buckets[dim][key].move(iid, old, new, delta)
            return
        # A changed group (another department, a corrected location): leave, enter.
        old_keys, new_keys = set(old.keys), set(new.keys)
        for dim, key in old.keys:
            if (dim, key) in new_keys:
                self.buckets[dim][key].move(iid, old, new, delta)
            else:
                table = self.buckets[dim]
                table[key].leave(iid, old, old_vec)
                if not table[key].ids:
                    del table[key]
        for dim, key in new.keys:
            if (dim, key) not in old_keys:
                self._bucket(dim, key).enter(iid, new, new_vec)

    # --- reading ------------------------------------------------------------------------------
    def overdue_ids(self, now: float) -> set[str]:
        """Counted open cases whose current stage is overdue at ``now``."""
        return {i for i, after in self._due.items() if now > after}

    def overall(self, now: float, overdue: set[str] | None = None) -> Indicators:
        od = self.overdue_ids(now) if overdue is None else overdue
        return self.total.indicators(len(od), self.weights)

    def breakdown(
        self, dimension: str, now: float, overdue: set[str] | None = None
    ) -> dict[str, Indicators]:
        """Indicators per value of ``dimension`` (department, cell, source, day, ...)."""
        od = self.overdue_ids(now) if overdue is None else overdue
        return {
            key: b.indicators(len(b.open_ids & od), self.weights)
            for key, b in sorted(self.buckets[dimension].items())
        }

    def ids(self, dimension: str, key: str) -> set[str]:
        """The incidents of one bar or cell (for drill-down)."""
        b = self.buckets.get(dimension, {}).get(key)
        return set(b.ids) if b is not None else set()

    def month_on_month(self, now: float) -> dict[str, Any] | None:
        """The latest month against the month before and the same month a year before."""
        months = self.breakdown("month", now)
        if not months:
            return None
        last = max(months)
        cur = months[last]

        def delta(other_key: str) -> dict[str, Any] | None:
            other = months.get(other_key)
            if other is None:
                return None
            out: dict[str, Any] = {"month": other_key, "incidents": other.incidents}
            for name in ("score", "handling_rate", "on_time_rate", "rework_rate"):
                a, b = getattr(cur, name), getattr(other, name)
                out[f"{name}_change"] = None if a is None or b is None else a - b
            out["incidents_change"] = cur.incidents - other.incidents
            return out

        return {
            "month": last,
            "previous_month": delta(previous_month(last)),
            "previous_year": delta(previous_year(last)),
        }
