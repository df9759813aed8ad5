"""A protocol v1 client on asyncio: sign in, send commands and await their answers, receive the
catch-up and live events. The workstation sync engine, the tests and the benchmarks use it.

    conn = await Connection.connect("ws://host:8765", "dana", "secret", "desk-3", last_seq=-1)
    answer = await conn.send_command("add_note", {"incident_id": i, "text": "on our way"})
    async for update in conn:            # SnapshotMsg and EventsMsg, in order
        ...
    await conn.close()

One reader task owns the socket's receiving side: answers (Ack / ErrorMsg / AdminResult) resolve
the future of the request with the same id, pongs resolve pings, and everything else (snapshots,
events, errors not about a request) goes to ``updates`` in arrival order.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import ssl as ssl_module
import time
import uuid
from collections.abc import AsyncIterator
from typing import Any

import msgspec
import websockets
from websockets.asyncio.client import ClientConnection, connect

from app.protocol import (
    Ack,
    AdminMsg,
    AdminResult,
    CommandMsg,
    ErrorMsg,
    EventsMsg,
    Hello,
    Ping,
    Pong,
    Resync,
    SignOut,
    SnapshotMsg,
    Welcome,
    decode_server,
    encode,
)

log = logging.getLogger(__name__)

# The server accepts messages up to MAX_MESSAGE_BYTES; what it sends can be bigger (a snapshot of a
# city with months of closed cases, catch-up batches with photo notes), so the client allows more.
MAX_RECEIVE_BYTES = 512 * 1024 * 1024

Update = SnapshotMsg | EventsMsg | ErrorMsg


class LoginFailed(Exception):
    """The server refused the sign-in; ``code`` as in ErrorMsg, ``close_code`` of the socket."""

    def __init__(self, code: str, message: str, close_code: int | None = None) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.close_code = close_code


class Connection:
    """One signed-in connection. Create it with :meth:`connect`."""

    def __init__(self, ws: ClientConnection, welcome: Welcome) -> None:
        self.ws = ws
        self.welcome = welcome
        self.last_seq = -1  # seq of the last event received (snapshot or events)
        self.updates: asyncio.Queue[Update | None] = asyncio.Queue()  # None: closed
        self._waiting: dict[str, asyncio.Future[Any]] = {}
        self._pings: dict[float, asyncio.Future[float]] = {}
        self._reader = asyncio.get_running_loop().create_task(self._read(), name="client-reader")

    @classmethod
    async def connect(
        cls,
        url: str,
        username: str = "",
        password: str = "",
        workstation: str = "",
        last_seq: int = -1,
        ssl: ssl_module.SSLContext | None = None,
        token: str = "",
        open_timeout: float = 10.0,
    ) -> Connection:
        """Open, sign in (password or token) and return once the Welcome arrived.

        Raises LoginFailed when the server refuses, OSError / TimeoutError when unreachable.
        """
        ws = await connect(
            url,
            ssl=ssl,
            compression=None,
            max_size=MAX_RECEIVE_BYTES,
            open_timeout=open_timeout,
            ping_interval=None,
            close_timeout=2,
        )
        hello = Hello(
            username=username,
            password=password,
            token=token,
            workstation=workstation,
            last_seq=last_seq,
        )
        try:
            await ws.send(encode(hello), text=True)
            raw = await asyncio.wait_for(ws.recv(), open_timeout + 30)
        except websockets.ConnectionClosed as exc:
            code = exc.rcvd.code if exc.rcvd else None
            raise LoginFailed("closed", str(exc), code) from None
        msg = decode_server(raw)
        if isinstance(msg, Welcome):
            return cls(ws, msg)
        await ws.wait_closed()
        code = ws.close_code
        if isinstance(msg, ErrorMsg):
            raise LoginFailed(msg.code, msg.message, code)
        raise LoginFailed("bad_message", f"expected welcome, got {type(msg).__name__}", code)

    # --- requests -------------------------------------------------------------------------------
    async def send_command(
        self,
        type: str,
        payload: dict[str, Any],
        expected_version: int | None = None,
        command_id: str | None = None,
        timeout: float = 30.0,
    ) -> Ack | ErrorMsg:
        """Send a command and await its answer (re-sending the same id gets the same answer).

        Raises ConnectionError when the connection closes first (the command may or may not have
        been committed: send it again with the same ``command_id`` once reconnected), TimeoutError
        after ``timeout`` seconds.
        """
        cid = command_id or str(uuid.uuid4())
        msg = CommandMsg(id=cid, type=type, payload=payload, expected_version=expected_version)
        return await self._request(cid, msg, timeout)  # type: ignore[no-any-return]

    async def send_raw_command(self, msg: CommandMsg, timeout: float = 30.0) -> Ack | ErrorMsg:
        return await self._request(msg.id, msg, timeout)  # type: ignore[no-any-return]

    async def admin(
        self, action: str, payload: dict[str, Any] | None = None, timeout: float = 30.0
    ) -> AdminResult | ErrorMsg:
        rid = str(uuid.uuid4())
        msg = AdminMsg(id=rid, action=action, payload=payload or {})
        return await self._request(rid, msg, timeout)  # type: ignore[no-any-return]

    async def _request(self, rid: str, msg: msgspec.Struct, timeout: float) -> Any:
        fut = self._waiting.get(rid)
        if fut is None:
            fut = asyncio.get_running_loop().create_future()
            self._waiting[rid] = fut
        try:
            await self._send(encode(msg))
            return await asyncio.wait_for(asyncio.shield(fut), timeout)
        finally:
            if fut.done() or self.closed:
                self._waiting.pop(rid, None)

    async def ping(self, timeout: float = 10.0) -> float:
        """Round-trip time in seconds."""
        t = time.monotonic()
        fut: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        self._pings[t] = fut
        try:
            await self._send(encode(Ping(t=t)))
            return await asyncio.wait_for(fut, timeout)
        finally:
            self._pings.pop(t, None)

    async def sign_out(self, timeout: float = 10.0) -> int | None:
        """End the session for good: the server revokes its token and closes (1000)."""
        await self._send(encode(SignOut()))
        return await self.wait_closed(timeout)

    async def resync(self, since: int) -> None:
        """Ask for everything after ``since`` again (a snapshot when ``since`` < 0)."""
        await self._send(encode(Resync(since=since)))

    async def send_text(self, text: str | bytes) -> None:
        """Send a raw frame (tests of the server's handling of bad input)."""
        try:
            await self.ws.send(text)
        except websockets.ConnectionClosed as exc:
            raise ConnectionError(f"connection closed ({self.close_code})") from exc

    async def _send(self, data: bytes) -> None:
        """Raises ConnectionError when the connection is closed (like every request)."""
        try:
            await self.ws.send(data, text=True)
        except websockets.ConnectionClosed as exc:
            raise ConnectionError(f"connection closed ({self.close_code})") from exc

    # --- incoming -------------------------------------------------------------------------------
    async def next_update(self, timeout: float = 10.0) -> Update:
        """The next snapshot / events batch / unsolicited error; raises ConnectionError when closed."""
        item = await asyncio.wait_for(self.updates.get(), timeout)
        if item is None:
            self.updates.put_nowait(None)  # keep reporting the end to later callers
            raise ConnectionError(f"connection closed ({self.close_code})")
        return item

    async def __aiter__(self) -> AsyncIterator[Update]:
        while True:
            item = await self.updates.get()
            if item is None:
                self.updates.put_nowait(None)
                return
            yield item

    async def _read(self) -> None:
        try:
            async for raw in self.ws:
                try:
                    msg = decode_server(raw)
                except (msgspec.DecodeError, msgspec.ValidationError):
                    log.error("undecodable message from the server: %.200r", raw)
                    continue
                self._dispatch(msg)
        except websockets.ConnectionClosed:
            pass
        finally:
            err = ConnectionError(f"connection closed ({self.close_code})")
            for fut in [*self._waiting.values(), *self._pings.values()]:
                if not fut.done():
                    fut.set_exception(err)
            self.updates.put_nowait(None)

    def _dispatch(self, msg: Any) -> None:
        if isinstance(msg, (Ack, ErrorMsg, AdminResult)) and msg.id:
            fut = self._waiting.get(msg.id)
            if fut is not None and not fut.done():
                fut.set_result(msg)
                return
            if isinstance(msg, Ack):
                return  # an answer nobody waits for any more
        if isinstance(msg, Pong):
            ping = self._pings.get(msg.t)
            if ping is not None and not ping.done():
                ping.set_result(time.monotonic() - msg.t)
            return
        if isinstance(msg, SnapshotMsg):
            self.last_seq = msg.snapshot.seq
        elif isinstance(msg, EventsMsg) and msg.events:
            # Never go backwards: events at or below last_seq were already applied.
            fresh = [e for e in msg.events if e.seq > self.last_seq]
            if len(fresh) != len(msg.events):
                msg = EventsMsg(events=fresh, final=msg.final)
            if fresh:
                self.last_seq = fresh[-1].seq
        self.updates.put_nowait(msg)

    # --- closing --------------------------------------------------------------------------------
    @property
    def close_code(self) -> int | None:
        return self.ws.close_code

    @property
    def closed(self) -> bool:
        return self._reader.done()

    async def close(self) -> None:
        await self.ws.close()
        with contextlib.suppress(asyncio.CancelledError):
            await self._reader

    async def wait_closed(self, timeout: float = 10.0) -> int | None:
        await asyncio.wait_for(asyncio.shield(self._reader), timeout)
        return self.close_code
