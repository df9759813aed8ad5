"""The Inspectors resource panel: every field inspector the centre knows of (from a fix or a
round today) with duty, the age of the last fix, today's round progress (ticked / total
checkpoints), the verification tasks in their cells and how many are overdue. Choosing one
shows their track and checkpoints on the map and centres it (``inspectorChosen``); the second
tab is the supervisor's view of round coverage per grid cell, with a map toggle
(``coverageShown``). Rounds themselves are set with ``set_round`` (docs/PROTOCOL.md)."""

from __future__ import annotations

import logging

from PySide6 import QtCore, QtGui, QtWidgets

from app.domain.round_summary import InspectorRow, coverage, inspector_rows
from app.domain.rounds import SetRound, local_day
from app.store.gateway import CommandGateway
from app.store.store import Store
from widgets.inspectors.ages import age_text
from widgets.inspectors.coverage_table import CoverageTable
from widgets.inspectors.round_dialog import RoundDialog
from widgets.util import named

log = logging.getLogger(__name__)

ON_DUTY = "#3CC06B"
OVERDUE = "#FF6B6B"


class InspectorPanel(QtWidgets.QWidget):
    inspectorChosen = QtCore.Signal(str)  # username ('' when the choice is cleared)
    coverageShown = QtCore.Signal(bool)

    REFRESH_MS = 10_000  # fix ages grow with time alone

    def __init__(
        self,
        store: Store,
        gateway: CommandGateway | None = None,
        parent: QtWidgets.QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("InspectorPanel")
        self._store = store
        self._gateway = gateway
        self.dialog: RoundDialog | None = None
        self._names: list[str] = []
        title = QtWidgets.QLabel(self.tr("Field inspectors"))
        title.setProperty("role", "title")
        self.summary = named(QtWidgets.QLabel(), "InspectorSummary")
        head = QtWidgets.QHBoxLayout()
        head.addWidget(title)
        head.addStretch(1)
        head.addWidget(self.summary)
        self.set_round = named(QtWidgets.QPushButton(self.tr("Set round…")), "SetRound")
        self.set_round.clicked.connect(self.edit_round)
        head.addWidget(self.set_round)
        self.table = named(QtWidgets.QTableWidget(0, 6), "InspectorTable")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Inspector"),
                self.tr("Duty"),
                self.tr("Last fix"),
                self.tr("Round"),
                self.tr("Open tasks"),
                self.tr("Overdue"),
            ]
        )
        self.table.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._chosen)
        self.coverage = CoverageTable()
        self.show_coverage = named(
            QtWidgets.QCheckBox(self.tr("Show coverage on the map")), "CoverageOnMap"
        )
        self.show_coverage.toggled.connect(self.coverageShown)
        cover = QtWidgets.QWidget()
        cover_layout = QtWidgets.QVBoxLayout(cover)
        cover_layout.setContentsMargins(0, 4, 0, 0)
        cover_layout.addWidget(self.show_coverage)
        cover_layout.addWidget(self.coverage, 1)
        self.tabs = named(QtWidgets.QTabWidget(), "InspectorTabs")
        self.tabs.addTab(self.table, self.tr("Inspectors"))
        self.tabs.addTab(cover, self.tr("Round coverage"))
        layout = QtWidgets.QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.tabs, 1)
        store.inspectorsChanged.connect(self.refresh)
        store.incidentsChanged.connect(lambda _ids: self.refresh())
        store.stateReset.connect(self.refresh)
        store.sessionChanged.connect(self._update_button)
        self._update_button()
        self._timer = QtCore.QTimer(self, interval=self.REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()
        self.refresh()

    def selected(self) -> str:
        rows = self.table.selectionModel().selectedRows()
        return self._names[rows[0].row()] if rows and rows[0].row() < len(self._names) else ""

    def choose(self, username: str) -> None:
        """Select an inspector's row (the map follows)."""
        if username in self._names:
            self.table.selectRow(self._names.index(username))

    def refresh(self) -> None:
        keep = self.selected()
        now = self._store.now()
        state = self._store.state
        rows = inspector_rows(state, now)
        self._names = [r.username for r in rows]
        self.table.blockSignals(True)
        self.table.setRowCount(len(rows))
        for n, row in enumerate(rows):
            for col, item in enumerate(self._items(row)):
                self.table.setItem(n, col, item)
        if keep in self._names:
            self.table.selectRow(self._names.index(keep))
        self.table.blockSignals(False)
        self.table.resizeColumnsToContents()
        on_duty = sum(r.on_duty for r in rows)
        self.summary.setText(self.tr("{on} on duty of {all}").format(on=on_duty, all=len(rows)))
        self.coverage.show_rows(coverage(state, now))

    def _items(self, row: InspectorRow) -> list[QtWidgets.QTableWidgetItem]:
        duty = QtWidgets.QTableWidgetItem(self.tr("on duty") if row.on_duty else self.tr("off"))
        if row.on_duty:
            duty.setForeground(QtGui.QBrush(QtGui.QColor(ON_DUTY)))
        progress = f"{row.ticked} / {row.total}" if row.total else self.tr("no round")
        overdue = QtWidgets.QTableWidgetItem(str(row.overdue_tasks))
        if row.overdue_tasks:
            overdue.setForeground(QtGui.QBrush(QtGui.QColor(OVERDUE)))
        name = QtWidgets.QTableWidgetItem(row.display_name)
        name.setToolTip(f"{row.username} · {', '.join(row.cells)}")
        return [
            name,
            duty,
            QtWidgets.QTableWidgetItem(age_text(row.position_age_s)),
            QtWidgets.QTableWidgetItem(progress),
            QtWidgets.QTableWidgetItem(str(row.open_tasks)),
            overdue,
        ]

    def _update_button(self) -> None:
        """Only where the runner would take a round (supervisors and the administrator)."""
        probe = SetRound(inspector="-", day="2000-01-01")
        why = self._gateway.refusal(probe) if self._gateway is not None else None
        self.set_round.setEnabled(self._gateway is not None and why is None)
        self.set_round.setToolTip(why.message if why is not None else "")

    def edit_round(self) -> RoundDialog | None:
        """Open the round editor (on the chosen inspector and today); None without a gateway."""
        if self._gateway is None:
            return None
        state = self._store.state
        day = local_day(state.rules(), self._store.now())
        names = self._names or sorted(state.inspectors)
        self.dialog = RoundDialog(self._gateway, names, day, dict(state.rounds), self)
        if self.selected():
            self.dialog.inspector.setCurrentText(self.selected())
        self.dialog.open()
        return self.dialog

    def _chosen(self) -> None:
        self.inspectorChosen.emit(self.selected())
