"""Case action buttons: each workflow action, enabled only when the case and the role allow it."""

from __future__ import annotations

import logging

from PySide6 import QtCore, QtGui, QtWidgets

from app.domain import commands as c
from app.domain.model import Incident
from app.domain.workflow import ACTIONS, available_actions
from app.store.gateway import CommandGateway
from app.store.store import Store
from widgets.detail.access import why_not
from widgets.detail.flow_layout import FlowLayout
from widgets.detail.reason_prompt import ReasonPrompt

log = logging.getLogger(__name__)

# Keys fire only while focus is inside the detail panel (WidgetWithChildrenShortcut).
ACTION_KEYS: dict[str, str] = {
    "register": "Alt+G",
    "reject": "Alt+J",
    "dispatch": "Alt+D",
    "start": "Alt+S",
    "resolve": "Alt+E",
    "verify": "Alt+V",
    "fail_verification": "Alt+F",
    "close": "Alt+L",
    "cancel": "Alt+X",
    "reopen": "Alt+O",
}
BUTTON_W = 150  # equal widths line the wrapped rows up like a grid
PRIMARY = {"register", "dispatch", "start", "resolve", "verify", "close"}
DANGER = {"reject", "cancel", "fail_verification"}


class TransitionBar(QtWidgets.QWidget):
    """Owns one button per workflow action for the shown incident."""

    def __init__(
        self,
        store: Store,
        gateway: CommandGateway,
        prompt: ReasonPrompt,
        shortcut_scope: QtWidgets.QWidget | None = None,
        parent: QtWidgets.QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("TransitionBar")
        self._store = store
        self._gateway = gateway
        self._prompt = prompt
        self._incident: Incident | None = None
        self.buttons: dict[str, QtWidgets.QPushButton] = {}
        flow = FlowLayout(self)
        scope = shortcut_scope or self
        for name, act in ACTIONS.items():
            label = act.label.split(" (")[0] + ("…" if act.needs_reason else "")
            btn = QtWidgets.QPushButton(label)
            btn.setObjectName(f"action-{name}")
            if name in PRIMARY:
                btn.setProperty("role", "primary")
            elif name in DANGER:
                btn.setProperty("role", "danger")
            btn.clicked.connect(lambda _=False, n=name: self.trigger(n))
            self.buttons[name] = btn
            btn.setMinimumWidth(BUTTON_W)
            flow.addWidget(btn)
            sc = QtGui.QShortcut(QtGui.QKeySequence(ACTION_KEYS[name]), scope)
            sc.setContext(QtCore.Qt.ShortcutContext.WidgetWithChildrenShortcut)
            sc.activated.connect(lambda n=name: self.trigger(n))
        self.set_incident(None)

    def set_incident(self, incident: Incident | None) -> None:
        self._incident = incident
        if incident is None:
            for btn in self.buttons.values():
                btn.setEnabled(False)
                btn.setToolTip("Select an incident")
            return
        allowed = available_actions(incident)
        for name, btn in self.buttons.items():
            act = ACTIONS[name]
            reason = allowed.get(name, "")
            if not reason:
                reason = why_not(
                    self._store,
                    self._gateway,
                    c.Transition(incident_id=incident.id, action=name),
                )
            btn.setEnabled(not reason)
            keys = ACTION_KEYS[name]
            if reason:
                btn.setToolTip(f"{act.label} ({keys}) not available: {reason}")
            else:
                need = "; asks for a reason" if act.needs_reason else ""
                btn.setToolTip(f"{act.label} ({keys}): to {act.target.value}{need}")

    def trigger(self, name: str) -> None:
        """Run action ``name`` (asking for a reason first when it needs one)."""
        inc = self._incident
        btn = self.buttons.get(name)
        if inc is None or btn is None or not btn.isEnabled():
            return
        act = ACTIONS[name]
        if act.needs_reason:
            incident_id, version = inc.id, inc.version

            def on_reason(reason: str) -> None:
                self._submit(incident_id, name, reason, version)

            self._prompt.ask(f"{act.label} {inc.number} — reason:", on_reason)
            return
        self._submit(inc.id, name, "", inc.version)

    def _submit(self, incident_id: str, action: str, reason: str, version: int) -> None:
        log.info("transition %s on %s", action, incident_id)
        self._gateway.submit(
            c.Transition(incident_id=incident_id, action=action, reason=reason),
            expected_version=version,
        )
