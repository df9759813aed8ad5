"""Signs the desk in again when the server ends its session (the administrator signed the account
out, disabled it or gave it a new password) or when the desk signs itself out after a time
without keyboard or mouse: the sign-in dialog opens over the console with the reason."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6 import QtCore, QtWidgets

from widgets.console.sign_in_dialog import SignInDialog

if TYPE_CHECKING:
    from app.sync.engine import SyncEngine

log = logging.getLogger(__name__)


class SessionGuard(QtCore.QObject):
    """Owns the sign-in dialog shown while the desk has no session; cancelling it quits."""

    signedIn = QtCore.Signal()  # new credentials were handed to the engine

    def __init__(
        self,
        engine: SyncEngine,
        window: QtWidgets.QWidget,
        quit: Callable[[], None],
        parent: QtCore.QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._engine = engine
        self._window = window
        self._quit = quit
        self.dialog: SignInDialog | None = None
        engine.loginFailed.connect(self._login_failed)

    def _login_failed(self, code: str, message: str) -> None:
        if code == "session_ended":
            text = self.tr("The server ended this session: %1").replace("%1", message)
        else:
            text = self.tr("Sign in again: %1").replace("%1", message)
        self.ask(text)

    def ask(self, message: str) -> SignInDialog:
        """Open the sign-in dialog (once) with ``message``; it hands the credentials over."""
        if self.dialog is not None:
            self.dialog.message.setText(message)
            self.dialog.message.setVisible(True)
            return self.dialog
        engine = self._engine
        user = engine.user.username if engine.user is not None else ""
        dialog = SignInDialog(engine.url, user, engine.workstation, message, self._window)
        dialog.workstation.setEnabled(False)  # this desk's cache belongs to its workstation name
        dialog.setModal(True)
        dialog.finished.connect(self._finished)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _finished(self, code: int) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is None:
            return
        user, password, _station = dialog.credentials()
        dialog.deleteLater()
        if code != QtWidgets.QDialog.DialogCode.Accepted.value:
            log.info("sign-in cancelled: the console closes")
            self._quit()
            return
        self._engine.start(user, password)
        self.signedIn.emit()

    async def sign_out_idle(self, minutes: float) -> None:
        """No keyboard or mouse for ``minutes``: end the session on the server, then ask."""
        await self._engine.sign_out()
        await self._engine.stop()
        text = self.tr("Signed out after %1 min without activity").replace("%1", f"{minutes:g}")
        self.ask(text)
