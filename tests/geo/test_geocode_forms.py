"""Forward geocoding of the forms dispatchers type and the city's call records use."""

from __future__ import annotations

import pytest

from app.domain.geo import haversine_m
from app.geo.geocode import Geocoder

# Positions from the city's data (EAS address points and intersection nodes).
MISSION_2300 = (37.76009, -122.41950)
MISSION_24TH = (37.75224, -122.41845)
THIRD_CESAR_CHAVEZ = (37.75026, -122.38759)
NINETEENTH_IRVING = (37.76356, -122.47717)
OFARRELL_JONES = (37.78579, -122.41297)
CITY_HALL = (37.77933, -122.41873)


def top(geo: Geocoder, text: str) -> tuple[str, str, float, float]:
    res = geo.search(text, limit=5)
    assert res, f"nothing found for {text!r}"
    return res[0].label, res[0].kind, res[0].lat, res[0].lon


@pytest.mark.parametrize(
    "text", ["2300 Mission St", "2300 MISSION ST", "2300 Mission Street", "2300 mission",
             "2300 Mission St, San Francisco, CA 94110"],
)  # fmt: skip
def test_house_addresses(geo: Geocoder, text: str) -> None:
    label, kind, lat, lon = top(geo, text)
    assert (label, kind) == ("2300 Mission St", "address")
    assert haversine_m(lat, lon, *MISSION_2300) < 1.0


def test_missing_number_is_interpolated_on_its_side_of_the_street(geo: Geocoder) -> None:
    d = geo.data
    s = d.street_names.index("VALENCIA ST")
    s0, s1 = d.street_slice(s)
    nums = set(int(n) for n in d.addr_number[s0:s1])
    missing = next(n for n in range(801, 1401, 2) if n not in nums and n - 2 in nums)
    res = geo.search(f"{missing} Valencia St")[0]
    assert res.kind == "address" and res.score < 1.0  # placed, not found
    before = geo.search(f"{missing - 2} Valencia St")[0]
    assert haversine_m(res.lat, res.lon, before.lat, before.lon) < 80


def test_block_address_is_the_middle_of_the_block_on_the_street(geo: Geocoder) -> None:
    label, kind, lat, lon = top(geo, "2000 Block of CALIFORNIA ST")
    assert (label, kind) == ("2000 block of California St", "block")
    # California St runs east-west: the 2000 block lies between Laguna (37.7902,-122.4274)
    # and Buchanan (37.7899,-122.4290), on the centreline.
    assert 37.7895 < lat < 37.7905 and -122.4290 < lon < -122.4274
    ranges = geo.search("2000 block of california")[0]
    assert ranges.label == label


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("24th & Mission", MISSION_24TH),
        ("MISSION ST/24TH ST", MISSION_24TH),
        ("Mission and 24th", MISSION_24TH),
        ("24th St & Mission St", MISSION_24TH),
        ("mission x 24", MISSION_24TH),
        ("3rd St at Cesar Chavez", THIRD_CESAR_CHAVEZ),
        ("03RD ST/CESAR CHAVEZ ST", THIRD_CESAR_CHAVEZ),
        ("Third Street & Cesar Chavez Street", THIRD_CESAR_CHAVEZ),
        ("19th Ave & Irving St", NINETEENTH_IRVING),
        ("IRVING ST/19TH AV", NINETEENTH_IRVING),
        ("O'Farrell & Jones", OFARRELL_JONES),
        ("OFARRELL ST/JONES ST", OFARRELL_JONES),
        ("o farrell and jones", OFARRELL_JONES),
        ("corner of Jones and O'Farrell", OFARRELL_JONES),
    ],
)
def test_intersections_in_every_form(geo: Geocoder, text: str, where: tuple[float, float]) -> None:
    label, kind, lat, lon = top(geo, text)
    assert kind == "intersection", label
    assert haversine_m(lat, lon, *where) < 1.0


@pytest.mark.parametrize(
    ("text", "street"),
    [("3rd St", "3rd St"), ("03RD ST", "3rd St"), ("Third St", "3rd St"), ("third street", "3rd St"),
     ("Van Ness Av", "Van Ness Ave"), ("Van Ness Avenue", "Van Ness Ave"),
     ("Geary Blvd", "Geary Blvd"), ("Geary Boulevard", "Geary Blvd"), ("Geary St", "Geary St"),
     ("Dr Carlton B Goodlett Pl", "Dr Carlton B Goodlett Pl"),
     ("Dr. Carlton B. Goodlett Place", "Dr Carlton B Goodlett Pl"),
     ("Saint Francis Blvd", "Saint Francis Blvd"), ("St Francis Blvd", "Saint Francis Blvd"),
     ("Embarcadero", "The Embarcadero"), ("Buena Vista Ave East", "Buena Vista Ave East"),
     ("Avenue B", "Avenue B"), ("Broadway", "Broadway"), ("Cityview Way", "Cityview Way"),
     ("Alpine Terrace", "Alpine Ter"), ("O'Farrell St", "O'Farrell St")],
)  # fmt: skip
def test_streets_numbered_and_typed(geo: Geocoder, text: str, street: str) -> None:
    streets = [p for p in geo.search(text) if p.kind == "street"]
    assert streets and streets[0].label == street, [p.label for p in streets]


def test_city_hall_by_address_and_by_name(geo: Geocoder) -> None:
    label, kind, lat, lon = top(geo, "1 Dr Carlton B Goodlett Pl")
    assert kind == "address" and haversine_m(lat, lon, *CITY_HALL) < 1.0
    label, kind, lat, lon = top(geo, "City Hall")
    assert (label, kind) == ("City Hall", "landmark")
    assert haversine_m(lat, lon, *CITY_HALL) < 1.0


@pytest.mark.parametrize(
    ("text", "label", "kind", "near"),
    [
        ("Ferry Building", "Ferry Building", "landmark", (37.7955, -122.3937)),
        ("coit tower", "Coit Tower", "landmark", (37.8024, -122.4058)),
        ("Pier 39", "Pier 39", "pier", (37.8087, -122.4098)),
        ("SF General", "Zuckerberg San Francisco General Hospital", "hospital", (37.7557, -122.4048)),
        ("16th St Mission BART", "16th St Mission BART", "station", (37.7650, -122.4197)),
        ("Golden Gate Park", "Golden Gate Park", "park", (37.7694, -122.4862)),
        ("Dolores Park", "Mission Dolores Park", "park", (37.7596, -122.4269)),
        ("Tenderloin", "Tenderloin", "neighbourhood", (37.7840, -122.4140)),
    ],
)  # fmt: skip
def test_landmarks_parks_and_neighbourhoods(
    geo: Geocoder, text: str, label: str, kind: str, near: tuple[float, float]
) -> None:
    res = geo.search(text)
    hit = next((p for p in res if p.label == label), None)
    assert hit is not None, [p.label for p in res]
    assert hit.kind == kind and hit.score == res[0].score
    assert haversine_m(hit.lat, hit.lon, *near) < 600


@pytest.mark.parametrize(
    ("typo", "label"),
    [("2300 Misson St", "2300 Mission St"), ("Valencai St & 16th St", "Valencia St & 16th St"),
     ("Geery Blvd", "Geary Blvd"), ("Cesar Chaves & 3rd", "Cesar Chavez St & 3rd St"),
     ("Ferry Bilding", "Ferry Building")],
)  # fmt: skip
def test_typos_are_forgiven_and_marked_fuzzy(geo: Geocoder, typo: str, label: str) -> None:
    res = geo.search(typo)
    assert res and res[0].label == label, [p.label for p in res]
    assert res[0].match == "fuzzy" and res[0].score < 0.7


def test_coordinates(geo: Geocoder) -> None:
    for text in ("37.7601,-122.4195", "37.7601 -122.4195", "(37.7601, -122.4195)"):
        res = geo.search(text)
        assert [(p.kind, p.lat, p.lon) for p in res] == [("coordinates", 37.7601, -122.4195)]


def test_as_you_type_ranks_exact_then_prefix_then_fuzzy(geo: Geocoder) -> None:
    res = geo.search("2300 Miss", limit=8)
    assert res[0].label == "2300 Mission St" and res[0].match == "prefix"
    res = geo.search("Mission", limit=10)
    exact = [(p.label, p.kind) for p in res if p.match == "exact"]
    assert ("Mission", "neighbourhood") in exact and ("Mission St", "street") in exact
    bands = [{"exact": 0, "prefix": 1, "fuzzy": 2}[p.match] for p in res]
    assert bands == sorted(bands)
    assert any(p.kind == "park" and p.label.startswith("Mission") for p in res)
    piers = [p for p in geo.search("Pier", limit=10) if p.kind == "pier"]
    assert len(piers) >= 5 and all(p.match == "prefix" for p in piers)


def test_streets_that_do_not_meet_give_their_closest_approach(geo: Geocoder) -> None:
    # Market St ends at Steuart St: there is no Market & The Embarcadero node.
    res = geo.search("Market & Embarcadero")[0]
    assert res.kind == "intersection" and "apart" in res.label
    assert haversine_m(res.lat, res.lon, 37.7946, -122.3948) < 150
