"""Live duplicate suggestions: open incidents of the same category near the call's location."""

from __future__ import annotations

import logging

from PySide6 import QtCore, QtGui, QtWidgets

from app.console.duplicates import DUPLICATE_RADIUS_M, DuplicateCandidate
from app.console.words import status_name
from app.domain.library import Library
from widgets import theme

log = logging.getLogger(__name__)

IdRole = QtCore.Qt.ItemDataRole.UserRole + 1


class DuplicateList(QtWidgets.QFrame):
    """Owns the shown candidates; the first one is current so one key links the call to it."""

    linkRequested = QtCore.Signal(str)  # incident id the call is a further call about
    mergeRequested = QtCore.Signal(str)  # incident id to merge the new report into

    def __init__(
        self,
        library: Library,
        link_key: str,
        parent: QtWidgets.QWidget | None = None,
        merge_key: str = "",
    ) -> None:
        super().__init__(parent)
        self.setObjectName("DuplicateList")
        self._library = library
        self.candidates: list[DuplicateCandidate] = []
        self.title = QtWidgets.QLabel()
        self.title.setObjectName("DuplicateTitle")
        # Wraps in a narrow dock instead of widening the form (a horizontal scrollbar).
        self.title.setWordWrap(True)
        self.title.setMinimumWidth(120)
        self.model = QtGui.QStandardItemModel(self)
        self.view = QtWidgets.QListView()
        self.view.setObjectName("DuplicateView")
        self.view.setModel(self.model)
        self.view.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setMaximumHeight(110)
        # Long lines are elided (full text in the tooltip), never a horizontal scrollbar.
        self.view.setHorizontalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setTextElideMode(QtCore.Qt.TextElideMode.ElideRight)
        self.view.activated.connect(lambda _i: self._request())
        self.view.doubleClicked.connect(lambda _i: self._request())
        self._keys = (link_key, merge_key)
        self.link_button = QtWidgets.QPushButton()
        self.link_button.setObjectName("LinkDuplicate")
        self.link_button.clicked.connect(self._request)
        # Merge: the call is recorded as its own report (its channel, contact, time) and merged
        # into the suggested case, which then speaks for it (closing it closes the report).
        self.merge_button = QtWidgets.QPushButton()
        self.merge_button.setObjectName("MergeDuplicate")
        self.merge_button.clicked.connect(self._request_merge)
        # The two answers under the title, not beside it: side by side they widened a narrow dock.
        buttons = QtWidgets.QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.link_button)
        buttons.addWidget(self.merge_button)
        buttons.addStretch(1)
        lay = QtWidgets.QVBoxLayout(self)
        lay.setContentsMargins(6, 4, 6, 4)
        lay.setSpacing(2)
        lay.addWidget(self.title)
        lay.addLayout(buttons)
        lay.addWidget(self.view)
        self._set_captions()
        self.set_candidates([])

    def _set_captions(self) -> None:
        link_key, merge_key = self._keys
        self.link_button.setText(self.tr("Link as further call (%1)").replace("%1", link_key))
        self.merge_button.setText(self.tr("Merge (%1)").replace("%1", merge_key))

    def retranslate(self) -> None:
        """After a language switch: the captions with keys and the title with its count."""
        self._set_captions()
        self.set_candidates(self.candidates)

    def set_candidates(self, cands: list[DuplicateCandidate]) -> None:
        keep = self.current_incident_id()
        self.candidates = list(cands)
        self.model.clear()
        for c in cands:
            cat = self._library.by_code.get(c.category)
            name = cat.name_en if cat else c.category
            line = (
                self.tr("%1  P%2  %3  ·  %4 m  ·  %5  ·  %6")
                .replace("%1", c.number)
                .replace("%2", str(c.priority))
                .replace("%3", name)
                .replace("%4", str(round(c.distance_m)))
                .replace("%5", status_name(c.status.value))
                .replace("%6", c.address)
            )
            item = QtGui.QStandardItem(line)
            item.setToolTip(item.text())
            item.setData(c.incident_id, IdRole)
            self.model.appendRow(item)
        n = len(cands)
        self.view.setVisible(n > 0)
        self.link_button.setEnabled(n > 0)
        self.merge_button.setEnabled(n > 0)
        if n:
            self.setStyleSheet(
                f"#DuplicateList {{ border: 2px solid {theme.WARN}; border-radius: 4px; }}"
                f"#DuplicateTitle {{ color: {theme.WARN}; font-weight: bold; }}"
            )
            head = (
                self.tr("⚠ 1 open incident of this category within %2 m — same incident?")
                if n == 1
                else self.tr("⚠ %1 open incidents of this category within %2 m — same incident?")
            )
            self.title.setText(
                head.replace("%1", str(n)).replace("%2", str(round(DUPLICATE_RADIUS_M)))
            )
            row = next((i for i, c in enumerate(cands) if c.incident_id == keep), 0)
            self.view.setCurrentIndex(self.model.index(row, 0))
        else:
            self.setStyleSheet(
                f"#DuplicateList {{ border: 1px solid {theme.BORDER}; border-radius: 4px; }}"
                f"#DuplicateTitle {{ color: {theme.TEXT_DIM}; }}"
            )
            self.title.setText(self.tr("No likely duplicate nearby"))

    def current_incident_id(self) -> str:
        idx = self.view.currentIndex()
        if idx.isValid():
            return str(idx.data(IdRole))
        return self.candidates[0].incident_id if self.candidates else ""

    def _request(self) -> None:
        ident = self.current_incident_id()
        if ident:
            self.linkRequested.emit(ident)

    def _request_merge(self) -> None:
        ident = self.current_incident_id()
        if ident:
            self.mergeRequested.emit(ident)
