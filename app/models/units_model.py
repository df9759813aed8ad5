"""One agency's units as a table: call sign, type, status badge, time in status, position age and
the incident each is assigned to. Rows are unit ids in call-sign order; a unit change repaints its
row only, and :meth:`UnitsTableModel.tick` repaints just the two time columns."""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from enum import IntEnum
from typing import Any

from PySide6 import QtCore, QtGui

from app.console.i18n import QT_TRANSLATE_NOOP
from app.console.words import unit_status_name
from app.domain.model import UNIT_STATUS_MEANING, Unit
from app.models.table import HeaderedTableModel
from app.store.store import Store

log = logging.getLogger(__name__)

IdRole = QtCore.Qt.ItemDataRole.UserRole + 1
StatusRole = QtCore.Qt.ItemDataRole.UserRole + 2

_ROOT = QtCore.QModelIndex()


class UnitColumn(IntEnum):
    UNIT = 0
    TYPE = 1
    STATUS = 2
    IN_STATUS = 3
    POSITION = 4
    INCIDENT = 5


UNIT_HEADERS = [
    QT_TRANSLATE_NOOP("Tables", "Unit"),
    QT_TRANSLATE_NOOP("Tables", "Type"),
    QT_TRANSLATE_NOOP("Tables", "Status"),
    QT_TRANSLATE_NOOP("Tables", "In status"),
    QT_TRANSLATE_NOOP("Tables", "Pos. age"),
    QT_TRANSLATE_NOOP("Tables", "Incident"),
]


def callsign_key(unit_id: str) -> tuple[str, int, str]:
    """Natural order for call signs: E2 before E10."""
    m = re.match(r"^(\D*)(\d+)(.*)$", unit_id)
    if m is None:
        return (unit_id, 0, "")
    return (m.group(1), int(m.group(2)), m.group(3))


def _age(seconds: float) -> str:
    if seconds < 0:
        return "-"
    s = int(seconds)
    if s < 60:
        return f"{s}s"
    if s < 3600:
        return f"{s // 60}m {s % 60:02d}s"
    if s < 86400:
        return f"{s // 3600}h {(s % 3600) // 60:02d}m"
    return f"{s // 86400}d"


class UnitsTableModel(HeaderedTableModel):
    """Units of one agency, read from the store's state on every ``data`` call."""

    headers = UNIT_HEADERS

    STALE_POSITION_S = 900.0

    def __init__(
        self,
        store: Store,
        agency_id: str,
        status_colors: Mapping[str, str] | None = None,
        parent: QtCore.QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._agency = agency_id
        self._colors = {k: QtGui.QColor(v) for k, v in (status_colors or {}).items()}
        self._ids: list[str] = []
        self._row: dict[str, int] = {}
        store.unitsChanged.connect(self._on_units)
        store.incidentsChanged.connect(self._on_incidents)
        store.stateReset.connect(self.reload)
        self.reload()

    @property
    def agency_id(self) -> str:
        return self._agency

    def reload(self) -> None:
        self.beginResetModel()
        units = [u for u in self._store.state.units.values() if u.agency == self._agency]
        self._ids = sorted((u.id for u in units), key=callsign_key)
        self._row = {uid: i for i, uid in enumerate(self._ids)}
        self.endResetModel()

    def unit_at(self, row: int) -> Unit | None:
        if 0 <= row < len(self._ids):
            return self._store.state.units.get(self._ids[row])
        return None

    def row_of(self, unit_id: str) -> int:
        return self._row.get(unit_id, -1)

    def _on_units(self, ids: list[str]) -> None:
        units = self._store.state.units
        rows: list[int] = []
        for uid in ids:
            row = self._row.get(uid)
            u = units.get(uid)
            if row is None:
                if u is not None and u.agency == self._agency:
                    self.reload()  # a new unit of this agency: rare, re-sort everything
                    return
                continue
            if u is None or u.agency != self._agency:
                self.reload()
                return
            rows.append(row)
        if rows:
            last = len(UNIT_HEADERS) - 1
            self.dataChanged.emit(self.index(min(rows), 0), self.index(max(rows), last))

    def _on_incidents(self, ids: list[str]) -> None:
        # Only the incident column can change (a number appearing for a pending create).
        changed = set(ids)
        units = self._store.state.units
        rows = [
            r for uid, r in self._row.items() if (u := units.get(uid)) and u.incident_id in changed
        ]
        if rows:
            col = UnitColumn.INCIDENT
            self.dataChanged.emit(self.index(min(rows), col), self.index(max(rows), col))

    def tick(self) -> None:
        """Time passed: repaint the time-in-status and position-age columns."""
        if self._ids:
            self.dataChanged.emit(
                self.index(0, UnitColumn.IN_STATUS),
                self.index(len(self._ids) - 1, UnitColumn.POSITION),
                [QtCore.Qt.ItemDataRole.DisplayRole],
            )

    def counts(self) -> dict[str, int]:
        """How many units are in each status."""
        out: dict[str, int] = {}
        for uid in self._ids:
            u = self._store.state.units.get(uid)
            if u is not None:
                out[u.status.value] = out.get(u.status.value, 0) + 1
        return out

    # --- Qt model API ---------------------------------------------------------------------------

    def row_total(self) -> int:
        return len(self._ids)

    def data(
        self,
        index: QtCore.QModelIndex | QtCore.QPersistentModelIndex,
        role: int = QtCore.Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        u = self.unit_at(index.row())
        if u is None:
            return None
        col = index.column()
        now = self._store.now()
        if role == QtCore.Qt.ItemDataRole.DisplayRole:
            if col == UnitColumn.UNIT:
                return u.id
            if col == UnitColumn.TYPE:
                return u.type
            if col == UnitColumn.STATUS:
                return unit_status_name(u.status.value).upper()
            if col == UnitColumn.IN_STATUS:
                return _age(now - u.status_since) if u.status_since else "-"
            if col == UnitColumn.POSITION:
                if not u.position_time:
                    return QtCore.QCoreApplication.translate("Tables", "station")
                return _age(now - u.position_time)
            if col == UnitColumn.INCIDENT:
                inc = self._store.state.incidents.get(u.incident_id) if u.incident_id else None
                return inc.number if inc else (u.incident_id[:8] if u.incident_id else "")
        if role == QtCore.Qt.ItemDataRole.BackgroundRole and col == UnitColumn.STATUS:
            return self._colors.get(u.status.value)
        if role == QtCore.Qt.ItemDataRole.ForegroundRole:
            if col == UnitColumn.STATUS and u.status.value in self._colors:
                return QtGui.QColor("#0b0f14")
            if col == UnitColumn.POSITION and (
                not u.position_time or now - u.position_time > self.STALE_POSITION_S
            ):
                return QtGui.QColor("#9fb0c2")
        if role == QtCore.Qt.ItemDataRole.FontRole and col in (UnitColumn.UNIT, UnitColumn.STATUS):
            f = QtGui.QFont()
            f.setBold(True)
            return f
        if role == QtCore.Qt.ItemDataRole.TextAlignmentRole and col == UnitColumn.STATUS:
            return QtCore.Qt.AlignmentFlag.AlignCenter
        if role == QtCore.Qt.ItemDataRole.ToolTipRole:
            tip = f"{u.id} ({u.type}): {UNIT_STATUS_MEANING.get(u.status, u.status.value)}"
            if u.capabilities:
                tip += "\nCapabilities: " + ", ".join(u.capabilities)
            if u.home_station:
                tip += f"\nHome station: {u.home_station}"
            if u.assigned_by:
                tip += f"\nAssigned by {u.assigned_by}"
            return tip
        if role == IdRole:
            return u.id
        if role == StatusRole:
            return u.status.value
        return None
