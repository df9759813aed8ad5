"""Table model of the department evaluation (QtCore; QtGui for its colours), recomputed at most every few seconds."""

from __future__ import annotations

import logging
from typing import Any

from PySide6 import QtCore, QtGui

from app.domain.evaluation import DepartmentScore, evaluate
from app.models.table import HeaderedTableModel
from app.store.store import Store

log = logging.getLogger(__name__)

COLUMNS = [
    "Department",
    "Score",
    "Cases",
    "Handled",
    "On time",
    "Rework",
    "Overdue open",
    "Extended",
]
_GOOD = QtGui.QColor("#35c46a")
_WARN = QtGui.QColor("#ffb020")
_BAD = QtGui.QColor("#ff4d4f")


def _pct(x: float) -> str:
    return f"{x * 100:.0f}%"


class EvaluationModel(HeaderedTableModel):
    """Rows are departments, best score first."""

    headers = COLUMNS

    def __init__(
        self, store: Store, parent: QtCore.QObject | None = None, interval_ms: int = 5000
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._rows: list[DepartmentScore] = []
        self.since: float | None = None
        self._dirty = True
        self._timer = QtCore.QTimer(self, interval=interval_ms)
        self._timer.timeout.connect(self._maybe_refresh)
        self._timer.start()
        store.incidentsChanged.connect(self._mark)
        store.stateReset.connect(self.refresh)
        self.refresh()

    def _mark(self, _ids: list[str]) -> None:
        self._dirty = True

    def _maybe_refresh(self) -> None:
        if self._dirty:
            self.refresh()

    def refresh(self) -> None:
        self._dirty = False
        rows = evaluate(self._store.state.incidents.values(), self._store.now(), since=self.since)
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def rows(self) -> list[DepartmentScore]:
        return list(self._rows)

    def row_total(self) -> int:
        return len(self._rows)

    def data(
        self,
        index: QtCore.QModelIndex | QtCore.QPersistentModelIndex,
        role: int = QtCore.Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if not index.isValid():
            return None
        s = self._rows[index.row()]
        col = index.column()
        if role == QtCore.Qt.ItemDataRole.DisplayRole:
            agency = self._store.state.agencies.get(s.department)
            return [
                agency.name if agency else s.department,
                f"{s.score:.1f}",
                str(s.cases),
                f"{s.handled} ({_pct(s.handling_rate)})",
                _pct(s.on_time_rate),
                _pct(s.rework_rate),
                f"{s.overdue_pending} ({_pct(s.overdue_pending_rate)})",
                _pct(s.extension_rate),
            ][col]
        if role == QtCore.Qt.ItemDataRole.ForegroundRole and col == 1:
            return _GOOD if s.score >= 85 else (_WARN if s.score >= 70 else _BAD)
        if role == QtCore.Qt.ItemDataRole.TextAlignmentRole and col > 0:
            return int(QtCore.Qt.AlignmentFlag.AlignCenter)
        if role == QtCore.Qt.ItemDataRole.ToolTipRole:
            return (
                "Score = 30 x handling rate + 20 x on-time handling rate + 20 x (1 - rework rate)"
                " + 20 x (1 - overdue-open rate) + 10 x (1 - extension rate)"
            )
        return None
