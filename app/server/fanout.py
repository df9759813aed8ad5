"""Live fan-out: committed events and command answers to every connection that may see them.

After each commit the processor hands over the batch's events (in seq order) and the answers.
Events are encoded once per view (one full view, one per liaison agency) and written to every
live session without awaiting (``Session.write_many``: one socket write per client, no
per-client task). A session still
catching up keeps them in its ``pending`` list instead. Events are written before the answers of
the same commit, so a client always holds the events of an acknowledged command.

With ``delay`` > 0 the output is coalesced adaptively: the first commit after a quiet spell goes
out at once, and commits that land within ``delay`` seconds of the last write go out together, as
one message per client, when the delay is over. A busy server so writes at most 1/``delay``
event messages per second to a client that only listens, whatever the event rate, and a quiet one
adds no latency. A client waiting for its only command in flight is not held back: it gets the
events it has not been sent yet and its answer right after the commit.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

from app.domain.events import Event
from app.domain.state import CityState
from app.protocol import EventsMsg, encode
from app.server.session import CLOSE_TOO_SLOW, Session
from app.server.visibility import AgencyView

log = logging.getLogger(__name__)


class Fanout:
    """Owns the set of sessions, the per-agency views and the not-yet-written output."""

    def __init__(
        self,
        state_of: Callable[[], CityState],
        delay: float = 0.0,
        max_lag_bytes: int = 16 * 1024 * 1024,
        max_pending_events: int = 200_000,
    ) -> None:
        self._state_of = state_of  # callable returning the processor's current state
        self.delay = delay
        self.max_lag_bytes = max_lag_bytes
        self.max_pending_events = max_pending_events
        self.sessions: set[Session] = set()
        self.views: dict[str, AgencyView] = {}
        self._full: list[Event] = []
        self._by_agency: dict[str, list[Event]] = {}
        self._replies: list[tuple[object, bytes]] = []
        self._scheduled: asyncio.TimerHandle | None = None
        self._last_flush = 0.0

    def _state(self) -> CityState:
        return self._state_of()

    # --- sessions -------------------------------------------------------------------------------
    def add(self, s: Session) -> None:
        """Register a signed-in session (not live yet). Call it between batches."""
        agency = s.agency
        if agency and agency not in self.views:
            self.views[agency] = AgencyView(agency, self._state())
            self._by_agency[agency] = []
        self.sessions.add(s)

    def remove(self, s: Session) -> None:
        self.sessions.discard(s)
        agency = s.agency
        if agency and not any(o.agency == agency for o in self.sessions):
            self.views.pop(agency, None)
            self._by_agency.pop(agency, None)

    # --- output ---------------------------------------------------------------------------------
    def committed(self, events: list[Event], replies: list[tuple[object, bytes]]) -> None:
        """Called by the processor right after a commit (the state includes ``events``)."""
        if events:
            self._full.extend(events)
            state = self._state()
            for agency, view in self.views.items():
                self._by_agency[agency].extend(view.filter_batch(events, state))
        self._replies.extend(replies)
        for origin, _ in replies:
            if isinstance(origin, Session):
                origin.in_flight -= 1
        loop = asyncio.get_running_loop()
        if self._scheduled is None:
            due = self._last_flush + self.delay
            if self.delay <= 0 or loop.time() >= due:
                self.flush()
                return
            self._scheduled = loop.call_at(due, self.flush)
        if replies:
            self._answer_now(replies)

    def _answer_now(self, replies: list[tuple[object, bytes]]) -> None:
        """While output is held back, a client that now has no command left in flight (one that
        sends a command and waits for its answer) gets its answers at once, after the events it
        has not been sent yet. Clients with more commands in flight stay coalesced: their next
        answers are due soon anyway, and one write per flush is what keeps a busy server cheap."""
        origins = {
            o
            for o, _ in replies
            if isinstance(o, Session) and o.in_flight <= 0 and o in self.sessions and o.live
        }
        if not origins:
            return
        mine: dict[Session, list[bytes]] = {o: [] for o in origins}
        rest: list[tuple[object, bytes]] = []
        for origin, data in self._replies:
            if origin in mine:
                mine[origin].append(data)  # type: ignore[index]
            else:
                rest.append((origin, data))
        self._replies = rest
        # Clients that were sent the same events so far get the same message: encode it once.
        encoded: dict[tuple[str, int], tuple[bytes, int]] = {}
        for s, answers in mine.items():
            key = (s.agency, s.last_sent)
            if key not in encoded:
                pending = self._by_agency.get(s.agency, []) if s.agency else self._full
                newer = [e for e in pending if e.seq > s.last_sent]
                data = encode(EventsMsg(events=newer, final=True)) if newer else b""
                encoded[key] = (data, newer[-1].seq if newer else s.last_sent)
            data, last = encoded[key]
            s.last_sent = last
            s.write_many([data, *answers] if data else answers)

    def flush(self) -> None:
        self._scheduled = None
        self._last_flush = asyncio.get_running_loop().time()
        full, self._full = self._full, []
        per_agency = {a: evs for a, evs in self._by_agency.items() if evs}
        for a in per_agency:
            self._by_agency[a] = []
        replies, self._replies = self._replies, []
        frames: dict[Session, list[bytes]] = {}
        if full:
            encoded = {"": encode(EventsMsg(events=full, final=True))}
            for agency, evs in per_agency.items():
                encoded[agency] = encode(EventsMsg(events=evs, final=True))
            for s in self.sessions:
                evs = full if not s.agency else per_agency.get(s.agency, [])
                if evs:
                    self._send_events(s, evs, encoded.get(s.agency, b""), frames)
        for origin, data in replies:
            if isinstance(origin, Session) and origin in self.sessions:
                if origin.live:
                    frames.setdefault(origin, []).append(data)
                else:
                    origin.defer_raw(data)
        for s, out in frames.items():
            s.write_many(out)  # a commit's events, then its answers: one write per client
        for s in list(self.sessions):
            if s.live and s.buffered() > self.max_lag_bytes:
                s.close_soon(CLOSE_TOO_SLOW, "too far behind; reconnect to resync")

    def _send_events(
        self, s: Session, evs: list[Event], data: bytes, frames: dict[Session, list[bytes]]
    ) -> None:
        if not s.live:
            s.defer_events(evs)
            if s.pending_events > self.max_pending_events:
                s.close_soon(CLOSE_TOO_SLOW, "too far behind; reconnect to resync")
            return
        if evs[-1].seq <= s.last_sent:  # all sent already (with an answer, or by a catch-up)
            return
        if evs[0].seq <= s.last_sent:  # some were sent already
            evs = [e for e in evs if e.seq > s.last_sent]
            if not evs:
                return
            data = encode(EventsMsg(events=evs, final=True))
        frames.setdefault(s, []).append(data)
        s.last_sent = evs[-1].seq

    def go_live(self, s: Session) -> None:
        """End of a catch-up: write what arrived meanwhile (newer than ``last_sent``), in order."""
        pending, s.pending, s.pending_events = s.pending, [], 0
        s.live = True
        for kind, item in pending:
            if kind == "events":
                evs: list[Event] = item  # type: ignore[assignment]
                newer = [e for e in evs if e.seq > s.last_sent]
                if newer:
                    s.write(encode(EventsMsg(events=newer, final=True)))
                    s.last_sent = newer[-1].seq
            else:
                s.write(item)  # type: ignore[arg-type]
