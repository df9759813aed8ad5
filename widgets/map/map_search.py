"""The map's place search: type an address, intersection or landmark, Enter flies there."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6 import QtCore, QtGui, QtWidgets

log = logging.getLogger(__name__)

SEARCH_DELAY_MS = 150
MAX_RESULTS = 8
PlaceRole = QtCore.Qt.ItemDataRole.UserRole + 1


class MapSearch(QtWidgets.QFrame):
    """Owns the search box over the map's corner and its ranked results.

    ``geocoder`` is called on first use (the places data loads lazily) and must return an object
    with ``geocode(text, limit)`` (app.geo.geocode.Geocoder).
    """

    placeChosen = QtCore.Signal(float, float, str)  # lat, lon, label

    def __init__(
        self, geocoder: Callable[[], Any], parent: QtWidgets.QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("MapSearch")
        self.setStyleSheet(
            "#MapSearch { background: rgba(11, 13, 16, 220); border: 1px solid #2f3946;"
            " border-radius: 4px; }"
        )
        self._geocoder = geocoder
        self.edit = QtWidgets.QLineEdit()
        self.edit.setObjectName("MapSearchEdit")
        self.edit.setPlaceholderText(self.tr("Find a place (Ctrl+F): address, corner, landmark"))
        self.edit.setClearButtonEnabled(True)
        self.model = QtGui.QStandardItemModel(self)
        self.list = QtWidgets.QListView()
        self.list.setObjectName("MapSearchResults")
        self.list.setModel(self.model)
        self.list.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)
        self.list.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.clicked.connect(lambda _i: self.choose_current())
        self.list.hide()
        self.message = QtWidgets.QLabel()
        self.message.setObjectName("MapSearchMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #ff6b6b; font-weight: bold;")
        self.message.hide()
        lay = QtWidgets.QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.setSpacing(2)
        lay.addWidget(self.edit)
        lay.addWidget(self.list)
        lay.addWidget(self.message)
        self._timer = QtCore.QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self._search_now)
        self.edit.textEdited.connect(lambda _t: self._timer.start())
        self.edit.returnPressed.connect(self.choose_current)
        self.edit.installEventFilter(self)
        self.setFocusProxy(self.edit)

    def results(self) -> list[str]:
        return [self.model.item(r).text() for r in range(self.model.rowCount())]

    def search(self, text: str) -> None:
        """Type ``text`` and search at once (no debounce)."""
        self.edit.setText(text)
        self._search_now()

    def _search_now(self) -> None:
        self._timer.stop()
        text = self.edit.text()
        self.model.clear()
        self.message.hide()
        if not text.strip():
            self.list.hide()
            self._fit()
            return
        try:
            answer = self._geocoder().geocode(text, MAX_RESULTS)
        except Exception as exc:  # the map keeps working without its search
            log.warning("map search failed for %r: %s", text[:80], exc)
            answer = None
        places = answer.places if answer is not None else []
        for p in places:
            item = QtGui.QStandardItem(f"{p.label}   ({p.kind})")
            item.setData((p.lat, p.lon, p.label), PlaceRole)
            self.model.appendRow(item)
        if places:
            self.list.setCurrentIndex(self.model.index(0, 0))
            self.list.show()
        else:
            self.list.hide()
            closest = answer.closest if answer is not None else []
            text = self.tr("No match")
            if closest:
                text += self.tr(" — closest: {names}").format(names=", ".join(closest[:4]))
            self.message.setText(text)
            self.message.show()
        self._fit()

    def choose_current(self) -> None:
        if self._timer.isActive() or not self.model.rowCount():
            self._search_now()
        idx = self.list.currentIndex()
        data = idx.data(PlaceRole) if idx.isValid() else None
        if data is None:
            return
        lat, lon, label = data
        self.list.hide()
        self._fit()
        self.placeChosen.emit(float(lat), float(lon), str(label))

    def _fit(self) -> None:
        rows = self.model.rowCount() if self.list.isVisible() else 0
        self.list.setFixedHeight(min(rows, MAX_RESULTS) * 22 + 4 if rows else 0)
        self.adjustSize()

    def eventFilter(self, obj: QtCore.QObject, event: QtCore.QEvent) -> bool:
        if obj is self.edit and event.type() == QtCore.QEvent.Type.KeyPress:
            assert isinstance(event, QtGui.QKeyEvent)
            key = event.key()
            if key in (QtCore.Qt.Key.Key_Down, QtCore.Qt.Key.Key_Up) and self.model.rowCount():
                row = self.list.currentIndex().row()
                row += 1 if key == QtCore.Qt.Key.Key_Down else -1
                self.list.setCurrentIndex(
                    self.model.index(max(0, min(row, self.model.rowCount() - 1)), 0)
                )
                return True
            if key == QtCore.Qt.Key.Key_Escape:
                self.model.clear()
                self.list.hide()
                self.message.hide()
                self._fit()
                parent = self.parentWidget()
                if parent is not None:
                    parent.setFocus()
                return True
        return super().eventFilter(obj, event)
