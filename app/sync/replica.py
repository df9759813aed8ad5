"""The workstation's copy of the confirmed city state, kept in step with its cache file (no Qt)."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from app import protocol as p
from app.domain import events as ev
from app.domain.state import Changes, CityState, Snapshot
from app.net.client import Connection
from app.sync.cache import LocalCache

log = logging.getLogger(__name__)

SAVE_EVERY = 20_000  # catch-up events applied between two cache transactions


class CatchUpStalled(Exception):
    """No catch-up message arrived for the allowed time."""


@dataclass
class CatchUp:
    """What one catch-up did."""

    how: str = "none"  # snapshot | events | none (already up to date)
    received: int = 0  # events received
    seconds: float = 0.0
    changes: Changes = field(default_factory=Changes)
    reset: bool = False  # a snapshot replaced the whole state


class Replica:
    """Owns the confirmed state (what the server has committed) and writes it to the cache.

    Only committed events reach it, each at most once (by seq); provisional changes never do.
    """

    def __init__(self, cache: LocalCache) -> None:
        self.cache = cache
        self.state: CityState = cache.load_state() or CityState()

    @property
    def seq(self) -> int:
        return self.state.seq

    def resume_seq(self) -> int:
        """The ``last_seq`` to sign in with: -1 (send a snapshot) when nothing is cached."""
        return self.state.seq if self.cache.has_state() else -1

    def apply(self, events: list[ev.Event], persist: bool = True) -> Changes:
        fresh = [e for e in events if e.seq > self.state.seq]
        ch = self.state.apply_all(fresh)
        if fresh and persist:
            self.cache.save_changes(self.state, ch)
        return ch

    def reset(self, snap: Snapshot) -> None:
        self.state = CityState.from_snapshot(snap)
        self.cache.save_state(self.state)

    async def catch_up(
        self,
        conn: Connection,
        timeout: float,
        progress: Callable[[int], None],
        other: Callable[[p.ErrorMsg], None],
    ) -> CatchUp:
        """Receive the snapshot or the missed events after sign-in.

        Events are applied per batch and written every ``SAVE_EVERY`` events (and at the end, or
        when the link breaks half-way), so the cache never records a seq it does not hold.
        """
        welcome = conn.welcome
        started = time.perf_counter()
        result = CatchUp()
        if welcome.catch_up == "events" and welcome.server_seq <= self.state.seq:
            return result
        unsaved = Changes()
        saved = 0
        try:
            while True:
                try:
                    msg = await conn.next_update(timeout=timeout)
                except TimeoutError:
                    raise CatchUpStalled(f"catch-up stalled for {timeout:g} s") from None
                if isinstance(msg, p.SnapshotMsg):
                    self.reset(msg.snapshot)
                    unsaved, saved, result.reset = Changes(), result.received, True
                    if welcome.catch_up == "snapshot":
                        result.how = "snapshot"
                        break
                elif isinstance(msg, p.EventsMsg):
                    ch = self.apply(msg.events, persist=False)
                    result.changes.merge(ch)
                    unsaved.merge(ch)
                    result.received += len(msg.events)
                    if result.received - saved >= SAVE_EVERY:
                        self.cache.save_changes(self.state, unsaved)
                        unsaved, saved = Changes(), result.received
                    progress(result.received)
                    if msg.final:
                        result.how = "events"
                        break
                else:
                    other(msg)
        finally:
            if result.received > saved:
                self.cache.save_changes(self.state, unsaved)
        result.seconds = time.perf_counter() - started
        return result
