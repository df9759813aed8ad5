"""The alert panel: public warnings (CAP) the centre holds, received or issued; for the selected
one its details, a small map of its areas with the incidents and units inside, and the agencies
it suggests pulling in. A supervisor issues a warning about the selected incident from here
(CAP out), and cancels the centre's own warnings."""

from __future__ import annotations

import logging

from PySide6 import QtCore, QtWidgets

from app.console.i18n import QT_TRANSLATE_NOOP
from app.domain.alert_rules import incidents_in_alert, suggested_agencies, units_in_alert
from app.domain.alerts import Alert, IssueAlert
from app.interop.cap_out import SEVERITIES, alert_from_incident, cancel_of
from app.store.gateway import CommandGateway
from app.store.selection import Selection
from app.store.store import Store
from widgets.alerts.area_view import AlertAreaView
from widgets.util import named

log = logging.getLogger(__name__)

COLUMNS = (
    QT_TRANSLATE_NOOP("AlertPanel", "Event"),
    QT_TRANSLATE_NOOP("AlertPanel", "Severity"),
    QT_TRANSLATE_NOOP("AlertPanel", "Urgency"),
    QT_TRANSLATE_NOOP("AlertPanel", "Certainty"),
    QT_TRANSLATE_NOOP("AlertPanel", "Expires"),
    QT_TRANSLATE_NOOP("AlertPanel", "State"),
    QT_TRANSLATE_NOOP("AlertPanel", "Sender"),
)
# CAP's severity values (app.interop.cap_out.SEVERITIES), marked here for the catalogue: the
# command carries the CAP word, the combo box shows it in the console's language.
SEVERITY_WORDS = (
    QT_TRANSLATE_NOOP("AlertPanel", "Extreme"),
    QT_TRANSLATE_NOOP("AlertPanel", "Severe"),
    QT_TRANSLATE_NOOP("AlertPanel", "Moderate"),
    QT_TRANSLATE_NOOP("AlertPanel", "Minor"),
    QT_TRANSLATE_NOOP("AlertPanel", "Unknown"),
)
assert SEVERITY_WORDS == SEVERITIES


def _state_of(alert: Alert, now: float) -> str:
    if alert.cancelled:
        return QtCore.QCoreApplication.translate("AlertPanel", "cancelled")
    if alert.expires_at and alert.expires_at < now:
        return QtCore.QCoreApplication.translate("AlertPanel", "expired")
    return QtCore.QCoreApplication.translate("AlertPanel", "active")


class AlertPanel(QtWidgets.QWidget):
    def __init__(
        self,
        store: Store,
        selection: Selection,
        gateway: CommandGateway,
        parent: QtWidgets.QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("AlertPanel")
        self._store, self._selection, self._gateway = store, selection, gateway
        self._ids: list[str] = []
        title = QtWidgets.QLabel(self.tr("Public warnings"))
        title.setProperty("role", "title")
        self.count = named(QtWidgets.QLabel(), "AlertCount")
        head = QtWidgets.QHBoxLayout()
        head.addWidget(title)
        head.addStretch(1)
        head.addWidget(self.count)
        self.table = named(QtWidgets.QTableWidget(0, len(COLUMNS)), "AlertTable")
        self.table.setHorizontalHeaderLabels(
            [QtCore.QCoreApplication.translate("AlertPanel", c) for c in COLUMNS]
        )
        self.table.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._show_selected)
        self.details = named(QtWidgets.QLabel(), "AlertDetails")
        self.details.setWordWrap(True)
        self.details.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        self.details.setAlignment(QtCore.Qt.AlignmentFlag.AlignTop)
        self.area = AlertAreaView()
        lower = QtWidgets.QHBoxLayout()
        lower.addWidget(self.details, 3)
        lower.addWidget(self.area, 2)
        # Issuing (CAP out): about the incident selected in the console.
        self.radius = named(QtWidgets.QDoubleSpinBox(), "AlertRadius")
        self.radius.setRange(0.1, 50.0)
        self.radius.setValue(1.0)
        self.radius.setSuffix(" km")
        self.severity = named(QtWidgets.QComboBox(), "AlertSeverity")
        for s in SEVERITIES:
            self.severity.addItem(QtCore.QCoreApplication.translate("AlertPanel", s), s)
        self.instruction = named(QtWidgets.QLineEdit(), "AlertInstruction")
        self.instruction.setPlaceholderText(self.tr("Instruction to the public"))
        self.issue_button = named(
            QtWidgets.QPushButton(self.tr("Issue warning for the selected incident")), "AlertIssue"
        )
        self.cancel_button = named(QtWidgets.QPushButton(self.tr("Cancel warning")), "AlertCancel")
        self.issue_button.clicked.connect(self.issue)
        self.cancel_button.clicked.connect(self.cancel_selected)
        issue = QtWidgets.QHBoxLayout()
        issue.addWidget(QtWidgets.QLabel(self.tr("Radius")))
        issue.addWidget(self.radius)
        issue.addWidget(self.severity)
        issue.addWidget(self.instruction, 1)
        buttons = QtWidgets.QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.issue_button)
        buttons.addWidget(self.cancel_button)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.table, 3)
        layout.addLayout(lower, 2)
        layout.addLayout(issue)
        layout.addLayout(buttons)
        store.alertsChanged.connect(lambda _ids: self.refresh())
        store.incidentsChanged.connect(lambda _ids: self._show_selected())
        store.stateReset.connect(self.refresh)
        store.sessionChanged.connect(self._update_buttons)
        selection.incidentSelected.connect(lambda _id: self._update_buttons())
        self.refresh()

    # --- list -----------------------------------------------------------------------------
    def retranslate(self) -> None:
        """After a language switch: every computed text again."""
        self.refresh()

    def refresh(self) -> None:
        keep = self.selected_alert()
        now = self._store.now()
        alerts = sorted(
            self._store.state.alerts.values(),
            key=lambda a: (a.cancelled, -(a.updated_at or a.received_at)),
        )
        self._ids = [a.id for a in alerts]
        self.table.setRowCount(len(alerts))
        for row, a in enumerate(alerts):
            cells = (
                a.event,
                a.severity,
                a.urgency,
                a.certainty,
                a.expires[:16].replace("T", " ") if a.expires else "—",
                _state_of(a, now),
                a.sender_name or a.sender,
            )
            for col, text in enumerate(cells):
                item = QtWidgets.QTableWidgetItem(text)
                item.setToolTip(a.headline or a.event)
                self.table.setItem(row, col, item)
        self.table.resizeColumnsToContents()
        active = sum(
            1 for a in alerts if not a.cancelled and not (a.expires_at and a.expires_at < now)
        )
        self.count.setText(self.tr("%n active", "", active))
        if keep is not None and keep.id in self._ids:
            self.table.selectRow(self._ids.index(keep.id))
        elif alerts and not self.table.selectedItems():
            self.table.selectRow(0)
        self._show_selected()

    def selected_alert(self) -> Alert | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows or rows[0].row() >= len(self._ids):
            return None
        return self._store.state.alerts.get(self._ids[rows[0].row()])

    def _show_selected(self) -> None:
        alert = self.selected_alert()
        state = self._store.state
        if alert is None:
            self.details.setText(self.tr("No public warnings held."))
            self.area.show_alert(None, [], [])
            self._update_buttons()
            return
        incidents = incidents_in_alert(state, alert)
        units = units_in_alert(state, alert)
        agencies = suggested_agencies(alert)
        areas = "; ".join(a.description for a in alert.areas if a.description)
        lines = [
            alert.headline or alert.event,
            self.tr("From: %1").replace("%1", alert.sender_name or alert.sender),
            self.tr("Areas: %1").replace("%1", areas or "—"),
        ]
        if alert.instruction:
            lines.append(self.tr("Instruction: %1").replace("%1", alert.instruction))
        inside = ", ".join(i.number for i in incidents) or self.tr("none")
        lines.append(self.tr("Incidents inside: %1").replace("%1", inside))
        lines.append(
            self.tr("Units inside: %1").replace("%1", ", ".join(u.id for u in units) or "—")
        )
        lines.append(
            self.tr("Suggested linkage: %1").replace("%1", ", ".join(agencies) or self.tr("none"))
        )
        self.details.setText("\n".join(lines))
        self.area.show_alert(
            alert,
            [(i.location.lat, i.location.lon) for i in incidents],
            [(u.lat, u.lon) for u in units],
        )
        self._update_buttons()

    # --- issuing ----------------------------------------------------------------------------
    def _draft(self) -> IssueAlert | None:
        inc = self._store.state.incidents.get(self._selection.incident_id)
        if inc is None:
            return None
        category = self._store.state.rules().library.by_code.get(inc.category)
        alert = alert_from_incident(
            inc,
            self._store.now(),
            event=category.name_en if category is not None else "",
            radius_km=self.radius.value(),
            severity=str(self.severity.currentData()),
            instruction=self.instruction.text().strip(),
        )
        return IssueAlert(alert=alert)

    def _cancel_draft(self) -> IssueAlert | None:
        alert = self.selected_alert()
        if alert is None or alert.cancelled or alert.incident_id not in self._store.state.incidents:
            return None
        return IssueAlert(alert=cancel_of(alert, self._store.now()))

    def _update_buttons(self) -> None:
        for button, draft, none_reason in (
            (self.issue_button, self._draft(), self.tr("Select an incident first")),
            (self.cancel_button, self._cancel_draft(), self.tr("Select one of our warnings")),
        ):
            why = none_reason if draft is None else None
            if draft is not None:
                err = self._gateway.refusal(draft)
                why = err.message if err is not None else None
            button.setEnabled(why is None)
            button.setToolTip(why or "")

    def issue(self) -> None:
        draft = self._draft()
        if draft is not None:
            self._gateway.submit(draft)

    def cancel_selected(self) -> None:
        draft = self._cancel_draft()
        if draft is not None:
            self._gateway.submit(draft)
