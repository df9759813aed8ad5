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
from app.domain.rules import incident_overdue
from app.domain.state import CityState
from app.evaluation.facts import DIMENSIONS, CaseFacts, Memory, case_facts, remember
from app.evaluation.indicators import WEIGHTS, Bucket, Indicators
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
        self.weights: dict[str, float] = dict(weights or WEIGHTS)
        self.total = Bucket()
        self.buckets: dict[str, dict[str, Bucket]] = {d: {} for d in DIMENSIONS}
        self._facts: dict[str, CaseFacts] = {}
        self._memory: dict[str, Memory] = {}
        self.events = 0

    # --- feeding ------------------------------------------------------------------------------
    def apply(self, event: ev.Event) -> None:
        """Apply one event to the owned state and update the incidents it touched."""
        self.events += 1
        ch = self.state.apply(event)
        if ch.incidents:
            self.refresh(ch.incidents)

    def apply_all(self, events: Iterable[ev.Event]) -> None:
        for e in events:
            self.apply(e)

    def rebuild(self) -> None:
        """Forget every aggregate and count the state's incidents again (after a reset or a
        change of window)."""
        self.total = Bucket()
        self.buckets = {d: {} for d in DIMENSIONS}
        self._facts.clear()
        self.refresh(self.state.incidents.keys())

    def refresh(self, incident_ids: Iterable[str]) -> None:
        """Recount these incidents from the state as it is now."""
        incidents = self.state.incidents
        rules = self.state.rules()
        for iid in incident_ids:
            inc = incidents.get(iid)
            old = self._facts.pop(iid, None)
            if old is not None:
                self._add(iid, old, -1)
            if inc is None or inc.exercise:
                continue
            if (self.since is not None and inc.created_at < self.since) or (
                self.until is not None and inc.created_at >= self.until
            ):
                continue
            mem = self._memory.get(iid)
            if mem is None:
                mem = self._memory[iid] = Memory()
            remember(mem, inc)
            facts = case_facts(inc, mem, self.periods, rules)
            self._facts[iid] = facts
            self._add(iid, facts, 1)

    def _add(self, iid: str, f: CaseFacts, sign: int) -> None:
        self.total.add(iid, f, sign)
        for dim, key in f.keys:
            table = self.buckets[dim]
            b = table.get(key)
            if b is None:
                b = table[key] = Bucket()
            b.add(iid, f, sign)
            if sign < 0 and not b.incidents:
                del table[key]

    # --- reading ------------------------------------------------------------------------------
    def overdue_ids(self, now: float) -> set[str]:
        """Counted open cases whose current stage is overdue at ``now``."""
        incidents = self.state.incidents
        return {
            i for i in self.total.open_ids if i in incidents and incident_overdue(incidents[i], now)
        }

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
