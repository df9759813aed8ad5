"""Unit recommendation: eligibility, ranking, stale positions and the dispatcher-facing reason."""

from __future__ import annotations

import math
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.geo import haversine_m
from app.domain.model import Unit, UnitStatus
from app.domain.recommend import (
    DEFAULT_SPEEDS_KMH,
    Recommendation,
    eta_seconds,
    format_distance,
    format_duration,
    recommend,
    speed_kmh,
)

SETTINGS = settings(max_examples=200, deadline=None)
NOW = 1_780_000_000.0
CITY_HALL = (37.77927, -122.41924)
FERRY_BUILDING = (37.79557, -122.39349)
STATIONS = {"S1": (37.7749, -122.4194), "S2": (37.7599, -122.4148), "S3": (37.8005, -122.4360)}
CAPS = ["fire_suppression", "rescue", "ems_als", "hazmat", "traffic_control"]
TYPES = ["engine", "truck", "medic", "patrol", "battalion", "crew", "sweeper", "drone"]


def unit(
    uid: str,
    *,
    caps: list[str],
    lat: float,
    lon: float,
    age_s: float = 30.0,
    status: UnitStatus | str = UnitStatus.AVAILABLE,
    type_: str = "engine",
    home: str = "",
    agency: str = "fire",
) -> Unit:
    return Unit(
        id=uid,
        agency=agency,
        type=type_,
        capabilities=caps,
        status=status,  # type: ignore[arg-type]  # the wire may hand over plain strings
        lat=lat,
        lon=lon,
        position_time=NOW - age_s,
        home_station=home,
    )


_unit_fields = st.tuples(
    st.lists(st.sampled_from(CAPS), max_size=3, unique=True),
    st.floats(37.70, 37.82),
    st.floats(-122.52, -122.35),
    st.floats(-60.0, 3600.0),
    st.sampled_from(list(UnitStatus)),
    st.sampled_from(TYPES),
    st.sampled_from(["", "S1", "S2", "S3", "S9"]),
    st.sampled_from(["fire", "police", "medical"]),
)


def _build_fleet(rows: list[tuple]) -> list[Unit]:
    return [
        unit(
            f"U{i}",
            caps=caps,
            lat=lat,
            lon=lon,
            age_s=age,
            status=status,
            type_=type_,
            home=home,
            agency=agency,
        )
        for i, (caps, lat, lon, age, status, type_, home, agency) in enumerate(rows)
    ]


fleets = st.lists(_unit_fields, max_size=15).map(_build_fleet)
FLEET_SETTINGS = settings(max_examples=100, deadline=None)


required_lists = st.lists(st.sampled_from(CAPS), min_size=1, max_size=3)
incident_lat = st.floats(37.70, 37.82)
incident_lon = st.floats(-122.52, -122.35)


def _position_used(u: Unit, max_age: float) -> tuple[float, float] | None:
    """The position the rules say must be used for ``u``, or None when it must be skipped."""
    if NOW - u.position_time <= max_age:
        return (u.lat, u.lon)
    return STATIONS.get(u.home_station)


@FLEET_SETTINGS
@given(incident_lat, incident_lon, required_lists, fleets, st.integers(0, 30))
def test_recommendation_invariants(
    lat: float, lon: float, required: list[str], units: list[Unit], top_n: int
) -> None:
    recs = recommend(lat, lon, required, units, NOW, top_n=top_n, station_positions=STATIONS)
    by_id = {u.id: u for u in units}
    need = set(required)
    eligible = [
        u
        for u in units
        if u.status in (UnitStatus.AVAILABLE, UnitStatus.RETURNING)
        and need & set(u.capabilities)
        and _position_used(u, 900) is not None
    ]
    assert len(recs) == min(top_n, len(eligible))
    assert len({r.unit_id for r in recs}) == len(recs)
    for r in recs:
        u = by_id[r.unit_id]
        assert u.status in (UnitStatus.AVAILABLE, UnitStatus.RETURNING)
        assert r.capabilities_matched
        assert set(r.capabilities_matched) == need & set(u.capabilities)
        assert set(r.capabilities_missing) == need - set(u.capabilities)
        assert r.agency == u.agency
        pos = _position_used(u, 900)
        assert pos is not None
        assert r.from_station == (NOW - u.position_time > 900)
        assert r.distance_m == pytest.approx(haversine_m(lat, lon, *pos))
        assert r.eta_s == pytest.approx(r.distance_m * 1.4 / (speed_kmh(u.type) / 3.6))
        assert r.reason.startswith(f"{u.id} {u.type}: ")
        if r.from_station:
            assert f"using home station {u.home_station}" in r.reason
        else:
            assert "from live position" in r.reason
    keys = [(len(r.capabilities_missing), r.eta_s) for r in recs]
    assert keys == sorted(keys)
    # Nobody left out ranks ahead of the last one returned.
    if recs and len(recs) < len(eligible):
        chosen = {r.unit_id for r in recs}
        everyone = recommend(lat, lon, required, units, NOW, top_n=100, station_positions=STATIONS)
        assert [r.unit_id for r in everyone[: len(recs)]] == [r.unit_id for r in recs]
        assert all(
            (len(r.capabilities_missing), r.eta_s) >= keys[-1]
            for r in everyone
            if r.unit_id not in chosen
        )


@FLEET_SETTINGS
@given(incident_lat, incident_lon, required_lists, fleets)
def test_without_stations_stale_units_are_skipped(
    lat: float, lon: float, required: list[str], units: list[Unit]
) -> None:
    recs = recommend(lat, lon, required, units, NOW, top_n=50, max_position_age_s=600)
    by_id = {u.id: u for u in units}
    assert all(NOW - by_id[r.unit_id].position_time <= 600 for r in recs)
    assert not any(r.from_station for r in recs)


@SETTINGS
@given(st.floats(0.0, 1e6), st.sampled_from(TYPES), st.floats(1.0, 3.0))
def test_eta_formula_and_monotonic(distance: float, unit_type: str, factor: float) -> None:
    eta = eta_seconds(distance, unit_type, factor)
    speed = DEFAULT_SPEEDS_KMH.get(unit_type, DEFAULT_SPEEDS_KMH["default"])
    assert eta == pytest.approx(distance * factor / (speed / 3.6))
    assert eta_seconds(distance + 100.0, unit_type, factor) > eta


def test_explicit_ranking_and_reason() -> None:
    engine = unit(
        "E12", caps=["fire_suppression"], lat=FERRY_BUILDING[0], lon=FERRY_BUILDING[1], age_s=45
    )
    # Closer but busy, and closer but without the capability: both must be left out.
    busy = unit("E1", caps=["fire_suppression"], lat=37.7795, lon=-122.4190, status="on_scene")
    medic = unit("M4", caps=["ems_als"], lat=37.7794, lon=-122.4191, type_="medic")
    out_of_service = unit(
        "E2", caps=["fire_suppression"], lat=37.78, lon=-122.42, status=UnitStatus.OUT_OF_SERVICE
    )
    recs = recommend(*CITY_HALL, ["fire_suppression"], [busy, medic, engine, out_of_service], NOW)
    assert [r.unit_id for r in recs] == ["E12"]
    (r,) = recs
    d = haversine_m(*CITY_HALL, *FERRY_BUILDING)
    eta = d * 1.4 / (40 / 3.6)
    assert r.distance_m == pytest.approx(d)
    assert r.eta_s == pytest.approx(eta)
    assert r.reason == (
        f"E12 engine: fire_suppression; {d / 1000:.1f} km, "
        f"ETA {round(eta) // 60} min {round(eta) % 60} s straight-line estimate "
        "from live position (45 s old)"
    )
    assert not r.routed


def test_road_eta_ranks_and_straight_line_remains_where_roads_do_not_reach() -> None:
    near = unit("E1", caps=["fire_suppression"], lat=37.7800, lon=-122.4180, age_s=10)
    far = unit("E2", caps=["fire_suppression"], lat=37.7900, lon=-122.4000, age_s=10)
    island = unit("E3", caps=["fire_suppression"], lat=37.8200, lon=-122.3700, age_s=10)
    # The nearer unit is across a one-way maze: by road it takes longer than the farther one.
    by_road = {"E1": 400.0, "E2": 150.0}
    positions = {(u.lat, u.lon): u.id for u in (near, far, island)}

    def road_eta(lat: float, lon: float) -> float | None:
        return by_road.get(positions[(lat, lon)])

    recs = recommend(*CITY_HALL, ["fire_suppression"], [near, far, island], NOW, road_eta=road_eta)
    assert [(r.unit_id, r.routed) for r in recs] == [("E2", True), ("E1", True), ("E3", False)]
    assert recs[0].eta_s == 150.0 and "by road" in recs[0].reason
    d3 = haversine_m(*CITY_HALL, island.lat, island.lon)
    assert recs[2].eta_s == pytest.approx(d3 * 1.4 / (40 / 3.6))
    assert "straight-line estimate" in recs[2].reason


def test_a_failing_router_falls_back_to_straight_line() -> None:
    e = unit("E1", caps=["fire_suppression"], lat=37.7800, lon=-122.4180, age_s=10)

    def broken(lat: float, lon: float) -> float | None:
        raise RuntimeError("graph not loaded")

    def nonsense(lat: float, lon: float) -> float | None:
        return float("nan")

    for road_eta in (broken, nonsense):
        (r,) = recommend(*CITY_HALL, ["fire_suppression"], [e], NOW, road_eta=road_eta)
        assert not r.routed and r.eta_s > 0


def test_coverage_tier_beats_eta() -> None:
    both = unit("T1", caps=["fire_suppression", "rescue"], lat=37.80, lon=-122.40, type_="truck")
    near = unit("E1", caps=["fire_suppression"], lat=37.7795, lon=-122.4190)
    nearer = unit("E2", caps=["rescue"], lat=37.7793, lon=-122.4192)
    recs = recommend(*CITY_HALL, ["fire_suppression", "rescue"], [near, nearer, both], NOW)
    assert [r.unit_id for r in recs] == ["T1", "E2", "E1"]
    assert recs[0].eta_s > recs[1].eta_s
    assert recs[1].capabilities_missing == ["fire_suppression"]
    assert "lacks fire_suppression" in recs[1].reason


def test_returning_units_are_offered_and_say_so() -> None:
    u = unit(
        "M7", caps=["ems_als"], lat=37.78, lon=-122.41, status=UnitStatus.RETURNING, type_="medic"
    )
    (r,) = recommend(*CITY_HALL, ["ems_als"], [u], NOW)
    assert r.reason.endswith("(returning)")


def test_stale_position_falls_back_to_home_station() -> None:
    stale = unit(
        "M4", caps=["ems_als"], lat=37.80, lon=-122.40, age_s=25 * 60, home="S1", type_="medic"
    )
    lost = unit(
        "M5", caps=["ems_als"], lat=37.78, lon=-122.42, age_s=25 * 60, home="", type_="medic"
    )
    unknown_home = unit("M6", caps=["ems_als"], lat=37.78, lon=-122.42, age_s=3600, home="S9")
    recs = recommend(
        *CITY_HALL, ["ems_als"], [stale, lost, unknown_home], NOW, station_positions=STATIONS
    )
    assert [r.unit_id for r in recs] == ["M4"]
    r = recs[0]
    assert r.from_station
    assert r.distance_m == pytest.approx(haversine_m(*CITY_HALL, *STATIONS["S1"]))
    assert "position stale (25 min old), using home station S1" in r.reason
    # Without the station map the stale unit is dropped entirely.
    assert recommend(*CITY_HALL, ["ems_als"], [stale], NOW) == []


def test_invalid_live_position_uses_station() -> None:
    u = unit("P1", caps=["traffic_control"], lat=math.nan, lon=-122.4, home="S2", type_="patrol")
    (r,) = recommend(*CITY_HALL, ["traffic_control"], [u], NOW, station_positions=STATIONS)
    assert "no valid position, using home station S2" in r.reason
    assert math.isfinite(r.eta_s)


def test_top_n_and_empty_requirements() -> None:
    units = [
        unit(f"E{i}", caps=["fire_suppression"], lat=37.78 + i / 1000, lon=-122.41)
        for i in range(8)
    ]
    assert len(recommend(*CITY_HALL, ["fire_suppression"], units, NOW, top_n=3)) == 3
    assert recommend(*CITY_HALL, ["fire_suppression"], units, NOW, top_n=0) == []
    # No requirement: every available unit qualifies and the reason says so.
    recs = recommend(*CITY_HALL, [], units, NOW, top_n=8)
    assert len(recs) == 8
    assert all("no requirement" in r.reason and not r.capabilities_missing for r in recs)


def test_speed_overrides() -> None:
    e = unit("E1", caps=["fire_suppression"], lat=37.79, lon=-122.41)
    base = recommend(*CITY_HALL, ["fire_suppression"], [e], NOW)[0]
    fast = recommend(*CITY_HALL, ["fire_suppression"], [e], NOW, speeds_kmh={"engine": 80})[0]
    assert fast.eta_s == pytest.approx(base.eta_s / 2)
    assert speed_kmh("drone", {"default": 60}) == 60
    assert speed_kmh("Medic") == DEFAULT_SPEEDS_KMH["medic"]
    assert speed_kmh("hovercraft") == DEFAULT_SPEEDS_KMH["default"]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"top_n": -1}, "top_n"),
        ({"road_factor": 0.0}, "road_factor"),
        ({"speeds_kmh": {"default": 0.0}}, "speed for unit type"),
    ],
)
def test_bad_arguments_raise(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        recommend(*CITY_HALL, ["rescue"], [], NOW, **kwargs)  # type: ignore[arg-type]


def test_bad_incident_position_raises() -> None:
    with pytest.raises(ValueError, match="incident position"):
        recommend(95.0, 0.0, ["rescue"], [], NOW)
    with pytest.raises(ValueError, match="distance_m"):
        eta_seconds(-1.0, "engine")


def test_format_helpers() -> None:
    assert format_duration(45) == "45 s"
    assert format_duration(230) == "3 min 50 s"
    assert format_duration(3900) == "1 h 05 min"
    assert format_distance(850.4) == "850 m"
    assert format_distance(1_840) == "1.8 km"
    assert re.fullmatch(r"\d+ min \d+ s", format_duration(599.6))


def test_recommendation_is_a_plain_record() -> None:
    r = Recommendation(
        unit_id="E1", agency="fire", eta_s=1.0, distance_m=2.0, reason="x", capabilities_matched=[]
    )
    assert r.capabilities_missing == [] and r.from_station is False


def test_position_age_boundary() -> None:
    fresh = unit("E1", caps=["rescue"], lat=37.79, lon=-122.41, age_s=900, home="S1")
    stale = unit("E2", caps=["rescue"], lat=37.79, lon=-122.41, age_s=901, home="S1")
    recs = recommend(*CITY_HALL, ["rescue"], [fresh, stale], NOW, station_positions=STATIONS)
    assert {r.unit_id: r.from_station for r in recs} == {"E1": False, "E2": True}
    # A position stamped slightly in the future (clock skew) counts as fresh, age 0.
    ahead = unit("E3", caps=["rescue"], lat=37.79, lon=-122.41, age_s=-30)
    (r,) = recommend(*CITY_HALL, ["rescue"], [ahead], NOW)
    assert "(0 s old)" in r.reason
