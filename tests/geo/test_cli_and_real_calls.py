"""The geocoder's command line, and its accuracy on the city's real calls for service."""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
from pathlib import Path

from app.domain.geo import haversine_m
from app.geo.geocode import Geocoder

REPO = Path(__file__).resolve().parent.parent.parent


def run_cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app.geo.geocode", *args],
        cwd=REPO,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_cli_json_lists_best_first() -> None:
    p = run_cli("--json", "--limit", "3", "24th & Mission")
    assert p.returncode == 0, p.stderr
    rows = json.loads(p.stdout)
    assert 1 <= len(rows) <= 3
    assert {"label", "lat", "lon", "kind", "score"} <= set(rows[0])
    assert rows[0]["kind"] == "intersection"
    assert [r["score"] for r in rows] == sorted((r["score"] for r in rows), reverse=True)


def test_cli_batch_prints_one_list_per_line_in_order() -> None:
    queries = ["2300 Mission St", "", "Qwertyuiop Zzz", "City Hall", "37.78,-122.41"]
    p = run_cli("--json", "-", stdin="\n".join(queries) + "\n")
    assert p.returncode == 0, p.stderr
    lines = p.stdout.splitlines()
    assert len(lines) == len(queries)
    answers = [json.loads(line) for line in lines]
    assert answers[0][0]["label"] == "2300 Mission St"
    assert answers[1] == [] and answers[2] == []
    assert answers[3][0]["label"] == "City Hall"
    assert answers[4][0]["kind"] == "coordinates"


def test_cli_text_no_match_and_reverse() -> None:
    p = run_cli("Zzyzx Rd")
    assert p.returncode == 1 and p.stdout.startswith("no match; closest:")
    p = run_cli("--json", "--reverse", "37.76009,-122.41950")
    assert p.returncode == 0, p.stderr
    r = json.loads(p.stdout)
    assert r["address"] == "2300 Mission St" and r["address_distance_m"] < 1
    p = run_cli("--reverse", "north pole")
    assert p.returncode == 2 and "not a coordinate pair" in p.stderr


def test_real_call_addresses_are_found_where_the_city_put_them(
    geo: Geocoder, shared_dir: Path
) -> None:
    path = shared_dir / "data/incidents/sf_fire_calls_citywide_2020-04-07_to_2020-04-20.csv"
    recorded: dict[str, tuple[float, float]] = {}
    with path.open(newline="") as f:
        for r in csv.DictReader(f):
            m = re.search(r"\((-?[\d.]+), (-?[\d.]+)\)", r["Location"])
            if m and r["Address"] not in recorded:
                recorded[r["Address"]] = (float(m.group(1)), float(m.group(2)))
    sample = sorted(recorded)[::5]  # every fifth distinct address, ~550
    near = 0
    for addr in sample:
        res = geo.search(addr, limit=1)
        if res and haversine_m(res[0].lat, res[0].lon, *recorded[addr]) <= 150:
            near += 1
    assert near / len(sample) >= 0.96, f"{near} of {len(sample)} within 150 m"
