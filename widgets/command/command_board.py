"""The command board of a major incident (ICS): organisation, objectives by operational period,
resources by agency, grouped incidents and the decision log; fits a wall monitor."""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

from PySide6 import QtCore, QtGui, QtWidgets

from app.domain import commands as c
from app.domain.command_board import resources, role_label
from app.domain.model import ICS_ROLES, Incident
from app.reports.briefing import briefing_html, write_pdf
from app.store.gateway import CommandGateway
from app.store.selection import Selection
from app.store.store import Store
from widgets.detail.access import why_not
from widgets.detail.timefmt import clock_time
from widgets.util import named

log = logging.getLogger(__name__)

SHORTCUTS: list[tuple[str, str]] = []


class CommandBoard(QtWidgets.QWidget):
    """Owns the board of the major incident that the selection is on (or is grouped under)."""

    def __init__(
        self,
        store: Store,
        selection: Selection,
        gateway: CommandGateway,
        parent: QtWidgets.QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("CommandBoard")
        self._store = store
        self._selection = selection
        self._gateway = gateway
        self._incident: Incident | None = None
        self.title = named(QtWidgets.QLabel(), "BoardTitle")
        self.title.setProperty("role", "title")
        self.title.setWordWrap(True)
        self.name = named(QtWidgets.QLineEdit(), "MajorName")
        self.name.setPlaceholderText(self.tr("Name of the major incident"))
        self.declare = named(QtWidgets.QPushButton(self.tr("Declare major")), "DeclareMajor")
        self.declare.clicked.connect(self._declare)
        self.print_button = named(QtWidgets.QPushButton(self.tr("Briefing PDF…")), "BriefingPdf")
        self.print_button.clicked.connect(self._print)
        head = QtWidgets.QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.name)
        head.addWidget(self.declare)
        head.addWidget(self.print_button)

        # Organisation
        self.roles = named(QtWidgets.QTableWidget(len(ICS_ROLES), 2), "BoardRoles")
        self.roles.setHorizontalHeaderLabels([self.tr("Role"), self.tr("Person")])
        self.roles.verticalHeader().setVisible(False)
        self.roles.horizontalHeader().setStretchLastSection(True)
        self.roles.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.role = named(QtWidgets.QComboBox(), "BoardRole")
        for r in ICS_ROLES:
            self.role.addItem(role_label(r), r)
        self.person = named(QtWidgets.QLineEdit(), "BoardPerson")
        self.person.setPlaceholderText(self.tr("Name (empty: vacate)"))
        self.assign = named(QtWidgets.QPushButton(self.tr("Assign")), "BoardAssign")
        self.assign.clicked.connect(self._assign)
        org = QtWidgets.QVBoxLayout()
        org.addWidget(self._section(self.tr("Organisation")))
        org.addWidget(self.roles, 1)
        row = QtWidgets.QHBoxLayout()
        row.addWidget(self.role)
        row.addWidget(self.person, 1)
        row.addWidget(self.assign)
        org.addLayout(row)

        # Objectives
        self.objectives = named(QtWidgets.QListWidget(), "BoardObjectives")
        self.objectives.itemChanged.connect(self._objective_checked)
        self.objective = named(QtWidgets.QLineEdit(), "BoardObjective")
        self.objective.setPlaceholderText(self.tr("New objective for this period"))
        self.objective.returnPressed.connect(self._add_objective)
        self.new_period = named(QtWidgets.QPushButton(self.tr("New period")), "BoardPeriod")
        self.new_period.clicked.connect(self._period)
        obj = QtWidgets.QVBoxLayout()
        obj.addWidget(self._section(self.tr("Objectives")))
        obj.addWidget(self.objectives, 1)
        row = QtWidgets.QHBoxLayout()
        row.addWidget(self.objective, 1)
        row.addWidget(self.new_period)
        obj.addLayout(row)

        # Resources and grouped incidents
        self.resources = named(QtWidgets.QTreeWidget(), "BoardResources")
        self.resources.setHeaderLabels([self.tr("Agency / unit"), self.tr("Status")])
        self.grouped = named(QtWidgets.QListWidget(), "BoardChildren")
        self.grouped.itemActivated.connect(
            lambda item: self._selection.select_incident(item.data(QtCore.Qt.ItemDataRole.UserRole))
        )
        self.other = named(QtWidgets.QComboBox(), "BoardOther")
        self.group = named(QtWidgets.QPushButton(self.tr("Group under")), "BoardGroup")
        self.group.clicked.connect(self._group)
        res = QtWidgets.QVBoxLayout()
        res.addWidget(self._section(self.tr("Resources by agency")))
        res.addWidget(self.resources, 2)
        res.addWidget(self._section(self.tr("Grouped incidents")))
        res.addWidget(self.grouped, 1)
        row = QtWidgets.QHBoxLayout()
        row.addWidget(self.other, 1)
        row.addWidget(self.group)
        res.addLayout(row)

        # Decision log
        self.log_list = named(QtWidgets.QListWidget(), "BoardLog")
        self.log_list.setWordWrap(True)
        self.decision = named(QtWidgets.QLineEdit(), "BoardDecision")
        self.decision.setPlaceholderText(self.tr("Record a decision (Enter)"))
        self.decision.returnPressed.connect(self._decide)
        dec = QtWidgets.QVBoxLayout()
        dec.addWidget(self._section(self.tr("Decision log")))
        dec.addWidget(self.log_list, 1)
        dec.addWidget(self.decision)

        grid = QtWidgets.QGridLayout()
        grid.addLayout(org, 0, 0)
        grid.addLayout(obj, 0, 1)
        grid.addLayout(res, 1, 0)
        grid.addLayout(dec, 1, 1)
        lay = QtWidgets.QVBoxLayout(self)
        lay.addLayout(head)
        lay.addLayout(grid, 1)
        self.feedback = named(QtWidgets.QLabel(), "BoardFeedback")
        lay.addWidget(self.feedback)
        selection.incidentSelected.connect(lambda _i: self.refresh())
        store.incidentsChanged.connect(lambda _ids: self.refresh())
        store.unitsChanged.connect(lambda _ids: self.refresh())
        store.stateReset.connect(self.refresh)
        self.refresh()

    @staticmethod
    def _section(text: str) -> QtWidgets.QLabel:
        lab = QtWidgets.QLabel(text.upper())
        lab.setProperty("role", "section")
        return lab

    # --- what is shown --------------------------------------------------------------------------
    def major(self) -> Incident | None:
        """The selected incident's board: its own, or that of the incident it is grouped under."""
        st = self._store.state
        inc = st.incidents.get(self._selection.incident_id)
        if inc is not None and inc.parent_id:
            return st.incidents.get(inc.parent_id)
        return inc

    def retranslate(self) -> None:
        """After a language switch: every computed text again."""
        self.refresh()

    def refresh(self) -> None:
        inc = self.major()
        self._incident = inc
        board = inc.board if inc is not None else None
        now = self._store.now()
        if inc is None:
            self.title.setText(self.tr("Select an incident"))
        elif board is None:
            self.title.setText(self.tr("%1 is not a major incident").replace("%1", inc.number))
        else:
            self.title.setText(
                self.tr("%1 — %2 · operational period %3 since %4")
                .replace("%1", board.name)
                .replace("%2", inc.number)
                .replace("%3", str(board.period))
                .replace("%4", clock_time(board.period_started, now))
            )
        probe = c.DeclareMajor(incident_id=inc.id if inc else "", name=self.name.text() or "x")
        why = why_not(self._store, self._gateway, probe) if inc is not None else "—"
        self.declare.setEnabled(not why)
        self.declare.setToolTip(why or self.tr("Open a command board for this incident"))
        self.name.setVisible(board is None)
        self.declare.setVisible(board is None)
        editable = board is not None and not why_not(
            self._store,
            self._gateway,
            c.UpdateBoard(incident_id=inc.id if inc else "", kind="decision", text="x"),
        )
        for w in (self.assign, self.objective, self.new_period, self.decision, self.group):
            w.setEnabled(editable)
        self.print_button.setEnabled(board is not None)
        self._fill(inc)

    def _fill(self, inc: Incident | None) -> None:
        board = inc.board if inc is not None else None
        st = self._store.state
        for row, role in enumerate(ICS_ROLES):
            person = board.roles.get(role, "") if board else ""
            self.roles.setItem(row, 0, QtWidgets.QTableWidgetItem(role_label(role)))
            cell = QtWidgets.QTableWidgetItem(person or self.tr("vacant"))
            if not person:
                cell.setForeground(QtGui.QColor("#8a94a6"))
            self.roles.setItem(row, 1, cell)
        # Every role in view at once (seven rows), names never cut.
        self.roles.resizeColumnToContents(0)
        self.roles.resizeRowsToContents()
        rows_h = sum(self.roles.rowHeight(r) for r in range(self.roles.rowCount()))
        self.roles.setMinimumHeight(rows_h + self.roles.horizontalHeader().height() + 4)
        self.objectives.blockSignals(True)
        self.objectives.clear()
        for i, o in enumerate(board.objectives if board else []):
            item = QtWidgets.QListWidgetItem(f"{'✔ met · ' if o.done else ''}P{o.period}  {o.text}")
            item.setData(QtCore.Qt.ItemDataRole.UserRole, i)
            flags = item.flags() | QtCore.Qt.ItemFlag.ItemIsUserCheckable
            item.setFlags(flags)
            item.setCheckState(
                QtCore.Qt.CheckState.Checked if o.done else QtCore.Qt.CheckState.Unchecked
            )
            self.objectives.addItem(item)
        self.objectives.blockSignals(False)
        self.resources.clear()
        if inc is not None and board is not None:
            for r in resources(st, inc):
                agency = st.agencies.get(r.agency)
                top = QtWidgets.QTreeWidgetItem(
                    [
                        agency.name if agency else r.agency,
                        self.tr("%n unit(s)", "", len(r.units))
                        + (
                            self.tr(" · %1 requested").replace("%1", str(r.requested))
                            if r.requested
                            else ""
                        ),
                    ]
                )
                for u in r.units:
                    top.addChild(
                        QtWidgets.QTreeWidgetItem([u.id, u.status.value.replace("_", " ")])
                    )
                self.resources.addTopLevelItem(top)
            self.resources.expandAll()
            self.resources.resizeColumnToContents(0)
        self.grouped.clear()
        for cid in board.children if board else []:
            child = st.incidents.get(cid)
            if child is not None:
                line = QtWidgets.QListWidgetItem(
                    f"{child.number}  {child.status.value}  {child.location.address}"
                )
                line.setData(QtCore.Qt.ItemDataRole.UserRole, cid)
                self.grouped.addItem(line)
        self.other.clear()
        if inc is not None and board is not None:
            for other in sorted(st.incidents.values(), key=lambda i: i.number):
                if (
                    other.is_open()
                    and other.id != inc.id
                    and not other.parent_id
                    and other.board is None
                ):
                    self.other.addItem(f"{other.number} {other.location.address}", other.id)
        self.log_list.clear()
        now = self._store.now()
        for entry in board.log if board else []:
            self.log_list.addItem(f"{clock_time(entry.at, now)}  {entry.who}: {entry.text}")
        self.log_list.scrollToBottom()

    # --- actions ----------------------------------------------------------------------------------
    def _send(self, command: c.DeclareMajor | c.UpdateBoard) -> None:
        self._gateway.submit(command)

    def _declare(self) -> None:
        inc = self._incident
        if inc is not None and self.name.text().strip():
            self._send(c.DeclareMajor(incident_id=inc.id, name=self.name.text().strip()))
            self.name.clear()
        elif inc is not None:
            self.feedback.setText(self.tr("Give the major incident a name first"))

    def _update(self, **kw: object) -> None:
        inc = self._incident
        if inc is not None:
            self._send(c.UpdateBoard(incident_id=inc.id, **kw))  # type: ignore[arg-type]

    def _assign(self) -> None:
        self._update(kind="role", role=self.role.currentData(), person=self.person.text())
        self.person.clear()

    def _add_objective(self) -> None:
        if self.objective.text().strip():
            self._update(kind="objective", text=self.objective.text())
            self.objective.clear()

    def _objective_checked(self, item: QtWidgets.QListWidgetItem) -> None:
        if item.checkState() == QtCore.Qt.CheckState.Checked:
            self._update(
                kind="objective_done", index=int(item.data(QtCore.Qt.ItemDataRole.UserRole))
            )

    def _period(self) -> None:
        self._update(kind="period")

    def _decide(self) -> None:
        if self.decision.text().strip():
            self._update(kind="decision", text=self.decision.text())
            self.decision.clear()

    def _group(self) -> None:
        child = self.other.currentData()
        if child:
            self._update(kind="child", child_id=child)

    def _print(self) -> None:
        inc = self._incident
        if inc is None or inc.board is None:
            return
        default = str(Path(tempfile.gettempdir()) / f"briefing-{inc.number}.pdf")
        path, _ = QtWidgets.QFileDialog.getSaveFileName(
            self, self.tr("Save the briefing"), default, "PDF (*.pdf)"
        )
        if path:
            self.save_briefing(path)

    def save_briefing(self, path: str | Path) -> Path:
        inc = self._incident
        assert inc is not None and inc.board is not None
        out = write_pdf(
            briefing_html(self._store.state, inc, self._store.now()), path, inc.board.name
        )
        self.feedback.setText(self.tr("Briefing saved: %1").replace("%1", str(out)))
        return out
