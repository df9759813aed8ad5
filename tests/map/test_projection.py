"""Projection round trips, pixel scales and the map viewport."""

from __future__ import annotations

import math

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from app.domain.geo import lonlat_to_mercator, mercator_to_lonlat
from app.geo.projection import (
    ground_resolution_m,
    lonlat_to_mercator_arrays,
    mercator_to_lonlat_arrays,
    metres_per_pixel,
    tile_bounds_mercator,
)
from widgets.map.viewport import Viewport, snap_zoom

lats = st.floats(-85.0, 85.0)
lons = st.floats(-180.0, 180.0)


@given(lons, lats)
def test_array_projection_round_trips_and_matches_scalar(lon: float, lat: float) -> None:
    x, y = lonlat_to_mercator_arrays([lon], [lat])
    sx, sy = lonlat_to_mercator(lon, lat)
    assert math.isclose(x[0], sx, abs_tol=1e-6)
    assert math.isclose(y[0], sy, abs_tol=1e-6)
    lo, la = mercator_to_lonlat_arrays(x, y)
    assert math.isclose(lo[0], lon, abs_tol=1e-9)
    assert math.isclose(la[0], lat, abs_tol=1e-9)


def test_known_points() -> None:
    x, y = lonlat_to_mercator(-122.4075, 37.7837)
    # The textbook form of EPSG:3857 (ln tan), independent of the asinh form used in the code.
    r = 6378137.0
    assert math.isclose(x, r * math.radians(-122.4075), abs_tol=1e-6)
    assert math.isclose(
        y, r * math.log(math.tan(math.pi / 4 + math.radians(37.7837) / 2)), abs_tol=1e-6
    )
    assert 4.54e6 < y < 4.56e6
    lon, lat = mercator_to_lonlat(0.0, 0.0)
    assert (lon, lat) == (0.0, 0.0)


def test_pixel_scales() -> None:
    assert math.isclose(metres_per_pixel(0), 2 * math.pi * 6378137.0 / 256)
    assert math.isclose(metres_per_pixel(1), metres_per_pixel(0) / 2)
    # At 60 degrees north the ground is half the Mercator distance.
    assert math.isclose(ground_resolution_m(10, 60.0), metres_per_pixel(10) / 2)
    minx, miny, maxx, maxy = tile_bounds_mercator(1, 0, 0)
    assert (
        minx < 0 < maxy
        and math.isclose(maxx, 0.0, abs_tol=1e-6)
        and math.isclose(miny, 0.0, abs_tol=1e-6)
    )


@given(st.floats(-500, 1400), st.floats(-300, 900), st.sampled_from([10.0, 13.25, 16.5, 19.0]))
def test_viewport_screen_round_trip(sx: float, sy: float, zoom: float) -> None:
    cx, cy = lonlat_to_mercator(-122.44, 37.76)
    vp = Viewport(cx, cy, zoom, 900, 600)
    mx, my = vp.to_mercator(sx, sy)
    bx, by = vp.to_screen(mx, my)
    assert math.isclose(bx, sx, abs_tol=1e-5) and math.isclose(by, sy, abs_tol=1e-5)
    ax, ay = vp.to_screen_arrays(np.array([mx]), np.array([my]))
    assert math.isclose(ax[0], sx, abs_tol=1e-5) and math.isclose(ay[0], sy, abs_tol=1e-5)


def test_zoom_about_keeps_the_point_under_the_cursor() -> None:
    cx, cy = lonlat_to_mercator(-122.44, 37.76)
    vp = Viewport(cx, cy, 14.0, 900, 600)
    before = vp.lonlat_at(200, 150)
    vp.zoom_about(15.5, 200, 150)
    after = vp.lonlat_at(200, 150)
    assert vp.zoom == 15.5
    # Whole-pixel origin: the point may move by less than one pixel.
    px = metres_per_pixel(15.5) / 111_320 * 1.3
    assert abs(before[0] - after[0]) < px and abs(before[1] - after[1]) < px
    assert snap_zoom(13.13) == 13.25 and snap_zoom(99) <= 19.5
