"""``python -m app.evaluation report`` on a real SF replay, checked against the CSV itself."""

from __future__ import annotations

import csv
import datetime as dt
import json
import sqlite3
from pathlib import Path

import msgspec
import numpy as np
import pytest

from app.domain.events import encode_event, event_type, incident_of
from app.evaluation.__main__ import main as cli
from app.replay.replayfile import ReplayFile
from app.server.store import SqliteEventStore
from tests.evaluation.conftest import WINDOW

FMT = "%m/%d/%Y %I:%M:%S %p"


def csv_calls(path: Path, lo: str, hi: str) -> dict[str, dict[str, object]]:
    """Per call received in [lo, hi) local time: received, first dispatch, first on scene."""
    a, b = dt.datetime.fromisoformat(lo), dt.datetime.fromisoformat(hi)
    calls: dict[str, list[dict[str, str]]] = {}
    with path.open(newline="") as fh:
        for row in csv.DictReader(fh):
            calls.setdefault(row["Call Number"], []).append(row)
    out: dict[str, dict[str, object]] = {}
    for number, rows in calls.items():
        rec = dt.datetime.strptime(rows[0]["Received DtTm"], FMT)
        if not a <= rec < b:
            continue
        d = [dt.datetime.strptime(r["Dispatch DtTm"], FMT) for r in rows if r["Dispatch DtTm"]]
        s = [dt.datetime.strptime(r["On Scene DtTm"], FMT) for r in rows if r["On Scene DtTm"]]
        out[number] = {
            "day": rec.date().isoformat(),
            # naive local wall times: no DST change in these days
            "dispatch": (min(d) - rec).total_seconds() if d else None,
            "scene": (min(s) - rec).total_seconds() if s else None,
        }
    return out


def figures(calls: dict[str, dict[str, object]]) -> dict[str, float]:
    d = [float(c["dispatch"]) for c in calls.values() if c["dispatch"] is not None]  # type: ignore[arg-type]
    s = [float(c["scene"]) for c in calls.values() if c["scene"] is not None]  # type: ignore[arg-type]
    return {
        "incidents": float(len(calls)),
        "dispatch_within_60s_pct": 100.0 * sum(x <= 60 for x in d) / len(d),
        "dispatch_p50_s": float(np.percentile(d, 50)),
        "dispatch_p90_s": float(np.percentile(d, 90)),
        "onscene_p50_s": float(np.percentile(s, 50)),
        "onscene_p90_s": float(np.percentile(s, 90)),
    }


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> dict:
    assert cli(["report", *argv, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


KEYS = (
    "incidents",
    "dispatch_within_60s_pct",
    "dispatch_p50_s",
    "dispatch_p90_s",
    "onscene_p50_s",
    "onscene_p90_s",
)


def test_report_matches_the_csv(
    sf2020_csv: Path, sf_two_days: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    calls = csv_calls(sf2020_csv, *WINDOW)
    want = figures(calls)
    assert want["incidents"] > 600  # two real days of San Francisco
    got = run(capsys, "--replay", str(sf_two_days))
    for key in KEYS:
        assert got[key] == pytest.approx(want[key]), key
    # Per day, the same figures from the CSV rows of that day.
    for day in ("2020-04-08", "2020-04-09"):
        part = figures({k: v for k, v in calls.items() if v["day"] == day})
        row = got["by_day"][day]
        assert row["incidents"] == part["incidents"]
        assert row["dispatch"]["p50_s"] == pytest.approx(part["dispatch_p50_s"])
        assert row["onscene"]["p90_s"] == pytest.approx(part["onscene_p90_s"])
    # Every department's rates and score are there; the cases add up to the incidents.
    deps = got["by_department"]
    assert sum(r["cases"] for r in deps.values()) == want["incidents"]
    for name, r in deps.items():
        for key in ("handling_rate", "on_time_rate", "rework_rate", "extension_rate", "score"):
            assert key in r, (name, key)
    assert deps["medical"]["handling_rate"] == 1.0  # every imported call was closed
    assert 0 < deps["medical"]["score"] <= 100


def test_report_window_and_undefined_departments(
    sf2020_csv: Path, sf_two_days: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lo, hi = "2020-04-09T06:00", "2020-04-09T18:00"
    want = figures(csv_calls(sf2020_csv, lo, hi))
    got = run(capsys, "--replay", str(sf_two_days), "--from", lo, "--to", hi)
    assert got["incidents"] == want["incidents"]
    assert got["dispatch_p50_s"] == pytest.approx(want["dispatch_p50_s"])
    # A department that handled nothing: undefined (null), not 0 and not a score of 50.
    police = got["by_department"]["police"]
    assert police["cases"] == 0
    assert police["score"] is None and police["on_time_rate"] is None


def test_report_from_a_server_event_store(
    sf_two_days: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The same events written to a server database give the same report (read-only)."""
    db = tmp_path / "city.db"
    SqliteEventStore(db).close()
    con = sqlite3.connect(db)
    with ReplayFile(sf_two_days) as rf:
        rows = []
        for n, e in enumerate(rf.iter_events(), start=1):
            e = msgspec.structs.replace(e, seq=n)
            row = (n, e.time, e.actor, e.workstation, event_type(e.body), incident_of(e.body))
            rows.append((*row, encode_event(e).decode()))
    con.executemany("INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
    con.commit()
    con.close()
    before = db.stat().st_mtime_ns
    from_db = run(capsys, "--db", str(db))
    from_replay = run(capsys, "--replay", str(sf_two_days))
    for key in KEYS:
        assert from_db[key] == pytest.approx(from_replay[key])
    assert from_db["by_department"]["medical"] == from_replay["by_department"]["medical"]
    assert db.stat().st_mtime_ns == before


def test_bad_sources_get_a_clear_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli(["report", "--db", str(tmp_path / "none.db"), "--json"]) == 1
    assert "no server database" in capsys.readouterr().err
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not sqlite at all" * 100)
    assert cli(["report", "--db", str(junk), "--json"]) == 1
    assert "not a server database" in capsys.readouterr().err
    assert cli(["report", "--replay", str(junk), "--from", "yesterday", "--json"]) == 1
