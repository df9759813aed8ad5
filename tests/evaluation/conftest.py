"""Evaluation fixtures: a small real SF replay (two days of the 2020 file) imported once."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.paths import resource_path
from app.replay.importer import import_csv
from app.replay.replayfile import ReplayFile
from app.replay.timeparse import parse_iso
from app.store.store import Store
from tests.conftest import SHARED

SF2020 = SHARED / "data" / "incidents" / "sf_fire_calls_citywide_2020-04-07_to_2020-04-20.csv"
TZ = "America/Los_Angeles"
WINDOW = ("2020-04-08T00:00", "2020-04-10T00:00")


@pytest.fixture(scope="session")
def sf2020_csv() -> Path:
    if not SF2020.is_file():
        pytest.skip(f"real data file {SF2020} is absent (../shared sits beside the clone in CI)")
    return SF2020


@pytest.fixture(scope="session")
def sf_two_days(sf2020_csv: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """8 and 9 April 2020, imported with the product's importer."""
    out = tmp_path_factory.mktemp("sf2days") / "sf-2020-04-08.replay"
    window = (parse_iso(WINDOW[0], TZ), parse_iso(WINDOW[1], TZ))
    import_csv(sf2020_csv, out, window=window)
    return out


@pytest.fixture
def demo_store() -> Store:
    """A store filled with the shipped demo replay (one real day of SF calls), through the same
    reducer a console uses, measured at the end of that day."""
    with ReplayFile(resource_path("replay", "sf-2020-04-07.replay")) as rf:
        events = list(rf.iter_events())
        end = rf.meta.end
    store = Store(clock=lambda: end)
    store.apply_events(events)
    return store
