"""The supervisor's round editor: for an inspector and a day, the grid cells to patrol and the
checkpoints to visit (one a line: NAME; LAT, LON; RADIUS). OK sends ``set_round`` through the
desk's command gateway; a refusal (a bad value, not a supervisor) shows in the dialog."""

from __future__ import annotations

import logging

from PySide6 import QtCore, QtWidgets

from app.console.round_text import CheckpointTextError, checkpoints_text, parse_checkpoints
from app.domain.rounds import Round, SetRound
from app.store.gateway import CommandGateway
from widgets.util import named

log = logging.getLogger(__name__)


class RoundDialog(QtWidgets.QDialog):
    def __init__(
        self,
        gateway: CommandGateway,
        inspectors: list[str],
        day: str,
        existing: dict[str, Round],
        parent: QtWidgets.QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("RoundDialog")
        self.setWindowTitle(self.tr("Set an inspector's round"))
        self._gateway = gateway
        self._existing = existing  # "inspector/day" -> round, to edit what is set
        self.inspector = named(QtWidgets.QComboBox(), "RoundInspector")
        self.inspector.setEditable(True)
        self.inspector.addItems(inspectors)
        self.day = named(QtWidgets.QDateEdit(), "RoundDay")
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day.setDate(QtCore.QDate.fromString(day, "yyyy-MM-dd"))
        self.cells = named(QtWidgets.QLineEdit(), "RoundCells")
        self.cells.setPlaceholderText(self.tr("Grid cells, e.g. G-12-16, G-12-17"))
        self.checkpoints = named(QtWidgets.QPlainTextEdit(), "RoundCheckpoints")
        self.checkpoints.setPlaceholderText(
            self.tr("One checkpoint a line: NAME; LAT, LON; RADIUS (m)")
        )
        self.error = named(QtWidgets.QLabel(), "RoundError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #FF6B6B")
        form = QtWidgets.QFormLayout()
        form.addRow(self.tr("Inspector"), self.inspector)
        form.addRow(self.tr("Day"), self.day)
        form.addRow(self.tr("Cells"), self.cells)
        form.addRow(self.tr("Checkpoints"), self.checkpoints)
        buttons = QtWidgets.QDialogButtonBox(
            QtWidgets.QDialogButtonBox.StandardButton.Ok
            | QtWidgets.QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.send)
        buttons.rejected.connect(self.reject)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.inspector.currentTextChanged.connect(lambda _t: self._load())
        self.day.dateChanged.connect(lambda _d: self._load())
        self.resize(560, 420)
        self._load()

    def _day(self) -> str:
        return str(self.day.date().toString("yyyy-MM-dd"))

    def _load(self) -> None:
        rnd = self._existing.get(f"{self.inspector.currentText().strip()}/{self._day()}")
        self.cells.setText(", ".join(rnd.cells) if rnd else "")
        self.checkpoints.setPlainText(checkpoints_text(rnd.checkpoints) if rnd else "")

    def command(self) -> SetRound:
        """The command the dialog's fields make; CheckpointTextError for a bad line."""
        cells = [c.strip() for c in self.cells.text().split(",") if c.strip()]
        return SetRound(
            inspector=self.inspector.currentText().strip(),
            day=self._day(),
            cells=cells,
            checkpoints=parse_checkpoints(self.checkpoints.toPlainText()),
        )

    def send(self) -> None:
        try:
            cmd = self.command()
        except CheckpointTextError as exc:
            text = self.tr("Line {n}: write NAME; LAT, LON; RADIUS (numbers in degrees and m)")
            self.error.setText(text.format(n=exc.line))
            return
        why = self._gateway.refusal(cmd)
        if why is not None:
            self.error.setText(why.message)
            return
        self._gateway.submit(cmd)
        self.accept()
