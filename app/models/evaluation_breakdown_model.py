"""Table model of one breakdown of the indicators (by cell, category, source, day, ...)."""

from __future__ import annotations

import logging
from typing import Any

from PySide6 import QtCore

from app.console.i18n import QT_TRANSLATE_NOOP
from app.evaluation.indicators import Bucket, Indicators
from app.evaluation.tracker import EvaluationTracker
from app.models.evaluation_model import DIM, UNDEFINED, pct, score_colour
from app.models.table import HeaderedTableModel

log = logging.getLogger(__name__)

KeyRole = QtCore.Qt.ItemDataRole.UserRole
# Marked here and translated where shown (dimension_title), so a language switch shows the
# new words.
DIMENSION_TITLES: dict[str, str] = {
    "department": QT_TRANSLATE_NOOP("Breakdown", "Department"),
    "cell": QT_TRANSLATE_NOOP("Breakdown", "Grid cell"),
    "neighbourhood": QT_TRANSLATE_NOOP("Breakdown", "Neighbourhood"),
    "category": QT_TRANSLATE_NOOP("Breakdown", "Category"),
    "source": QT_TRANSLATE_NOOP("Breakdown", "Source"),
    "priority": QT_TRANSLATE_NOOP("Breakdown", "Priority"),
    "operator": QT_TRANSLATE_NOOP("Breakdown", "Operator"),
    "shift": QT_TRANSLATE_NOOP("Breakdown", "Shift"),
    "day": QT_TRANSLATE_NOOP("Breakdown", "Day"),
    "week": QT_TRANSLATE_NOOP("Breakdown", "Week"),
    "month": QT_TRANSLATE_NOOP("Breakdown", "Month"),
}
CHRONOLOGICAL = frozenset({"shift", "day", "week", "month"})
HEADERS = [
    QT_TRANSLATE_NOOP("Breakdown", "Group"),
    QT_TRANSLATE_NOOP("Breakdown", "Cases"),
    QT_TRANSLATE_NOOP("Breakdown", "Score"),
    QT_TRANSLATE_NOOP("Breakdown", "Handled"),
    QT_TRANSLATE_NOOP("Breakdown", "On time"),
    QT_TRANSLATE_NOOP("Breakdown", "Rework"),
    QT_TRANSLATE_NOOP("Breakdown", "Overdue open"),
    QT_TRANSLATE_NOOP("Breakdown", "Dispatch p50"),
    QT_TRANSLATE_NOOP("Breakdown", "Dispatch p90"),
    QT_TRANSLATE_NOOP("Breakdown", "≤ 60 s"),
]


def dimension_title(key: str) -> str:
    """A breakdown dimension's name in the console's language."""
    return QtCore.QCoreApplication.translate("Breakdown", DIMENSION_TITLES.get(key, key))


def seconds(s: float | None) -> str:
    return UNDEFINED if s is None else f"{s:.0f} s"


class BreakdownModel(HeaderedTableModel):
    """Rows are the values of one dimension: the busiest first (periods in time order)."""

    headers = HEADERS
    header_context = "Breakdown"

    def __init__(
        self,
        tracker: EvaluationTracker,
        names: dict[str, str] | None = None,
        parent: QtCore.QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.tracker = tracker
        self.dimension = "department"
        self.names: dict[str, str] = dict(names or {})
        self._rows: list[tuple[str, Indicators]] = []
        # Groups listed even when empty (every known department): shown "—", not left out.
        self.known: dict[str, list[str]] = {}

    def set_dimension(self, dimension: str, now: float) -> None:
        self.dimension = dimension
        self.refresh(now)

    def refresh(self, now: float) -> None:
        table = self.tracker.breakdown(self.dimension, now)
        empty = Bucket().indicators(0, self.tracker.weights)
        for key in self.known.get(self.dimension, ()):
            table.setdefault(key, empty)
        rows = list(table.items())
        if self.dimension not in CHRONOLOGICAL:
            rows.sort(key=lambda kv: (-kv[1].incidents, kv[0]))
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def rows(self) -> list[tuple[str, Indicators]]:
        return list(self._rows)

    def row_total(self) -> int:
        return len(self._rows)

    def label(self, key: str) -> str:
        return self.names.get(key, key)

    def cells(self, key: str, s: Indicators) -> list[str]:
        return [
            self.label(key),
            str(s.incidents),
            UNDEFINED if s.score is None else f"{s.score:.1f}",
            pct(s.handling_rate),
            pct(s.on_time_rate),
            pct(s.rework_rate),
            str(s.overdue_pending) if s.cases else UNDEFINED,
            seconds(s.dispatch.p50),
            seconds(s.dispatch.p90),
            UNDEFINED if s.dispatch.within_60s_pct is None else f"{s.dispatch.within_60s_pct:.0f}%",
        ]

    def data(
        self,
        index: QtCore.QModelIndex | QtCore.QPersistentModelIndex,
        role: int = QtCore.Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if not index.isValid():
            return None
        key, s = self._rows[index.row()]
        col = index.column()
        if role == QtCore.Qt.ItemDataRole.DisplayRole:
            return self.cells(key, s)[col]
        if role == KeyRole:
            return key
        if role == QtCore.Qt.ItemDataRole.ForegroundRole:
            if col == 2:
                return score_colour(s.score)
            if self.cells(key, s)[col] == UNDEFINED:
                return DIM
        if role == QtCore.Qt.ItemDataRole.TextAlignmentRole and col > 0:
            return int(QtCore.Qt.AlignmentFlag.AlignCenter)
        return None
