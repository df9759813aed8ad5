"""The standard library as data: the administrator edits a category; saving makes a new library
version (set_category through the command runner) for the cases opened from then on."""

from __future__ import annotations

import logging

import msgspec
from PySide6 import QtWidgets

from app.console.i18n import QT_TRANSLATE_NOOP
from app.domain import commands as c
from app.domain.library import Category
from app.store.gateway import CommandGateway
from app.store.store import Store
from widgets.detail.access import why_not
from widgets.util import named

log = logging.getLogger(__name__)

STAGES = ("register", "dispatch", "handle", "verify")
# The stage names as column and field titles, marked for the catalogue, translated where shown.
STAGE_TITLES = {
    "register": QT_TRANSLATE_NOOP("LibraryTab", "Register"),
    "dispatch": QT_TRANSLATE_NOOP("LibraryTab", "Dispatch"),
    "handle": QT_TRANSLATE_NOOP("LibraryTab", "Handle"),
    "verify": QT_TRANSLATE_NOOP("LibraryTab", "Verify"),
}


class LibraryTab(QtWidgets.QWidget):
    """Owns the category table and the edit form of the selected category."""

    def __init__(
        self, store: Store, gateway: CommandGateway, parent: QtWidgets.QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._gateway = gateway
        self.version = named(QtWidgets.QLabel(), "LibraryVersion")
        self.table = named(QtWidgets.QTableWidget(0, 8), "LibraryTable")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Code"),
                self.tr("Name"),
                self.tr("中文"),
                self.tr("Department"),
                *(self.tr(STAGE_TITLES[s]) for s in STAGES),
            ]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.itemSelectionChanged.connect(self._selected)
        self.name_en = named(QtWidgets.QLineEdit(), "CategoryNameEn")
        self.name_zh = named(QtWidgets.QLineEdit(), "CategoryNameZh")
        self.department = named(QtWidgets.QComboBox(), "CategoryDepartment")
        self.priority = named(QtWidgets.QSpinBox(), "CategoryPriority")
        self.priority.setRange(1, 4)
        self.working = named(
            QtWidgets.QCheckBox(self.tr("counts working hours only")), "CategoryWH"
        )
        self.limits: dict[str, QtWidgets.QSpinBox] = {}
        limits = QtWidgets.QHBoxLayout()
        for s in STAGES:
            spin = named(QtWidgets.QSpinBox(), f"CategoryLimit-{s}")
            spin.setRange(1, 60 * 24 * 90)
            spin.setSuffix(self.tr(" min"))
            self.limits[s] = spin
            limits.addWidget(QtWidgets.QLabel(self.tr(STAGE_TITLES[s])))
            limits.addWidget(spin)
        form = QtWidgets.QFormLayout()
        form.addRow(self.tr("English name"), self.name_en)
        form.addRow(self.tr("Chinese name"), self.name_zh)
        form.addRow(self.tr("Department"), self.department)
        form.addRow(self.tr("Default priority"), self.priority)
        form.addRow(self.tr("Stage limits"), limits)
        form.addRow("", self.working)
        self.save = named(
            QtWidgets.QPushButton(self.tr("Save as a new library version")), "CategorySave"
        )
        self.save.clicked.connect(self.submit)
        self.status = named(QtWidgets.QLabel(), "LibraryStatus")
        self.status.setWordWrap(True)
        lay = QtWidgets.QVBoxLayout(self)
        lay.addWidget(self.version)
        lay.addWidget(self.table, 1)
        lay.addLayout(form)
        lay.addWidget(self.save)
        lay.addWidget(self.status)
        self._current: Category | None = None
        store.stateReset.connect(self.reload)
        store.gridChanged.connect(self.reload)
        store.agenciesChanged.connect(lambda _ids: self.reload())
        self.reload()

    def reload(self) -> None:
        rules = self._store.state.rules()
        self.version.setText(self.tr("Library version %1").replace("%1", rules.library_version))
        cats = rules.library.categories
        self.table.setRowCount(len(cats))
        for i, cat in enumerate(cats):
            values = [
                cat.code,
                cat.name_en,
                cat.name_zh,
                cat.department,
                *(str(getattr(cat.limits, s)) for s in STAGES),
            ]
            for col, v in enumerate(values):
                self.table.setItem(i, col, QtWidgets.QTableWidgetItem(v))
        self.table.resizeColumnsToContents()
        self.department.clear()
        for a in sorted(self._store.state.agencies.values(), key=lambda a: a.id):
            self.department.addItem(a.name, a.id)

    def select(self, code: str) -> None:
        for i in range(self.table.rowCount()):
            item = self.table.item(i, 0)
            if item is not None and item.text() == code:
                self.table.selectRow(i)
                return

    def _selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        item = self.table.item(rows[0].row(), 0)
        cat = self._store.state.rules().library.by_code.get(item.text() if item else "")
        self._current = cat
        if cat is None:
            return
        self.name_en.setText(cat.name_en)
        self.name_zh.setText(cat.name_zh)
        idx = self.department.findData(cat.department)
        if idx < 0:
            self.department.addItem(cat.department, cat.department)
            idx = self.department.count() - 1
        self.department.setCurrentIndex(idx)
        self.priority.setValue(cat.default_priority)
        self.working.setChecked(cat.working_hours)
        for s in STAGES:
            self.limits[s].setValue(int(getattr(cat.limits, s)))
        self._update()

    def edited(self) -> Category | None:
        cat = self._current
        if cat is None:
            return None
        limits = msgspec.structs.replace(cat.limits, **{s: self.limits[s].value() for s in STAGES})
        return msgspec.structs.replace(
            cat,
            name_en=self.name_en.text().strip(),
            name_zh=self.name_zh.text().strip(),
            department=self.department.currentData() or cat.department,
            default_priority=self.priority.value(),
            working_hours=self.working.isChecked(),
            limits=limits,
        )

    def _update(self) -> None:
        cat = self.edited()
        why = why_not(self._store, self._gateway, c.SetCategory(category=cat)) if cat else "—"
        self.save.setToolTip(why or self.tr("Cases opened from now on use the change"))

    def submit(self) -> None:
        cat = self.edited()
        if cat is None:
            return
        why = why_not(self._store, self._gateway, c.SetCategory(category=cat))
        if why:
            self.status.setText(self.tr("Not saved: %1").replace("%1", why))
            return
        self._gateway.submit(c.SetCategory(category=cat))
        self.status.setText(self.tr("Saved %1: a new library version").replace("%1", cat.code))
