"""Console fixtures: a qasync loop, the embedded city server on 127.0.0.1, consoles built like
``python main.py`` builds them (real sync engine, real cache files, real widgets offscreen)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6 import QtCore

from app.console.runtime import DEMO_LOGIN, EmbeddedCity
from app.domain.library import default_library
from app.store.selection import Selection
from app.store.store import Store
from app.sync.engine import SyncEngine
from widgets.console.assemble import Services, build_console
from widgets.console.event_loop import ConsoleEventLoop
from widgets.console.main_window import MainWindow


@pytest.fixture
def aloop(qapp: Any) -> Iterator[asyncio.AbstractEventLoop]:
    """The Qt event loop as the running asyncio loop, as in the console (pytest-qt alone does
    not drive qasync)."""
    loop = ConsoleEventLoop(qapp)
    asyncio.set_event_loop(loop)
    yield loop
    loop.close()
    asyncio.set_event_loop(None)


@pytest.fixture
def city(tmp_path: Path) -> Iterator[EmbeddedCity]:
    c = EmbeddedCity(tmp_path / "city.sqlite", demo=False)
    c.start()
    yield c
    c.stop()


class Console:
    """One workstation: store, sync engine and main window."""

    def __init__(self, window: MainWindow, engine: SyncEngine, services: Services) -> None:
        self.window = window
        self.engine = engine
        self.services = services
        self.store = services.store
        self.selection = services.selection


async def until(predicate: Callable[[], bool], timeout: float = 15.0) -> None:
    """Await a condition with the console's loop running (Qt events and the sync engine)."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError("condition not met in time")
        await asyncio.sleep(0.05)


def wait(
    loop: asyncio.AbstractEventLoop, predicate: Callable[[], bool], timeout: float = 15.0
) -> None:
    loop.run_until_complete(until(predicate, timeout))


@pytest.fixture
def make_console(
    aloop: asyncio.AbstractEventLoop, city: EmbeddedCity, tmp_path: Path, qtbot: Any
) -> Iterator[Callable[..., Console]]:
    made: list[Console] = []

    def make(workstation: str = "desk-1", user: tuple[str, str] = DEMO_LOGIN) -> Console:
        store, selection = Store(), Selection()
        settings = QtCore.QSettings(
            str(tmp_path / f"{workstation}.ini"), QtCore.QSettings.Format.IniFormat
        )
        services = Services(
            store=store,
            selection=selection,
            library=default_library(),
            settings=settings,
            workstation=workstation,
        )
        engine = SyncEngine(
            store, city.url, workstation, cache_path=tmp_path / f"cache-{workstation}.sqlite"
        )

        services.gateway = engine
        services.status = engine.status

        async def start() -> MainWindow:
            # Everything that may process Qt events (building and showing a window does) runs
            # inside the running loop, as in the console: Qt events processed outside it would
            # step the other desks' sync tasks with no running loop (RuntimeError in their
            # heartbeat, a dropped session, a reconnect after backoff).
            engine.start(*user)
            window = build_console(services, mute=True)
            window.show()
            return window

        window = aloop.run_until_complete(start())
        qtbot.addWidget(window)
        wait(aloop, lambda: bool(store.state.units) and engine.status.online)
        c = Console(window, engine, services)
        made.append(c)
        return c

    yield make
    for c in made:
        aloop.run_until_complete(c.engine.stop())
        c.engine.close()
