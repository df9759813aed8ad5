"""Sessions: the idle sign-out every desk follows (set_desk_policy through the runner, so each
desk learns it at once and keeps it offline), beside what the server decides on its own."""

from __future__ import annotations

import logging

from PySide6 import QtWidgets

from app.domain.desk_policy import MAX_IDLE_MINUTES, SetDeskPolicy
from app.store.gateway import CommandGateway
from app.store.store import Store
from widgets.admin import admin_form as af
from widgets.util import named

log = logging.getLogger(__name__)


class SessionsTab(QtWidgets.QWidget):
    """Owns the desk policy form."""

    def __init__(
        self, store: Store, gateway: CommandGateway, parent: QtWidgets.QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._gateway = gateway
        self.current = named(QtWidgets.QLabel(), "DeskPolicyCurrent")
        self.current.setWordWrap(True)
        self.idle = named(QtWidgets.QSpinBox(), "DeskIdleMinutes")
        self.idle.setRange(0, MAX_IDLE_MINUTES)
        self.idle.setSuffix(self.tr(" min"))
        self.idle.setSpecialValueText(self.tr("never"))
        self.warn = named(QtWidgets.QSpinBox(), "DeskWarnSeconds")
        self.warn.setRange(10, 300)
        self.warn.setSuffix(self.tr(" s"))
        form = QtWidgets.QFormLayout()
        form.addRow(self.tr("Sign a desk out after no input for"), self.idle)
        form.addRow(self.tr("Warn before the sign-out"), self.warn)
        note = QtWidgets.QLabel(
            self.tr(
                "How long a sign-in lasts at most is the server's setting (--token-hours); "
                "after it the desk asks for the password again. Forced sign-out of one account "
                "is on the Accounts tab."
            )
        )
        note.setWordWrap(True)
        self.save = named(QtWidgets.QPushButton(self.tr("Save for every desk")), "DeskPolicySave")
        self.save.clicked.connect(self.submit)
        self.status = named(QtWidgets.QLabel(), "SessionsStatus")
        self.status.setWordWrap(True)
        lay = QtWidgets.QVBoxLayout(self)
        lay.addWidget(self.current)
        lay.addLayout(form)
        lay.addWidget(self.save)
        lay.addWidget(note)
        lay.addWidget(self.status)
        lay.addStretch(1)
        store.stateReset.connect(self.reload)
        store.rulesChanged.connect(self.reload)  # the policy travels with the rules
        self.reload()

    def reload(self) -> None:
        p = self._store.state.desk_policy
        if p.idle_minutes > 0:
            text = self.tr("Desks sign out after %1 min without input (warning %2 s before)")
            text = text.replace("%1", f"{p.idle_minutes:g}").replace("%2", f"{p.warn_seconds:g}")
        else:
            text = self.tr("Desks do not sign out for inactivity")
        self.current.setText(text)
        self.idle.setValue(round(p.idle_minutes))
        self.warn.setValue(round(p.warn_seconds))

    def command(self) -> SetDeskPolicy:
        return SetDeskPolicy(idle_minutes=self.idle.value(), warn_seconds=self.warn.value())

    def submit(self) -> bool:
        done = self.tr("Sent: every desk follows the new policy once the server confirms it")
        return af.submit(self._store, self._gateway, self.command(), self.status, done)
