"""Tells the console when an escalation notice addressed to the signed-in person arrives."""

from __future__ import annotations

import logging

from PySide6 import QtCore

from app.domain.accountability import pending_notices
from app.store.store import Store

log = logging.getLogger(__name__)


class EscalationWatch(QtCore.QObject):
    """Owns the set of notices already announced on this desk (incident, stage, level), so
    each one is announced once, and only to its recipients."""

    noticed = QtCore.Signal(str, str, int)  # incident id, stage, level

    def __init__(self, store: Store, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._seen: set[tuple[str, str, int]] = set()
        store.incidentsChanged.connect(self._check)
        store.stateReset.connect(lambda: self._check(list(store.state.incidents)))
        store.sessionChanged.connect(lambda: self._check(list(store.state.incidents)))

    def pending(self) -> int:
        """Unacknowledged notices for the signed-in person, over every case."""
        user = self._store.user
        return sum(len(pending_notices(i, user)) for i in self._store.state.incidents.values())

    def _check(self, ids: list[str]) -> None:
        user = self._store.user
        if user is None:
            return
        for iid in ids:
            inc = self._store.state.incidents.get(iid)
            if inc is None or not inc.escalations:
                continue
            for n in pending_notices(inc, user):
                key = (iid, n.stage, n.level)
                if key not in self._seen:
                    self._seen.add(key)
                    self.noticed.emit(iid, n.stage, n.level)
