"""The video wall: a 1/4/9/16 grid of camera tiles, presets, incident fill and monitor placement.

The wall never sends commands. A tile's snapshot goes to the ``on_snapshot`` callback given by
the console, which turns it into a narrative note with an attachment through the command path.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6 import QtCore, QtGui, QtWidgets

from app.domain.model import Camera
from app.store.selection import Selection
from app.store.store import Store
from app.video.coverage import cameras_covering
from app.video.recordings import StreamChoice, live_choice
from widgets.video import placement
from widgets.video.canvas import WallCanvas
from widgets.video.placement import home_of
from widgets.video.presets import LAYOUTS, PresetStore, WallPresets
from widgets.video.tile import SourceFactory, VideoTile, default_source
from widgets.video.wall_toolbar import build_toolbar

log = logging.getLogger(__name__)

REFRESH_HZ = 30
SnapshotCallback = Callable[[str, str, bytes], None]  # incident id, camera id, PNG bytes
StreamResolver = Callable[[Camera], StreamChoice]


def problem_text(code: str) -> tuple[str, str]:
    """What a tile says for a camera it cannot show, and the line under it ('' : the id)."""
    translate = QtCore.QCoreApplication.translate
    texts = {
        "no_recording": (
            translate("VideoWall", "NO RECORDING"),
            translate("VideoWall", "no recording for replay"),
        ),
        "offline": (
            translate("VideoWall", "OFFLINE"),
            translate("VideoWall", "offline at this time"),
        ),
        "maintenance": (
            translate("VideoWall", "MAINTENANCE"),
            translate("VideoWall", "in maintenance at this time"),
        ),
        "no_stream": (translate("VideoWall", "NO STREAM"), ""),
    }
    return texts.get(code, (code.upper(), ""))


class VideoWall(QtWidgets.QWidget):
    """Owns the tiles, which camera each shows, the grid size and the wall's screen placement."""

    layoutChanged = QtCore.Signal(int)  # tiles shown
    coverageChanged = QtCore.Signal(list)  # camera ids covering the selected incident
    placementChanged = QtCore.Signal(int)  # screen index when sent to a monitor, -1 when docked
    message = QtCore.Signal(str)  # short feedback for the operator (errors included)

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
        self.setObjectName("videoWall")
        self._streams = streams  # live: the camera's stream; a replay: its recording
        self.setFocusPolicy(QtCore.Qt.FocusPolicy.StrongFocus)  # F and Esc work after a click
        self._store = store
        self._selection = selection
        self._presets = WallPresets(settings if settings is not None else {})
        self._on_snapshot = on_snapshot
        self._count = 4
        self._max_index: int | None = None
        self._coverage: list[tuple[Camera, float]] = []
        self._home: placement.Home | None = None
        self._screen_index = -1
        self.setAutoFillBackground(True)
        pal = self.palette()
        pal.setColor(QtGui.QPalette.ColorRole.Window, QtGui.QColor("#050607"))
        self.setPalette(pal)

        self._grid_host = WallCanvas(self._shown_tiles, self)
        self._grid = QtWidgets.QGridLayout(self._grid_host)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(2)
        self._tiles: list[VideoTile] = []
        for i in range(max(LAYOUTS)):
            tile = VideoTile(i, source_factory, self._grid_host)
            tile.doubleClicked.connect(self.toggle_maximise)
            tile.cameraDropped.connect(self.assign)
            tile.snapshotRequested.connect(self._snapshot)
            tile.hide()
            self._tiles.append(tile)

        # One refresh tick for all tiles: each pulls its newest frame and the grid repaints in a
        # single pass. At most REFRESH_HZ passes a second whatever the number of streams, so a
        # busy GUI thread slows every tile evenly instead of starving some.
        self._refresh = QtCore.QTimer(self)
        self._refresh.setTimerType(QtCore.Qt.TimerType.PreciseTimer)
        self._refresh.setInterval(round(1000 / REFRESH_HZ))
        self._refresh.timeout.connect(self._pull_frames)

        self._toolbar = self._build_toolbar()
        lay = QtWidgets.QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addWidget(self._toolbar)
        lay.addWidget(self._grid_host, 1)

        store.camerasChanged.connect(self._on_cameras_changed)
        store.stateReset.connect(self._on_state_reset)
        store.incidentsChanged.connect(self._on_incidents_changed)
        selection.incidentSelected.connect(self._on_incident_selected)
        self._relayout()
        self._on_incident_selected(selection.incident_id)

    # --- toolbar ------------------------------------------------------------------------------
    def _build_toolbar(self) -> QtWidgets.QToolBar:
        parts = build_toolbar(self)
        self._layout_actions = parts.layout_actions
        self.fill_action = parts.fill_action
        self._preset_box = parts.preset_box
        self.addAction(self.fill_action)
        self._refresh_presets()
        return parts.toolbar

    @property
    def home(self) -> placement.Home | None:
        """Where the wall sits in the console while it is on a monitor of its own, else None."""
        return self._home

    def run_safely(self, fn: Callable[..., object], *args: object) -> None:
        """Call ``fn``; a ValueError becomes a message for the operator instead of a crash."""
        try:
            fn(*args)
        except ValueError as exc:
            self.message.emit(str(exc))

    def _shown_tiles(self) -> list[VideoTile]:
        return [self._tiles[self._max_index]] if self._max_index is not None else self.tiles()

    def _pull_frames(self) -> None:
        for tile in self._shown_tiles():
            tile.pull_frame()

    def showEvent(self, event: QtGui.QShowEvent) -> None:
        super().showEvent(event)
        self._refresh.start()

    def hideEvent(self, event: QtGui.QHideEvent) -> None:
        super().hideEvent(event)
        self._refresh.stop()

    # --- tiles and layout -----------------------------------------------------------------------
    @property
    def layout_count(self) -> int:
        return self._count

    @property
    def maximised_index(self) -> int | None:
        return self._max_index

    def tile(self, index: int) -> VideoTile:
        return self._tiles[index]

    def tiles(self) -> list[VideoTile]:
        """The tiles of the current layout, in reading order."""
        return self._tiles[: self._count]

    def assignments(self) -> list[str]:
        return [t.camera_id for t in self._tiles[: self._count]]

    def set_layout(self, count: int) -> None:
        if count not in LAYOUTS:
            raise ValueError(f"the wall shows 1, 4, 9 or 16 tiles, not {count}")
        self._count = count
        self._max_index = None
        self._relayout()
        self.layoutChanged.emit(count)

    def toggle_maximise(self, index: int) -> None:
        """Show tile ``index`` alone; again (or another double-click) returns to the grid."""
        self._max_index = None if self._max_index is not None else index
        self._relayout()

    def _relayout(self) -> None:
        for tile in self._tiles:
            self._grid.removeWidget(tile)
        shown = [self._tiles[self._max_index]] if self._max_index is not None else self.tiles()
        side = round(len(shown) ** 0.5)
        for tile in self._tiles:
            if tile not in shown:
                tile.hide()  # hidden tiles pause decoding
        for i, tile in enumerate(shown):
            self._grid.addWidget(tile, i // side, i % side)
            tile.show()
        for k in range(4):
            self._grid.setRowStretch(k, 1 if k < side else 0)
            self._grid.setColumnStretch(k, 1 if k < side else 0)
        act = self._layout_actions.get(self._count)
        if act is not None:
            act.setChecked(True)
        self._grid_host.invalidate_gaps()

    def assign(self, index: int, camera_id: str) -> None:
        """Show ``camera_id`` in tile ``index`` ('' clears it)."""
        if not 0 <= index < len(self._tiles):
            raise ValueError(f"tile {index} does not exist (0..{len(self._tiles) - 1})")
        cam = self._store.state.cameras.get(camera_id) if camera_id else None
        tile = self._tiles[index]
        if camera_id and cam is None:
            tile.set_camera(camera_id, camera_id, "", problem="UNKNOWN CAMERA")
        elif cam is None:
            tile.set_camera("")
        else:
            choice = self._streams(cam)
            title, detail = problem_text(choice.problem)
            tile.set_camera(
                cam.id, cam.name, choice.url, title, detail=detail, recorded=choice.recorded
            )
        self._update_snapshot_buttons()

    def resync(self) -> None:
        """Open every shown camera again: a replay's recordings jump to the replay's time."""
        self._on_state_reset()

    def assign_next_free(self, camera_id: str) -> int:
        """Put ``camera_id`` in the first empty tile of the layout (or the last); its index."""
        ids = self.assignments()
        if camera_id in ids:
            return ids.index(camera_id)
        index = ids.index("") if "" in ids else self._count - 1
        self.assign(index, camera_id)
        return index

    def fill_with(self, camera_ids: list[str]) -> None:
        """Smallest layout that holds ``camera_ids`` (at most 16), in order; the rest cleared."""
        ids = camera_ids[: max(LAYOUTS)]
        count = next((n for n in LAYOUTS if n >= len(ids)), max(LAYOUTS))
        self.set_layout(count)
        for i in range(count):
            self.assign(i, ids[i] if i < len(ids) else "")

    # --- incident coverage ----------------------------------------------------------------------
    def covering_cameras(self) -> list[tuple[Camera, float]]:
        """Cameras covering the selected incident, nearest first (empty when none selected)."""
        return list(self._coverage)

    def fill_from_incident(self) -> int:
        """Fill the wall with the cameras covering the selected incident; how many."""
        if not self._selection.incident_id:
            self.message.emit(
                self.tr("Select an incident first: the wall fills with cameras covering it")
            )
            return 0
        if not self._coverage:
            self.message.emit(self.tr("No camera covers the selected incident"))
            return 0
        self.fill_with([cam.id for cam, _ in self._coverage])
        self.message.emit(
            self.tr("Wall filled with %1 covering camera(s)").replace(
                "%1", str(len(self._coverage))
            )
        )
        return len(self._coverage)

    def _recompute_coverage(self) -> None:
        inc = self._store.state.incidents.get(self._selection.incident_id)
        if inc is None:
            cov: list[tuple[Camera, float]] = []
        else:
            cams = self._store.state.cameras.values()
            cov = cameras_covering(inc.location.lat, inc.location.lon, cams, max(LAYOUTS))
        changed = [c.id for c, _ in cov] != [c.id for c, _ in self._coverage]
        self._coverage = cov
        if changed:
            self.coverageChanged.emit([c.id for c, _ in cov])
        n = len(cov)
        self.fill_action.setText(
            self.tr("Fill wall (%1)").replace("%1", str(n)) if n else self.tr("Fill wall")
        )
        self.fill_action.setToolTip(
            self.tr(
                "Fill the wall with the %1 camera(s) covering the selected incident (F)"
            ).replace("%1", str(n))
            if n
            else self.tr("No camera covers the selected incident")
        )
        self._update_snapshot_buttons()

    @QtCore.Slot(str)
    def _on_incident_selected(self, incident_id: str) -> None:
        self._recompute_coverage()

    @QtCore.Slot(list)
    def _on_incidents_changed(self, ids: list[str]) -> None:
        if self._selection.incident_id in ids:
            self._recompute_coverage()

    @QtCore.Slot(list)
    def _on_cameras_changed(self, ids: list[str]) -> None:
        changed = set(ids)
        for i, tile in enumerate(self._tiles):
            if tile.camera_id in changed:
                self.assign(i, tile.camera_id)
        self._recompute_coverage()

    @QtCore.Slot()
    def _on_state_reset(self) -> None:
        for i, tile in enumerate(self._tiles):
            if tile.camera_id:
                self.assign(i, tile.camera_id)
        self._recompute_coverage()

    # --- snapshots ------------------------------------------------------------------------------
    def _update_snapshot_buttons(self) -> None:
        incident = self._selection.incident_id
        tip = (
            "Attach this picture to the selected incident"
            if incident
            else "Select an incident to attach a snapshot"
        )
        for tile in self._tiles:
            tile.set_snapshot_enabled(bool(incident) and self._on_snapshot is not None, tip)

    def snapshot(self, index: int) -> bytes | None:
        """Send tile ``index``'s picture to the snapshot callback; the PNG bytes, or None."""
        return self._snapshot(index)

    def _snapshot(self, index: int) -> bytes | None:
        incident = self._selection.incident_id
        tile = self._tiles[index]
        if not incident:
            self.message.emit(self.tr("Select an incident to attach a snapshot to"))
            return None
        png = tile.snapshot_png()
        if png is None:
            self.message.emit(
                self.tr("%1 has no picture yet").replace("%1", tile.name or self.tr("This tile"))
            )
            return None
        if self._on_snapshot is not None:
            self._on_snapshot(incident, tile.camera_id, png)
            self.message.emit(
                self.tr("Snapshot of %1 attached to the incident").replace("%1", tile.name)
            )
        return png

    # --- presets --------------------------------------------------------------------------------
    def preset_names(self) -> list[str]:
        return self._presets.names()

    def save_preset(self, name: str) -> None:
        name = self._presets.save(name, self._count, self.assignments())
        self._refresh_presets(name)
        self.message.emit(self.tr("Preset %1 saved").replace("%1", repr(name)))

    def load_preset(self, name: str) -> None:
        """Apply a saved preset; ValueError (nothing changed) if it is missing or damaged."""
        layout, cameras = self._presets.load(name)
        self.set_layout(layout)
        for i in range(layout):
            self.assign(i, cameras[i] if i < len(cameras) else "")
        self.message.emit(self.tr("Preset %1 loaded").replace("%1", repr(name.strip())))

    def delete_preset(self, name: str) -> None:
        self._presets.delete(name)
        self._refresh_presets()

    def _refresh_presets(self, current: str = "") -> None:
        box = self._preset_box
        box.blockSignals(True)
        box.clear()
        box.addItems(self.preset_names())
        box.setCurrentText(current)
        box.blockSignals(False)

    # --- monitor placement ----------------------------------------------------------------------
    @property
    def screen_index(self) -> int:
        """Index of the monitor the wall fills, or -1 while it sits in the console."""
        return self._screen_index

    def send_to_screen(self, index: int) -> None:
        """Make the wall a full-screen window of its own on ``QGuiApplication.screens()[index]``;
        ValueError (nothing moved) when there is no such monitor."""
        home = self._home or home_of(self)
        placement.show_full_screen_on(self, index, "CityOps video wall")
        self._home = home
        self._screen_index = index
        self.placementChanged.emit(index)

    def return_from_screen(self) -> None:
        """Put the wall back where it was in the console."""
        if self._home is None:
            return
        home, self._home = self._home, None
        placement.put_back(self, home)
        self._screen_index = -1
        self.placementChanged.emit(-1)

    def keyPressEvent(self, event: QtGui.QKeyEvent) -> None:
        if event.key() == QtCore.Qt.Key.Key_Escape and self._home is not None:
            self.return_from_screen()
            return
        super().keyPressEvent(event)

    def shutdown(self) -> None:
        """Stop every tile's decoding (call before the console closes)."""
        self._refresh.stop()
        for tile in self._tiles:
            tile.shutdown()

    def closeEvent(self, event: QtGui.QCloseEvent) -> None:
        if self._home is not None:
            # Closing the full-screen window returns the wall to the console instead of losing it.
            event.ignore()
            self.return_from_screen()
            return
        super().closeEvent(event)
