"""The video panel the console docks: camera list beside the wall, wired together."""

from __future__ import annotations

import logging

from PySide6 import QtCore, QtGui, QtWidgets

from app.store.selection import Selection
from app.store.store import Store
from app.video.recordings import live_choice
from widgets.video.camera_list import CameraListWidget
from widgets.video.tile import SourceFactory, default_source
from widgets.video.wall import PresetStore, SnapshotCallback, StreamResolver, VideoWall

log = logging.getLogger(__name__)


class VideoPanel(QtWidgets.QWidget):
    """Owns a :class:`CameraListWidget` and a :class:`VideoWall` side by side in a splitter."""

    def __init__(
        self,
        store: Store,
        selection: Selection,
        settings: PresetStore | None = None,
        on_snapshot: SnapshotCallback | None = None,
        source_factory: SourceFactory = default_source,
        parent: QtWidgets.QWidget | None = None,
        streams: StreamResolver = live_choice,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("videoPanel")
        self.cameras = CameraListWidget(store, selection, self, streams)
        self.wall = VideoWall(
            store, selection, settings, on_snapshot, source_factory, self, streams=streams
        )
        self.cameras.cameraActivated.connect(self.wall.assign_next_free)
        self.status = QtWidgets.QLabel(self)
        self.status.setObjectName("videoStatus")
        self.status.setStyleSheet("background:#0f1215;color:#cfd6df;padding:2px 6px")
        self.wall.message.connect(self.status.setText)
        # F also works while the list has focus (the wall's own action covers the wall).
        fill = QtGui.QAction(self.tr("Fill wall"), self.cameras)
        fill.setShortcut(QtGui.QKeySequence("F"))
        fill.setShortcutContext(QtCore.Qt.ShortcutContext.WidgetWithChildrenShortcut)
        fill.triggered.connect(self.wall.fill_from_incident)
        self.cameras.addAction(fill)

        self.splitter = QtWidgets.QSplitter(QtCore.Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("videoSplitter")
        self.splitter.addWidget(self.cameras)
        self.splitter.addWidget(self.wall)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        # Wide enough for a corner's name beside its status and distance ("Market St & 5th St"
        # was cut to "Mark…" at 260 px once the distance column came).
        self.splitter.setSizes([380, 900])
        lay = QtWidgets.QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.splitter, 1)
        lay.addWidget(self.status)

    def retranslate(self) -> None:
        """After a language switch: the texts the list and the wall compute."""
        self.cameras._update_coverage()
        self.wall._recompute_coverage()

    def shutdown(self) -> None:
        self.wall.shutdown()
