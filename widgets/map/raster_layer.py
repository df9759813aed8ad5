"""Optional raster base layer (XYZ URL or MBTiles) for cities the bundled basemap does not cover."""

from __future__ import annotations

import logging
import math
from collections import OrderedDict
from typing import Protocol

from PySide6 import QtCore, QtGui

from app.geo.projection import TILE_SIZE
from widgets.map.viewport import Viewport

log = logging.getLogger(__name__)


class TileSource(Protocol):
    """Anything that answers encoded image bytes for an XYZ tile (None: not available yet)."""

    def tile(self, z: int, x: int, y: int) -> bytes | None: ...


class RasterLayer:
    """Owns decoded tile images (LRU) of one source and draws them under the vector layers."""

    def __init__(self, source: TileSource, max_zoom: int = 19, opacity: float = 1.0) -> None:
        self.source = source
        self.max_zoom = max_zoom
        self.opacity = opacity
        self.visible = True
        self._images: OrderedDict[tuple[int, int, int], QtGui.QImage | None] = OrderedDict()

    def forget(self, z: int, x: int, y: int) -> None:
        """Drop a cached miss so the tile is asked for again (e.g. when a download lands)."""
        self._images.pop((z, x, y), None)

    def image(self, z: int, x: int, y: int) -> QtGui.QImage | None:
        key = (z, x, y)
        if key in self._images:
            self._images.move_to_end(key)
            return self._images[key]
        data = self.source.tile(z, x, y)
        if data is None:
            return None  # not cached as a miss: a network source may deliver it later
        img = QtGui.QImage.fromData(data)
        if img.isNull():
            log.warning("tile %d/%d/%d is not a decodable image (%d bytes)", z, x, y, len(data))
            self._images[key] = None
            return None
        self._images[key] = img
        while len(self._images) > 256:
            self._images.popitem(last=False)
        return img

    def paint(self, p: QtGui.QPainter, vp: Viewport) -> int:
        """Draw the tiles of the nearest whole zoom, scaled; returns how many were drawn."""
        if not self.visible:
            return 0
        z = max(0, min(self.max_zoom, math.floor(vp.zoom + 0.5)))
        f = 2.0 ** (vp.zoom - z)  # screen pixels per source tile pixel
        ox, oy = vp.origin
        t = TILE_SIZE * f
        n = 1 << z
        drawn = 0
        p.save()
        p.setOpacity(self.opacity)
        p.setRenderHint(QtGui.QPainter.RenderHint.SmoothPixmapTransform, True)
        for tx in range(math.floor(ox / t), math.floor((ox + vp.width) / t) + 1):
            for ty in range(
                max(0, math.floor(oy / t)), min(n - 1, math.floor((oy + vp.height) / t)) + 1
            ):
                img = self.image(z, tx % n, ty)
                if img is None:
                    continue
                p.drawImage(QtCore.QRectF(tx * t - ox, ty * t - oy, t, t), img)
                drawn += 1
        p.restore()
        return drawn
