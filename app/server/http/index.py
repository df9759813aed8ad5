"""Lookups the HTTP side needs without scanning every incident on the server's event loop (which
the websocket side shares): case number -> id, and the cases in order of report time. Kept up
to date from each commit's events; answers of the public page's whole-city views are reused for
a second, so many visitors cost one computation.
"""

from __future__ import annotations

import bisect
import logging
import time
from collections.abc import Callable, Iterator

from app.domain import events as ev
from app.domain.model import Incident
from app.domain.state import CityState

log = logging.getLogger(__name__)


class CaseIndex:
    """Case numbers and report times of the incidents in ``state`` (exercises left out)."""

    def __init__(self, state_of: Callable[[], CityState]) -> None:
        self._state_of = state_of
        self.by_number: dict[str, str] = {}
        self._times: list[tuple[float, str]] = []  # (created_at, id), sorted
        for inc in state_of().incidents.values():
            self._add(inc)
        self._times.sort()

    def _add(self, inc: Incident) -> None:
        if inc.exercise or inc.number in self.by_number:
            return
        self.by_number[inc.number] = inc.id
        self._times.append((inc.created_at, inc.id))

    def committed(self, events: list[ev.Event]) -> None:
        state = self._state_of()
        for e in events:
            if isinstance(e.body, ev.IncidentCreated):
                inc = state.incidents.get(e.body.incident.id)
                if inc is None or inc.exercise or inc.number in self.by_number:
                    continue
                self.by_number[inc.number] = inc.id
                bisect.insort(self._times, (inc.created_at, inc.id))

    def get(self, number: str) -> Incident | None:
        incident_id = self.by_number.get(number)
        return self._state_of().incidents.get(incident_id) if incident_id else None

    def newest_first(
        self, start: float = float("-inf"), end: float = float("inf")
    ) -> Iterator[Incident]:
        """Incidents reported in [start, end], newest first."""
        incidents = self._state_of().incidents
        lo = bisect.bisect_left(self._times, (start, ""))
        hi = bisect.bisect_right(self._times, (end, "\uffff"))
        for i in range(hi - 1, lo - 1, -1):
            inc = incidents.get(self._times[i][1])
            if inc is not None:
                yield inc


class ShortCache:
    """Values reused for ``ttl`` seconds."""

    def __init__(self, ttl: float = 1.0) -> None:
        self.ttl = ttl
        self._values: dict[str, tuple[float, bytes]] = {}

    def get(self, key: str, make: Callable[[], bytes]) -> bytes:
        now = time.monotonic()
        hit = self._values.get(key)
        if hit is not None and now - hit[0] < self.ttl:
            return hit[1]
        value = make()
        self._values[key] = (now, value)
        return value
