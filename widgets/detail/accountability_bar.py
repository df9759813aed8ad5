"""Returns, arbitration and escalation notices on the shown case: who returned it and why, the
arbitration deadline, and the escalations addressed to the signed-in person."""

from __future__ import annotations

import logging

from PySide6 import QtCore, QtWidgets

from app.console.i18n import QT_TRANSLATE_NOOP
from app.domain import commands as c
from app.domain.accountability import LEVEL_NAMES, RETURN_KINDS, pending_notices
from app.domain.model import Incident
from app.store.gateway import CommandGateway
from app.store.store import Store
from widgets.detail.access import why_not
from widgets.detail.reason_prompt import ReasonPrompt
from widgets.detail.timefmt import clock_time
from widgets.util import named

log = logging.getLogger(__name__)

# app/domain's words for return kinds and notice levels, marked for the catalogue here.
KIND_WORDS = {
    "not_ours": QT_TRANSLATE_NOOP("Accountability", "not ours"),
    "wrong_place": QT_TRANSLATE_NOOP("Accountability", "wrong place"),
    "needs_other": QT_TRANSLATE_NOOP("Accountability", "needs another department"),
}
LEVEL_WORDS = {
    1: QT_TRANSLATE_NOOP("Accountability", "warning"),
    2: QT_TRANSLATE_NOOP("Accountability", "overdue"),
    3: QT_TRANSLATE_NOOP("Accountability", "escalated"),
}
assert set(KIND_WORDS) == set(RETURN_KINDS) and set(LEVEL_WORDS) == set(LEVEL_NAMES)


def kind_word(kind: str) -> str:
    return QtCore.QCoreApplication.translate("Accountability", KIND_WORDS.get(kind, kind))


class AccountabilityBar(QtWidgets.QFrame):
    """Owns the return / arbitration controls and the acknowledge button of one case."""

    def __init__(
        self,
        store: Store,
        gateway: CommandGateway,
        prompt: ReasonPrompt,
        parent: QtWidgets.QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("AccountabilityBar")
        self._store = store
        self._gateway = gateway
        self._prompt = prompt
        self._incident: Incident | None = None
        self.status = named(QtWidgets.QLabel(), "DisputeStatus")
        self.status.setWordWrap(True)
        self.kind = named(QtWidgets.QComboBox(), "ReturnKind")
        for key in RETURN_KINDS:
            self.kind.addItem(kind_word(key), key)
        self.department = named(QtWidgets.QComboBox(), "DisputeDepartment")
        self.return_button = named(QtWidgets.QPushButton(self.tr("Return case…")), "ReturnCase")
        self.arbitrate_button = named(QtWidgets.QPushButton(self.tr("Arbitrate…")), "Arbitrate")
        self.return_button.clicked.connect(self.return_case)
        self.arbitrate_button.clicked.connect(self.arbitrate)
        self.notice = named(QtWidgets.QLabel(), "EscalationNotice")
        self.notice.setStyleSheet("color: #ffd84d; font-weight: bold;")
        self.ack_button = named(QtWidgets.QPushButton(self.tr("Acknowledge")), "AckEscalation")
        self.ack_button.clicked.connect(self.acknowledge)
        # Two short rows rather than one long one: the detail panel is often a narrow dock.
        self.notice.setWordWrap(True)
        self.department.setSizeAdjustPolicy(
            QtWidgets.QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.department.setMinimumContentsLength(12)
        choose = QtWidgets.QHBoxLayout()
        choose.setContentsMargins(0, 0, 0, 0)
        choose.addWidget(self.kind)
        choose.addWidget(self.department, 1)
        act = QtWidgets.QHBoxLayout()
        act.setContentsMargins(0, 0, 0, 0)
        act.addWidget(self.return_button)
        act.addWidget(self.arbitrate_button)
        act.addStretch(1)
        ack = QtWidgets.QHBoxLayout()
        ack.setContentsMargins(0, 0, 0, 0)
        ack.addWidget(self.notice, 1)
        ack.addWidget(self.ack_button)
        lay = QtWidgets.QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(ack)
        lay.addWidget(self.status)
        lay.addLayout(choose)
        lay.addLayout(act)
        self.set_incident(None)

    def set_incident(self, incident: Incident | None) -> None:
        self._incident = incident
        self.department.clear()
        for agency in sorted(self._store.state.agencies.values(), key=lambda a: a.id):
            self.department.addItem(agency.name, agency.id)
        if incident is None:
            self.status.setText("")
            for w in (self.return_button, self.arbitrate_button, self.ack_button):
                w.setEnabled(False)
            self.notice.setText("")
            self.ack_button.hide()
            return
        d = incident.open_dispute()
        if d is not None:
            due = clock_time(d.due, self._store.now()) if d.due is not None else "—"
            suggested = self.tr(" (suggests %1)").replace("%1", d.suggested) if d.suggested else ""
            self.status.setText(
                self.tr("⚖ Returned by %1: %2%3 — “%4”. Arbitration due %5.")
                .replace("%1", d.from_agency)
                .replace("%2", kind_word(d.kind))
                .replace("%3", suggested)
                .replace("%4", d.reason)
                .replace("%5", due)
            )
            idx = self.department.findData(d.suggested or incident.department)
            self.department.setCurrentIndex(max(0, idx))
        else:
            decided = [x for x in incident.disputes if x.state != "open"]
            last = decided[-1] if decided else None
            self.status.setText(
                self.tr("Last return %1 by %2: with %3.")
                .replace("%1", last.state)
                .replace("%2", last.decided_by)
                .replace("%3", last.department)
                if last is not None
                else ""
            )
        probe_return = c.ReturnCase(incident_id=incident.id, kind=self.kind.currentData() or "")
        why = why_not(self._store, self._gateway, probe_return)
        self.return_button.setEnabled(not why)
        self.return_button.setToolTip(why or self.tr("Return the case for arbitration"))
        probe = c.ArbitrateCase(
            incident_id=incident.id, department=self.department.currentData() or ""
        )
        why = why_not(self._store, self._gateway, probe)
        self.arbitrate_button.setEnabled(not why)
        self.arbitrate_button.setToolTip(why or self.tr("Give the case to the chosen department"))
        mine = pending_notices(incident, self._store.user)
        if mine:
            n = mine[-1]
            self.notice.setText(
                self.tr("⚠ L%1 %2 on %3 since %4")
                .replace("%1", str(n.level))
                .replace(
                    "%2",
                    QtCore.QCoreApplication.translate(
                        "Accountability", LEVEL_WORDS.get(n.level, "")
                    ),
                )
                .replace("%3", n.stage)
                .replace("%4", clock_time(n.at, self._store.now()))
            )
            self.ack_button.show()
            self.ack_button.setEnabled(not self._store.read_only)
        else:
            self.notice.setText("")
            self.ack_button.hide()

    def return_case(self) -> None:
        inc = self._incident
        if inc is None or not self.return_button.isEnabled():
            return
        kind = self.kind.currentData() or "not_ours"
        suggested = self.department.currentData() or ""
        if suggested == inc.department:
            suggested = ""
        self._prompt.ask(
            self.tr("Return %1 (%2) — reason:")
            .replace("%1", inc.number)
            .replace("%2", kind_word(kind)),
            lambda r: self._send(
                c.ReturnCase(
                    incident_id=inc.id, kind=kind, reason=r, suggested_department=suggested
                )
            ),
        )

    def arbitrate(self) -> None:
        inc = self._incident
        if inc is None or not self.arbitrate_button.isEnabled():
            return
        dept = self.department.currentData() or inc.department
        self._prompt.ask(
            self.tr("Give %1 to %2 — reason:").replace("%1", inc.number).replace("%2", dept),
            lambda r: self._send(c.ArbitrateCase(incident_id=inc.id, department=dept, reason=r)),
        )

    def acknowledge(self) -> None:
        inc = self._incident
        if inc is None:
            return
        for n in pending_notices(inc, self._store.user):
            self._send(c.AcknowledgeEscalation(incident_id=inc.id, stage=n.stage, level=n.level))

    def _send(self, command: c.ReturnCase | c.ArbitrateCase | c.AcknowledgeEscalation) -> None:
        self._gateway.submit(command)
