"""The incident queue view: filter bar over a table of the live queue model."""

from __future__ import annotations

import logging

from PySide6 import QtCore, QtGui, QtWidgets

from app.domain.library import Library
from app.domain.model import StatusGroup
from app.models.incident_queue import IdRole, IncidentQueueModel
from app.models.queue_filter import Column, QueueFilter
from app.store.selection import Selection
from app.store.store import Store
from widgets.queue.queue_table import QueueTable
from widgets.util import named

log = logging.getLogger(__name__)

SHORTCUTS: list[tuple[str, str]] = [
    ("Ctrl+F", "Queue: search text"),
    ("Alt+1 / Alt+2 / Alt+3", "Queue: toggle pending / active / closed"),
    ("Space", "Queue: acknowledge the flashing priority-1 alert"),
    ("Up / Down", "Queue: move the selection (detail and map follow)"),
]


class QueueView(QtWidgets.QWidget):
    """Shows the live incident queue; selection follows and drives the console selection."""

    def __init__(
        self,
        store: Store,
        selection: Selection,
        library: Library,
        parent: QtWidgets.QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("IncidentQueue")
        self._store = store
        self._selection = selection
        self._library = library
        self.model = IncidentQueueModel(store, library, self)

        self._group_buttons: dict[StatusGroup, QtWidgets.QToolButton] = {}
        bar = QtWidgets.QHBoxLayout()
        bar.setContentsMargins(4, 4, 4, 4)
        for n, group in enumerate(StatusGroup, start=1):
            b = QtWidgets.QToolButton()
            b.setText(group.value.capitalize())
            b.setCheckable(True)
            b.setChecked(group in self.model.filter.groups)
            b.setShortcut(QtGui.QKeySequence(f"Alt+{n}"))
            b.setToolTip(f"Show {group.value} incidents (Alt+{n})")
            b.toggled.connect(self._filter_changed)
            bar.addWidget(b)
            self._group_buttons[group] = b
        self._priority = named(QtWidgets.QComboBox(), "QueuePriority")
        self._priority.addItem("All priorities", 0)
        for p in range(1, 5):
            self._priority.addItem(f"P{p} only", p)
        self._priority.addItem("P1-P2", 12)
        self._priority.currentIndexChanged.connect(self._filter_changed)
        self._category = named(QtWidgets.QComboBox(), "QueueCategory")
        self._category.addItem("All categories", "")
        for prefix in sorted({c.code.split(".")[0] + "." for c in library.categories}):
            self._category.addItem(prefix.rstrip("."), prefix)
        self._category.currentIndexChanged.connect(self._filter_changed)
        self._department = named(QtWidgets.QComboBox(), "QueueDepartment")
        self._department.addItem("All departments", "")
        self._department.currentIndexChanged.connect(self._filter_changed)
        self._hood = named(QtWidgets.QComboBox(), "QueueNeighbourhood")
        self._hood.addItem("All neighbourhoods", "")
        self._hood.currentIndexChanged.connect(self._filter_changed)
        self._overdue = QtWidgets.QToolButton()
        self._overdue.setText("Overdue")
        self._overdue.setCheckable(True)
        self._overdue.toggled.connect(self._filter_changed)
        self._text = named(QtWidgets.QLineEdit(), "QueueSearch")
        self._text.setPlaceholderText("Search number, address, category, unit…  (Ctrl+F)")
        self._text.setClearButtonEnabled(True)
        self._text.textChanged.connect(self._text_changed)
        # Shown while the evaluation dashboard limits the queue to the cases of a bar or a cell.
        self._drill = named(QtWidgets.QToolButton(), "QueueDrillDown")
        self._drill.setVisible(False)
        self._drill.setToolTip(self.tr("Show every case again"))
        self._drill.clicked.connect(lambda: selection.set_drill_down("", None))
        for w in (self._priority, self._category, self._department, self._hood, self._overdue):
            bar.addWidget(w)
        bar.addWidget(self._drill)
        bar.addWidget(self._text, 1)
        self._count = QtWidgets.QLabel()
        self._count.setProperty("role", "dim")
        bar.addWidget(self._count)

        self.table = named(QueueTable(self.model), "QueueTable")
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(Column.PRIORITY, QtCore.Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QtWidgets.QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(28)
        # Fixed section sizes: never ResizeToContents on a 100,000-row model.
        hdr = self.table.horizontalHeader()
        hdr.setHighlightSections(False)
        widths = {
            Column.NUMBER: 132,
            Column.PRIORITY: 44,
            Column.CATEGORY: 180,
            Column.STATUS: 100,
            Column.LOCATION: 260,
            Column.DEPARTMENT: 110,
            Column.AGE: 80,
            Column.DUE: 80,
            Column.UNITS: 120,
            Column.SOURCE: 110,
        }
        for col, width in widths.items():
            hdr.resizeSection(col, width)
        hdr.setStretchLastSection(True)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.table.doubleClicked.connect(lambda _ix: self.model.acknowledge())

        lay = QtWidgets.QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addLayout(bar)
        lay.addWidget(self.table, 1)

        QtGui.QShortcut(QtGui.QKeySequence("Ctrl+F"), self, self._focus_search)
        QtGui.QShortcut(
            QtGui.QKeySequence(QtCore.Qt.Key.Key_Space),
            self.table,
            lambda: self.model.acknowledge(),
        )
        self._text_timer = QtCore.QTimer(self, singleShot=True, interval=200)
        self._text_timer.timeout.connect(self._filter_changed)
        self._blink = QtCore.QTimer(self, interval=500)
        self._blink.timeout.connect(self.model.toggle_flash)
        self._blink.start()
        self._tick = QtCore.QTimer(self, interval=1000)
        self._tick.timeout.connect(self._on_tick)
        self._tick.start()

        selection.incidentSelected.connect(self._follow_selection)
        selection.drillDownChanged.connect(self._drill_down_changed)
        self.model.reordered.connect(
            lambda: self._follow_selection(selection.incident_id, scroll=False)
        )
        store.agenciesChanged.connect(self._refill_choices)
        store.gridChanged.connect(self._refill_choices)
        store.stateReset.connect(self._refill_choices)
        self.model.modelReset.connect(self._update_count)
        self.model.rowsInserted.connect(self._update_count)
        self.model.rowsRemoved.connect(self._update_count)
        self._refill_choices()
        self._update_count()

    # --- filters ----------------------------------------------------------------------------------
    def _text_changed(self) -> None:
        self._text_timer.start()

    def _focus_search(self) -> None:
        self._text.setFocus()
        self._text.selectAll()

    def current_filter(self) -> QueueFilter:
        groups = {g for g, b in self._group_buttons.items() if b.isChecked()}
        p = int(self._priority.currentData() or 0)
        prios = {1, 2} if p == 12 else ({p} if p else set())
        cat = str(self._category.currentData() or "")
        dep = str(self._department.currentData() or "")
        hood = str(self._hood.currentData() or "")
        return QueueFilter(
            groups=groups,
            priorities=prios,
            categories={cat} if cat else set(),
            departments={dep} if dep else set(),
            neighbourhoods={hood} if hood else set(),
            text=self._text.text(),
            overdue_only=self._overdue.isChecked(),
            incident_ids=self._selection.drill_down,
        )

    def _drill_down_changed(self) -> None:
        ids = self._selection.drill_down
        self._drill.setVisible(ids is not None)
        if ids is not None:
            label = self._selection.drill_down_label
            self._drill.setText(self.tr("✕ {0} ({1})").format(label, len(ids)))
        self._filter_changed()

    def _filter_changed(self) -> None:
        keep = self._selection.incident_id
        self.model.set_filter(self.current_filter())
        if keep:
            self._follow_selection(keep)
        self._update_count()

    def _refill_choices(self) -> None:
        state = self._store.state
        for combo, values in (
            (self._department, sorted(state.agencies)),
            (
                self._hood,
                sorted({g.neighbourhood for g in state.grid_cells.values() if g.neighbourhood}),
            ),
        ):
            current = combo.currentData()
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            for v in values:
                name = state.agencies[v].name if combo is self._department else v
                combo.addItem(name, v)
            idx = combo.findData(current)
            combo.setCurrentIndex(max(0, idx))
            combo.blockSignals(False)

    def _update_count(self) -> None:
        self._count.setText(f"{self.model.rowCount():,} shown")

    # --- selection --------------------------------------------------------------------------------
    def _row_changed(self, current: QtCore.QModelIndex, _prev: QtCore.QModelIndex) -> None:
        if current.isValid():
            iid = str(self.model.data(current, IdRole))
            self.model.acknowledge(iid)
            self._selection.select_incident(iid)

    def _follow_selection(self, incident_id: str, scroll: bool = True) -> None:
        row = self.model.row_of(incident_id) if incident_id else -1
        sm = self.table.selectionModel()
        if row < 0:
            return
        ix = self.model.index(row, 0)
        if sm.currentIndex().row() != row:
            sm.setCurrentIndex(
                ix,
                QtCore.QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QtCore.QItemSelectionModel.SelectionFlag.Rows,
            )
        if scroll:
            self.table.scrollTo(ix)

    def _on_tick(self) -> None:
        # Age and countdown move with the clock; only the visible part of the table repaints.
        if self.isVisible():
            self.table.viewport().update()
