"""The nearest address and corner of a position, against the real places resource; and the
map's cursor read-out that shows them."""

from __future__ import annotations

import math
import re

import pytest

from app.domain.geo import haversine_m
from app.geo.geocode import Geocoder
from app.geo.nearby import NearbyCache, nearby
from widgets.map.place_readout import PlaceReadout

LINE = re.compile(r"^near (.+) \((\d+) m\) · (.+ & .+) \((\d+) m\)$")


def corner(geo: Geocoder, text: str) -> tuple[float, float]:
    (best, *_) = geo.search(text, limit=1)
    assert best.kind == "intersection", best
    return best.lat, best.lon


def test_a_corner_and_the_address_beside_it(geo: Geocoder) -> None:
    lat, lon = corner(geo, "24th St & Mission St")
    n = nearby(geo, lat, lon)
    assert n is not None
    assert set(n.intersection.split(" & ")) == {"24th St", "Mission St"}
    assert n.intersection_m < 1.0
    assert n.address_m < 60.0 and ("Mission St" in n.address or "24th St" in n.address)
    # The address found is the nearest address point of all (a linear scan agrees).
    d = geo.data
    scan = [
        haversine_m(lat, lon, float(a), float(b))
        for a, b in zip(d.addr_lat, d.addr_lon, strict=True)
    ]
    assert n.address_m == pytest.approx(min(scan), abs=0.5)


def test_distances_grow_as_the_point_moves_away(geo: Geocoder) -> None:
    lat, lon = corner(geo, "Mission St & 19th St")
    step = 30.0 / 111_195.0  # 30 m north
    shown = nearby(geo, lat + step, lon)
    assert shown is not None and "19th St" in shown.intersection
    assert 25.0 < shown.intersection_m < 35.0


@pytest.mark.parametrize(
    "lat, lon", [(37.85, -122.30), (0.0, 0.0), (math.nan, -122.4), (91.0, 0.0), (math.inf, 0.0)]
)
def test_nowhere_near_the_city(geo: Geocoder, lat: float, lon: float) -> None:
    assert nearby(geo, lat, lon) is None
    assert NearbyCache(geo).get(lat, lon) is None


def test_cached_per_position(geo: Geocoder) -> None:
    cache = NearbyCache(geo, size=2)
    a = cache.get(37.7596, -122.4187)
    assert cache.get(37.7596, -122.4187) == a and cache.misses == 1
    cache.get(37.77, -122.42)
    cache.get(37.78, -122.41)  # the first position is pushed out
    cache.get(37.7596, -122.4187)
    assert cache.misses == 4


def test_map_readout_names_the_nearest_address_andcorner(qtbot: object, geo: Geocoder) -> None:
    readout = PlaceReadout()
    readout._gazetteer = geo  # the session's geocoder instead of loading a second one
    lat, lon = corner(geo, "24th St & Mission St")
    with qtbot.waitSignal(readout.changed, timeout=5000):  # type: ignore[attr-defined]
        readout.moved((lat, lon))
    lines = readout.lines()
    assert lines[0] == f"{lat:.5f}, {lon:.5f}"
    m = LINE.match(lines[-1])
    assert m is not None, lines
    assert int(m.group(4)) <= 1
    readout.moved(None)
    assert readout.lines() == []
