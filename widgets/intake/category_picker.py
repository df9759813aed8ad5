"""Category picker: type English or Chinese, pick from the live list with arrows and Enter."""

from __future__ import annotations

import logging

from PySide6 import QtCore, QtGui, QtWidgets

from app.domain.library import Category, Library
from widgets import theme

log = logging.getLogger(__name__)

CodeRole = QtCore.Qt.ItemDataRole.UserRole + 1
MAX_RESULTS = 40


class CategoryPicker(QtWidgets.QWidget):
    """Owns the search text, the visible matches and the chosen category code."""

    categoryChosen = QtCore.Signal(str)  # code, '' when the choice was cleared by typing
    activated = QtCore.Signal()  # Enter picked a category: the form moves focus on

    def __init__(self, library: Library, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("CategoryPicker")
        self._library = library
        self._chosen: Category | None = None
        self._setting = False
        self.edit = QtWidgets.QLineEdit()
        self.edit.setObjectName("CategorySearch")
        self.edit.setPlaceholderText(
            self.tr("Category: type English or 中文, ↓ to browse, Enter picks")
        )
        self.edit.setClearButtonEnabled(True)
        self.model = QtGui.QStandardItemModel(self)
        self.list = QtWidgets.QListView()
        self.list.setObjectName("CategoryResults")
        self.list.setModel(self.model)
        self.list.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)
        self.list.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setMaximumHeight(190)
        self.list.clicked.connect(lambda _i: self.choose_current())
        lay = QtWidgets.QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addWidget(self.edit)
        lay.addWidget(self.list)
        self.list.hide()
        self.edit.textEdited.connect(self._on_typed)
        self.edit.returnPressed.connect(self.choose_current)
        self.edit.installEventFilter(self)
        self.setFocusProxy(self.edit)

    # --- state ----------------------------------------------------------------------------------
    @property
    def category(self) -> Category | None:
        return self._chosen

    def result_codes(self) -> list[str]:
        """Codes of the matches currently listed, best first."""
        return [self.model.item(r).data(CodeRole) for r in range(self.model.rowCount())]

    def set_text(self, text: str) -> None:
        """Type ``text`` as the operator would (runs the search)."""
        self.edit.setText(text)
        self._on_typed(text)

    def set_category(self, code: str) -> None:
        cat = self._library.by_code.get(code)
        if cat is not None:
            self._choose(cat)

    def clear(self) -> None:
        self._setting = True
        self.edit.clear()
        self._setting = False
        self.model.clear()
        self.list.hide()
        if self._chosen is not None:
            self._chosen = None
            self.categoryChosen.emit("")

    # --- behaviour ------------------------------------------------------------------------------
    def _on_typed(self, text: str) -> None:
        if self._setting:
            return
        if self._chosen is not None:
            self._chosen = None
            self.categoryChosen.emit("")
        self.model.clear()
        if not text.strip():
            self.list.hide()
            return
        for cat in self._library.search(text)[:MAX_RESULTS]:
            text = self.tr("P%1  %2  ·  %3").replace("%1", str(cat.default_priority))
            item = QtGui.QStandardItem(text.replace("%2", cat.name_en).replace("%3", cat.name_zh))
            item.setData(cat.code, CodeRole)
            tip = self.tr("%1 — %2; handled by %3").replace("%1", cat.code)
            item.setToolTip(tip.replace("%2", cat.group).replace("%3", cat.department))
            item.setForeground(
                QtGui.QColor(theme.PRIORITY_COLORS.get(cat.default_priority, theme.TEXT))
            )
            self.model.appendRow(item)
        if self.model.rowCount():
            self.list.setCurrentIndex(self.model.index(0, 0))
            self.list.show()
        else:
            item = QtGui.QStandardItem(
                self.tr("No category matches “%1”").replace("%1", text.strip())
            )
            item.setEnabled(False)
            self.model.appendRow(item)
            self.list.show()

    def choose_current(self) -> None:
        idx = self.list.currentIndex()
        code = idx.data(CodeRole) if idx.isValid() else None
        if code is None and self.model.rowCount():
            code = self.model.item(0).data(CodeRole)
        if code is None:
            if self._chosen is not None:
                self.activated.emit()  # Enter on an already chosen category: move on
            return
        self._choose(self._library.get(code))
        self.activated.emit()

    def _choose(self, cat: Category) -> None:
        self._chosen = cat
        self._setting = True
        self.edit.setText(f"{cat.name_en} · {cat.name_zh}")
        self._setting = False
        self.edit.setToolTip(f"{cat.code} — {cat.group}")
        self.list.hide()
        self.categoryChosen.emit(cat.code)

    def eventFilter(self, obj: QtCore.QObject, event: QtCore.QEvent) -> bool:
        # Arrow keys in the search box move through the result list without leaving the box.
        if obj is self.edit and event.type() == QtCore.QEvent.Type.KeyPress:
            assert isinstance(event, QtGui.QKeyEvent)
            key = event.key()
            if key in (QtCore.Qt.Key.Key_Down, QtCore.Qt.Key.Key_Up) and self.model.rowCount():
                if not self.list.isVisible():
                    self.list.show()
                row = self.list.currentIndex().row()
                step = 1 if key == QtCore.Qt.Key.Key_Down else -1
                row = max(0, min(self.model.rowCount() - 1, row + step))
                self.list.setCurrentIndex(self.model.index(row, 0))
                return True
            if key == QtCore.Qt.Key.Key_Escape and self.list.isVisible():
                self.list.hide()
                return True
        return super().eventFilter(obj, event)
