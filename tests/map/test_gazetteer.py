"""The console's gazetteer (the whole-city geocoder): place search and reverse look-up."""

from __future__ import annotations

import pytest

from app.domain.geo import haversine_m
from app.geo.gazetteer import Gazetteer, default_locator


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer(locator=None)


@pytest.mark.parametrize(
    "query", ["Market St & 5th St", "market and 5th", "5th st at market", "Fifth Street / Market"]
)
def test_finds_market_and_fifth(gaz: Gazetteer, query: str) -> None:
    top = gaz.search(query)[0]
    assert top.kind == "intersection"
    assert {"Market St", "5th St"} == set(top.label.split(" & "))
    assert haversine_m(top.lat, top.lon, 37.7837, -122.4075) < 100


def test_finds_neighbourhoods_and_parks(gaz: Gazetteer) -> None:
    top = gaz.search("Mission Dolores")[0]
    assert "Mission Dolores" in top.label
    assert haversine_m(top.lat, top.lon, 37.7596, -122.4269) < 400
    hood = gaz.search("tenderloin")[0]
    assert (hood.label, hood.kind) == ("Tenderloin", "neighbourhood")
    assert haversine_m(hood.lat, hood.lon, 37.7840, -122.4140) < 800


def test_streets_coordinates_and_nothing(gaz: Gazetteer) -> None:
    st = [p for p in gaz.search("van ness ave") if p.kind == "street"]
    assert st and st[0].label == "Van Ness Ave"
    c = gaz.search("37.7837, -122.4075")
    assert c[0].kind == "coordinates" and c[0].lat == pytest.approx(37.7837)
    assert gaz.search("zzqx unknown") == []
    assert gaz.search("   ") == []


def test_reverse_lookup_near_an_intersection(gaz: Gazetteer) -> None:
    r = gaz.reverse(37.78398, -122.40808)  # a few metres from Market & 5th
    assert "Market St" in r.intersection and "5th St" in r.intersection
    assert r.intersection_distance_m < 30
    assert r.label.startswith(r.intersection)
    assert r.neighbourhood in {"South of Market", "Financial District/South Beach", "Tenderloin"}


def test_reverse_lookup_mid_block_and_outside(gaz: Gazetteer) -> None:
    r = gaz.reverse(37.7599, -122.4148)  # Folsom between 18th and 19th
    assert r.street == "Folsom St" and r.street_distance_m < 20
    assert r.neighbourhood == "Mission"
    sea = gaz.reverse(37.70, -122.60)  # the Pacific
    assert sea.neighbourhood == "" and sea.street == ""
    assert sea.label == "37.70000, -122.60000"


def test_city_locator_supplies_grid_cell_when_present() -> None:
    loc = default_locator()
    if loc is None:
        pytest.skip("app.city (grid cells and neighbourhood locator) is not in this tree")
    g = Gazetteer(locator=loc)
    r = g.reverse(37.7837, -122.4075)
    assert r.grid_cell and r.neighbourhood
