"""Feeds store changes into the map's layers: marks ids dirty, applies them in one batch.

Store signals arrive per applied batch of events, possibly hundreds a second; each only marks
ids here. A single-shot timer (one frame, ~33 ms) then updates just those rows of the layers and
asks for one repaint, so the map redraws at most ~30 times a second for store traffic.
"""

from __future__ import annotations

import logging

from PySide6 import QtCore

from app.store.store import Store
from widgets.map.area_layer import AreaLayer
from widgets.map.camera_layer import CameraLayer
from widgets.map.incident_layer import IncidentLayer
from widgets.map.unit_layer import UnitLayer

log = logging.getLogger(__name__)


class LiveFeed(QtCore.QObject):
    """Owns the dirty sets and the frame timer between the store and the live layers."""

    applied = QtCore.Signal(list)  # unit ids that changed (the map re-centres a followed unit)

    def __init__(
        self,
        store: Store,
        incidents: IncidentLayer,
        units: UnitLayer,
        cameras: CameraLayer,
        areas: AreaLayer,
        frame_ms: int,
        parent: QtCore.QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.incidents, self.units, self.cameras, self.areas = incidents, units, cameras, areas
        self._incidents: set[str] = set()
        self._units: set[str] = set()
        self._cameras: set[str] = set()
        self._grid = False
        self._all = False
        self.batches = 0  # applied batches, for tests and diagnostics
        self._timer = QtCore.QTimer(self, singleShot=True, interval=frame_ms)
        self._timer.timeout.connect(self.flush)
        store.incidentsChanged.connect(self._on_incidents)
        store.unitsChanged.connect(self._on_units)
        store.camerasChanged.connect(self._on_cameras)
        store.gridChanged.connect(self._on_grid)
        store.agenciesChanged.connect(self._on_agencies)
        store.stateReset.connect(self._on_reset)
        self.reload()

    def _schedule(self) -> None:
        if not self._timer.isActive():
            self._timer.start()

    def _on_incidents(self, ids: list[str]) -> None:
        self._incidents.update(ids)
        self._schedule()

    def _on_units(self, ids: list[str]) -> None:
        self._units.update(ids)
        self._schedule()

    def _on_cameras(self, ids: list[str]) -> None:
        self._cameras.update(ids)
        self._schedule()

    def _on_grid(self) -> None:
        self._grid = True
        self._schedule()

    def _on_agencies(self, _ids: list[str]) -> None:
        self._units.update(self.store.state.units)  # agency colours may have changed
        self._schedule()

    def _on_reset(self) -> None:
        self._all = True
        self._schedule()

    def reload(self) -> None:
        """Rebuild every layer from the whole state."""
        s = self.store.state
        self.incidents.reset(s.incidents)
        self.units.reset(s.units, s.agencies)
        self.cameras.reset(s.cameras)
        self.areas.set_cells(s.grid_cells)
        self.areas.reset_counts(s.incidents)

    def flush(self) -> None:
        """Apply what changed since the last batch (now, if called directly)."""
        self._timer.stop()
        s = self.store.state
        if self._all:
            self.reload()
            moved = list(s.units)
        else:
            if self._incidents:
                ids = list(self._incidents)
                self.incidents.update(s.incidents, ids)
                self.areas.update_counts(s.incidents, ids)
            if self._units:
                self.units.update(s.units, s.agencies, self._units)
            if self._cameras:
                self.cameras.update(s.cameras, self._cameras)
            if self._grid:
                self.areas.set_cells(s.grid_cells)
            moved = list(self._units)
        self._incidents.clear()
        self._units.clear()
        self._cameras.clear()
        self._grid = self._all = False
        self.batches += 1
        self.applied.emit(moved)
