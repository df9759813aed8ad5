"""The demo city bundle: sizes, consistency, grid geometry, point lookups, bad files."""

from __future__ import annotations

import json
import math
import shutil
from pathlib import Path

import numpy as np
import pytest

from app.city import CityDataError, Locator, load_city
from app.domain.model import Role, UnitStatus
from app.paths import resource_path


@pytest.fixture(scope="module")
def city():  # type: ignore[no-untyped-def]
    return load_city()


@pytest.fixture(scope="module")
def locator(city):  # type: ignore[no-untyped-def]
    return Locator(city)


def _metres(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * 6_371_008.8 * math.asin(math.sqrt(h))


def test_bundle_is_small() -> None:
    total = sum(p.stat().st_size for p in resource_path("city").iterdir())
    assert total < 1_500_000


def test_counts(city) -> None:
    assert len(city.units) >= 60
    assert len(city.cameras) >= 24
    assert len(city.neighbourhoods) == 41
    assert len({u.id for u in city.units}) == len(city.units)
    assert len({c.id for c in city.cameras}) == len(city.cameras)
    assert len(city.calls) > 3000


def test_units_start_available_at_their_home_station(city) -> None:
    stations = {s.id: s for a in city.agencies for s in a.stations}
    for u in city.units:
        st = stations[u.home_station]
        assert u.status == UnitStatus.AVAILABLE
        assert (u.lat, u.lon) == (st.lat, st.lon), u.id
        assert u.capabilities, u.id


def test_every_agency_has_stations_and_a_distinct_colour(city) -> None:
    colours = [a.color.lower() for a in city.agencies]
    assert len(set(colours)) == len(colours)
    for a in city.agencies:
        assert a.stations and a.name_zh, a.id
        assert any(u.agency == a.id for u in city.units), a.id


def test_places_lie_in_the_city(city, locator) -> None:
    for a in city.agencies:
        for s in a.stations:
            assert locator.in_city(s.lat, s.lon), s.name
    for cam in city.cameras:
        assert locator.in_city(cam.lat, cam.lon), cam.name
        assert 50 <= cam.fov <= 90 and 80 <= cam.range_m <= 200
        assert 0 <= cam.heading < 360 and cam.status == "online" and cam.stream_url == ""


def test_grid_cells_are_500_m_squares_named_for_a_neighbourhood(city) -> None:
    names = {h.name for h in city.neighbourhoods}
    assert len(city.grid_cells) > 400  # about 121 km2 of land
    for cell in city.grid_cells:
        assert cell.neighbourhood in names, cell.id
        ring = cell.polygon
        assert len(ring) == 5 and ring[0] == ring[-1]
        (w, n), (e, _), (_, s) = ring[0], ring[1], ring[2]
        mid = (n + s) / 2
        assert _metres(mid, w, mid, e) == pytest.approx(500, rel=0.02), cell.id
        assert _metres(n, w, s, w) == pytest.approx(500, rel=0.02), cell.id
    assert len({c.id for c in city.grid_cells}) == len(city.grid_cells)


def test_locator_finds_known_places(locator) -> None:
    cell, hood = locator.locate(37.7793, -122.4193)  # City Hall
    assert hood == "Tenderloin" and cell.startswith("G-")
    assert locator.locate(37.7694, -122.4862)[1] == "Golden Gate Park"
    assert locator.locate(37.8267, -122.3705)[1] == "Treasure Island"
    assert locator.locate(37.7599, -122.4148)[1] == "Mission"  # Folsom St & 20th St
    assert locator.locate(37.80, -122.30) == ("", "")  # the Bay
    assert locator.locate(37.75, -122.53) == ("", "")  # the Pacific
    assert locator.locate(40.0, -100.0) == ("", "")
    assert locator.locate(float("nan"), -122.4) == ("", "")
    assert not locator.in_city(37.80, -122.30)


def test_locator_cell_contains_the_point(city, locator) -> None:
    cells = {c.id: c for c in city.grid_cells}
    for call in city.calls[::50]:
        cell_id, hood = locator.locate(call.lat, call.lon)
        assert hood, call
        ring = cells[cell_id].polygon
        assert ring[0][0] <= call.lon <= ring[1][0] and ring[2][1] <= call.lat <= ring[0][1]


def test_locator_agrees_with_the_published_neighbourhood(city, locator) -> None:
    # Calls are geocoded on street centrelines, which are also neighbourhood borders, so a few
    # land on the neighbour: most must agree.
    agree = sum(locator.locate(c.lat, c.lon)[1] == c.neighbourhood for c in city.calls)
    assert agree / len(city.calls) > 0.95


def test_one_demo_user_per_role(city) -> None:
    roles = {u.role for u in city.users}
    assert roles == set(Role)
    liaisons = {u.agency for u in city.users if u.role == Role.LIAISON}
    assert {"water", "fire"} <= liaisons
    assert all(u.password for u in city.users)
    assert city.users[0].user().username == city.users[0].username


def test_cameras_sit_on_the_street_grid(city, shared_dir: Path) -> None:
    data = json.loads((shared_dir / "data/geo/sf/stclines_streets.wgs84.geojson").read_text())
    a, b = [], []
    for f in data["features"]:
        line = f["geometry"]["coordinates"]
        a += line[:-1]
        b += line[1:]
    pa, pb = np.asarray(a), np.asarray(b)
    k = math.cos(math.radians(37.77))
    for cam in city.cameras:
        ax, ay = (pa[:, 0] - cam.lon) * k, pa[:, 1] - cam.lat
        bx, by = (pb[:, 0] - cam.lon) * k, pb[:, 1] - cam.lat
        dx, dy = bx - ax, by - ay
        seg2 = np.where(dx * dx + dy * dy == 0, 1e-18, dx * dx + dy * dy)
        t = np.clip(-(ax * dx + ay * dy) / seg2, 0, 1)
        d = np.min(np.hypot(ax + t * dx, ay + t * dy)) * 110_992
        assert d < 25, f"{cam.name} is {d:.0f} m from a street"


def test_bad_file_gives_a_clear_error(tmp_path: Path) -> None:
    root = tmp_path / "city"
    shutil.copytree(resource_path("city"), root)
    (root / "units.json").write_text('[{"id": "E1"}]')
    with pytest.raises(CityDataError, match=r"units\.json"):
        load_city(root)
    (root / "units.json").unlink()
    with pytest.raises(CityDataError, match=r"cannot read .*units\.json"):
        load_city(root)


def test_unit_with_unknown_station_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "city"
    shutil.copytree(resource_path("city"), root)
    units = json.loads((root / "units.json").read_text())
    units[0]["home_station"] = "NOWHERE"
    (root / "units.json").write_text(json.dumps(units))
    with pytest.raises(CityDataError, match="NOWHERE"):
        load_city(root)
