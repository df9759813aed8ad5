"""Table model of the refusal inbox: what was tried, why it was refused, and the case as it is now."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from PySide6 import QtCore, QtGui

from app.console.i18n import QT_TRANSLATE_NOOP
from app.console.refusal_text import refusal_text
from app.console.words import status_name, unit_status_name
from app.models.table import HeaderedTableModel
from app.store.refusal import Refusal
from app.store.store import Store

log = logging.getLogger(__name__)

_DISPLAY = QtCore.Qt.ItemDataRole.DisplayRole
_TOOLTIP = QtCore.Qt.ItemDataRole.ToolTipRole
_FG = QtCore.Qt.ItemDataRole.ForegroundRole
_LOCAL = QtGui.QColor("#ffb020")
_SERVER = QtGui.QColor("#ff6b6b")


def tried(refusal: Refusal) -> str:
    """What the operator tried, in words (``transition: cancel``, ``assign units: E1, M4``)."""
    p = refusal.payload
    name = refusal.type.replace("_", " ")
    if refusal.type == "transition":
        return f"{name}: {p.get('action', '')}"
    if refusal.type == "assign_units":
        return f"{name}: {', '.join(str(u) for u in p.get('unit_ids', []))}"
    if refusal.type in ("set_unit_status", "move_unit"):
        return f"{name}: {p.get('unit_id', '')} {p.get('status', '')}".rstrip()
    if refusal.type == "answer_linkage":
        return f"{name}: {p.get('action', '')}"
    if refusal.type == "add_note":
        return f"{name}: {str(p.get('text', ''))[:40]}"
    return name


class RefusalsModel(HeaderedTableModel):
    """Rows are the inbox's refusals, newest first; re-read when the inbox or the state changes."""

    headers = (
        QT_TRANSLATE_NOOP("RefusalsModel", "When"),
        QT_TRANSLATE_NOOP("RefusalsModel", "Incident"),
        QT_TRANSLATE_NOOP("RefusalsModel", "Tried"),
        QT_TRANSLATE_NOOP("RefusalsModel", "Refused because"),
        QT_TRANSLATE_NOOP("RefusalsModel", "Now"),
    )
    header_context = "RefusalsModel"

    def __init__(self, store: Store, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._rows: list[Refusal] = []
        store.refusals.changed.connect(lambda _r: self.reload())
        store.incidentsChanged.connect(self._on_incidents)
        store.stateReset.connect(self.reload)
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self._rows = list(reversed(self._store.refusals.items()))
        self.endResetModel()

    def _on_incidents(self, ids: list[str]) -> None:
        touched = set(ids)
        for row, r in enumerate(self._rows):
            if r.incident_id in touched:
                self.dataChanged.emit(self.index(row, 1), self.index(row, 4))

    def row_total(self) -> int:
        return len(self._rows)

    def refusal(self, row: int) -> Refusal | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def now_text(self, r: Refusal) -> str:
        """The case (or unit) as the server's state has it now, so the operator can review."""
        st = self._store.state
        inc = st.incidents.get(r.incident_id)
        if inc is not None:
            units = ", ".join(inc.assigned_units) or QtCore.QCoreApplication.translate(
                "RefusalsModel", "no units"
            )
            return f"{status_name(inc.status.value)} · v{inc.version} · {units}"
        unit = st.units.get(str(r.payload.get("unit_id", "")))
        if unit is not None:
            return f"{unit.id} {unit_status_name(unit.status.value)}"
        return "—"

    def data(
        self, index: QtCore.QModelIndex | QtCore.QPersistentModelIndex, role: int = _DISPLAY
    ) -> Any:
        r = self.refusal(index.row()) if index.isValid() else None
        if r is None:
            return None
        col = index.column()
        if role in (_DISPLAY, _TOOLTIP):
            inc = self._store.state.incidents.get(r.incident_id)
            values = [
                # In the city's time zone (the calendar's), with the date: refusals outlive days.
                dt.datetime.fromtimestamp(r.at, self._store.state.rules().calendar.zone).strftime(
                    "%Y-%m-%d %H:%M:%S"
                ),
                inc.number if inc is not None else (r.incident_id[:8] or "—"),
                tried(r),
                f"{refusal_text(r.code, r.message)} ({r.code})",
                self.now_text(r),
            ]
            if role == _TOOLTIP:
                text = (
                    QtCore.QCoreApplication.translate(
                        "RefusalsModel", "Refused on this desk%1: %2\nNow: %3"
                    )
                    if r.where == "local"
                    else QtCore.QCoreApplication.translate(
                        "RefusalsModel", "Refused by the server%1: %2\nNow: %3"
                    )
                )
                seen = (
                    QtCore.QCoreApplication.translate(
                        "RefusalsModel", "; you saw version %1"
                    ).replace("%1", str(r.expected_version))
                    if r.expected_version
                    else ""
                )
                return text.replace("%1", seen).replace("%2", values[3]).replace("%3", values[4])
            return values[col]
        if role == _FG and col == 3:
            return _LOCAL if r.where == "local" else _SERVER
        return None
