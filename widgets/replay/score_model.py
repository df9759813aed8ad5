"""Table model over the per-call rows of a training score."""

from __future__ import annotations

import enum
import logging
from typing import Any

from PySide6 import QtCore, QtGui

from app.console.i18n import QT_TRANSLATE_NOOP
from app.domain.library import default_library
from app.models.table import HeaderedTableModel
from app.replay.timeparse import format_local

log = logging.getLogger(__name__)


class Columns(enum.IntEnum):
    NUMBER = 0
    RECEIVED = enum.auto()
    CATEGORY = enum.auto()
    PRIORITY = enum.auto()
    TRAINEE_S = enum.auto()
    REAL_S = enum.auto()
    DEADLINE = enum.auto()
    TRAINEE_UNITS = enum.auto()
    REAL_UNITS = enum.auto()
    MATCH = enum.auto()
    SCORE = enum.auto()


HEADERS = {
    Columns.NUMBER: QT_TRANSLATE_NOOP("Tables", "Call"),
    Columns.RECEIVED: QT_TRANSLATE_NOOP("Tables", "Received"),
    Columns.CATEGORY: QT_TRANSLATE_NOOP("Tables", "Category"),
    Columns.PRIORITY: "P",
    Columns.TRAINEE_S: QT_TRANSLATE_NOOP("Tables", "You: to dispatch"),
    Columns.REAL_S: QT_TRANSLATE_NOOP("Tables", "Real: to dispatch"),
    Columns.DEADLINE: QT_TRANSLATE_NOOP("Tables", "Deadline"),
    Columns.TRAINEE_UNITS: QT_TRANSLATE_NOOP("Tables", "Your units"),
    Columns.REAL_UNITS: QT_TRANSLATE_NOOP("Tables", "Real first units"),
    Columns.MATCH: QT_TRANSLATE_NOOP("Tables", "Type match"),
    Columns.SCORE: QT_TRANSLATE_NOOP("Tables", "Score"),
}


def _secs(v: Any) -> str:
    """Seconds as m:ss (h:mm:ss past an hour); a dash when there is none."""
    if v is None:
        return "—"
    total = round(float(v))
    h, rest = divmod(total, 3600)
    m, sec = divmod(rest, 60)
    return f"{h}:{m:02d}:{sec:02d}" if h else f"{m}:{sec:02d}"


class ScoreTableModel(HeaderedTableModel):
    """Owns the list of per-call score dicts (as ``score_training`` returns them)."""

    headers = [HEADERS[c] for c in Columns]

    def __init__(
        self, calls: list[dict[str, Any]], time_zone: str, parent: QtCore.QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._calls = calls
        self._tz = time_zone

    def row_total(self) -> int:
        return len(self._calls)

    def data(
        self,
        index: QtCore.QModelIndex | QtCore.QPersistentModelIndex,
        role: int = QtCore.Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if not index.isValid():
            return None
        c = self._calls[index.row()]
        col = Columns(index.column())
        if role == QtCore.Qt.ItemDataRole.DisplayRole:
            if col == Columns.NUMBER:
                return c["number"]
            if col == Columns.RECEIVED:
                return format_local(c["received"], self._tz, "%m-%d %H:%M:%S")
            if col == Columns.CATEGORY:
                # The category's name, not its code (the code stays in the tooltip).
                cat = default_library().by_code.get(c["category"])
                return cat.name_en if cat is not None else c["category"]
            if col == Columns.PRIORITY:
                return str(c["priority"])
            if col == Columns.TRAINEE_S:
                return _secs(c["trainee_dispatch_s"])
            if col == Columns.REAL_S:
                return _secs(c["real_dispatch_s"])
            if col == Columns.DEADLINE:
                if c["trainee_dispatch_s"] is None:
                    return QtCore.QCoreApplication.translate("Tables", "not dispatched")
                if c["trainee_deadline_met"]:
                    return QtCore.QCoreApplication.translate("Tables", "met")
                return QtCore.QCoreApplication.translate("Tables", "missed")
            if col == Columns.TRAINEE_UNITS:
                return " ".join(c["trainee_units"])
            if col == Columns.REAL_UNITS:
                return " ".join(c["real_units"])
            if col == Columns.MATCH:
                return (
                    f"{100 * c['type_overlap']:.0f}%" if c["trainee_dispatch_s"] is not None else ""
                )
            if col == Columns.SCORE:
                return f"{c['score']:.0f}"
        if role == QtCore.Qt.ItemDataRole.ForegroundRole and col in (
            Columns.DEADLINE,
            Columns.SCORE,
        ):
            bad = c["trainee_dispatch_s"] is None or not c["trainee_deadline_met"]
            return QtGui.QBrush(QtGui.QColor("#c62828" if bad else "#2e7d32"))
        if role == QtCore.Qt.ItemDataRole.TextAlignmentRole and col in (
            Columns.PRIORITY,
            Columns.TRAINEE_S,
            Columns.REAL_S,
            Columns.MATCH,
            Columns.SCORE,
        ):
            return int(QtCore.Qt.AlignmentFlag.AlignRight | QtCore.Qt.AlignmentFlag.AlignVCenter)
        return None
