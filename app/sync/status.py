"""The connection indicator the status bar shows (a model; the widget lives in widgets/)."""

from __future__ import annotations

import datetime as dt
import enum
import logging

from PySide6 import QtCore

log = logging.getLogger(__name__)


class LinkState(enum.StrEnum):
    ONLINE = "online"
    OFFLINE = "offline"
    CONNECTING = "connecting"
    CATCHING_UP = "catching_up"


def clock_text(t: float) -> str:
    """``HH:MM`` local time of an epoch time (what an operator reads on the status bar)."""
    return dt.datetime.fromtimestamp(t).strftime("%H:%M")


class ConnectionStatus(QtCore.QObject):
    """Owns what the status bar says about the link: state, outbox size, last sync, latency.

    Every setter emits ``changed`` only when something actually changed, so the widget can bind
    to it without throttling.
    """

    changed = QtCore.Signal()

    def __init__(self, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self.state = LinkState.OFFLINE
        self.pending = 0  # commands in the outbox (not yet acknowledged)
        self.last_sync: float | None = None  # epoch time the state was last confirmed
        self.latency_ms: float | None = None  # last ping round trip
        self.detail = "offline"
        self.refused = 0  # commands the server refused (see SyncEngine.refusals)

    def update(
        self,
        *,
        state: LinkState | None = None,
        pending: int | None = None,
        last_sync: float | None = None,
        latency_ms: float | None = None,
        detail: str | None = None,
        refused: int | None = None,
    ) -> None:
        before = self._fields()
        if state is not None:
            self.state = state
        if pending is not None:
            self.pending = pending
        if last_sync is not None:
            self.last_sync = last_sync
        if latency_ms is not None:
            self.latency_ms = latency_ms
        if refused is not None:
            self.refused = refused
        if detail is not None:
            self.detail = detail
        if self._fields() != before:
            self.changed.emit()

    def _fields(self) -> tuple[object, ...]:
        return (
            self.state,
            self.pending,
            self.last_sync,
            self.latency_ms,
            self.detail,
            self.refused,
        )

    @property
    def online(self) -> bool:
        return self.state == LinkState.ONLINE

    def text(self) -> str:
        """One line for the status bar, e.g. ``online · 12 ms`` or ``offline (cached …) · 3 pending``."""
        parts = [self.detail or self.state.value]
        if self.state == LinkState.ONLINE and self.latency_ms is not None:
            parts.append(f"{self.latency_ms:.0f} ms")
        if self.pending:
            parts.append(f"{self.pending} pending")
        # The refused count has its own field in the status bar (the refusal inbox's count).
        return " · ".join(parts)
