"""The map's view: centre in Web Mercator metres, zoom, size in pixels, and the conversions."""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from app.geo.projection import (
    MERCATOR_MAX_XY,
    TILE_SIZE,
    lonlat_to_mercator,
    mercator_to_lonlat,
    metres_per_pixel,
)

log = logging.getLogger(__name__)

MIN_ZOOM = 9.0
MAX_ZOOM = 19.5
ZOOM_STEP = 0.25  # zoom snaps to quarter steps so rendered tiles can be cached per step


def snap_zoom(z: float) -> float:
    return min(MAX_ZOOM, max(MIN_ZOOM, round(z / ZOOM_STEP) * ZOOM_STEP))


@dataclass
class Viewport:
    """Centre (Mercator metres), zoom and pixel size; the screen origin is kept on whole pixels."""

    cx: float
    cy: float
    zoom: float
    width: int
    height: int

    @property
    def scale(self) -> float:
        """Pixels per Mercator metre."""
        return 1.0 / metres_per_pixel(self.zoom)

    @property
    def origin(self) -> tuple[float, float]:
        """World-pixel position of the screen's top-left corner (whole pixels: crisp tile blits)."""
        s = self.scale
        ox = math.floor((self.cx + MERCATOR_MAX_XY) * s - self.width / 2)
        oy = math.floor((MERCATOR_MAX_XY - self.cy) * s - self.height / 2)
        return float(ox), float(oy)

    def to_screen(self, x: float, y: float) -> tuple[float, float]:
        s = self.scale
        ox, oy = self.origin
        return (x + MERCATOR_MAX_XY) * s - ox, (MERCATOR_MAX_XY - y) * s - oy

    def to_screen_arrays(
        self, x: npt.NDArray[np.float64], y: npt.NDArray[np.float64]
    ) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
        s = self.scale
        ox, oy = self.origin
        return (x + MERCATOR_MAX_XY) * s - ox, (MERCATOR_MAX_XY - y) * s - oy

    def to_mercator(self, sx: float, sy: float) -> tuple[float, float]:
        s = self.scale
        ox, oy = self.origin
        return (sx + ox) / s - MERCATOR_MAX_XY, MERCATOR_MAX_XY - (sy + oy) / s

    def lonlat_at(self, sx: float, sy: float) -> tuple[float, float]:
        return mercator_to_lonlat(*self.to_mercator(sx, sy))

    def screen_of_latlon(self, lat: float, lon: float) -> tuple[float, float]:
        return self.to_screen(*lonlat_to_mercator(lon, lat))

    def bounds(self, margin_px: float = 0.0) -> tuple[float, float, float, float]:
        """Visible box in Mercator metres ``(minx, miny, maxx, maxy)``."""
        x0, y1 = self.to_mercator(-margin_px, -margin_px)
        x1, y0 = self.to_mercator(self.width + margin_px, self.height + margin_px)
        return x0, y0, x1, y1

    def zoom_about(self, new_zoom: float, sx: float, sy: float) -> None:
        """Change zoom keeping the map point under screen pixel (sx, sy) in place."""
        mx, my = self.to_mercator(sx, sy)
        self.zoom = snap_zoom(new_zoom)
        s = self.scale
        self.cx = mx - (sx - self.width / 2) / s
        self.cy = my + (sy - self.height / 2) / s

    def pan_pixels(self, dx: float, dy: float) -> None:
        s = self.scale
        self.cx -= dx / s
        self.cy += dy / s

    def tile_range(self, tile_px: int) -> tuple[int, int, int, int]:
        """Inclusive tile index range ``(tx0, ty0, tx1, ty1)`` covering the screen."""
        ox, oy = self.origin
        return (
            math.floor(ox / tile_px),
            math.floor(oy / tile_px),
            math.floor((ox + self.width - 1) / tile_px),
            math.floor((oy + self.height - 1) / tile_px),
        )


def tile_key_zoom(zoom: float) -> int:
    return round(zoom / ZOOM_STEP)


__all__ = ["MAX_ZOOM", "MIN_ZOOM", "TILE_SIZE", "Viewport", "snap_zoom", "tile_key_zoom"]
