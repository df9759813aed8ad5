"""The in-memory store every view reads: applies events and emits coarse change signals.

Lives in the GUI thread. Views and Qt models never read SQLite or the socket; they read ``state``
and listen to the signals below.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable

from PySide6 import QtCore

from app.domain.events import Event
from app.domain.model import Role, User
from app.domain.state import Changes, CityState
from app.store.refusals import RefusalInbox

log = logging.getLogger(__name__)


class Store(QtCore.QObject):
    """Owns the displayed :class:`CityState` (confirmed state plus pending local changes)."""

    incidentsChanged = QtCore.Signal(list)  # ids (str) created or changed
    unitsChanged = QtCore.Signal(list)  # unit ids
    camerasChanged = QtCore.Signal(list)  # camera ids
    linkagesChanged = QtCore.Signal(list)  # linkage request ids
    agenciesChanged = QtCore.Signal(list)
    gridChanged = QtCore.Signal()
    alertsChanged = QtCore.Signal(list)  # public warning (CAP) ids received, updated, cancelled
    rulesChanged = QtCore.Signal()  # the library, the calendar or the score's weights changed
    inspectorsChanged = QtCore.Signal()  # field inspectors' rounds, duty or positions changed
    stateReset = QtCore.Signal()  # everything replaced: re-read the whole state
    pendingChanged = QtCore.Signal()  # the set of incidents with unacknowledged changes changed
    sessionChanged = QtCore.Signal()  # signed-in user / workstation changed

    def __init__(
        self,
        parent: QtCore.QObject | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        super().__init__(parent)
        self._state = CityState()
        self._clock = clock
        self._pending: dict[str, int] = {}  # incident id -> unacknowledged commands
        self.user: User | None = None
        self.workstation = ""
        self.read_only = False  # replays and observer sessions
        # Every refused command, local or from the server: the one list and its one signal.
        self.refusals = RefusalInbox(self)

    # --- session ----------------------------------------------------------------------------------
    def set_session(self, user: User | None, workstation: str, read_only: bool = False) -> None:
        self.user = user
        self.workstation = workstation
        self.read_only = read_only or (
            user is not None and user.role in (Role.OBSERVER, Role.AUDITOR)
        )
        self.sessionChanged.emit()

    # --- pending (offline / unacknowledged) changes -----------------------------------------------
    def set_pending(self, pending: dict[str, int]) -> None:
        """Set by the sync engine: incident id -> number of unacknowledged commands."""
        if pending != self._pending:
            changed = set(pending) ^ set(self._pending)
            self._pending = dict(pending)
            self.pendingChanged.emit()
            if changed:
                self.incidentsChanged.emit([i for i in changed if i in self._state.incidents])

    def is_pending(self, incident_id: str) -> bool:
        return incident_id in self._pending

    def pending_count(self) -> int:
        return sum(self._pending.values())

    @property
    def state(self) -> CityState:
        return self._state

    def now(self) -> float:
        """Current time for display: the wall clock, or the replay clock in a replay."""
        return self._clock()

    def set_clock(self, clock: Callable[[], float]) -> None:
        self._clock = clock

    def replace_state(self, state: CityState) -> None:
        self._state = state
        self.stateReset.emit()

    def apply_events(self, events: Iterable[Event]) -> Changes:
        ch = self._state.apply_all(events)
        self.emit_changes(ch)
        return ch

    def emit_changes(self, ch: Changes) -> None:
        if ch.agencies:
            self.agenciesChanged.emit(sorted(ch.agencies))
        if ch.grid:
            self.gridChanged.emit()
        if ch.rules:
            self.rulesChanged.emit()
        if ch.units:
            self.unitsChanged.emit(list(ch.units))
        if ch.cameras:
            self.camerasChanged.emit(list(ch.cameras))
        if ch.linkages:
            self.linkagesChanged.emit(list(ch.linkages))
        if ch.incidents:
            self.incidentsChanged.emit(list(ch.incidents))
        if ch.alerts:
            self.alertsChanged.emit(sorted(ch.alerts))
        if ch.inspectors or ch.rounds:
            self.inspectorsChanged.emit()
