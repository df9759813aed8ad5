"""Duplicate suggestions: pure function over the city state."""

from __future__ import annotations

import math

from app.console.duplicates import concerns, find_duplicates
from app.domain.geo import haversine_m
from app.domain.model import Status
from app.store.store import Store
from tests.panels.scene import MARKET_5TH, seed_incident

# 0.001 degree of latitude is ~111 m in San Francisco.
DLAT_M = 111.2


def test_same_category_within_radius_nearest_first(store: Store) -> None:
    lat, lon = MARKET_5TH
    seed_incident(
        store, incident_id="far", number="2026-000002", lat=lat + 120 / DLAT_M / 1000, lon=lon
    )
    seed_incident(
        store, incident_id="near", number="2026-000003", lat=lat + 30 / DLAT_M / 1000, lon=lon
    )
    seed_incident(
        store, incident_id="out", number="2026-000004", lat=lat + 300 / DLAT_M / 1000, lon=lon
    )
    seed_incident(store, incident_id="other-cat", number="2026-000005", category="fire.vehicle")
    seed_incident(store, incident_id="closed", number="2026-000006", status=Status.CLOSED)
    found = find_duplicates(store.state, "fire.structure", lat, lon)
    assert [c.incident_id for c in found] == ["near", "far"]
    assert found[0].distance_m < found[1].distance_m < 150
    inc = store.state.incidents["far"]
    assert (
        abs(found[1].distance_m - haversine_m(lat, lon, inc.location.lat, inc.location.lon)) < 1e-6
    )


def test_nothing_for_empty_category_or_bad_point(store: Store) -> None:
    seed_incident(store, incident_id="a", number="2026-000002")
    assert find_duplicates(store.state, "", *MARKET_5TH) == []
    assert find_duplicates(store.state, "fire.structure", float("nan"), MARKET_5TH[1]) == []
    assert find_duplicates(store.state, "fire.structure", 95.0, MARKET_5TH[1]) == []
    assert len(find_duplicates(store.state, "fire.structure", *MARKET_5TH)) == 1


def test_edge_of_the_radius(store: Store) -> None:
    lat, lon = MARKET_5TH
    # Due north and due east, 149.9 m and 150.1 m away (haversine), to catch a too-tight pre-filter.
    step_lat = 1 / 111_195.0
    step_lon = step_lat / math.cos(math.radians(lat))
    spots = {
        "n149": (lat + 149.9 * step_lat, lon),
        "n151": (lat + 150.1 * step_lat, lon),
        "e149": (lat, lon + 149.9 * step_lon),
        "e151": (lat, lon + 150.1 * step_lon),
    }
    for k, (a, b) in spots.items():
        seed_incident(store, incident_id=k, number=f"2026-{k}", lat=a, lon=b)
    found = {
        c.incident_id: c.distance_m
        for c in find_duplicates(store.state, "fire.structure", lat, lon)
    }
    assert set(found) == {"n149", "e149"}
    assert all(149.5 < d <= 150 for d in found.values())


def test_concerns_only_nearby_same_category_or_shown(store: Store) -> None:
    lat, lon = MARKET_5TH
    seed_incident(store, incident_id="near", number="2026-000002", lat=lat + 0.0005, lon=lon)
    seed_incident(store, incident_id="far", number="2026-000003", lat=lat + 0.01, lon=lon)
    seed_incident(store, incident_id="other", number="2026-000004", category="fire.vehicle")
    st = store.state
    assert concerns(st, ["near"], "fire.structure", lat, lon, set())
    assert not concerns(st, ["far", "other", "gone"], "fire.structure", lat, lon, set())
    assert concerns(st, ["far"], "fire.structure", lat, lon, {"far"})  # shown: it may have closed
    assert not concerns(st, ["near"], "", lat, lon, set())
