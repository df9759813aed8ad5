"""One websocket connection to the server, speaking protocol v1 (no Qt, no state)."""

from __future__ import annotations

import asyncio
import logging

import msgspec
import websockets
from websockets.asyncio.client import ClientConnection

from app import protocol as p

log = logging.getLogger(__name__)


class LinkError(Exception):
    """The connection failed or broke (the engine reconnects)."""


class LoginRefused(Exception):
    """The server refused the credentials (``code``: auth_failed, token_expired, disabled...)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


class Link:
    """Owns one open websocket; sends and receives protocol messages."""

    def __init__(self, ws: ClientConnection) -> None:
        self._ws = ws

    @classmethod
    async def open(cls, url: str, timeout: float = 5.0) -> Link:
        try:
            ws = await websockets.connect(
                url,
                compression=None,  # events are small and many; deflate costs more CPU than it saves
                max_size=p.MAX_MESSAGE_BYTES,
                open_timeout=timeout,
                ping_interval=None,  # the protocol's own Ping/Pong is the heartbeat
                close_timeout=1.0,
            )
        except (OSError, TimeoutError, websockets.WebSocketException) as exc:
            raise LinkError(f"cannot reach {url}: {exc or type(exc).__name__}") from exc
        return cls(ws)

    async def send(self, msg: msgspec.Struct) -> None:
        try:
            await self._ws.send(p.encode(msg), text=True)
        except websockets.WebSocketException as exc:
            raise LinkError(f"connection lost while sending: {exc}") from exc

    async def recv(self, timeout: float) -> p.ServerMsg:
        """The next message; LinkError when nothing arrives within ``timeout`` s (dead link)."""
        try:
            raw = await asyncio.wait_for(self._ws.recv(), timeout)
        except TimeoutError:
            raise LinkError(f"no message from the server for {timeout:.0f} s") from None
        except websockets.ConnectionClosed as exc:
            raise LinkError(_closed_text(exc)) from exc
        try:
            return p.decode_server(raw)
        except (msgspec.DecodeError, msgspec.ValidationError) as exc:
            raise LinkError(f"unreadable message from the server: {exc}") from exc

    async def login(self, hello: p.Hello, timeout: float) -> p.Welcome:
        """Send ``hello``; the Welcome, or LoginRefused / LinkError."""
        await self.send(hello)
        try:
            msg = await self.recv(timeout)
        except LinkError as exc:
            code = _auth_close_code(exc)
            if code:
                raise LoginRefused(code, str(exc)) from exc
            raise
        if isinstance(msg, p.Welcome):
            return msg
        if isinstance(msg, p.ErrorMsg):
            raise LoginRefused(msg.code, msg.message)
        raise LinkError(f"expected a welcome, got {type(msg).__name__}")

    async def close(self) -> None:
        try:
            await self._ws.close()
        except Exception as exc:  # closing a broken socket must never mask the real error
            log.debug("closing websocket: %s", exc)


def _closed_text(exc: websockets.ConnectionClosed) -> str:
    rcvd = exc.rcvd
    if rcvd is None:
        return "connection lost"
    return f"server closed the connection ({rcvd.code} {rcvd.reason})".strip()


def _auth_close_code(exc: LinkError) -> str:
    cause = exc.__cause__
    if isinstance(cause, websockets.ConnectionClosed) and cause.rcvd is not None:
        if cause.rcvd.code == p.CLOSE_AUTH_FAILED:
            return "auth_failed"
        if cause.rcvd.code == p.CLOSE_TOKEN_EXPIRED:
            return "token_expired"
    return ""
