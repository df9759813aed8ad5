"""Sign-in for a console started against a server without credentials on the command line."""

from __future__ import annotations

import logging

from PySide6 import QtCore, QtWidgets

log = logging.getLogger(__name__)


class SignInDialog(QtWidgets.QDialog):
    """User name, password and workstation; OK is enabled once a user name and password are in."""

    def __init__(
        self,
        server: str,
        user: str = "",
        workstation: str = "",
        message: str = "",
        parent: QtWidgets.QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("SignInDialog")
        self.setWindowTitle(self.tr("CityOps — sign in"))
        self.user = QtWidgets.QLineEdit(user)
        self.user.setObjectName("SignInUser")
        self.password = QtWidgets.QLineEdit()
        self.password.setObjectName("SignInPassword")
        self.password.setEchoMode(QtWidgets.QLineEdit.EchoMode.Password)
        self.workstation = QtWidgets.QLineEdit(workstation)
        self.workstation.setObjectName("SignInWorkstation")
        head = QtWidgets.QLabel(self.tr("Sign in to %1").replace("%1", server))
        head.setWordWrap(True)
        self.message = QtWidgets.QLabel(message)
        self.message.setObjectName("SignInMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #ff6b6b; font-weight: bold;")
        self.message.setVisible(bool(message))
        form = QtWidgets.QFormLayout()
        form.addRow(self.tr("User"), self.user)
        form.addRow(self.tr("Password"), self.password)
        form.addRow(self.tr("Workstation"), self.workstation)
        self.buttons = QtWidgets.QDialogButtonBox(
            QtWidgets.QDialogButtonBox.StandardButton.Ok
            | QtWidgets.QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Sign in"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        lay = QtWidgets.QVBoxLayout(self)
        lay.addWidget(head)
        lay.addWidget(self.message)
        lay.addLayout(form)
        lay.addWidget(self.buttons)
        for edit in (self.user, self.password):
            edit.textChanged.connect(self._update)
        self._update()
        (self.password if user else self.user).setFocus(QtCore.Qt.FocusReason.OtherFocusReason)
        self.setMinimumWidth(420)

    def _update(self) -> None:
        ok = self.buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.user.text().strip() and self.password.text()))

    def credentials(self) -> tuple[str, str, str]:
        return self.user.text().strip(), self.password.text(), self.workstation.text().strip()
