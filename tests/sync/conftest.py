"""Fixtures for the sync tests: one qasync loop, a real server on 127.0.0.1, engines on real caches."""

from __future__ import annotations

import asyncio
import gc
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.domain import events as ev
from app.domain.model import Role
from app.domain.state import CityState
from app.server.auth import make_user_record
from app.server.store import SqliteEventStore
from app.server.thread import ServerThread
from app.store.store import Store
from app.sync.backoff import Backoff
from app.sync.engine import SyncEngine
from tests.sync.citydata import reference_events
from widgets.console.event_loop import ConsoleEventLoop

PASSWORD = "secret123"
CHEAP = 2**10  # scrypt cost of test accounts (the cost is stored with each hash)


@pytest.fixture
def aloop(qapp: Any) -> Iterator[asyncio.AbstractEventLoop]:
    """The Qt event loop as the running asyncio loop (as in the console): run scenarios with
    ``aloop.run_until_complete(...)``. pytest-qt alone does not drive qasync."""
    loop = ConsoleEventLoop(qapp)
    asyncio.set_event_loop(loop)
    yield loop
    # As asyncio.run does: nothing of this test may run on in the next test's Qt event loop.
    tasks = asyncio.all_tasks(loop)
    for task in tasks:
        task.cancel()
    if tasks:
        loop.run_until_complete(asyncio.wait(tasks, timeout=5))
    loop.run_until_complete(loop.shutdown_asyncgens())
    loop.close()
    asyncio.set_event_loop(None)
    # Collect this loop's Qt objects (timers, socket notifiers) now: collected later, during the
    # next test's Qt event loop, they crash PySide.
    gc.collect()


class LiveServer:
    """A real CityServer in its own thread, on a fixed port once started (restartable)."""

    def __init__(self, db: Path, **config: Any) -> None:
        self.db = db
        self.port = 0
        self.config = {"deadline_interval": 0, "password_cost": 0, **config}
        self.thread: ServerThread | None = None
        store = SqliteEventStore(db)
        for name, role in (("dana", Role.DISPATCHER), ("erin", Role.DISPATCHER)):
            store.put_user(
                make_user_record(name, PASSWORD, role, display_name=name.title(), cost=CHEAP)
            )
        store.put_user(make_user_record("carl", PASSWORD, Role.CALL_TAKER, cost=CHEAP))
        store.close()

    def start(self) -> None:
        self.thread = ServerThread(self.db, port=self.port, **self.config)
        self.thread.start()
        self.port = self.thread.port

    def stop(self) -> None:
        if self.thread is not None:
            self.thread.stop()
            self.thread = None

    @property
    def url(self) -> str:
        return f"ws://127.0.0.1:{self.port}"

    @property
    def state(self) -> CityState:
        assert self.thread is not None and self.thread.server is not None
        return self.thread.server.state

    def inject(self, bodies: list[ev.EventBody]) -> list[int]:
        assert self.thread is not None
        return self.thread.call(lambda s: s.inject(bodies))

    def query(self, sql: str, *args: Any) -> list[tuple[Any, ...]]:
        """Read the server's database file (its event log, answers, tables)."""
        con = sqlite3.connect(f"file:{self.db}?mode=ro", uri=True)
        try:
            return con.execute(sql, args).fetchall()
        finally:
            con.close()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[LiveServer]:
    srv = LiveServer(tmp_path / "server.sqlite")
    srv.start()
    srv.inject([e.body for e in reference_events()])
    yield srv
    srv.stop()


def make_engine(url: str, workstation: str, cache: Path, **kw: Any) -> SyncEngine:
    """An engine with its own store; fast reconnects and heartbeats so tests stay short."""
    kw.setdefault("backoff", Backoff(initial=0.05, maximum=0.4))
    kw.setdefault("ping_interval", 0.5)
    kw.setdefault("dead_after", 3.0)
    return SyncEngine(Store(), url, workstation, cache_path=cache, **kw)
