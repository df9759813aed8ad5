"""Web Mercator helpers for whole arrays and for the map's pixel space.

Scalar conversions come from :mod:`app.domain.geo`; this module adds the vectorised (numpy)
versions the basemap builder and the map layers need, and the slippy-map pixel scale
(256-pixel tiles, zoom ``z`` gives a world of ``256 * 2**z`` pixels).
"""

from __future__ import annotations

import logging
import math

import numpy as np
import numpy.typing as npt

from app.domain.geo import (
    MERCATOR_MAX_LAT,
    MERCATOR_MAX_XY,
    MERCATOR_RADIUS_M,
    lonlat_to_mercator,
    mercator_to_lonlat,
)

log = logging.getLogger(__name__)

__all__ = [
    "MERCATOR_MAX_LAT",
    "MERCATOR_MAX_XY",
    "TILE_SIZE",
    "ground_resolution_m",
    "lonlat_to_mercator",
    "lonlat_to_mercator_arrays",
    "mercator_to_lonlat",
    "mercator_to_lonlat_arrays",
    "metres_per_pixel",
    "tile_bounds_mercator",
]

FloatArray = npt.NDArray[np.float64]

TILE_SIZE = 256
"""Side of a slippy-map tile in pixels; zoom z spans ``TILE_SIZE * 2**z`` pixels."""

_RAD = math.pi / 180.0


def lonlat_to_mercator_arrays(
    lon: npt.ArrayLike, lat: npt.ArrayLike
) -> tuple[FloatArray, FloatArray]:
    """Vectorised :func:`app.domain.geo.lonlat_to_mercator` (latitudes clipped to the square)."""
    lon_a = np.asarray(lon, dtype=np.float64)
    lat_a = np.clip(np.asarray(lat, dtype=np.float64), -MERCATOR_MAX_LAT, MERCATOR_MAX_LAT)
    x = MERCATOR_RADIUS_M * lon_a * _RAD
    y = MERCATOR_RADIUS_M * np.arcsinh(np.tan(lat_a * _RAD))
    return x, y


def mercator_to_lonlat_arrays(x: npt.ArrayLike, y: npt.ArrayLike) -> tuple[FloatArray, FloatArray]:
    """Vectorised :func:`app.domain.geo.mercator_to_lonlat`: returns ``(lon, lat)`` arrays."""
    x_a = np.asarray(x, dtype=np.float64)
    y_a = np.asarray(y, dtype=np.float64)
    lon = x_a / MERCATOR_RADIUS_M / _RAD
    lat = np.arctan(np.sinh(y_a / MERCATOR_RADIUS_M)) / _RAD
    return lon, lat


def metres_per_pixel(zoom: float) -> float:
    """Mercator metres covered by one screen pixel at ``zoom`` (not ground metres)."""
    return 2.0 * MERCATOR_MAX_XY / (TILE_SIZE * 2.0**zoom)


def ground_resolution_m(zoom: float, lat: float) -> float:
    """Real ground metres per pixel at ``zoom`` and latitude ``lat`` (for the scale bar)."""
    return metres_per_pixel(zoom) * math.cos(lat * _RAD)


def tile_bounds_mercator(z: int, x: int, y: int) -> tuple[float, float, float, float]:
    """``(minx, miny, maxx, maxy)`` in Mercator metres of XYZ tile ``z/x/y`` (y counts down)."""
    span = 2.0 * MERCATOR_MAX_XY / (2**z)
    minx = -MERCATOR_MAX_XY + x * span
    maxy = MERCATOR_MAX_XY - y * span
    return minx, maxy - span, minx + span, maxy
