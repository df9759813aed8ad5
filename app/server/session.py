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

log = logging.getLogger(__name__)

CLOSE_TOO_SLOW = 4010  # fell too far behind the live stream; reconnect and resync
CLOSE_UNSUPPORTED = 1003
CLOSE_GRACE = 2.0  # seconds a closing handshake may take before the socket is dropped  # binary frames: the protocol is JSON text


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
    strikes: int = 0  # consecutive rate-limited messages
    pending: list[tuple[str, object]] = field(default_factory=list)  # ("events", list) | ("raw", b)
    pending_events: int = 0
    closing: bool = False
    in_flight: int = 0  # commands queued and not answered yet
    # Each resync may send a whole snapshot: at most 5 at once, then one per second.
    resyncs: TokenBucket = field(default_factory=lambda: TokenBucket(1.0, 5.0))

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
