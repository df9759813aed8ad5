"""Bad input never raises and says "no match" with the closest spellings; reverse look-ups."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from app.geo.geocode import Geocoder


def test_empty_and_blank(geo: Geocoder) -> None:
    for text in ("", "   ", "\t\n", "\x00\x01"):
        a = geo.geocode(text)
        assert a.places == [] and a.message == "empty query"


def test_ten_thousand_characters(geo: Geocoder) -> None:
    a = geo.geocode("2300 Mission St " + "x" * 10_000)
    assert a.message in ("", "no match")
    b = geo.geocode("a" * 10_000)
    assert b.places == [] and b.message == "no match"


def test_control_characters_are_spaces(geo: Geocoder) -> None:
    res = geo.search("2300\x00Mission\tSt\x1b")
    assert res and res[0].label == "2300 Mission St"


def test_unknown_street_gets_closest_spellings(geo: Geocoder) -> None:
    a = geo.geocode("1200 Missoun Blvdx")
    assert a.places == [] or a.places[0].match == "fuzzy"
    a = geo.geocode("Zzyzx Rd")
    assert a.places == [] and a.message == "no match"
    assert a.closest and all(isinstance(s, str) and s for s in a.closest)
    a = geo.geocode("Qwertyuiop & Mission")
    assert a.places == [] and a.message == "no match" and a.closest


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_any_text_gives_an_answer_never_an_exception(text: str) -> None:
    a = _GEO.geocode(text)
    assert isinstance(a.places, list)
    assert all(-90 <= p.lat <= 90 and -180 <= p.lon <= 180 for p in a.places)
    assert a.places or a.message


_GEO = Geocoder(locator=None)


def test_reverse_at_an_address(geo: Geocoder) -> None:
    r = geo.reverse(37.76009, -122.41950)  # 2300 Mission St's address point
    assert r.address == "2300 Mission St" and r.address_distance_m < 1.0
    assert "Mission St" in r.intersection and r.intersection_distance_m < 150
    assert r.neighbourhood == "Mission"


def test_reverse_at_an_intersection(geo: Geocoder) -> None:
    r = geo.reverse(37.75226, -122.41846)
    assert set(r.intersection.split(" & ")) == {"24th St", "Mission St"}
    assert r.intersection_distance_m < 5
    assert r.label.startswith(r.intersection)


def test_reverse_mid_block_and_at_sea(geo: Geocoder) -> None:
    r = geo.reverse(37.7599, -122.4148)  # Folsom between 18th and 19th
    assert r.street == "Folsom St" and r.street_distance_m < 20
    assert r.address.endswith("Folsom St")
    sea = geo.reverse(37.70, -122.60)  # the Pacific
    assert sea.neighbourhood == "" and sea.street == ""
    assert sea.label == "37.70000, -122.60000"
    assert sea.address_distance_m > 5000
