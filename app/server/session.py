"""One client connection: who is signed in, what it has been sent, its rate limit and its lag.

Live messages are written synchronously (``websockets.broadcast``) so they keep their order and a
slow client never stalls the others; a client whose socket buffer grows past the server's limit is
closed with :data:`CLOSE_TOO_SLOW` and resyncs when it reconnects.
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass, field

from websockets.asyncio.server import ServerConnection, broadcast
from websockets.protocol import State

from app.domain.events import Event
from app.domain.model import Role, User
from app.protocol import CLOSE_TOO_SLOW as CLOSE_TOO_SLOW  # fell too far behind: resync
from app.protocol import CLOSE_UNSUPPORTED_DATA

log = logging.getLogger(__name__)

CLOSE_UNSUPPORTED = CLOSE_UNSUPPORTED_DATA  # binary frames: the protocol is JSON text
CLOSE_GRACE = 2.0  # seconds a closing handshake may take before the socket is dropped


class TokenBucket:
    """``rate`` tokens per second, at most ``burst`` saved up."""

    def __init__(self, rate: float, burst: float) -> None:
        self.rate = rate
        self.burst = burst
        self.tokens = burst
        self.stamp = time.monotonic()

    def take(self) -> bool:
        now = time.monotonic()
        self.tokens = min(self.burst, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.tokens >= 1.0:
            self.tokens -= 1.0
            return True
        return False


@dataclass(eq=False)
class Session:
    """State of one signed-in (or signing-in) connection."""

    ws: ServerConnection
    peer: str
    bucket: TokenBucket
    user: User | None = None
    workstation: str = ""
    live: bool = False  # False while catching up: live output goes to ``pending``
    last_sent: int = 0  # seq of the last event written to this client
    last_recv: float = field(default_factory=time.monotonic)
    strikes: float = 0.0  # recent rate-limited messages (leaks ``abuse_limit/abuse_window`` /s)
    strikes_at: float = field(default_factory=time.monotonic)
    token: str = ""  # the session token (sign_out revokes it)
    catch_up_since: float | None = None  # monotonic start of the catch-up under way
    pending: list[tuple[str, object]] = field(default_factory=list)  # ("events", list) | ("raw", b)
    pending_events: int = 0
    closing: bool = False
    in_flight: int = 0  # commands queued and not answered yet
    # Each resync may send a whole snapshot: at most 5 back to back, then one per second (the
    # time spent sending a catch-up does not count: see CityServer._on_message).
    resyncs: TokenBucket = field(default_factory=lambda: TokenBucket(1.0, 5.0))

    def strike(self, limit: float, window: float) -> bool:
        """Count one refused message; True when more than ``limit`` fell within ``window`` s
        (a leaky count: a client that keeps sending over its rate is closed whatever share of
        its messages still gets through)."""
        now = time.monotonic()
        self.strikes = max(0.0, self.strikes - (now - self.strikes_at) * limit / window) + 1.0
        self.strikes_at = now
        return self.strikes > limit

    @property
    def agency(self) -> str:
        """The agency whose view this client gets ('' for a full view)."""
        if self.user is not None and self.user.role == Role.LIAISON:
            return self.user.agency or "\0none"  # a liaison without an agency sees no incident
        return ""

    @property
    def name(self) -> str:
        return self.user.username if self.user else "-"

    def is_open(self) -> bool:
        return self.ws.protocol.state is State.OPEN and not self.closing

    def write(self, data: bytes) -> None:
        """Queue ``data`` (one JSON text message) on the socket without waiting."""
        if self.is_open():
            broadcast([self.ws], data, text=True)

    def write_many(self, frames: list[bytes]) -> None:
        """Queue several messages with one write to the socket (one syscall, fewer packets)."""
        if len(frames) == 1:
            self.write(frames[0])
            return
        ws = self.ws
        if not frames or not self.is_open() or ws.send_in_progress is not None:
            for data in frames:  # the general path (skips what it must, like broadcast)
                self.write(data)
            return
        for data in frames:
            ws.protocol.send_text(data)
        # data_to_send() is the sans-I/O output: the frames just queued, in order.
        ws.transport.writelines(ws.protocol.data_to_send())

    def buffered(self) -> int:
        transport = self.ws.transport
        return transport.get_write_buffer_size() if transport is not None else 0

    def close_soon(self, code: int, reason: str) -> None:
        """Close from synchronous code (a task does the closing handshake)."""
        if self.closing:
            return
        self.closing = True
        log.info("closing %s (%s@%s): %s %s", id(self), self.name, self.peer, code, reason)
        task = asyncio.get_running_loop().create_task(self._close(code, reason))
        _CLOSERS.add(task)
        task.add_done_callback(_CLOSERS.discard)

    async def _close(self, code: int, reason: str) -> None:
        # A client that stopped reading never takes the close frame (it waits behind the unsent
        # data, and sending it waits for the buffer to drain): give up after a moment and drop it.
        try:
            await asyncio.wait_for(self.ws.close(code, reason), CLOSE_GRACE)
        except TimeoutError:
            if self.ws.transport is not None:
                self.ws.transport.abort()

    def defer_events(self, events: list[Event]) -> None:
        self.pending.append(("events", events))
        self.pending_events += len(events)

    def defer_raw(self, data: bytes) -> None:
        self.pending.append(("raw", data))


_CLOSERS: set[asyncio.Task[None]] = set()
