"""Edit the evaluation score's weights; the change is a command, so every desk agrees."""

from __future__ import annotations

import logging

from PySide6 import QtWidgets

from app.console.i18n import QT_TRANSLATE_NOOP
from app.domain.scoring import DEFAULT_WEIGHTS, check_weights
from widgets.util import named

log = logging.getLogger(__name__)

LABELS = {
    "handling": QT_TRANSLATE_NOOP("WeightsDialog", "Handling rate"),
    "on_time": QT_TRANSLATE_NOOP("WeightsDialog", "On-time handling rate"),
    "rework": QT_TRANSLATE_NOOP("WeightsDialog", "1 − rework rate"),
    "overdue_pending": QT_TRANSLATE_NOOP("WeightsDialog", "1 − overdue-open rate"),
    "extension": QT_TRANSLATE_NOOP("WeightsDialog", "1 − extension rate"),
}


class WeightsDialog(QtWidgets.QDialog):
    """Five weights that must add up to 100 (OK stays disabled until they do)."""

    def __init__(self, weights: dict[str, float], parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("WeightsDialog")
        self.setWindowTitle(self.tr("Score weights"))
        form = QtWidgets.QFormLayout()
        self.spins: dict[str, QtWidgets.QDoubleSpinBox] = {}
        for key in DEFAULT_WEIGHTS:
            spin = named(QtWidgets.QDoubleSpinBox(), f"Weight_{key}")
            spin.setRange(0.0, 100.0)
            spin.setDecimals(1)
            spin.setValue(float(weights.get(key, DEFAULT_WEIGHTS[key])))
            spin.valueChanged.connect(self._check)
            form.addRow(self.tr(LABELS[key]), spin)
            self.spins[key] = spin
        self.status = QtWidgets.QLabel()
        self.status.setProperty("role", "dim")
        self.buttons = QtWidgets.QDialogButtonBox(
            QtWidgets.QDialogButtonBox.StandardButton.Ok
            | QtWidgets.QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        lay = QtWidgets.QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.status)
        lay.addWidget(self.buttons)
        self._check()

    def weights(self) -> dict[str, float]:
        return {k: s.value() for k, s in self.spins.items()}

    def _check(self) -> None:
        ok_button = self.buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Ok)
        try:
            check_weights(self.weights())
        except ValueError as exc:
            self.status.setText(str(exc))
            ok_button.setEnabled(False)
            return
        self.status.setText(self.tr("The weights add up to 100."))
        ok_button.setEnabled(True)
