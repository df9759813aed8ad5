"""A red banner with the last refused command for the shown incident."""

from __future__ import annotations

import logging

from PySide6 import QtCore, QtWidgets

from widgets.detail.timefmt import clock_time

log = logging.getLogger(__name__)


class RefusalBanner(QtWidgets.QFrame):
    """Shows the incident's most recent refusal from the refusal inbox; ✕ dismisses it there
    (for good: it does not come back with the next refresh)."""

    dismissed = QtCore.Signal(str)  # command id of the refusal shown

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("RefusalBanner")
        self.setStyleSheet(
            "#RefusalBanner { background: #5a1a1c; border: 2px solid #ff4d4f; border-radius: 4px; }"
            "#RefusalBanner QLabel { background: transparent; color: #ffffff; }"
            "#RefusalBanner QPushButton { background: transparent; border: none; color: #ffffff;"
            " font-weight: bold; min-height: 0; padding: 0 6px; }"
        )
        lay = QtWidgets.QHBoxLayout(self)
        lay.setContentsMargins(10, 6, 6, 6)
        self.label = QtWidgets.QLabel()
        self.label.setObjectName("RefusalText")
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
        close = QtWidgets.QPushButton("✕")
        close.setToolTip(self.tr("Dismiss"))
        close.clicked.connect(self._dismiss)
        self._command_id = ""
        lay.addWidget(self.label, 1)
        lay.addWidget(close, 0, QtCore.Qt.AlignmentFlag.AlignTop)
        self.hide()

    def show_refusal(
        self, code: str, message: str, at: float | None = None, command_id: str = ""
    ) -> None:
        if at is not None:
            head = self.tr("Refused at %1").replace("%1", clock_time(at, at))
        else:
            head = self.tr("Refused")
        text = self.tr("<b>%1</b> (%2): %3").replace("%1", head).replace("%2", code)
        self.label.setText(text.replace("%3", message))
        self._command_id = command_id
        self.show()

    def _dismiss(self) -> None:
        command_id = self._command_id
        self.clear()
        if command_id:
            self.dismissed.emit(command_id)

    def text(self) -> str:
        return self.label.text() if self.isVisible() else ""

    def clear(self) -> None:
        self._command_id = ""
        self.label.clear()
        self.hide()
