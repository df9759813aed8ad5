"""Field-of-view coverage: which cameras see a point, nearest first."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.geo import bearing_deg, haversine_m
from app.video.coverage import cameras_covering, covers
from tests.video.conftest import make_camera

M_PER_DEG_LAT = 111_195.0


def offset(lat: float, lon: float, bearing: float, dist_m: float) -> tuple[float, float]:
    """Point ``dist_m`` from ``(lat, lon)`` along ``bearing`` (small distances, flat Earth)."""
    b = math.radians(bearing)
    dlat = dist_m * math.cos(b) / M_PER_DEG_LAT
    dlon = dist_m * math.sin(b) / (M_PER_DEG_LAT * math.cos(math.radians(lat)))
    return lat + dlat, lon + dlon


lats = st.floats(-60.0, 60.0)
lons = st.floats(-179.0, 179.0)
headings = st.floats(0.0, 359.999)
fovs = st.floats(5.0, 170.0)
ranges = st.floats(20.0, 2000.0)


@settings(max_examples=80, deadline=None)
@given(lats, lons, headings, fovs, ranges, st.floats(0.05, 0.95))
def test_point_straight_ahead_within_range_is_covered(lat, lon, heading, fov, rng, frac):
    cam = make_camera("c", lat, lon, heading, fov=fov, range_m=rng)
    plat, plon = offset(lat, lon, heading, rng * frac)
    assert covers(cam, plat, plon)


@settings(max_examples=80, deadline=None)
@given(lats, lons, headings, fovs, ranges, st.floats(0.05, 0.95))
def test_point_behind_is_not_covered(lat, lon, heading, fov, rng, frac):
    cam = make_camera("c", lat, lon, heading, fov=fov, range_m=rng)
    plat, plon = offset(lat, lon, heading + 180.0, rng * frac)
    assert not covers(cam, plat, plon)


@settings(max_examples=80, deadline=None)
@given(lats, lons, headings, fovs, ranges, st.floats(1.05, 5.0))
def test_point_beyond_range_is_not_covered(lat, lon, heading, fov, rng, factor):
    cam = make_camera("c", lat, lon, heading, fov=fov, range_m=rng)
    plat, plon = offset(lat, lon, heading, rng * factor)
    assert not covers(cam, plat, plon)


@settings(max_examples=80, deadline=None)
@given(lats, lons, headings, fovs, st.sampled_from([-1.0, 1.0]))
def test_fov_edge(lat, lon, heading, fov, side):
    """Just inside half the angle is covered, just outside is not (either side)."""
    cam = make_camera("c", lat, lon, heading, fov=fov, range_m=500.0)
    inside = offset(lat, lon, heading + side * (fov / 2 - 0.5), 200.0)
    outside = offset(lat, lon, heading + side * (fov / 2 + 0.5), 200.0)
    assert covers(cam, *inside)
    assert not covers(cam, *outside)


def test_exact_edge_counts_as_covered():
    """A point whose bearing is exactly heading + fov/2 is on the edge: covered."""
    lat, lon = 37.78, -122.41
    plat, plon = offset(lat, lon, 120.0, 200.0)
    b = bearing_deg(lat, lon, plat, plon)
    assert covers(make_camera("c", lat, lon, b - 30.0, fov=60.0), plat, plon)
    assert covers(make_camera("c", lat, lon, b + 30.0, fov=60.0), plat, plon)
    assert not covers(make_camera("c", lat, lon, b + 30.01, fov=60.0), plat, plon)


def test_heading_wraps_through_north():
    cam = make_camera("c", 37.78, -122.41, 350.0, fov=40.0, range_m=500.0)
    assert covers(cam, *offset(37.78, -122.41, 5.0, 100.0))
    assert not covers(cam, *offset(37.78, -122.41, 20.0, 100.0))


def test_camera_at_the_point_and_degenerate_cameras():
    assert covers(make_camera("c", 37.78, -122.41, 0.0), 37.78, -122.41)
    assert not covers(make_camera("c", 37.78, -122.41, 0.0, range_m=0.0), 37.78, -122.41001)
    assert covers(
        make_camera("c", 37.78, -122.41, 0.0, fov=360.0), *offset(37.78, -122.41, 180, 50)
    )


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(st.floats(0.0, 359.0), st.floats(10.0, 900.0), st.floats(0.0, 359.0)),
        min_size=0,
        max_size=30,
    ),
    st.integers(1, 20),
)
def test_covering_is_nearest_first_and_exact(placements, max_n):
    """Cameras placed around an incident: the result is exactly the covering ones, sorted."""
    lat0, lon0 = 37.78, -122.41
    cams = []
    for n, (bearing_from_incident, dist, heading) in enumerate(placements):
        clat, clon = offset(lat0, lon0, bearing_from_incident, dist)
        cams.append(make_camera(f"c{n:02d}", clat, clon, heading, fov=90.0, range_m=500.0))
    got = cameras_covering(lat0, lon0, cams, max_n=max_n)
    dists = [d for _, d in got]
    assert dists == sorted(dists)
    expected = sorted(
        (haversine_m(c.lat, c.lon, lat0, lon0), c.id) for c in cams if covers(c, lat0, lon0)
    )[:max_n]
    assert [c.id for c, _ in got] == [cid for _, cid in expected]
    for cam, d in got:
        assert d == pytest.approx(haversine_m(cam.lat, cam.lon, lat0, lon0))


def test_covering_rejects_negative_max():
    with pytest.raises(ValueError, match="max_n"):
        cameras_covering(0.0, 0.0, [], max_n=-1)
