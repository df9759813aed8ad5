"""As-you-type forms that used to make the geocoder's latency tail: a half-typed second street
of an intersection (looked for among the streets crossing the first) and a block address whose
street is not typed yet (no spelling search at every keystroke)."""

from __future__ import annotations

import time

import pytest

from app.geo.geocode import Geocoder


@pytest.mark.parametrize(
    "text, expected",
    [
        ("UNION ST/COL", "Union St & Columbus Ave"),
        ("Market St / Cas", "Market St & Castro St"),
        ("CLARION AL/M", "Clarion Aly & Mission St"),
        ("24th & Mision", "24th St & Mission St"),  # a typo: fuzzy among the crossing streets
    ],
)
def test_half_typed_second_street_finds_the_crossing(
    geo: Geocoder, text: str, expected: str
) -> None:
    places = geo.search(text, limit=4)
    assert places and places[0].label == expected, places
    assert places[0].kind == "intersection"


def test_crossing_candidates_all_cross_the_first_street(geo: Geocoder) -> None:
    places = geo.search("5th St / B", limit=8)
    assert len(places) >= 3
    for p in places[:3]:  # 5th St first; 5th Ave's crossings follow, below the typed type word
        assert p.label.startswith("5th St & B"), p
    for p in places:
        assert p.kind == "intersection" and " & B" in p.label, p


@pytest.mark.parametrize("text", ["600 Bloc", "600 Block", "600 block o", "2000 BLOCK OF"])
def test_block_address_being_typed_waits_for_the_street(geo: Geocoder, text: str) -> None:
    a = geo.geocode(text)
    assert a.places == [] and a.closest == []
    assert a.message.startswith("no match")


def test_typed_forms_still_found(geo: Geocoder) -> None:
    assert geo.search("600 Block of Mission St", limit=1)[0].label == "600 block of Mission St"
    assert geo.search("2000 Block of Oak", limit=1)[0].label == "2000 block of Oak St"
    assert geo.search("Blossom", limit=3)  # "Blo..." is not taken for "Block"


def test_typing_a_block_address_stays_fast(geo: Geocoder) -> None:
    full = "2000 Block of CALIFORNIA ST"
    for k in range(1, len(full) + 1):
        geo.search(full[:k], limit=8)  # warm
    best = []
    for k in range(1, len(full) + 1):
        runs = []
        for _ in range(3):
            t0 = time.perf_counter()
            geo.search(full[:k], limit=8)
            runs.append(time.perf_counter() - t0)
        best.append(min(runs))
    # Every keystroke's look-up well under the 5 ms target (best of 3: the code, not the load).
    assert max(best) < 0.005, [round(b * 1000, 2) for b in best]
