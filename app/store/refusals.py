"""The refusal inbox: every refused command (refused on this desk before it was queued, or by the
server after it was sent), kept until the operator dismisses it.

It is the one place refusals live: the status bar's count is its count, the detail panel's banner
shows its newest entry for the incident, the inbox panel lists it, and a live workstation keeps it
in its offline cache (``RefusalSink``) so it survives a restart until it is dismissed.
"""

from __future__ import annotations

import logging
from typing import Protocol

from PySide6 import QtCore

from app.store.refusal import Refusal

log = logging.getLogger(__name__)

__all__ = ["Refusal", "RefusalInbox", "RefusalSink"]


class RefusalSink(Protocol):
    """Where an inbox keeps its entries across restarts (the workstation's cache)."""

    def refusal_add(self, refusal: Refusal) -> None: ...

    def refusal_dismiss(self, command_id: str) -> None: ...


class RefusalInbox(QtCore.QObject):
    """Owns the list of refusals in arrival order. ``changed`` carries the refusal just added, or
    None when entries were dismissed: the one signal every view listens to."""

    changed = QtCore.Signal(object)  # Refusal | None

    def __init__(self, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self._items: list[Refusal] = []
        self._sink: RefusalSink | None = None

    def attach(self, sink: RefusalSink | None, saved: list[Refusal] | None = None) -> None:
        """Keep entries in ``sink`` from now on, starting from what it had saved."""
        self._sink = sink
        self._items = list(saved or [])
        self.changed.emit(None)

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(list(self._items))

    def items(self) -> list[Refusal]:
        return list(self._items)

    def get(self, command_id: str) -> Refusal | None:
        return next((r for r in self._items if r.command_id == command_id), None)

    def for_incident(self, incident_id: str) -> list[Refusal]:
        return [r for r in self._items if incident_id and r.incident_id == incident_id]

    def latest(self) -> Refusal | None:
        return self._items[-1] if self._items else None

    def add(self, refusal: Refusal, persisted: bool = False) -> None:
        """Record a refusal (``persisted``: the sink already holds it, e.g. moved from the outbox
        in the same transaction)."""
        if self.get(refusal.command_id) is not None:
            return
        if self._sink is not None and not persisted:
            try:
                self._sink.refusal_add(refusal)
            except Exception:  # the inbox still shows it; only the restart copy is lost
                log.exception("could not keep refusal %s in the cache", refusal.command_id)
        self._items.append(refusal)
        self.changed.emit(refusal)

    def dismiss(self, command_id: str) -> None:
        """The operator has dealt with it: gone for good (also from the cache)."""
        before = len(self._items)
        self._items = [r for r in self._items if r.command_id != command_id]
        if len(self._items) == before:
            return
        if self._sink is not None:
            self._sink.refusal_dismiss(command_id)
        self.changed.emit(None)

    def dismiss_incident(self, incident_id: str) -> None:
        for r in self.for_incident(incident_id):
            self.dismiss(r.command_id)

    def clear(self) -> None:
        for r in self.items():
            self.dismiss(r.command_id)
