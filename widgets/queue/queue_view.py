"""The incident queue view: filter bar over a table of the live queue model."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable

from PySide6 import QtCore, QtGui, QtWidgets

from app.console.i18n import QT_TRANSLATE_NOOP
from app.domain.library import Library
from app.domain.model import StatusGroup, status_group
from app.models.incident_queue import IdRole, IncidentQueueModel
from app.models.queue_filter import Column, QueueFilter
from app.store.selection import Selection
from app.store.store import Store
from widgets.elided_tips import ElidedCellTips
from widgets.queue.filter_chips import FilterChips
from widgets.queue.queue_table import QueueTable
from widgets.theme import ACCENT, BORDER, TEXT_DIM
from widgets.util import named

log = logging.getLogger(__name__)

SHORTCUTS: list[tuple[str, str]] = [
    ("Ctrl+F", QT_TRANSLATE_NOOP("Keys", "Queue: search text")),
    (
        QT_TRANSLATE_NOOP("Keys", "Alt+1 / Alt+2 / Alt+3"),
        QT_TRANSLATE_NOOP("Keys", "Queue: toggle pending / active / closed"),
    ),
    ("Space", QT_TRANSLATE_NOOP("Keys", "Queue: acknowledge the flashing priority-1 alert")),
    (
        QT_TRANSLATE_NOOP("Keys", "Up / Down"),
        QT_TRANSLATE_NOOP("Keys", "Queue: move the selection (detail and map follow)"),
    ),
]


# On and off must look different at a glance: filled and bold with a check mark when on,
# outlined and dim when off.
TOGGLE_STYLE = (
    f"QToolButton {{ color: {TEXT_DIM}; background: transparent; border: 1px dashed {BORDER};"
    " border-radius: 3px; padding: 2px 4px; }"
    f" QToolButton:checked {{ color: #ffffff; background: {ACCENT}; border: 1px solid {ACCENT};"
    " font-weight: bold; }"
)


def _toggle_text(button: QtWidgets.QToolButton) -> None:
    plain = str(button.property("plain"))
    # setText replaces a button's shortcut with the text's mnemonic (none here): keep Alt+N.
    key = button.shortcut()
    button.setText(f"✓ {plain}" if button.isChecked() else plain)
    button.setShortcut(key)


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
        # Row 1 holds what must never be pushed off the edge: the group toggles, Overdue, the
        # search box (it shrinks first) and the count. The combos sit on row 2 and shrink too.
        bar = QtWidgets.QHBoxLayout()
        bar.setContentsMargins(4, 4, 4, 2)
        group_names = {
            StatusGroup.PENDING: self.tr("Pending"),
            StatusGroup.ACTIVE: self.tr("Active"),
            StatusGroup.CLOSED: self.tr("Closed"),
        }
        for n, group in enumerate(StatusGroup, start=1):
            b = named(QtWidgets.QToolButton(), f"QueueGroup-{group.value}")
            b.setProperty("plain", group_names.get(group, group.value.capitalize()))
            b.setCheckable(True)
            b.setChecked(group in self.model.filter.groups)
            b.setShortcut(QtGui.QKeySequence(f"Alt+{n}"))
            b.setToolTip(
                self.tr("Show or hide %1 incidents (Alt+%2)")
                .replace("%1", str(b.property("plain")).lower())
                .replace("%2", str(n))
            )
            b.setStyleSheet(TOGGLE_STYLE)
            b.toggled.connect(self._filter_changed)
            b.toggled.connect(lambda _on, btn=b: _toggle_text(btn))
            _toggle_text(b)
            bar.addWidget(b)
            self._group_buttons[group] = b
        self._overdue = named(QtWidgets.QToolButton(), "QueueOverdue")
        self._overdue.setProperty("plain", self.tr("Overdue"))
        self._overdue.setCheckable(True)
        self._overdue.setToolTip(self.tr("Show only incidents whose current stage is overdue"))
        self._overdue.setStyleSheet(TOGGLE_STYLE)
        self._overdue.toggled.connect(self._filter_changed)
        self._overdue.toggled.connect(lambda _on: _toggle_text(self._overdue))
        _toggle_text(self._overdue)
        bar.addSpacing(4)
        bar.addWidget(self._overdue)
        self._merged = named(QtWidgets.QToolButton(), "QueueMerged")
        self._merged.setProperty("plain", self.tr("Merged"))
        self._merged.setCheckable(True)
        self._merged.setToolTip(
            self.tr(
                "Also show reports merged into a master case (worked through the master; "
                "the master's number shows how many it holds)"
            )
        )
        self._merged.setStyleSheet(TOGGLE_STYLE)
        self._merged.toggled.connect(self._filter_changed)
        self._merged.toggled.connect(lambda _on: _toggle_text(self._merged))
        _toggle_text(self._merged)
        self._text = named(QtWidgets.QLineEdit(), "QueueSearch")
        self._text.setPlaceholderText(self.tr("Search number, address, category, unit…  (Ctrl+F)"))
        self._text.setClearButtonEnabled(True)
        self._text.setMinimumWidth(100)
        self._text.textChanged.connect(self._text_changed)
        # Shown while the evaluation dashboard limits the queue to the cases of a bar or a cell.
        self._drill = named(QtWidgets.QToolButton(), "QueueDrillDown")
        self._drill.setVisible(False)
        self._drill.setToolTip(self.tr("Show every case again"))
        self._drill.clicked.connect(lambda: selection.set_drill_down("", None))
        bar.addWidget(self._drill)
        bar.addWidget(self._text, 1)
        self._count = named(QtWidgets.QLabel(), "QueueCount")
        self._count.setProperty("role", "dim")
        bar.addWidget(self._count)

        combos = QtWidgets.QHBoxLayout()
        combos.setContentsMargins(4, 0, 4, 4)
        self._priority = named(QtWidgets.QComboBox(), "QueuePriority")
        self._priority.addItem(self.tr("All priorities"), 0)
        for p in range(1, 5):
            self._priority.addItem(self.tr("P%1 only").replace("%1", str(p)), p)
        self._priority.addItem(self.tr("P1-P2"), 12)
        self._category = named(QtWidgets.QComboBox(), "QueueCategory")
        self._category.addItem(self.tr("All categories"), "")
        for prefix in sorted({c.code.split(".")[0] + "." for c in library.categories}):
            self._category.addItem(prefix.rstrip("."), prefix)
        self._department = named(QtWidgets.QComboBox(), "QueueDepartment")
        self._department.addItem(self.tr("All departments"), "")
        self._hood = named(QtWidgets.QComboBox(), "QueueNeighbourhood")
        self._hood.addItem(self.tr("All neighbourhoods"), "")
        for combo in (self._priority, self._category, self._department, self._hood):
            # A long department name must not make the combo (and the bar) wider than the dock.
            combo.setSizeAdjustPolicy(
                QtWidgets.QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(6)
            combo.currentIndexChanged.connect(self._filter_changed)
            combos.addWidget(combo, 1)
        combos.addWidget(self._merged)  # beside the filters: the top bar fits a narrow dock
        self.chips = FilterChips(self)
        self.chips.clearAllRequested.connect(self.clear_filters)

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
        self.cell_tips = ElidedCellTips(self.table)
        self.table.doubleClicked.connect(lambda _ix: self.model.acknowledge())

        lay = QtWidgets.QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addLayout(bar)
        lay.addLayout(combos)
        lay.addWidget(self.chips)
        lay.addWidget(self.table, 1)

        QtGui.QShortcut(QtGui.QKeySequence("Ctrl+F"), self, self._focus_search)
        QtGui.QShortcut(
            QtGui.QKeySequence(QtCore.Qt.Key.Key_Space),
            self.table,
            lambda: self.model.acknowledge(),
        )
        self._chips_key = ""
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
            show_merged=self._merged.isChecked(),
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
        shown = self.model.rowCount()
        flt = self.model.filter
        narrowed = bool(
            flt.priorities
            or flt.categories
            or flt.departments
            or flt.neighbourhoods
            or flt.text.strip()
            or flt.overdue_only
        )
        if narrowed:
            groups = flt.groups
            total = sum(
                1
                for i in self._store.state.incidents.values()
                if not groups or status_group(i.status) in groups
            )
        else:
            total = shown
        self._count.setText(
            self.tr("%1 of %2 shown").replace("%1", f"{shown:,}").replace("%2", f"{total:,}")
        )
        self._count.setToolTip(
            self.tr("Incidents shown / incidents in the checked groups (Pending, Active, Closed)")
        )
        if self._chips_dirty():
            self.chips.set_chips(self._chip_list())

    def _chips_dirty(self) -> bool:
        key = repr(self.current_filter())
        if key == self._chips_key:
            return False
        self._chips_key = key
        return True

    def _chip_list(self) -> list[tuple[str, Callable[[], None]]]:
        chips: list[tuple[str, Callable[[], None]]] = []
        text = self._text.text().strip()
        if text:
            chips.append(
                (self.tr("Search: “%1”").replace("%1", text), lambda: self._text.setText(""))
            )
        for combo, what in (
            (self._priority, self.tr("Priority")),
            (self._category, self.tr("Category")),
            (self._department, self.tr("Department")),
            (self._hood, self.tr("Area")),
        ):
            if combo.currentIndex() > 0:
                chips.append(
                    (f"{what}: {combo.currentText()}", functools.partial(combo.setCurrentIndex, 0))
                )
        if self._overdue.isChecked():
            chips.append((self.tr("Overdue only"), lambda: self._overdue.setChecked(False)))
        return chips

    def clear_filters(self) -> None:
        """Back to every incident of the checked groups (the groups themselves stay)."""
        for w in (self._priority, self._category, self._department, self._hood, self._overdue):
            w.blockSignals(True)
        for combo in (self._priority, self._category, self._department, self._hood):
            combo.setCurrentIndex(0)
        self._overdue.setChecked(False)
        _toggle_text(self._overdue)
        for w in (self._priority, self._category, self._department, self._hood, self._overdue):
            w.blockSignals(False)
        self._text.blockSignals(True)
        self._text.clear()
        self._text.blockSignals(False)
        self._filter_changed()

    def focus(self) -> None:
        """Keyboard focus to the table (F3), on the selected row or the first one, so Up and
        Down move through the queue at once."""
        self.table.setFocus(QtCore.Qt.FocusReason.ShortcutFocusReason)
        sm = self.table.selectionModel()
        if not sm.currentIndex().isValid() and self.model.rowCount() > 0:
            row = self.model.row_of(self._selection.incident_id)
            ix = self.model.index(max(0, row), 0)
            sm.setCurrentIndex(
                ix,
                QtCore.QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QtCore.QItemSelectionModel.SelectionFlag.Rows,
            )
            self.table.scrollTo(ix)

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
