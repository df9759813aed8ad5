"""Case action buttons: each workflow action, enabled only when the case and the role allow it."""

from __future__ import annotations

import logging

from PySide6 import QtCore, QtGui, QtWidgets

from app.console.i18n import QT_TRANSLATE_NOOP
from app.console.words import status_name
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
# The workflow's action names (app/domain stays Qt-free): marked here for the catalogue, shown
# through translate("Keys", ...) by the buttons' tooltips and the F1 help.
ACTION_LABELS: dict[str, str] = {
    "register": QT_TRANSLATE_NOOP("Keys", "Register"),
    "reject": QT_TRANSLATE_NOOP("Keys", "Reject (invalid / duplicate)"),
    "dispatch": QT_TRANSLATE_NOOP("Keys", "Dispatch"),
    "start": QT_TRANSLATE_NOOP("Keys", "Start handling"),
    "resolve": QT_TRANSLATE_NOOP("Keys", "Resolve (feedback)"),
    "verify": QT_TRANSLATE_NOOP("Keys", "Verify"),
    "fail_verification": QT_TRANSLATE_NOOP("Keys", "Fail verification (rework)"),
    "close": QT_TRANSLATE_NOOP("Keys", "Close"),
    "cancel": QT_TRANSLATE_NOOP("Keys", "Cancel"),
    "reopen": QT_TRANSLATE_NOOP("Keys", "Reopen"),
}
BUTTON_W = 150  # equal widths line the wrapped rows up like a grid
PRIMARY = {"register", "dispatch", "start", "resolve", "verify", "close"}
DANGER = {"reject", "cancel", "fail_verification"}

assert set(ACTION_LABELS) == set(ACTIONS) == set(ACTION_KEYS), "a workflow action lacks its label"


def action_label(name: str) -> str:
    """The workflow action's name in the console's language."""
    return QtCore.QCoreApplication.translate("Keys", ACTION_LABELS[name])


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
        captions = {
            "register": self.tr("Register"),
            "reject": self.tr("Reject…"),
            "dispatch": self.tr("Dispatch"),
            "start": self.tr("Start handling"),
            "resolve": self.tr("Resolve…"),
            "verify": self.tr("Verify"),
            "fail_verification": self.tr("Fail verification…"),
            "close": self.tr("Close"),
            "cancel": self.tr("Cancel…"),
            "reopen": self.tr("Reopen…"),
        }
        for name in ACTIONS:
            btn = QtWidgets.QPushButton(captions[name])
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
                btn.setToolTip(self.tr("Select an incident"))
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
            label = action_label(name)
            if reason:
                tip = self.tr("%1 (%2) not available: %3").replace("%3", reason)
            elif act.needs_reason:
                tip = self.tr("%1 (%2): to %3; asks for a reason").replace(
                    "%3", status_name(act.target.value)
                )
            else:
                tip = self.tr("%1 (%2): to %3").replace("%3", status_name(act.target.value))
            btn.setToolTip(tip.replace("%1", label).replace("%2", keys))

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

            question = self.tr("%1 %2 — reason:").replace("%1", action_label(name))
            self._prompt.ask(question.replace("%2", inc.number), on_reason)
            return
        self._submit(inc.id, name, "", inc.version)

    def _submit(self, incident_id: str, action: str, reason: str, version: int) -> None:
        log.info("transition %s on %s", action, incident_id)
        self._gateway.submit(
            c.Transition(incident_id=incident_id, action=action, reason=reason),
            expected_version=version,
        )
