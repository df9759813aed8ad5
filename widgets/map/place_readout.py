"""The cursor read-out: coordinates at once, the street/intersection and cell once the mouse rests."""

from __future__ import annotations

import logging

from PySide6 import QtCore

from app.geo.gazetteer import Gazetteer, default_locator
from app.geo.nearby import NearbyCache
from widgets.nearby_text import nearby_line

log = logging.getLogger(__name__)


class PlaceReadout(QtCore.QObject):
    """Owns the gazetteer (loaded on first use) and the rest timer of the reverse look-up."""

    changed = QtCore.Signal()

    REST_MS = 250  # a reverse look-up scans every street segment: only when the mouse rests

    def __init__(self, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self._gazetteer: Gazetteer | None = None
        self._point: tuple[float, float] | None = None
        self.place = ""
        self.near = ""  # the nearest address and corner with their distances
        self._nearby: NearbyCache | None = None
        self._timer = QtCore.QTimer(self, singleShot=True, interval=self.REST_MS)
        self._timer.timeout.connect(self._lookup)

    def gazetteer(self) -> Gazetteer:
        """The offline gazetteer, with the city's grid/neighbourhood locator when present."""
        if self._gazetteer is None:
            self._gazetteer = Gazetteer(locator=default_locator())
        return self._gazetteer

    def moved(self, latlon: tuple[float, float] | None) -> None:
        """The cursor is now at ``latlon`` (None: it left the map)."""
        self._point = latlon
        self.place = ""
        self.near = ""
        if latlon is None:
            self._timer.stop()
        else:
            self._timer.start()

    def lines(self) -> list[str]:
        if self._point is None:
            return []
        lat, lon = self._point
        return [f"{lat:.5f}, {lon:.5f}"] + [x for x in (self.place, self.near) if x]

    def _lookup(self) -> None:
        if self._point is None:
            return
        try:
            r = self.gazetteer().reverse(*self._point)
        except FileNotFoundError as exc:
            log.warning("%s", exc)
            return
        self.place = f"{r.label} · cell {r.grid_cell}" if r.grid_cell else r.label
        if self._nearby is None:
            self._nearby = NearbyCache(self.gazetteer(), size=64)
        n = self._nearby.get(*self._point)
        self.near = nearby_line(n) if n is not None else ""
        self.changed.emit()
