"""The standard category library: shape, consistency with the demo city, SF call-type mapping."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from app.city import load_city
from app.domain.library import default_library
from app.domain.model import IncidentKind

REPO = Path(__file__).resolve().parents[2]
SF_FILES = (
    "sf_fire_calls_citywide_2020-04-07_to_2020-04-20.csv",
    "sf_fire_calls_citywide_2016-12-31_to_2017-01-07.csv",
)
DEPARTMENTS = {
    "fire",
    "police",
    "medical",
    "sanitation",
    "water",
    "power",
    "traffic",
    "public_works",
    "parks",
    "city_inspection",
}


def test_library_size_and_unique_codes() -> None:
    cats = default_library().categories
    assert len(cats) >= 60
    codes = [c.code for c in cats]
    assert len(codes) == len(set(codes))
    kinds = {c.kind for c in cats}
    assert kinds == {IncidentKind.EMERGENCY, IncidentKind.URBAN}


def test_fields_are_in_range() -> None:
    for c in default_library().categories:
        assert 1 <= c.default_priority <= 4, c.code
        assert c.units_needed >= 1, c.code
        assert c.capabilities, c.code
        assert c.name_en and c.name_zh, c.code
        assert any("\u4e00" <= ch <= "\u9fff" for ch in c.name_zh), c.code
        lim = c.limits
        assert min(lim.register, lim.dispatch, lim.handle, lim.verify) > 0, c.code
        if c.kind == IncidentKind.EMERGENCY:
            assert c.class_type == "emergency" and c.routing == "emergency", c.code
            assert not c.working_hours, c.code
        else:
            assert c.class_type in ("component", "event"), c.code
            prefix, routing = (
                ("comp.", "owner-first")
                if c.class_type == "component"
                else ("event.", "area-first")
            )
            assert c.code.startswith(prefix) and c.routing == routing, c.code


def test_published_limits() -> None:
    lib = default_library()
    assert lib.get("event.exposed_garbage").limits.handle == 240
    assert lib.get("event.illegal_construction").limits.handle == 15 * 8 * 60
    assert lib.get("comp.manhole_sewer").limits.handle == 120


def test_departments_and_capabilities_exist_in_the_demo_city() -> None:
    city = load_city()
    agencies = {a.id for a in city.agencies}
    assert agencies == DEPARTMENTS
    carried = city.capabilities()
    for c in default_library().categories:
        assert c.department in agencies, c.code
        missing = set(c.capabilities) - carried
        assert not missing, f"{c.code}: no unit carries {missing}"


def test_each_sf_call_type_in_the_library_appears_once() -> None:
    seen: dict[str, str] = {}
    for c in default_library().categories:
        for ct in c.sf_call_types:
            assert ct not in seen, f"{ct!r} in {seen.get(ct)} and {c.code}"
            seen[ct] = c.code


@pytest.mark.parametrize("name", SF_FILES)
def test_every_real_sf_call_type_maps_to_exactly_one_category(shared_dir: Path, name: str) -> None:
    path = shared_dir / "data" / "incidents" / name
    with path.open(newline="", encoding="utf-8") as fh:
        types = {row["Call Type"] for row in csv.DictReader(fh)}
    assert len(types) >= 15  # the files hold many call types; guards against a wrong column
    cats = default_library().categories
    for ct in sorted(types):
        owners = [c.code for c in cats if ct in c.sf_call_types]
        assert len(owners) == 1, f"SF call type {ct!r} maps to {owners}"


def test_cli_json_prints_every_category() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "app.library", "--json"],
        cwd=REPO,
        capture_output=True,
        check=True,
        timeout=60,
    )
    data = json.loads(out.stdout.decode("utf-8"))
    assert isinstance(data, list)
    assert [d["code"] for d in data] == [c.code for c in default_library().categories]
    assert all(isinstance(d["limits"], dict) and "name_zh" in d for d in data)


def test_cli_table_lists_codes_and_names() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "app.library", "--kind", "emergency"],
        cwd=REPO,
        capture_output=True,
        check=True,
        timeout=60,
        text=True,
        encoding="utf-8",
    ).stdout
    assert "fire.structure" in out and "建筑火灾" in out
    assert "event.exposed_garbage" not in out
