"""The replay player: a replay clock over a replay file, with fast seeking through checkpoints.

Pure Python (no Qt): :mod:`app.replay.driver` runs it from a QTimer and feeds a Store. The state at
time ``t`` holds every event with ``time <= t``; playing from ``t0`` to ``t1`` yields the events in
``(t0, t1]``, so ``state_at(t0)`` plus those events equals ``state_at(t1)``.
"""

from __future__ import annotations

import bisect
import gc
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from app.domain import events as ev
from app.domain.state import CityState
from app.replay.replayfile import ReplayError, ReplayFile, working_copy

log = logging.getLogger(__name__)

SPEEDS = (1.0, 10.0, 60.0, 300.0, 600.0, 900.0, 3600.0)
MIN_SPEED, MAX_SPEED = 1.0, 3600.0

EventFilter = Callable[[list[ev.Event]], list[ev.Event]]


@dataclass(frozen=True)
class Marker:
    """A priority-1 incident on the timeline."""

    time: float
    number: str
    incident_id: str
    category: str


class ReplayPlayer:
    """Owns the replay clock, the play cursor and the checkpoint states of one replay file."""

    def __init__(self, source: ReplayFile | Path | str) -> None:
        self.file = source if isinstance(source, ReplayFile) else ReplayFile(source)
        self.meta = self.file.meta
        self._times = self.file.times()
        if not self._times:
            raise ReplayError(f"{self.file.path} has no events")
        # Checkpoint states share unchanged entities; they are never applied to directly.
        self._cp_seqs: list[int] = []
        self._cp_states: list[CityState] = []
        for seq, _t, st in self.file.checkpoint_states():
            self._cp_seqs.append(seq)
            self._cp_states.append(st)
        # The checkpoint states are large, long-lived and never change: keep the cyclic garbage
        # collector from rescanning them on every collection (those pauses dominated seek p99).
        gc.freeze()
        self.start = self._times[0]
        self.end = self._times[-1]
        self.clock = self.start
        self.cursor = 0  # events applied so far: seq 1..cursor (all with time <= clock)
        self.speed = 60.0
        self.playing = False
        self.filter: EventFilter | None = None  # training: withholds what the trainee must do
        self._markers: list[Marker] | None = None

    # --- time and cursor ---------------------------------------------------------------------------
    def _count_upto(self, t: float) -> int:
        """Number of events with time <= t (they are seq 1..n)."""
        return bisect.bisect_right(self._times, t)

    def clamp(self, t: float) -> float:
        return min(max(t, self.start), self.end)

    @property
    def at_end(self) -> bool:
        return self.cursor >= len(self._times)

    def event_count(self) -> int:
        return len(self._times)

    # --- state -------------------------------------------------------------------------------------
    def state_at(self, t: float) -> CityState:
        """The city as it was at ``t``: nearest checkpoint at or before it, plus the events since."""
        n = self._count_upto(self.clamp(t))
        # A seek allocates thousands of short-lived objects without cycles; a full collection
        # triggered by them would rescan the whole live state, so the collector waits.
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            return self._state_at(n)
        finally:
            if was_enabled:
                gc.enable()

    def _state_at(self, n: int) -> CityState:
        i = bisect.bisect_right(self._cp_seqs, n) - 1
        if i >= 0:
            st = working_copy(self._cp_states[i])
            first = self._cp_seqs[i] + 1
        else:
            st = CityState()
            first = 1
        if n >= first:
            st.apply_all(self.file.events(first, n))
        return st

    def seek(self, t: float) -> CityState:
        """Move the clock to ``t`` (either direction); returns the state there."""
        if self.filter is not None and t < self.clock:
            raise ReplayError("a training session runs forward only; it cannot seek backwards")
        t = self.clamp(t)
        self.clock = t
        self.cursor = self._count_upto(t)
        return self.state_at(t)

    # --- playing -----------------------------------------------------------------------------------
    def play(self) -> None:
        self.playing = not self.at_end

    def pause(self) -> None:
        self.playing = False

    def set_speed(self, speed: float) -> None:
        if not MIN_SPEED <= speed <= MAX_SPEED:
            raise ValueError(f"speed must be {MIN_SPEED:g}x to {MAX_SPEED:g}x, not {speed:g}x")
        self.speed = float(speed)

    def advance(self, wall_seconds: float) -> list[ev.Event]:
        """While playing: move the clock by ``wall_seconds * speed``; the events passed."""
        if not self.playing or wall_seconds <= 0:
            return []
        return self.advance_to(self.clock + wall_seconds * self.speed)

    def advance_to(self, t: float) -> list[ev.Event]:
        """Move the clock forward to ``t``; returns the events in (old clock, t] (filtered)."""
        t = self.clamp(t)
        if t < self.clock:
            raise ReplayError("advance_to goes forward only; use seek to go back")
        n = self._count_upto(t)
        batch = self.file.events(self.cursor + 1, n) if n > self.cursor else []
        self.cursor = n
        self.clock = t
        if self.at_end:
            self.playing = False
        return self.filter(batch) if self.filter is not None and batch else batch

    def next_event_time(self) -> float | None:
        return self._times[self.cursor] if self.cursor < len(self._times) else None

    def step(self) -> list[ev.Event]:
        """Jump to the next event time; returns the events at that time."""
        t = self.next_event_time()
        if t is None:
            return []
        return self.advance_to(t)

    # --- queries -----------------------------------------------------------------------------------
    def events_between(self, t0: float, t1: float) -> list[ev.Event]:
        """Recorded events with ``t0 <= time < t1`` (unfiltered)."""
        a = bisect.bisect_left(self._times, t0)
        b = bisect.bisect_left(self._times, t1)
        return self.file.events(a + 1, b) if b > a else []

    def markers(self) -> list[Marker]:
        """Priority-1 incidents (time created, number), in time order."""
        if self._markers is None:
            out: list[Marker] = []
            for e in self.file.iter_events(("incident_created",)):
                b = e.body
                if isinstance(b, ev.IncidentCreated) and b.incident.priority == 1:
                    inc = b.incident
                    out.append(Marker(e.time, inc.number, inc.id, inc.category))
            self._markers = out
        return self._markers

    def close(self) -> None:
        self.file.close()
