"""Deadline actions on the running stage: request / decide an extension, suspend / resume."""

from __future__ import annotations

import logging
from typing import Any

from PySide6 import QtCore, QtGui, QtWidgets

from app.domain.model import Incident
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
        self.minutes.setSuffix(" min")
        self.minutes.setToolTip("Minutes of extension to request")
        self.buttons: dict[str, QtWidgets.QPushButton] = {}
        labels = {
            "request": "Request extension…",
            "approve": "Approve ext.",
            "refuse": "Refuse ext.…",
            "suspend": "Suspend clock…",
            "resume": "Resume clock",
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

    def _command(self, key: str, inc: Incident) -> tuple[str, dict[str, Any]]:
        i = inc.id
        table: dict[str, tuple[str, dict[str, Any]]] = {
            "request": ("request_extension", {"incident_id": i, "minutes": 30, "reason": "x"}),
            "approve": ("decide_extension", {"incident_id": i, "approve": True}),
            "refuse": ("decide_extension", {"incident_id": i, "approve": False}),
            "suspend": ("suspend_deadline", {"incident_id": i, "reason": "x"}),
            "resume": ("resume_deadline", {"incident_id": i}),
        }
        return table[key]

    def _state_reason(self, key: str, inc: Incident) -> str:
        stage = inc.current_stage()
        clk = inc.clocks.get(stage) if stage else None
        if stage is None or clk is None or clk.done is not None:
            return f"{inc.number} is {inc.status.value}: no deadline is running"
        pending = inc.pending_extension
        if key == "request" and pending is not None:
            return f"{pending.minutes} min extension already waiting for a supervisor"
        if key in ("approve", "refuse") and pending is None:
            return "No extension request is waiting"
        if key == "suspend" and clk.suspended_at is not None:
            return f"The {stage} clock is already suspended"
        if key == "resume" and clk.suspended_at is None:
            return f"The {stage} clock is running, not suspended"
        return ""

    def set_incident(self, incident: Incident | None) -> None:
        self._incident = incident
        for key, btn in self.buttons.items():
            if incident is None:
                btn.setEnabled(False)
                btn.setToolTip("Select an incident")
                continue
            type_name, payload = self._command(key, incident)
            reason = self._state_reason(key, incident) or why_not(self._store, type_name, payload)
            btn.setEnabled(not reason)
            label = btn.text().rstrip("…")
            keys = DEADLINE_KEYS[key]
            if reason:
                btn.setToolTip(f"{label} ({keys}) not available: {reason}")
            elif key in ("approve", "refuse") and incident.pending_extension is not None:
                p = incident.pending_extension
                btn.setToolTip(
                    f"{label} ({keys}): {p.minutes} min asked by {p.requested_by}: {p.reason}"
                )
            else:
                btn.setToolTip(f"{label} ({keys})")
        self.minutes.setEnabled(incident is not None and self.buttons["request"].isEnabled())

    def trigger(self, key: str) -> None:
        inc = self._incident
        btn = self.buttons.get(key)
        if inc is None or btn is None or not btn.isEnabled():
            return
        i = inc.id
        if key == "request":
            minutes = self.minutes.value()
            self._prompt.ask(
                f"Extend {inc.number} by {minutes} min — reason:",
                lambda r: self._submit(
                    "request_extension", {"incident_id": i, "minutes": minutes, "reason": r}
                ),
            )
        elif key == "approve":
            self._submit("decide_extension", {"incident_id": i, "approve": True})
        elif key == "refuse":
            self._prompt.ask(
                f"Refuse the extension on {inc.number} — reason:",
                lambda r: self._submit(
                    "decide_extension", {"incident_id": i, "approve": False, "reason": r}
                ),
            )
        elif key == "suspend":
            self._prompt.ask(
                f"Suspend the clock of {inc.number} — reason:",
                lambda r: self._submit("suspend_deadline", {"incident_id": i, "reason": r}),
            )
        elif key == "resume":
            self._submit("resume_deadline", {"incident_id": i})

    def _submit(self, type_name: str, payload: dict[str, Any]) -> None:
        self._gateway.submit(type_name, payload)
