"""An inline "why?" field for actions that need a reason (resolve, cancel, decline, suspend...)."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6 import QtCore, QtGui, QtWidgets

log = logging.getLogger(__name__)


class ReasonPrompt(QtWidgets.QFrame):
    """Owns one pending question: shows a label and a line edit; Enter confirms, Esc cancels.

    Inline rather than a modal dialog so the operator keeps the incident in view and the
    keyboard flow is the same everywhere: action key, type the reason, Enter.
    """

    accepted = QtCore.Signal(str)
    cancelled = QtCore.Signal()

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ReasonPrompt")
        self.setStyleSheet(
            "#ReasonPrompt { background: #1a2433; border: 2px solid #ffb020; border-radius: 4px; }"
            "#ReasonPrompt QLabel { background: transparent; color: #ffd84d; font-weight: bold; }"
        )
        self._callback: Callable[[str], None] | None = None
        lay = QtWidgets.QHBoxLayout(self)
        lay.setContentsMargins(8, 6, 8, 6)
        self.label = QtWidgets.QLabel(self.tr("Reason:"))
        self.edit = QtWidgets.QLineEdit()
        self.edit.setObjectName("ReasonPromptEdit")
        self.edit.setPlaceholderText(self.tr("Type the reason, Enter to confirm, Esc to cancel"))
        self.ok = QtWidgets.QPushButton(self.tr("Confirm"))
        self.ok.setProperty("role", "primary")
        self.cancel_button = QtWidgets.QPushButton(self.tr("Cancel"))
        lay.addWidget(self.label)
        lay.addWidget(self.edit, 1)
        lay.addWidget(self.ok)
        lay.addWidget(self.cancel_button)
        self.edit.returnPressed.connect(self.confirm)
        self.edit.textChanged.connect(self._update)
        self.ok.clicked.connect(self.confirm)
        self.cancel_button.clicked.connect(self.cancel)
        esc = QtGui.QShortcut(QtGui.QKeySequence(QtCore.Qt.Key.Key_Escape), self)
        esc.setContext(QtCore.Qt.ShortcutContext.WidgetWithChildrenShortcut)
        esc.activated.connect(self.cancel)
        self.hide()

    @property
    def active(self) -> bool:
        return self._callback is not None

    def ask(self, question: str, on_reason: Callable[[str], None], text: str = "") -> None:
        """Show ``question``; ``on_reason(reason)`` runs once the operator confirms."""
        self._callback = on_reason
        self.label.setText(question)
        self.edit.setText(text)
        self._update()
        self.show()
        self.edit.setFocus(QtCore.Qt.FocusReason.ShortcutFocusReason)

    def _update(self) -> None:
        empty = not self.edit.text().strip()
        self.ok.setEnabled(not empty)
        self.ok.setToolTip(self.tr("A reason is required") if empty else self.tr("Confirm (Enter)"))

    def confirm(self) -> None:
        reason = self.edit.text().strip()
        if not reason or self._callback is None:
            return
        callback, self._callback = self._callback, None
        self.hide()
        self.edit.clear()
        callback(reason)
        self.accepted.emit(reason)

    def cancel(self) -> None:
        self._callback = None
        self.edit.clear()
        self.hide()
        self.cancelled.emit()
