"""Builds the console window from the runtime services: every panel gets the same store,
selection and command path."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from PySide6 import QtCore

from app.console.cmdline import CommandLineParser
from app.domain.library import Library
from app.store.gateway import CommandGateway
from app.store.selection import Selection
from app.store.store import Store
from widgets.console.alert_player import AlertPlayer
from widgets.console.command_line import CommandLine
from widgets.console.main_window import MainWindow, Panel
from widgets.console.status_bar import ConsoleStatusBar
from widgets.queue.queue_view import QueueView

log = logging.getLogger(__name__)


class _ReadOnlyGateway:
    """Used when nothing may be changed (a plain replay): refuses through the store."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def submit(
        self, type: str, payload: dict[str, Any], expected_version: int | None = None
    ) -> str:
        self._store.commandRefused.emit(
            str(payload.get("incident_id", "")), "read_only", "this console is read-only (replay)"
        )
        return ""


@dataclass
class Services:
    store: Store
    selection: Selection
    library: Library
    settings: QtCore.QSettings
    workstation: str
    gateway: CommandGateway | None = None
    status: Any = None  # app.sync.status.ConnectionStatus (None in a replay)
    refusals: Any = None  # the sync engine (refusal list) when live
    city: Any = None  # app.city.City
    locator: Any = None  # app.city.Locator
    replay: Any = None  # app.replay session
    mode: str = ""  # REPLAY / TRAINING banner text


def build_console(services: Services, mute: bool = False) -> MainWindow:
    store, selection, library = services.store, services.selection, services.library
    gateway = services.gateway or _ReadOnlyGateway(store)
    gazetteer = _gazetteer(services)

    def geocode(text: str) -> tuple[float, float, str] | None:
        if gazetteer is None:
            return None
        hits = gazetteer.search(text, limit=1)
        return (hits[0].lat, hits[0].lon, hits[0].label) if hits else None

    def reverse(lat: float, lon: float) -> str:
        return gazetteer.reverse(lat, lon).label if gazetteer is not None else ""

    parser = CommandLineParser(
        lambda: store.state,
        library,
        selected_fn=lambda: selection.incident_id,
        geocode=geocode,
        reverse=reverse,
    )
    queue = QueueView(store, selection, library)
    command_line = CommandLine(parser, gateway, selection)
    status_bar = ConsoleStatusBar(store, services.status, mode=services.mode)
    panels: list[Panel] = []
    alerts = AlertPlayer(muted=mute)
    window = MainWindow(
        store,
        selection,
        queue,
        command_line,
        status_bar,
        panels,
        services.settings,
        services.workstation,
        alerts=alerts,
    )
    return window


def _gazetteer(services: Services) -> Any:
    try:
        from app.geo.gazetteer import Gazetteer

        return Gazetteer(locator=services.locator)
    except Exception as exc:
        log.warning("address search unavailable: %s", exc)
        return None
