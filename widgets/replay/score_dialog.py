"""The training score: total, summary and a table comparing each call with what really happened."""

from __future__ import annotations

import logging
from typing import Any, TypeVar

from PySide6 import QtWidgets

from app.replay.score import pause_text
from widgets.replay.score_model import ScoreTableModel

log = logging.getLogger(__name__)

W = TypeVar("W", bound=QtWidgets.QWidget)


def _named(widget: W, name: str) -> W:
    widget.setObjectName(name)
    return widget


class ScoreDialog(QtWidgets.QDialog):
    """Shows one score dict as returned by ``app.replay.score.score_training``."""

    def __init__(self, score: dict[str, Any], parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trainingScore")
        self.setWindowTitle(self.tr("Training score"))
        self.score = score
        total = _named(QtWidgets.QLabel(f"{score['total']:.0f} / 100"), "scoreTotal")
        font = total.font()
        font.setPointSize(font.pointSize() * 2)
        font.setBold(True)
        total.setFont(font)
        summary = _named(QtWidgets.QLabel(score["summary"]["text"]), "scoreSummary")
        summary.setWordWrap(True)
        self.model = ScoreTableModel(score["calls"], score.get("time_zone", "UTC"), self)
        self.table = _named(QtWidgets.QTableView(), "scoreTable")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(False)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.resizeColumnsToContents()
        buttons = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QtWidgets.QVBoxLayout(self)
        head = QtWidgets.QHBoxLayout()
        head.addWidget(total)
        head.addWidget(summary, 1)
        layout.addLayout(head)
        paused = pause_text(score)
        if paused:
            note = _named(QtWidgets.QLabel(f"⏸ {paused}"), "scorePauses")
            note.setStyleSheet("color: #ffd84d;")
            layout.addWidget(note)
        for w in score.get("warnings", []):
            warn = QtWidgets.QLabel(f"⚠ {w}")
            warn.setStyleSheet("color: #e65100;")
            layout.addWidget(warn)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        # Wide enough for every column of the comparison (up to the screen's width): at a fixed
        # 960 px "Your units" and the columns after it were behind a scroll bar.
        need = self.table.horizontalHeader().length() + 60
        screen = self.screen().availableGeometry().width() if self.screen() else 1920
        self.resize(max(960, min(need, screen - 80)), 520)
