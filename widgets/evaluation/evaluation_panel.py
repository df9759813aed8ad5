"""Department evaluation: how each department meets the closed loop's deadlines."""

from __future__ import annotations

import logging

from PySide6 import QtWidgets

from app.console.i18n import QT_TRANSLATE_NOOP
from app.models.evaluation_model import EvaluationModel, weights_text
from app.store.store import Store
from widgets.util import named

log = logging.getLogger(__name__)

SHORTCUTS: list[tuple[str, str]] = []
PERIODS = [
    (QT_TRANSLATE_NOOP("EvaluationPanel", "Whole record"), None),
    (QT_TRANSLATE_NOOP("EvaluationPanel", "Last 24 hours"), 86400.0),
    (QT_TRANSLATE_NOOP("EvaluationPanel", "Last 7 days"), 7 * 86400.0),
    (QT_TRANSLATE_NOOP("EvaluationPanel", "Last 30 days"), 30 * 86400.0),
]


class EvaluationPanel(QtWidgets.QWidget):
    """Score per department (100-point scheme) over a chosen period."""

    def __init__(self, store: Store, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("EvaluationPanel")
        self._store = store
        self.model = EvaluationModel(store, self)
        title = QtWidgets.QLabel(self.tr("Department evaluation"))
        title.setProperty("role", "title")
        self.period = named(QtWidgets.QComboBox(), "EvaluationPeriod")
        for label, span in PERIODS:
            self.period.addItem(self.tr(label), span)
        self.period.currentIndexChanged.connect(self._period_changed)
        head = QtWidgets.QHBoxLayout()
        head.addWidget(title)
        head.addStretch(1)
        head.addWidget(self.period)
        self.table = named(QtWidgets.QTableView(), "EvaluationTable")
        self.table.setModel(self.model)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        # Every header reads in full: columns take the width of their title or their values.
        header.setSectionResizeMode(QtWidgets.QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        header.setMinimumSectionSize(60)
        self.note = QtWidgets.QLabel(
            weights_text(self.model.tracker.weights)
            + self.tr(
                ". A department with nothing handled has no score (—). Rejected, cancelled and"
                " exercise cases are left out."
            )
        )
        self.note.setProperty("role", "dim")
        self.note.setWordWrap(True)
        self.model.refreshed.connect(self._show_weights)
        lay = QtWidgets.QVBoxLayout(self)
        lay.addLayout(head)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.note)

    def _show_weights(self) -> None:
        self.note.setText(
            weights_text(self.model.tracker.weights)
            + self.tr(
                ". A department with nothing handled has no score (—). Rejected, cancelled and"
                " exercise cases are left out."
            )
        )

    def _period_changed(self) -> None:
        span = self.period.currentData()
        self.model.set_since(None if span is None else self._store.now() - float(span))
