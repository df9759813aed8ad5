"""Geodesy helpers: properties over random inputs plus a few known real-world figures."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain import geo

LAT = st.floats(min_value=-90.0, max_value=90.0, allow_nan=False)
LON = st.floats(min_value=-180.0, max_value=180.0, allow_nan=False)
MERC_LAT = st.floats(min_value=-geo.MERCATOR_MAX_LAT, max_value=geo.MERCATOR_MAX_LAT)
SETTINGS = settings(max_examples=200, deadline=None)

# Landmarks (lat, lon), from the city's own published coordinates.
CITY_HALL = (37.77927, -122.41924)
FERRY_BUILDING = (37.79557, -122.39349)


def _equirectangular_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Independent flat-earth formula; agrees with a great circle to 0.1 % over a city."""
    x = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    y = math.radians(lat2 - lat1)
    return geo.EARTH_RADIUS_M * math.hypot(x, y)


@SETTINGS
@given(LON, MERC_LAT)
def test_mercator_round_trip(lon: float, lat: float) -> None:
    x, y = geo.lonlat_to_mercator(lon, lat)
    assert abs(x) <= geo.MERCATOR_MAX_XY + 1e-6
    assert abs(y) <= geo.MERCATOR_MAX_XY + 1e-6
    lon2, lat2 = geo.mercator_to_lonlat(x, y)
    assert lon2 == pytest.approx(lon, abs=1e-9)
    assert lat2 == pytest.approx(lat, abs=1e-9)


@SETTINGS
@given(MERC_LAT, MERC_LAT)
def test_mercator_y_is_monotonic_in_latitude(a: float, b: float) -> None:
    ya = geo.lonlat_to_mercator(0.0, a)[1]
    yb = geo.lonlat_to_mercator(0.0, b)[1]
    if a < b:
        assert ya <= yb
    elif a > b:
        assert ya >= yb


def test_mercator_known_values() -> None:
    # The Mercator square's corner is (pi * R, pi * R) at lon 180, lat MAX.
    x, y = geo.lonlat_to_mercator(180.0, geo.MERCATOR_MAX_LAT)
    assert x == pytest.approx(20_037_508.342789244, abs=1e-6)
    assert y == pytest.approx(20_037_508.342789244, abs=1e-3)
    assert geo.lonlat_to_mercator(0.0, 0.0) == (0.0, 0.0)


@pytest.mark.parametrize(("lon", "lat"), [(0.0, 86.0), (0.0, -90.0), (181.0, 0.0), (0.0, math.nan)])
def test_mercator_refuses_out_of_range(lon: float, lat: float) -> None:
    with pytest.raises(ValueError, match="outside"):
        geo.lonlat_to_mercator(lon, lat)


def test_mercator_inverse_refuses_non_finite() -> None:
    with pytest.raises(ValueError, match="finite"):
        geo.mercator_to_lonlat(math.inf, 0.0)


@SETTINGS
@given(LAT, LON, LAT, LON)
def test_haversine_symmetric_and_bounded(
    lat1: float, lon1: float, lat2: float, lon2: float
) -> None:
    d = geo.haversine_m(lat1, lon1, lat2, lon2)
    assert d == pytest.approx(geo.haversine_m(lat2, lon2, lat1, lon1), rel=1e-12, abs=1e-6)
    assert 0.0 <= d <= math.pi * geo.EARTH_RADIUS_M + 1e-6


@SETTINGS
@given(LAT, LON)
def test_haversine_zero_on_same_point(lat: float, lon: float) -> None:
    assert geo.haversine_m(lat, lon, lat, lon) == 0.0


@SETTINGS
@given(
    st.floats(min_value=37.70, max_value=37.82),
    st.floats(min_value=-122.52, max_value=-122.35),
    st.floats(min_value=37.70, max_value=37.82),
    st.floats(min_value=-122.52, max_value=-122.35),
)
def test_haversine_agrees_with_flat_formula_inside_the_city(
    lat1: float, lon1: float, lat2: float, lon2: float
) -> None:
    d = geo.haversine_m(lat1, lon1, lat2, lon2)
    assert d == pytest.approx(_equirectangular_m(lat1, lon1, lat2, lon2), rel=1e-3, abs=1e-3)


def test_haversine_known_distances() -> None:
    # One degree along a meridian is pi * R / 180.
    assert geo.haversine_m(0.0, 10.0, 1.0, 10.0) == pytest.approx(111_195.08, abs=0.1)
    # Half the equator.
    assert geo.haversine_m(0.0, 0.0, 0.0, 180.0) == pytest.approx(math.pi * geo.EARTH_RADIUS_M)
    # City Hall to the Ferry Building: about 2.9 km as the crow flies (1.81 km north, 2.26 km east).
    d = geo.haversine_m(*CITY_HALL, *FERRY_BUILDING)
    assert 2_800.0 < d < 3_000.0


def test_bearing_cardinal_directions() -> None:
    assert geo.bearing_deg(0.0, 0.0, 1.0, 0.0) == pytest.approx(0.0, abs=1e-9)
    assert geo.bearing_deg(0.0, 0.0, 0.0, 1.0) == pytest.approx(90.0)
    assert geo.bearing_deg(1.0, 0.0, 0.0, 0.0) == pytest.approx(180.0)
    assert geo.bearing_deg(0.0, 1.0, 0.0, 0.0) == pytest.approx(270.0)
    # The Ferry Building lies north-east of City Hall.
    assert 40.0 < geo.bearing_deg(*CITY_HALL, *FERRY_BUILDING) < 60.0


@SETTINGS
@given(LAT, LON, LAT, LON)
def test_bearing_in_range(lat1: float, lon1: float, lat2: float, lon2: float) -> None:
    b = geo.bearing_deg(lat1, lon1, lat2, lon2)
    assert 0.0 <= b < 360.0


@SETTINGS
@given(
    st.floats(min_value=-60.0, max_value=60.0),
    st.floats(min_value=-170.0, max_value=170.0),
    st.floats(min_value=0.001, max_value=0.05),
    st.floats(min_value=0.001, max_value=0.05),
)
def test_bearing_reverses_over_short_distances(
    lat: float, lon: float, dlat: float, dlon: float
) -> None:
    fwd = geo.bearing_deg(lat, lon, lat + dlat, lon + dlon)
    back = geo.bearing_deg(lat + dlat, lon + dlon, lat, lon)
    diff = (back - fwd) % 360.0
    assert diff == pytest.approx(180.0, abs=0.1)


SQUARE = [(0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0)]
# An L shape: the square minus its upper-right quarter.
ELL = [(0.0, 0.0), (10.0, 0.0), (10.0, 5.0), (5.0, 5.0), (5.0, 10.0), (0.0, 10.0), (0.0, 0.0)]


@SETTINGS
@given(st.floats(min_value=-5.0, max_value=15.0), st.floats(min_value=-5.0, max_value=15.0))
def test_point_in_polygon_matches_shape_definition(x: float, y: float) -> None:
    on_edge = any(abs(v - e) < 1e-9 for v in (x, y) for e in (0.0, 5.0, 10.0))
    if on_edge:
        return
    in_square = 0.0 < x < 10.0 and 0.0 < y < 10.0
    assert geo.point_in_polygon(x, y, SQUARE) is in_square
    # Closing the ring does not change the answer.
    assert geo.point_in_polygon(x, y, [*SQUARE, SQUARE[0]]) is in_square
    in_ell = in_square and not (x > 5.0 and y > 5.0)
    assert geo.point_in_polygon(x, y, ELL) is in_ell


def test_point_in_polygon_degenerate_ring() -> None:
    assert geo.point_in_polygon(0.5, 0.5, [(0.0, 0.0), (1.0, 1.0)]) is False
    assert geo.point_in_polygon(0.5, 0.5, []) is False


def test_point_in_polygon_vertex_on_ray_counts_once() -> None:
    # A diamond whose left and right vertices sit on the horizontal ray through its centre.
    diamond = [(0.0, 1.0), (1.0, 0.0), (2.0, 1.0), (1.0, 2.0)]
    assert geo.point_in_polygon(1.0, 1.0, diamond)
    assert not geo.point_in_polygon(-1.0, 1.0, diamond)
    assert not geo.point_in_polygon(3.0, 1.0, diamond)


@pytest.mark.parametrize(
    "text",
    [
        "37.781,-122.411",
        "37.781 -122.411",
        " 37.781 ,  -122.411 ",
        "37.781;-122.411",
        "(37.781, -122.411)",
        "[37.781 -122.411]",
        "+37.781\t-122.411",
    ],
)
def test_parse_latlon_accepts(text: str) -> None:
    assert geo.parse_latlon(text) == (37.781, -122.411)


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("", "not a coordinate pair"),
        ("37.781", "not a coordinate pair"),
        ("37.781,-122.411,5", "not a coordinate pair"),
        ("abc,def", "not a coordinate pair"),
        ("37.781-122.411", "not a coordinate pair"),
        ("nan,0", "not a coordinate pair"),
        ("inf 0", "not a coordinate pair"),
        ("1e3,0", "not a coordinate pair"),
        ("-122.411,37.781", "latitude -122.411 is outside"),
        ("90.5,0", "latitude 90.5 is outside"),
        ("37.781,-180.5", "longitude -180.5 is outside"),
    ],
)
def test_parse_latlon_refuses_with_reason(text: str, why: str) -> None:
    assert geo.parse_latlon(text) is None
    with pytest.raises(ValueError, match=why):
        geo.parse_latlon_strict(text)


@SETTINGS
@given(LAT, LON, st.sampled_from([",", ", ", " ", "\t", " ; "]))
def test_parse_latlon_round_trips_formatted_pairs(lat: float, lon: float, sep: str) -> None:
    text = f"{lat:.6f}{sep}{lon:.6f}"
    parsed = geo.parse_latlon(text)
    assert parsed is not None
    assert parsed[0] == pytest.approx(lat, abs=1e-6)
    assert parsed[1] == pytest.approx(lon, abs=1e-6)
