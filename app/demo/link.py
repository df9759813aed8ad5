"""A protocol connection that stays up for hours: it pings while idle and reconnects with backoff.

The server closes a connection it has heard nothing from for ``heartbeat_timeout`` seconds (4009).
A scripted desk that sends a command only now and then (a call every 25 s on average, with gaps
of minutes) would be closed and, without this, never come back. ``KeptConnection`` therefore
pings every ``ping_interval`` seconds, notices a dead socket, and signs in again with growing,
jittered waits (``backoff_start`` doubling up to ``backoff_cap``), resuming its event stream
from the last sequence number it saw so the caller's mirror of the city stays whole.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
from collections.abc import Callable
from typing import Any

import websockets

from app.net.client import Connection, LoginFailed, Update
from app.protocol import Ack, ErrorMsg

log = logging.getLogger(__name__)

NETWORK_ERRORS = (OSError, TimeoutError, ConnectionError, websockets.WebSocketException)


class KeptConnection:
    """One signed-in desk that reconnects by itself. ``on_update`` gets every snapshot / batch."""

    def __init__(
        self,
        url: str,
        username: str,
        password: str,
        workstation: str,
        *,
        on_update: Callable[[Update], None] | None = None,
        ping_interval: float = 15.0,
        backoff_start: float = 0.5,
        backoff_cap: float = 30.0,
        seed: int = 0,
    ) -> None:
        self.url = url
        self._login = (username, password, workstation)
        self._on_update = on_update
        self.ping_interval = ping_interval
        self.backoff_start = backoff_start
        self.backoff_cap = backoff_cap
        self._rng = random.Random(seed)
        self._conn: Connection | None = None
        self._up = asyncio.Event()
        self._closing = False
        self._task: asyncio.Task[None] | None = None
        self.last_seq = -1
        self.connects = 0  # successful sign-ins; more than one means it reconnected

    async def start(self, timeout: float = 30.0) -> None:
        """Start the keep-alive loop and return once the first sign-in succeeded."""
        self._task = asyncio.get_running_loop().create_task(self._run(), name="kept-connection")
        await self.wait_up(timeout)

    async def wait_up(self, timeout: float) -> Connection:
        """The live connection; raises ConnectionError when none comes up within ``timeout``."""
        if self._task is not None and self._task.done():
            raise ConnectionError(f"{self._login[2]}: stopped reconnecting")
        try:
            await asyncio.wait_for(self._up.wait(), timeout)
        except TimeoutError:
            raise ConnectionError(f"{self._login[2]}: not connected") from None
        assert self._conn is not None
        return self._conn

    async def send_command(
        self, type: str, payload: dict[str, Any], timeout: float = 30.0
    ) -> Ack | ErrorMsg:
        """Send over the current connection, waiting for a reconnect for up to ``timeout`` s.

        Raises ConnectionError / TimeoutError like :meth:`Connection.send_command`.
        """
        conn = await self.wait_up(timeout)
        return await conn.send_command(type, payload, timeout=timeout)

    async def close(self) -> None:
        self._closing = True
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        if self._conn is not None:
            await self._conn.close()

    async def _run(self) -> None:
        user, password, station = self._login
        wait = self.backoff_start
        while not self._closing:
            try:
                conn = await Connection.connect(
                    self.url, user, password, station, last_seq=self.last_seq
                )
            except LoginFailed as exc:
                if exc.code in ("auth_failed", "disabled"):
                    log.error("%s: sign-in refused (%s); not retrying", station, exc)
                    return
                log.warning("%s: sign-in failed (%s); retrying in %.1f s", station, exc, wait)
            except NETWORK_ERRORS as exc:
                log.warning("%s: cannot connect (%s); retrying in %.1f s", station, exc, wait)
            else:
                self.connects += 1
                if self.connects > 1:
                    log.info("%s: reconnected (sign-in %d)", station, self.connects)
                wait = self.backoff_start
                await self._serve(conn)
                if self._closing:
                    return
                log.warning(
                    "%s: connection closed (%s); reconnecting in %.1f s",
                    station,
                    conn.close_code,
                    wait,
                )
            # Jitter keeps several desks that lost the same server from coming back in lockstep.
            await asyncio.sleep(wait * (0.5 + self._rng.random() / 2))
            wait = min(self.backoff_cap, wait * 2)

    async def _serve(self, conn: Connection) -> None:
        self._conn = conn
        self._up.set()
        loop = asyncio.get_running_loop()
        reader = loop.create_task(self._pump(conn), name="kept-reader")
        heart = loop.create_task(self._heartbeat(conn), name="kept-heartbeat")
        try:
            await asyncio.wait({reader, heart}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            self._up.clear()
            for t in (reader, heart):
                t.cancel()
                with contextlib.suppress(asyncio.CancelledError, *NETWORK_ERRORS):
                    await t
            if not conn.closed:
                with contextlib.suppress(*NETWORK_ERRORS):
                    await conn.close()

    async def _pump(self, conn: Connection) -> None:
        async for upd in conn:
            self.last_seq = conn.last_seq
            if self._on_update is not None:
                try:
                    self._on_update(upd)
                except Exception:
                    log.exception("%s: update handler failed", self._login[2])

    async def _heartbeat(self, conn: Connection) -> None:
        """Returns (ending the connection) when a ping goes unanswered."""
        while True:
            await asyncio.sleep(self.ping_interval)
            try:
                await conn.ping(timeout=max(5.0, self.ping_interval))
            except NETWORK_ERRORS as exc:
                log.warning("%s: ping failed (%s)", self._login[2], exc)
                return
