"""Duplicate suggestions: pure function over the city state."""

from __future__ import annotations

from app.console.duplicates import find_duplicates
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
