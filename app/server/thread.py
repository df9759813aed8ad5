"""ServerThread: a CityServer on its own asyncio loop in a background thread (for a Qt console
that embeds the server without sharing the GUI loop, and for synchronous tests)."""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import threading
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, TypeVar

from app.server.core import CityServer

log = logging.getLogger(__name__)

T = TypeVar("T")


class ServerThread:
    """Owns one thread running one event loop running one :class:`CityServer`."""

    def __init__(self, db_path: Path | str, host: str = "127.0.0.1", port: int = 0, **kwargs: Any):
        self._args = (db_path, host, port)
        self._kwargs = kwargs
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()
        self._error: BaseException | None = None
        self._stop: asyncio.Event | None = None
        self.server: CityServer | None = None

    @property
    def port(self) -> int:
        assert self.server is not None, "start() first"
        return self.server.port

    @property
    def url(self) -> str:
        scheme = "wss" if self._kwargs.get("ssl") is not None else "ws"
        return f"{scheme}://{self._args[1]}:{self.port}"

    def start(self, timeout: float = 30.0) -> None:
        """Start the thread and return once the server listens (raises what start() raised)."""
        self._thread = threading.Thread(target=self._main, name="cityops-server", daemon=True)
        self._thread.start()
        if not self._ready.wait(timeout):
            raise TimeoutError("the server did not start in time")
        if self._error is not None:
            raise self._error

    def _main(self) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        try:
            loop.run_until_complete(self._serve())
        finally:
            loop.close()

    async def _serve(self) -> None:
        self._stop = asyncio.Event()
        try:
            self.server = CityServer(*self._args, **self._kwargs)
            await self.server.start()
        except BaseException as exc:
            self._error = exc
            self._ready.set()
            return
        self._ready.set()
        await self._stop.wait()
        await self.server.stop()

    def call(self, fn: Callable[[CityServer], Awaitable[T]], timeout: float = 30.0) -> T:
        """Run ``fn(server)`` on the server's loop and return its result (from another thread)."""
        assert self._loop is not None and self.server is not None
        server = self.server

        async def run() -> T:
            return await fn(server)

        fut: concurrent.futures.Future[T] = asyncio.run_coroutine_threadsafe(run(), self._loop)
        return fut.result(timeout)

    def stop(self, timeout: float = 30.0) -> None:
        if self._loop is not None and self._stop is not None and self._loop.is_running():
            self._loop.call_soon_threadsafe(self._stop.set)
        if self._thread is not None:
            self._thread.join(timeout)
