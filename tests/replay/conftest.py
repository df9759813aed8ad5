"""Replay fixtures: the real SF files imported once per test session, a copy of the demo replay."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from app.domain.geo import haversine_m
from app.domain.library import default_library
from app.domain.model import Incident, Status, UnitStatus
from app.domain.state import CityState
from app.paths import resource_path
from app.replay.importer import import_csv
from tests.conftest import SHARED

SF2020 = "sf_fire_calls_citywide_2020-04-07_to_2020-04-20.csv"
SF2016 = "sf_fire_calls_citywide_2016-12-31_to_2017-01-07.csv"


def _shared_csv(name: str) -> Path:
    path = SHARED / "data" / "incidents" / name
    if not path.is_file():
        pytest.skip(f"real data file {path} is absent (../shared sits beside the clone in CI)")
    return path


@pytest.fixture(scope="session")
def sf2020_csv() -> Path:
    return _shared_csv(SF2020)


@pytest.fixture(scope="session")
def sf2020_replay(sf2020_csv: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    """The 14-day 2020 file imported once: (replay path, import report)."""
    out = tmp_path_factory.mktemp("sf2020") / "sf2020.replay"
    _meta, report = import_csv(sf2020_csv, out)
    return out, report.to_dict()


@pytest.fixture
def demo_replay(tmp_path: Path) -> Path:
    """A private copy of the shipped demo replay."""
    src = resource_path("replay", "sf-2020-04-07.replay")
    dst = tmp_path / src.name
    shutil.copyfile(src, dst)
    return dst


def choose_units(state: CityState, inc: Incident) -> list[str]:
    """A scripted trainee: the nearest available units carrying the category's capabilities."""
    cat = default_library().get(inc.category)
    need = set(cat.capabilities)
    free = [
        u
        for u in state.units.values()
        if u.status == UnitStatus.AVAILABLE
        and not u.incident_id
        and need & set(u.capabilities)
        and (u.lat or u.lon)
    ]
    free.sort(key=lambda u: haversine_m(u.lat, u.lon, inc.location.lat, inc.location.lon))
    return [u.id for u in free[: max(1, cat.units_needed)]]


def pending_calls(state: CityState) -> list[Incident]:
    return [
        i
        for i in state.incidents.values()
        if i.exercise and i.status in (Status.REPORTED, Status.REGISTERED)
    ]


Chooser = Callable[[CityState, Incident], list[str]]
