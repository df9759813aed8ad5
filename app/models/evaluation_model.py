"""Table model of the department evaluation (QtCore; QtGui for its colours).

It follows the store incrementally: each change of incidents updates the tracker's buckets for
those incidents only, and the table repaints from the buckets at most every few seconds. Every
known department is a row; one with nothing to evaluate shows "—", never 0% or a score of 50.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6 import QtCore, QtGui

from app.console.i18n import QT_TRANSLATE_NOOP
from app.evaluation.indicators import WEIGHTS, Bucket, Indicators
from app.evaluation.periods import PeriodKeys
from app.evaluation.tracker import EvaluationTracker
from app.models.table import HeaderedTableModel
from app.store.store import Store

log = logging.getLogger(__name__)

COLUMNS = [
    QT_TRANSLATE_NOOP("EvaluationModel", "Department"),
    QT_TRANSLATE_NOOP("EvaluationModel", "Score"),
    QT_TRANSLATE_NOOP("EvaluationModel", "Cases"),
    QT_TRANSLATE_NOOP("EvaluationModel", "Handled"),
    QT_TRANSLATE_NOOP("EvaluationModel", "Filed on time"),
    QT_TRANSLATE_NOOP("EvaluationModel", "Correct dispatch"),
    QT_TRANSLATE_NOOP("EvaluationModel", "Handled on time"),
    QT_TRANSLATE_NOOP("EvaluationModel", "Closed on time"),
    QT_TRANSLATE_NOOP("EvaluationModel", "Rework"),
    QT_TRANSLATE_NOOP("EvaluationModel", "Overdue open"),
    QT_TRANSLATE_NOOP("EvaluationModel", "Extended"),
    QT_TRANSLATE_NOOP("EvaluationModel", "Avg handling"),
]
GOOD = QtGui.QColor("#35c46a")
WARN = QtGui.QColor("#ffb020")
BAD = QtGui.QColor("#ff4d4f")
DIM = QtGui.QColor("#8b949e")
UNDEFINED = "—"


def pct(x: float | None) -> str:
    return UNDEFINED if x is None else f"{x * 100:.0f}%"


def duration(s: float | None) -> str:
    if s is None:
        return UNDEFINED
    if s < 3600:
        return f"{s / 60:.0f} min"
    return f"{s / 3600:.1f} h"


def score_colour(score: float | None) -> QtGui.QColor:
    if score is None:
        return DIM
    return GOOD if score >= 85 else (WARN if score >= 70 else BAD)


def weights_text(weights: dict[str, float]) -> str:
    w = {**WEIGHTS, **weights}
    return QtCore.QCoreApplication.translate(
        "EvaluationModel",
        "Score = {h:g} × handling rate + {o:g} × on-time handling + {r:g} × (1 − rework)"
        " + {p:g} × (1 − overdue open) + {e:g} × (1 − extension)",
    ).format(
        h=w["handling"], o=w["on_time"], r=w["rework"], p=w["overdue_pending"], e=w["extension"]
    )


class EvaluationModel(HeaderedTableModel):
    """Rows are departments, best score first, departments without a score last."""

    headers = COLUMNS
    header_context = "EvaluationModel"
    refreshed = QtCore.Signal()

    def __init__(
        self,
        store: Store,
        parent: QtCore.QObject | None = None,
        interval_ms: int = 2000,
        tracker: EvaluationTracker | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self.tracker = tracker or EvaluationTracker(store.state, tz=_zone(store))
        self._rows: list[tuple[str, Indicators]] = []
        self._dirty = True
        self._timer = QtCore.QTimer(self, interval=interval_ms)
        self._timer.timeout.connect(self._maybe_refresh)
        self._timer.start()
        store.incidentsChanged.connect(self._changed)
        store.agenciesChanged.connect(self._mark)
        store.rulesChanged.connect(lambda: self._mark([]))  # the score's weights may have changed
        store.stateReset.connect(self._reset)
        self.tracker.rebuild()
        self.refresh()

    @property
    def since(self) -> float | None:
        return self.tracker.since

    def set_since(self, since: float | None) -> None:
        """Evaluate the cases received from ``since`` on (None: the whole record)."""
        self.tracker.since = since
        self.tracker.rebuild()
        self.refresh()

    def _changed(self, ids: list[str]) -> None:
        self.tracker.state = self._store.state
        self.tracker.refresh(ids)
        self._dirty = True

    def _mark(self, _ids: list[str]) -> None:
        self._dirty = True

    def _reset(self) -> None:
        self.tracker.state = self._store.state
        self.tracker.periods = PeriodKeys(_zone(self._store))
        self.tracker.rebuild()
        self.refresh()

    def _maybe_refresh(self) -> None:
        if self._dirty:
            self.refresh()

    def refresh(self) -> None:
        self._dirty = False
        now = self._store.now()
        rows = self.tracker.breakdown("department", now)
        empty = Bucket().indicators(0, self.tracker.weights)
        for agency in self._store.state.agencies:
            rows.setdefault(agency, empty)
        ordered = sorted(
            rows.items(),
            key=lambda kv: (kv[1].score is None, -(kv[1].score or 0.0), -kv[1].cases, kv[0]),
        )
        self.beginResetModel()
        self._rows = ordered
        self.endResetModel()
        self.refreshed.emit()

    def rows(self) -> list[tuple[str, Indicators]]:
        return list(self._rows)

    def row_total(self) -> int:
        return len(self._rows)

    def department_name(self, dep: str) -> str:
        agency = self._store.state.agencies.get(dep)
        return agency.name if agency else dep

    def data(
        self,
        index: QtCore.QModelIndex | QtCore.QPersistentModelIndex,
        role: int = QtCore.Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if not index.isValid():
            return None
        dep, s = self._rows[index.row()]
        col = index.column()
        if role == QtCore.Qt.ItemDataRole.DisplayRole:
            return _CELLS[col](self, dep, s)
        if role == QtCore.Qt.ItemDataRole.UserRole:
            return dep
        if role == QtCore.Qt.ItemDataRole.ForegroundRole:
            if col == 1:
                return score_colour(s.score)
            if col > 1 and _CELLS[col](self, dep, s) == UNDEFINED:
                return DIM
        if role == QtCore.Qt.ItemDataRole.TextAlignmentRole and col > 0:
            return int(QtCore.Qt.AlignmentFlag.AlignCenter)
        if role == QtCore.Qt.ItemDataRole.ToolTipRole:
            if s.score is None:
                return QtCore.QCoreApplication.translate(
                    "EvaluationModel", "Nothing handled yet: no score (not zero)."
                )
            return weights_text(self.tracker.weights)
        return None


def _zone(store: Store) -> str:
    cal = store.state.calendar
    return cal.tz if cal is not None else "America/Los_Angeles"


_Cell = Callable[[EvaluationModel, str, Indicators], str]
_CELLS: list[_Cell] = [
    lambda m, d, s: m.department_name(d),
    lambda m, d, s: UNDEFINED if s.score is None else f"{s.score:.1f}",
    lambda m, d, s: str(s.cases),
    lambda m, d, s: f"{s.handled} ({pct(s.handling_rate)})" if s.cases else UNDEFINED,
    lambda m, d, s: pct(s.filing_on_time_rate),
    lambda m, d, s: pct(s.correct_dispatch_rate),
    lambda m, d, s: pct(s.on_time_rate),
    lambda m, d, s: pct(s.closure_on_time_rate),
    lambda m, d, s: pct(s.rework_rate),
    lambda m, d, s: (
        f"{s.overdue_pending} ({pct(s.overdue_pending_rate)})" if s.cases else UNDEFINED
    ),
    lambda m, d, s: pct(s.extension_rate),
    lambda m, d, s: duration(s.avg_handling_s),
]
