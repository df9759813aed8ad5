"""When the map renders basemap tiles and prepares sprites: between frames, never inside one.

A frame only blits what is cached. Missing visible tiles are rendered in short idle slices (a
zero timer, queued behind input and paint events); while a zoom is still moving nothing is
rendered, since the next wheel notch would leave that zoom step; once the view rests a little
longer, the tiles and sprites the next move will want are prepared.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from PySide6 import QtCore

from widgets.map.tiles import BasemapTiles
from widgets.map.unit_layer import UnitLayer
from widgets.map.viewport import Viewport

log = logging.getLogger(__name__)


class TileWork(QtCore.QObject):
    """Owns the idle-time timers of one map: tile slices after a frame, prefetch after a move."""

    PREFETCH_IDLE_MS = 250
    ZOOM_SETTLE_S = 0.15
    TILE_SLICE_S = 0.004  # tile rendering per idle slice between frames (at least one tile)
    TILE_REVEAL_S = 0.05  # while tiles fill in, repaint at most this often

    def __init__(
        self,
        tiles: Callable[[], BasemapTiles | None],
        viewport: Viewport,
        units: UnitLayer,
        visible: Callable[[], bool],
        repaint: Callable[[], None],
        parent: QtCore.QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._tiles = tiles
        self._vp = viewport
        self._units = units
        self._visible = visible
        self._repaint = repaint
        self.zoomed_at = 0.0
        self.missing = 0  # visible tiles the last frame or slice lacked
        self._shown_at = 0.0
        self._slice = QtCore.QTimer(self, singleShot=True, interval=0)
        self._slice.timeout.connect(self._on_slice)
        self._prefetch = QtCore.QTimer(self, singleShot=True, interval=self.PREFETCH_IDLE_MS)
        self._prefetch.timeout.connect(self._on_prefetch)

    def settle_ms(self) -> int:
        """Milliseconds until the zoom rests (0 when it does)."""
        left = self.ZOOM_SETTLE_S - (time.monotonic() - self.zoomed_at)
        return max(0, int(left * 1000) + 1)

    def zoomed(self) -> None:
        self.zoomed_at = time.monotonic()

    def view_changed(self) -> None:
        self._prefetch.start(self.PREFETCH_IDLE_MS)

    def painted(self, missing: int) -> None:
        """A frame was painted lacking ``missing`` visible tiles: queue the slices for them."""
        self.missing = missing
        if missing and not self._slice.isActive():
            self._slice.start(self.settle_ms())

    def _on_slice(self) -> None:
        if self._visible():
            self.render_slice()

    def render_slice(self) -> int:
        """Render missing visible tiles for one short slice (``TILE_SLICE_S``, at least one tile);
        queue the next slice. Returns how many visible tiles are still missing."""
        tiles = self._tiles()
        if tiles is None:
            return 0
        wait = self.settle_ms()
        if wait:
            self._slice.start(wait)
            return self.missing
        self.missing = tiles.fill(self._vp, self.TILE_SLICE_S)
        now = time.monotonic()
        if not self.missing or now - self._shown_at >= self.TILE_REVEAL_S:
            self._shown_at = now
            self._repaint()
        if self.missing:
            self._slice.start(0)
        return self.missing

    def _on_prefetch(self) -> None:
        """Idle time after a move: prepare what the next moves will want (tiles around and a
        zoom step away, unit sprites of the other size)."""
        if not self._visible():
            return
        more = self._units.warm_sprites(0.004)
        tiles = self._tiles()
        if tiles is not None:
            more = tiles.prefetch(self._vp) > 0 or more
        if more:
            self._prefetch.start(0)  # more to do: continue on the next idle turn
