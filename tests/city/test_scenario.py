"""The seeded scenario generator: deterministic, realistic, inside the city."""

from __future__ import annotations

import statistics
from collections import Counter

import pytest

from app.city import Locator, load_city
from app.city.scenario import ScenarioGenerator
from app.domain.library import default_library
from app.domain.model import IncidentKind, SourceChannel

NOW = 1_776_340_800.0  # a Thursday, 05:00 in San Francisco
KEYS = {
    "category",
    "priority",
    "kind",
    "source",
    "lat",
    "lon",
    "address",
    "grid_cell",
    "neighbourhood",
    "description",
}


@pytest.fixture(scope="module")
def city():  # type: ignore[no-untyped-def]
    return load_city()


def _run(city, seed: int, n: int = 300, **kw) -> list[tuple[float, dict]]:  # type: ignore[no-untyped-def]
    gen = ScenarioGenerator(city, default_library(), seed, **kw)
    out, t = [], NOW
    for _ in range(n):
        t += gen.interval()
        out.append((t, gen.next_incident(t)))
    return out


def test_same_seed_same_sequence(city) -> None:
    assert _run(city, 7) == _run(city, 7)


def test_other_seed_other_sequence(city) -> None:
    a, b = _run(city, 7, 50), _run(city, 8, 50)
    assert [p for _, p in a] != [p for _, p in b]
    assert [t for t, _ in a] != [t for t, _ in b]


def test_incidents_are_valid_and_in_the_city(city) -> None:
    lib = default_library()
    loc = Locator(city)
    for _, p in _run(city, 3, 600):
        assert set(p) == KEYS
        cat = lib.get(p["category"])
        assert p["kind"] == cat.kind
        assert 1 <= p["priority"] <= 4
        SourceChannel(p["source"])
        assert loc.in_city(p["lat"], p["lon"]), p
        assert (p["grid_cell"], p["neighbourhood"]) == loc.locate(p["lat"], p["lon"])
        assert p["address"] and p["description"]


def test_mix_of_kinds_and_sources(city) -> None:
    incidents = [p for _, p in _run(city, 11, 1500, emergency_share=0.4)]
    kinds = Counter(p["kind"] for p in incidents)
    share = kinds[IncidentKind.EMERGENCY] / len(incidents)
    assert 0.33 < share < 0.47
    sources = {p["source"] for p in incidents}
    assert {"hotline", "citizen_report", "video_detection", "sensor"} <= sources
    cats = Counter(p["category"] for p in incidents)
    # Real SF calls are mostly medical; garbage leads the urban cases.
    assert cats.most_common(1)[0][0] == "med.general"
    urban = Counter({k: v for k, v in cats.items() if not k.startswith(("med.", "fire."))})
    assert urban.most_common(1)[0][0] == "event.exposed_garbage"


def test_inspectors_report_only_in_working_hours(city) -> None:
    gen = ScenarioGenerator(city, default_library(), 5, emergency_share=0.0)
    night = {gen.next_incident(NOW)["source"] for _ in range(400)}  # 05:00
    day = {gen.next_incident(NOW + 6 * 3600)["source"] for _ in range(400)}  # 11:00
    assert "inspector" not in night
    assert "inspector" in day


def test_interval_is_exponential_with_the_configured_mean(city) -> None:
    gen = ScenarioGenerator(city, default_library(), 1, mean_interval_s=20.0)
    draws = [gen.interval() for _ in range(4000)]
    assert min(draws) > 0
    assert statistics.fmean(draws) == pytest.approx(20.0, rel=0.06)
    assert statistics.median(draws) == pytest.approx(20.0 * 0.693, rel=0.1)


def test_interval_does_not_shift_the_incident_sequence(city) -> None:
    a = ScenarioGenerator(city, default_library(), 9)
    b = ScenarioGenerator(city, default_library(), 9)
    for _ in range(10):
        b.interval()
    assert [a.next_incident(NOW) for _ in range(20)] == [b.next_incident(NOW) for _ in range(20)]


def test_initial_backlog(city) -> None:
    gen = ScenarioGenerator(city, default_library(), 2)
    backlog = gen.initial_backlog(25, NOW)
    times = [t for t, _ in backlog]
    assert len(backlog) == 25
    assert times == sorted(times) and times[-1] < NOW
    again = ScenarioGenerator(city, default_library(), 2).initial_backlog(25, NOW)
    assert again == backlog


def test_bad_settings_are_refused(city) -> None:
    with pytest.raises(ValueError, match="mean_interval_s"):
        ScenarioGenerator(city, default_library(), 1, mean_interval_s=0)
    with pytest.raises(ValueError, match="emergency_share"):
        ScenarioGenerator(city, default_library(), 1, emergency_share=1.5)
