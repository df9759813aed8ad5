"""Deadline actions on the running stage: request / decide an extension, suspend / resume."""

from __future__ import annotations

import logging

from PySide6 import QtCore, QtGui, QtWidgets

from app.domain import commands as c
from app.domain.model import Incident
from app.domain.runner import Command
from app.store.gateway import CommandGateway
from app.store.store import Store
from widgets.detail.access import why_not
from widgets.detail.flow_layout import FlowLayout
from widgets.detail.reason_prompt import ReasonPrompt

log = logging.getLogger(__name__)

DEADLINE_KEYS = {
    "request": "Alt+T",
    "approve": "Alt+A",
    "refuse": "Alt+N",
    "suspend": "Alt+P",
    "resume": "Alt+U",
}


class DeadlineBar(QtWidgets.QWidget):
    """Owns the extension minutes box and the four deadline buttons for the shown incident."""

    def __init__(
        self,
        store: Store,
        gateway: CommandGateway,
        prompt: ReasonPrompt,
        shortcut_scope: QtWidgets.QWidget | None = None,
        parent: QtWidgets.QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("DeadlineBar")
        self._store = store
        self._gateway = gateway
        self._prompt = prompt
        self._incident: Incident | None = None
        lay = FlowLayout(self)
        self.minutes = QtWidgets.QSpinBox()
        self.minutes.setObjectName("ExtensionMinutes")
        self.minutes.setRange(5, 7 * 24 * 60)
        self.minutes.setSingleStep(15)
        self.minutes.setValue(30)
        self.minutes.setSuffix(self.tr(" min"))
        self.minutes.setToolTip(self.tr("Minutes of extension to request"))
        self.buttons: dict[str, QtWidgets.QPushButton] = {}
        labels = {
            "request": self.tr("Request extension…"),
            "approve": self.tr("Approve ext."),
            "refuse": self.tr("Refuse ext.…"),
            "suspend": self.tr("Suspend clock…"),
            "resume": self.tr("Resume clock"),
        }
        lay.addWidget(self.minutes)
        scope = shortcut_scope or self
        for key, text in labels.items():
            btn = QtWidgets.QPushButton(text)
            btn.setObjectName(f"deadline-{key}")
            btn.clicked.connect(lambda _=False, k=key: self.trigger(k))
            self.buttons[key] = btn
            lay.addWidget(btn)
            sc = QtGui.QShortcut(QtGui.QKeySequence(DEADLINE_KEYS[key]), scope)
            sc.setContext(QtCore.Qt.ShortcutContext.WidgetWithChildrenShortcut)
            sc.activated.connect(lambda k=key: self.trigger(k))
        self.set_incident(None)

    def _command(self, key: str, inc: Incident, reason: str = "") -> Command:
        """The real command behind a button (its reason is asked for when it is pressed)."""
        i = inc.id
        if key == "request":
            return c.RequestExtension(incident_id=i, minutes=self.minutes.value(), reason=reason)
        if key == "approve":
            return c.DecideExtension(incident_id=i, approve=True, reason=reason)
        if key == "refuse":
            return c.DecideExtension(incident_id=i, approve=False, reason=reason)
        if key == "suspend":
            return c.SuspendDeadline(incident_id=i, reason=reason)
        return c.ResumeDeadline(incident_id=i, reason=reason)

    def set_incident(self, incident: Incident | None) -> None:
        self._incident = incident
        for key, btn in self.buttons.items():
            if incident is None:
                btn.setEnabled(False)
                btn.setToolTip(self.tr("Select an incident"))
                continue
            reason = why_not(self._store, self._gateway, self._command(key, incident))
            btn.setEnabled(not reason)
            label = btn.text().rstrip("…")
            keys = DEADLINE_KEYS[key]
            if reason:
                btn.setToolTip(
                    self.tr("%1 (%2) not available: %3")
                    .replace("%1", label)
                    .replace("%2", keys)
                    .replace("%3", reason)
                )
            elif key in ("approve", "refuse") and incident.pending_extension is not None:
                p = incident.pending_extension
                btn.setToolTip(
                    self.tr("%1 (%2): %3 min asked by %4: %5")
                    .replace("%1", label)
                    .replace("%2", keys)
                    .replace("%3", str(p.minutes))
                    .replace("%4", p.requested_by)
                    .replace("%5", p.reason)
                )
            else:
                btn.setToolTip(f"{label} ({keys})")
        self.minutes.setEnabled(incident is not None and self.buttons["request"].isEnabled())

    def trigger(self, key: str) -> None:
        inc = self._incident
        btn = self.buttons.get(key)
        if inc is None or btn is None or not btn.isEnabled():
            return
        if key == "request":
            minutes = self.minutes.value()
            self._prompt.ask(
                self.tr("Extend %1 by %2 min — reason:")
                .replace("%1", inc.number)
                .replace("%2", str(minutes)),
                lambda r: self._send(self._command(key, inc, r)),
            )
        elif key == "refuse":
            self._prompt.ask(
                self.tr("Refuse the extension on %1 — reason:").replace("%1", inc.number),
                lambda r: self._send(self._command(key, inc, r)),
            )
        elif key == "suspend":
            self._prompt.ask(
                self.tr("Suspend the clock of %1 — reason:").replace("%1", inc.number),
                lambda r: self._send(self._command(key, inc, r)),
            )
        else:
            self._send(self._command(key, inc))

    def _send(self, command: Command) -> None:
        self._gateway.submit(command)
