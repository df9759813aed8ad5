"""Merged reports in the incident detail: "Merged into N" on a report (click selects the master),
and on a master the reports it holds with channel and time, each with an Unmerge button."""

from __future__ import annotations

import html
import logging

from PySide6 import QtCore, QtWidgets

from app.console.words import source_name, status_name
from app.domain import commands as c
from app.domain.model import Incident, MergedReport
from app.store.gateway import CommandGateway
from app.store.store import Store
from widgets import theme
from widgets.detail.access import why_not
from widgets.detail.reason_prompt import ReasonPrompt
from widgets.detail.timefmt import clock_time, full_time

log = logging.getLogger(__name__)
BOLD = "<b>{}</b>"  # markup around a translated heading, not text


class MergeSection(QtWidgets.QFrame):
    """Owns the merge rows of the shown incident; unmerges go through ``gateway.submit`` after
    the operator gives the reason in the detail panel's reason prompt."""

    incidentActivated = QtCore.Signal(str)  # the master or a report was clicked

    def __init__(
        self,
        store: Store,
        gateway: CommandGateway,
        prompt: ReasonPrompt,
        parent: QtWidgets.QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("MergeSection")
        self.setStyleSheet(
            f"#MergeSection {{ border: 1px solid {theme.ACCENT}; border-radius: 4px; }}"
            f"#MergeSection QLabel {{ color: {theme.TEXT}; }}"
        )
        self._store = store
        self._gateway = gateway
        self._prompt = prompt
        self._incident: Incident | None = None
        self.title = QtWidgets.QLabel()
        self.title.setObjectName("MergeTitle")
        self.title.setWordWrap(True)
        self.title.setTextFormat(QtCore.Qt.TextFormat.RichText)
        self.title.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.LinksAccessibleByMouse)
        self.title.linkActivated.connect(self._on_link)
        self.unmerge_self = QtWidgets.QPushButton(self.tr("Unmerge…"))
        self.unmerge_self.setObjectName("UnmergeSelf")
        self.unmerge_self.clicked.connect(lambda: self._ask_unmerge(self._own_id()))
        head = QtWidgets.QHBoxLayout()
        head.setContentsMargins(0, 0, 0, 0)
        head.addWidget(self.title, 1)
        head.addWidget(self.unmerge_self, 0, QtCore.Qt.AlignmentFlag.AlignTop)
        self.rows = QtWidgets.QGridLayout()
        self.rows.setContentsMargins(0, 0, 0, 0)
        self.rows.setHorizontalSpacing(8)
        self.rows.setVerticalSpacing(2)
        self.rows.setColumnStretch(0, 1)
        self.report_labels: dict[str, QtWidgets.QLabel] = {}
        self.unmerge_buttons: dict[str, QtWidgets.QPushButton] = {}
        lay = QtWidgets.QVBoxLayout(self)
        lay.setContentsMargins(8, 6, 8, 6)
        lay.setSpacing(4)
        lay.addLayout(head)
        lay.addLayout(self.rows)
        self.hide()

    def _own_id(self) -> str:
        return self._incident.id if self._incident is not None else ""

    def set_incident(self, inc: Incident | None) -> None:
        self._incident = inc
        self._clear_rows()
        if inc is None or (not inc.merged_into and not inc.merged):
            self.hide()
            return
        if inc.merged_into:
            self._show_report(inc)
        else:
            self._show_master(inc)
        self.show()

    def _show_report(self, inc: Incident) -> None:
        master = self._store.state.incidents.get(inc.merged_into)
        label = master.number if master is not None else inc.merged_into[:8]
        link = (
            f'<a style="color:{theme.ACCENT}" href="incident:{html.escape(inc.merged_into)}">'
            f"#{html.escape(label)}</a>"
        )
        head = self.tr("Merged into %1").replace("%1", link)
        tail = html.escape(self.tr("handled there; its closing closes this report"))
        self.title.setText(BOLD.format(head) + " — " + tail)
        self.unmerge_self.show()
        self._enable(self.unmerge_self, inc.id)

    def _show_master(self, inc: Incident) -> None:
        head = html.escape(self.tr("Reports merged into this case (%1)"))
        self.title.setText(BOLD.format(head.replace("%1", str(len(inc.merged)))))
        self.unmerge_self.hide()
        now = self._store.now()
        for row, entry in enumerate(inc.merged):
            lab = QtWidgets.QLabel(self._report_text(entry, now))
            lab.setObjectName(f"MergedReport-{entry.number}")
            lab.setTextFormat(QtCore.Qt.TextFormat.RichText)
            lab.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.LinksAccessibleByMouse)
            lab.linkActivated.connect(self._on_link)
            lab.setToolTip(
                self.tr("Reported %1; merged %2 by %3")
                .replace("%1", full_time(entry.reported_at))
                .replace("%2", full_time(entry.merged_at))
                .replace("%3", entry.merged_by or "?")
            )
            button = QtWidgets.QPushButton(self.tr("Unmerge…"))
            button.setObjectName(f"Unmerge-{entry.number}")
            button.clicked.connect(lambda _c=False, rid=entry.incident_id: self._ask_unmerge(rid))
            self._enable(button, entry.incident_id)
            self.rows.addWidget(lab, row, 0)
            self.rows.addWidget(button, row, 1)
            self.report_labels[entry.incident_id] = lab
            self.unmerge_buttons[entry.incident_id] = button

    def _report_text(self, entry: MergedReport, now: float) -> str:
        channel = source_name(entry.source.value)
        report = self._store.state.incidents.get(entry.incident_id)
        state = ""
        if report is not None and report.status != entry.status:
            state = " · " + html.escape(status_name(report.status.value))
        return (
            f'<a style="color:{theme.ACCENT}" href="incident:{html.escape(entry.incident_id)}">'
            f"{html.escape(entry.number)}</a> · {html.escape(channel)} · "
            f"{html.escape(clock_time(entry.reported_at, now))}{state}"
        )

    def _enable(self, button: QtWidgets.QPushButton, report_id: str) -> None:
        block = why_not(self._store, self._gateway, c.UnmergeReport(report_id=report_id, reason=""))
        button.setEnabled(not block)
        button.setToolTip(
            block or self.tr("Take this report out: its own case again, in the stage it had")
        )

    def _clear_rows(self) -> None:
        while self.rows.count():
            item = self.rows.takeAt(0)
            w = item.widget() if item is not None else None
            if w is not None:
                w.deleteLater()
        self.report_labels = {}
        self.unmerge_buttons = {}

    def _on_link(self, href: str) -> None:
        kind, _, ident = href.partition(":")
        if kind == "incident" and ident:
            self.incidentActivated.emit(ident)

    def _ask_unmerge(self, report_id: str) -> None:
        report = self._store.state.incidents.get(report_id)
        if report is None:
            return
        question = self.tr("Why unmerge %1?").replace("%1", report.number)
        self._prompt.ask(question, lambda reason: self.unmerge(report_id, reason))

    def unmerge(self, report_id: str, reason: str) -> None:
        self._gateway.submit(c.UnmergeReport(report_id=report_id, reason=reason))
