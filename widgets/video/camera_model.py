"""Table model of the city's cameras for the camera list: covering cameras first, then by name."""

from __future__ import annotations

import enum
import logging
from collections.abc import Callable, Sequence
from typing import Any

from PySide6 import QtCore, QtGui

from app.console.i18n import QT_TRANSLATE_NOOP
from app.domain.model import Camera
from app.store.store import Store
from app.video.mime import CAMERA_MIME, camera_mime_data
from app.video.recordings import StreamChoice, live_choice

log = logging.getLogger(__name__)

AnyIndex = QtCore.QModelIndex | QtCore.QPersistentModelIndex
_ROOT = QtCore.QModelIndex()

CAMERA_ID_ROLE = QtCore.Qt.ItemDataRole.UserRole + 1

CAMERA_STATUS = {
    "online": QT_TRANSLATE_NOOP("Tables", "online"),
    "offline": QT_TRANSLATE_NOOP("Tables", "offline"),
    "maintenance": QT_TRANSLATE_NOOP("Tables", "maintenance"),
}
NO_RECORDING_COLOR = QtGui.QColor("#aab4c0")
STATUS_COLORS = {
    "online": QtGui.QColor("#19c37d"),
    "offline": QtGui.QColor("#ff3b3b"),
    "maintenance": QtGui.QColor("#f5b000"),
}


class Columns(enum.IntEnum):
    NAME = 0
    STATUS = enum.auto()
    DISTANCE = enum.auto()


HEADERS = {
    Columns.NAME: QT_TRANSLATE_NOOP("Tables", "Camera"),
    Columns.STATUS: QT_TRANSLATE_NOOP("Tables", "Status"),
    Columns.DISTANCE: QT_TRANSLATE_NOOP("Tables", "To incident"),
}


class CameraListModel(QtCore.QAbstractTableModel):
    """Rows are camera ids read from the store; drags carry ``application/x-cityops-camera``."""

    def __init__(
        self,
        store: Store,
        parent: QtCore.QObject | None = None,
        streams: Callable[[Camera], StreamChoice] = live_choice,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._streams = streams  # a replay says which cameras have a recording
        self._ids: list[str] = []
        self._distance: dict[str, float] = {}
        store.camerasChanged.connect(self.refresh)
        store.stateReset.connect(self.refresh)
        self.refresh()

    def set_coverage(self, distances: dict[str, float]) -> None:
        """Cameras covering the selected incident and their distance; they sort first."""
        self._distance = dict(distances)
        self.refresh()

    def camera_ids(self) -> list[str]:
        return list(self._ids)

    @QtCore.Slot()
    def refresh(self, _ids: list[str] | None = None) -> None:
        cams = self._store.state.cameras
        far = float("inf")
        ids = sorted(cams, key=lambda i: (self._distance.get(i, far), cams[i].name.casefold(), i))
        if ids != self._ids:
            self.beginResetModel()
            self._ids = ids
            self.endResetModel()
        elif ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(ids) - 1, len(Columns) - 1))

    def rowCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(Columns)

    def headerData(self, section: int, orientation: QtCore.Qt.Orientation, role: int = 0) -> Any:
        if (
            orientation == QtCore.Qt.Orientation.Horizontal
            and role == QtCore.Qt.ItemDataRole.DisplayRole
        ):
            return QtCore.QCoreApplication.translate("Tables", HEADERS[Columns(section)])
        return None

    def data(self, index: QtCore.QModelIndex | QtCore.QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid():
            return None
        cid = self._ids[index.row()]
        cam = self._store.state.cameras.get(cid)
        if cam is None:
            return None
        col = Columns(index.column())
        if role == CAMERA_ID_ROLE:
            return cid
        if role == QtCore.Qt.ItemDataRole.DisplayRole:
            if col is Columns.NAME:
                return cam.name
            if col is Columns.STATUS:
                return self._status_text(cam)
            d = self._distance.get(cid)
            return "" if d is None else f"{d:.0f} m"
        if role == QtCore.Qt.ItemDataRole.ForegroundRole and col is Columns.STATUS:
            if self._streams(cam).problem == "no_recording":
                return NO_RECORDING_COLOR
            return STATUS_COLORS.get(cam.status)
        if role == QtCore.Qt.ItemDataRole.FontRole and cid in self._distance:
            font = QtGui.QFont()
            font.setBold(True)
            return font
        if role == QtCore.Qt.ItemDataRole.ToolTipRole:
            where = f"{cam.lat:.5f}, {cam.lon:.5f}"
            text = QtCore.QCoreApplication.translate("Tables", "%1 (%2)\n%3, heading %4°, fov %5°")
            tip = (
                text.replace("%1", cam.name)
                .replace("%2", cid)
                .replace("%3", where)
                .replace("%4", f"{cam.heading:.0f}")
                .replace("%5", f"{cam.fov:.0f}")
            )
            choice = self._streams(cam)
            if choice.recorded:
                tip += "\n" + QtCore.QCoreApplication.translate(
                    "CameraListModel", "Replay: its recording at the replay's time"
                )
            elif choice.problem == "no_recording":
                tip += "\n" + QtCore.QCoreApplication.translate(
                    "CameraListModel", "Replay: no recording of this camera"
                )
            return tip
        return None

    def _status_text(self, cam: Camera) -> str:
        """The camera's (recorded) status; in a replay "no recording" where it has none."""
        if self._streams(cam).problem == "no_recording":
            return QtCore.QCoreApplication.translate("CameraListModel", "no recording")
        return QtCore.QCoreApplication.translate(
            "Tables", CAMERA_STATUS.get(cam.status, cam.status)
        )

    def flags(self, index: QtCore.QModelIndex | QtCore.QPersistentModelIndex) -> QtCore.Qt.ItemFlag:
        base = super().flags(index)
        return base | QtCore.Qt.ItemFlag.ItemIsDragEnabled if index.isValid() else base

    def mimeTypes(self) -> list[str]:
        return [CAMERA_MIME]

    def mimeData(self, indexes: Sequence[QtCore.QModelIndex]) -> QtCore.QMimeData:
        rows = sorted({i.row() for i in indexes if i.isValid()})
        return camera_mime_data(self._ids[rows[0]]) if rows else QtCore.QMimeData()

    def supportedDragActions(self) -> QtCore.Qt.DropAction:
        return QtCore.Qt.DropAction.CopyAction
