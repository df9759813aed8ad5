"""Routed drive times over the city's road graph: one-way streets, one search for every unit."""

from __future__ import annotations

import numpy as np
import pytest

from app.domain.geo import haversine_m
from app.domain.model import Unit, UnitStatus
from app.domain.recommend import recommend
from app.geo.geocode import Geocoder
from app.geo.route import CLASS_SPEEDS_KMH, RoadGraph


@pytest.fixture(scope="module")
def graph(geo: Geocoder) -> RoadGraph:
    return RoadGraph(geo.data)


def node_pos(geo: Geocoder, node: int) -> tuple[float, float]:
    return float(geo.data.xing_lat[node]), float(geo.data.xing_lon[node])


def test_one_way_streets_are_driven_one_way(geo: Geocoder, graph: RoadGraph) -> None:
    d = geo.data
    # A one-way residential/collector segment from->to of a reasonable length.
    seg = next(
        i
        for i in range(len(d.seg_street))
        if d.seg_oneway[i] == 1 and d.seg_class[i] in (4, 5) and 80 < d.seg_length_m[i] < 150
    )
    a, b = int(d.seg_from[seg]), int(d.seg_to[seg])
    direct = float(d.seg_length_m[seg]) / (CLASS_SPEEDS_KMH[int(d.seg_class[seg])] / 3.6)
    with_flow = graph.search_to(*node_pos(geo, b)).times[a]
    against = graph.search_to(*node_pos(geo, a)).times[b]
    assert with_flow == pytest.approx(direct, rel=0.05, abs=2.0)
    assert against > with_flow + 5.0  # has to go round the block


def test_one_reversed_search_equals_a_search_per_unit(geo: Geocoder, graph: RoadGraph) -> None:
    d = geo.data
    rng = np.random.default_rng(3)
    idx = rng.choice(len(d.addr_lat), 12, replace=False)
    units = [(float(d.addr_lat[i]), float(d.addr_lon[i])) for i in idx]
    incident = (37.75224, -122.41845)  # 24th & Mission
    once = graph.etas_to(*incident, units)
    each = graph.etas_to_one_by_one(*incident, units)
    for a, b in zip(once, each, strict=True):
        assert a is not None and b is not None
        # The single search also tries a few nearest nodes at both ends; the per-unit search
        # starts at the nearest only: never worse, and close.
        assert a <= b + 60.0


def test_route_is_drawn_from_the_unit_to_the_incident(geo: Geocoder, graph: RoadGraph) -> None:
    city_hall = geo.search("City Hall")[0]
    scene = geo.search("24th & Mission")[0]
    route = graph.search_to(scene.lat, scene.lon).route_from(city_hall.lat, city_hall.lon)
    assert route is not None
    assert route.path[0] == (city_hall.lat, city_hall.lon)
    assert route.path[-1] == (scene.lat, scene.lon)
    straight = haversine_m(city_hall.lat, city_hall.lon, scene.lat, scene.lon)
    assert straight < route.length_m < 2.0 * straight
    # Every step of the polyline is short: it follows the streets, not a straight line.
    steps = [haversine_m(*p, *q) for p, q in zip(route.path, route.path[1:], strict=False)]
    assert max(steps) < 400
    assert 120 < route.eta_s < 900  # ~3 km through the city with lights and siren


def test_recommendation_ranks_by_road(geo: Geocoder, graph: RoadGraph) -> None:
    scene = geo.search("2300 Mission St")[0]
    positions = {
        "E7": geo.search("16th & Mission")[0],
        "E11": geo.search("Cesar Chavez & Mission")[0],
        "E36": geo.search("Ferry Building")[0],
    }
    units = [
        Unit(id=uid, agency="fire", type="engine", capabilities=["fire_suppression"],
             status=UnitStatus.AVAILABLE, lat=p.lat, lon=p.lon, position_time=1000.0)
        for uid, p in positions.items()
    ]  # fmt: skip
    search = graph.search_to(scene.lat, scene.lon)
    recs = recommend(scene.lat, scene.lon, ["fire_suppression"], units, 1010.0,
                     road_eta=search.eta_from)  # fmt: skip
    assert all(r.routed for r in recs)
    assert recs[-1].unit_id == "E36"
    assert [r.eta_s for r in recs] == sorted(r.eta_s for r in recs)
    for r in recs:
        p = positions[r.unit_id]
        assert r.eta_s == pytest.approx(search.eta_from(p.lat, p.lon))
