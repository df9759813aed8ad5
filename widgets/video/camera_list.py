"""The camera list beside the wall: every camera with its status, a filter, drag to a tile."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6 import QtCore, QtWidgets

from app.domain.model import Camera
from app.store.selection import Selection
from app.store.store import Store
from app.video.coverage import cameras_covering
from app.video.recordings import StreamChoice, live_choice
from widgets.video.camera_model import CAMERA_ID_ROLE, CameraListModel, Columns

log = logging.getLogger(__name__)

DARK_STYLE = (
    "QWidget{background:#0f1215;color:#e8ecf1}"
    "QTreeView{background:#0b0d10;alternate-background-color:#13171c;border:1px solid #262b33}"
    "QTreeView::item:selected{background:#1f6fb2;color:#ffffff}"
    "QHeaderView::section{background:#14181d;color:#aab4c0;border:0;padding:3px}"
    "QLineEdit{background:#0b0d10;border:1px solid #3a4350;padding:3px}"
    "QLabel{color:#cfd6df}"
)


class CameraListWidget(QtWidgets.QWidget):
    """Shows the cameras (covering ones for the selected incident first, with distance) and a
    filter box. Drag a row onto a tile, or double-click it to put it on the wall."""

    cameraActivated = QtCore.Signal(str)  # camera id

    def __init__(
        self,
        store: Store,
        selection: Selection,
        parent: QtWidgets.QWidget | None = None,
        streams: Callable[[Camera], StreamChoice] = live_choice,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("cameraList")
        self._store = store
        self._selection = selection
        self.model = CameraListModel(store, self, streams)
        self.proxy = QtCore.QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(QtCore.Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)

        self.filter_edit = QtWidgets.QLineEdit(self)
        self.filter_edit.setObjectName("cameraFilter")
        self.filter_edit.setPlaceholderText(self.tr("Filter cameras…"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self.proxy.setFilterFixedString)
        self.header = QtWidgets.QLabel(self)
        self.header.setObjectName("coverageLabel")
        self.header.setWordWrap(True)
        self.view = QtWidgets.QTreeView(self)
        self.view.setObjectName("cameraView")
        self.view.setModel(self.proxy)
        self.view.setRootIsDecorated(False)
        self.view.setUniformRowHeights(True)
        self.view.setAlternatingRowColors(True)
        self.view.setDragEnabled(True)
        self.view.setDragDropMode(QtWidgets.QAbstractItemView.DragDropMode.DragOnly)
        self.view.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.header().setStretchLastSection(False)
        self.view.header().setSectionResizeMode(
            Columns.NAME, QtWidgets.QHeaderView.ResizeMode.Stretch
        )
        self.view.doubleClicked.connect(self._on_double_clicked)
        for col in (Columns.STATUS, Columns.DISTANCE):
            self.view.header().setSectionResizeMode(
                col, QtWidgets.QHeaderView.ResizeMode.ResizeToContents
            )
        self.setStyleSheet(DARK_STYLE)

        lay = QtWidgets.QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.filter_edit)
        lay.addWidget(self.header)
        lay.addWidget(self.view, 1)

        selection.incidentSelected.connect(self._update_coverage)
        store.incidentsChanged.connect(self._on_incidents_changed)
        store.camerasChanged.connect(lambda _ids: self._update_coverage())
        store.stateReset.connect(self._update_coverage)
        self._update_coverage()

    def visible_camera_ids(self) -> list[str]:
        """Camera ids in the order shown, after the filter."""
        return [
            str(self.proxy.index(r, 0).data(CAMERA_ID_ROLE)) for r in range(self.proxy.rowCount())
        ]

    @QtCore.Slot(list)
    def _on_incidents_changed(self, ids: list[str]) -> None:
        if self._selection.incident_id in ids:
            self._update_coverage()

    @QtCore.Slot()
    def _update_coverage(self, _incident_id: str = "") -> None:
        inc = self._store.state.incidents.get(self._selection.incident_id)
        if inc is None:
            self.model.set_coverage({})
            self.view.setColumnHidden(Columns.DISTANCE, True)
            self.header.setText(self.tr("Select an incident to see the cameras that cover it."))
            return
        hits = cameras_covering(
            inc.location.lat, inc.location.lon, self._store.state.cameras.values()
        )
        self.model.set_coverage({c.id: d for c, d in hits})
        self.view.setColumnHidden(Columns.DISTANCE, not hits)
        label = inc.number or inc.id
        if hits:
            text = self.tr(
                "Incident %1: %2 camera(s) cover it (bold, nearest first). "
                "Press F or “Fill wall” to show them."
            )
            self.header.setText(text.replace("%1", label).replace("%2", str(len(hits))))
        else:
            self.header.setText(
                self.tr("Incident %1: no camera covers its location.").replace("%1", label)
            )

    @QtCore.Slot(QtCore.QModelIndex)
    def _on_double_clicked(self, index: QtCore.QModelIndex) -> None:
        cid = index.data(CAMERA_ID_ROLE)
        if cid:
            self.cameraActivated.emit(str(cid))
