"""Importing SF Fire calls-for-service exports: counts, skipped rows, and the response figures."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import numpy as np
import pytest

from app.domain import events as ev
from app.domain.library import default_library
from app.domain.model import Status, UnitStatus
from app.replay.__main__ import main as cli
from app.replay.csvimport import CsvImportError, CsvReader
from app.replay.importer import import_csv
from app.replay.mapping import MappingError, load_mapping
from app.replay.player import ReplayPlayer
from app.replay.replayfile import ReplayError, ReplayFile
from app.replay.stats import percentile, replay_stats
from app.replay.timeparse import LocalTimeParser, format_local, parse_iso
from tests.replay.conftest import SF2016, _shared_csv

FMT = "%m/%d/%Y %I:%M:%S %p"


def csv_figures(path: Path) -> dict[str, object]:
    """Straight from the CSV: per call, first unit dispatched / on scene minus received."""
    calls: dict[str, list[dict[str, str]]] = {}
    with path.open(newline="") as fh:
        for row in csv.DictReader(fh):
            calls.setdefault(row["Call Number"], []).append(row)

    def t(s: str) -> dt.datetime:
        return dt.datetime.strptime(s, FMT)  # naive local: differences are DST-safe here

    disp, scene = [], []
    for rows in calls.values():
        rec = t(rows[0]["Received DtTm"])
        d = [t(r["Dispatch DtTm"]) for r in rows if r["Dispatch DtTm"]]
        s = [t(r["On Scene DtTm"]) for r in rows if r["On Scene DtTm"]]
        if d:
            disp.append((min(d) - rec).total_seconds())
        if s:
            scene.append((min(s) - rec).total_seconds())
    return {
        "incidents": len(calls),
        "dispatch": disp,
        "scene": scene,
        "rows": sum(map(len, calls.values())),
    }


def test_2020_import_reports_counts(sf2020_csv: Path, sf2020_replay: tuple[Path, dict]) -> None:
    path, report = sf2020_replay
    ref = csv_figures(sf2020_csv)
    assert report["rows"] == ref["rows"] == 10410
    assert report["incidents"] == ref["incidents"]
    assert report["rows_used"] + report["rows_skipped"] + report["outside_window"] == report["rows"]
    # Every adjustment is named and counted, with example rows.
    for reason, n in report["adjusted"].items():
        assert n > 0
        assert reason in report["examples"] or reason.startswith("unit status left out")
    assert "hospital before transport: clamped" in report["adjusted"]
    with ReplayFile(path) as rf:
        assert rf.meta.report == report  # stored in the replay meta
        assert rf.meta.time_zone == "America/Los_Angeles"


def test_2020_stats_reproduce_the_real_figures(
    sf2020_csv: Path, sf2020_replay: tuple[Path, dict]
) -> None:
    ref = csv_figures(sf2020_csv)
    d, s = ref["dispatch"], ref["scene"]
    assert isinstance(d, list) and isinstance(s, list)
    # The definition: numpy's default (linear) percentile; ours is the same function.
    for values in (d, s):
        for q in (50, 90):
            assert percentile(values, q) == pytest.approx(float(np.percentile(values, q)))
    expected = {
        "incidents": ref["incidents"],
        "dispatch": (percentile(d, 50), percentile(d, 90)),
        "scene": (percentile(s, 50), percentile(s, 90)),
    }
    # The published reference figures for this file.
    assert expected == {"incidents": 5292, "dispatch": (103.0, 238.0), "scene": (420.0, 1027.0)}
    path, _ = sf2020_replay
    with ReplayFile(path) as rf:
        stats = replay_stats(rf)
    got = {
        "incidents": stats["incidents"],
        "dispatch": (
            stats["received_to_dispatch_s"]["median"],
            stats["received_to_dispatch_s"]["p90"],
        ),
        "scene": (
            stats["received_to_on_scene_s"]["median"],
            stats["received_to_on_scene_s"]["p90"],
        ),
    }
    assert got == expected
    assert stats["received_to_dispatch_s"]["count"] == len(d)
    assert stats["received_to_on_scene_s"]["count"] == len(s)


def test_stats_cli_prints_json(
    sf2020_replay: tuple[Path, dict], capsys: pytest.CaptureFixture[str]
) -> None:
    path, _ = sf2020_replay
    assert cli(["stats", str(path)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["incidents"] == 5292
    assert out["received_to_on_scene_s"]["median"] == 420.0
    assert out["skipped"] == {}


def test_2020_replay_is_self_contained_and_ordered(sf2020_replay: tuple[Path, dict]) -> None:
    path, _ = sf2020_replay
    with ReplayFile(path) as rf:
        times = rf.times()
        assert times == sorted(times)
        first = rf.events(1, 400)
        kinds = [type(e.body) for e in first]
        # The rules first (library, calendar), then the city's reference data.
        assert kinds[:3] == [ev.LibraryLoaded, ev.CalendarLoaded, ev.AgencyUpserted]
        assert ev.UnitUpserted in kinds and ev.GridLoaded in kinds
        grid = next(e.body for e in first if isinstance(e.body, ev.GridLoaded))
        assert grid.spec is not None and len(grid.neighbourhoods) == 41
        assert rf.meta.start == times[0] and rf.meta.end == times[-1]
    player = ReplayPlayer(path)
    st = player.state_at(player.end)
    assert len(st.incidents) == 5292
    assert all(i.status == Status.CLOSED for i in st.incidents.values())
    # Zero-padded SF call signs match the demo city's (E01 -> E1); numeric medics become M<n>.
    assert "E1" in st.units and "E01" not in st.units
    assert st.units["M85"].agency == "medical"
    busy = [u.id for u in st.units.values() if u.status != UnitStatus.AVAILABLE and u.incident_id]
    assert busy == []
    player.close()


def test_2016_file_uses_its_own_neighbourhood_column(tmp_path: Path) -> None:
    """The New Year's night of the 2016-17 file (a window keeps the test short)."""
    src = _shared_csv(SF2016)
    tz = "America/Los_Angeles"
    lo, hi = parse_iso("2016-12-31T18:00", tz), parse_iso("2017-01-01T06:00", tz)
    meta, report = import_csv(src, tmp_path / "sf2016.replay", window=(lo, hi))
    assert report.mapping == "sf-fire-2016"
    assert report.rows == 7704
    with src.open(newline="") as fh:
        parser = LocalTimeParser()
        inside = {
            r["Call Number"]
            for r in csv.DictReader(fh)
            if lo <= (parser.parse(r["Received DtTm"]) or 0) < hi
        }
    assert report.incidents == len(inside) > 100
    with ReplayFile(tmp_path / "sf2016.replay") as rf:
        created = next(rf.iter_events(("incident_created",)))
        assert isinstance(created.body, ev.IncidentCreated)
        assert created.body.incident.location.neighbourhood
        # The window crosses the New Year in winter time (UTC-8).
        assert format_local(rf.meta.start, tz, "%Y-%m-%d %Z") == "2016-12-31 PST"
        assert format_local(rf.meta.end, tz, "%Y-%m-%d %Z") == "2017-01-01 PST"
    assert meta.title == "San Francisco calls 2016-12-31 to 2017-01-01"
    # The neighbourhood comes from the file's own column ("Neighborhood  District").
    calls = CsvReader(src, default_library(), window=(lo, hi)).read()
    assert len(calls) == len(inside) and all(c.neighbourhood for c in calls)


HEADER = [
    "Call Number",
    "Unit ID",
    "Incident Number",
    "Call Type",
    "Call Date",
    "Watch Date",
    "Received DtTm",
    "Entry DtTm",
    "Dispatch DtTm",
    "Response DtTm",
    "On Scene DtTm",
    "Transport DtTm",
    "Hospital DtTm",
    "Call Final Disposition",
    "Available DtTm",
    "Address",
    "City",
    "Zipcode of Incident",
    "Battalion",
    "Station Area",
    "Box",
    "Original Priority",
    "Priority",
    "Final Priority",
    "ALS Unit",
    "Call Type Group",
    "Number of Alarms",
    "Unit Type",
    "Unit sequence in call dispatch",
    "Fire Prevention District",
    "Supervisor District",
    "Neighborhooods - Analysis Boundaries",
    "Location",
    "RowID",
]


def _row(**over: str) -> list[str]:
    base = {
        "Call Number": "1",
        "Unit ID": "E01",
        "Call Type": "Structure Fire",
        "Received DtTm": "03/08/2020 01:50:00 AM",
        "Entry DtTm": "03/08/2020 01:51:00 AM",
        "Dispatch DtTm": "03/08/2020 01:52:00 AM",
        "Response DtTm": "03/08/2020 01:53:00 AM",
        "On Scene DtTm": "03/08/2020 03:01:00 AM",
        "Available DtTm": "03/08/2020 03:30:00 AM",
        "Call Final Disposition": "Fire",
        "Address": "100 Block of MARKET ST",
        "Station Area": "13",
        "Priority": "3",
        "Final Priority": "3",
        "Original Priority": "3",
        "Unit Type": "ENGINE",
        "Neighborhooods - Analysis Boundaries": "Financial District/South Beach",
        "Location": "(37.7936, -122.3965)",
    }
    base.update(over)
    return [base.get(h, "") for h in HEADER]


def test_bad_rows_are_counted_with_reasons_never_dropped(tmp_path: Path) -> None:
    rows = [
        _row(),  # good: across the March DST change (01:52 PST -> 03:01 PDT = 9 minutes)
        _row(**{"Unit ID": "T01", "Unit Type": "TRUCK", "Dispatch DtTm": "03/08/2020 01:52:30 AM"}),
        _row(**{"Unit ID": "E01"}),  # duplicate unit row
        _row(**{"Call Number": "2", "Received DtTm": ""}),
        _row(**{"Call Number": "3", "Location": "(abc, def)"}),
        _row(**{"Call Number": "4", "Call Type": "Alien Landing"}),
        _row(**{"Call Number": "5", "Dispatch DtTm": "03/08/2020 01:40:00 AM"}),  # before received
        _row(**{"Call Number": "6", "Received DtTm": "03/08/2020 1:50 AM"}),
        _row(**{"Call Number": "7", "Unit ID": "", "Priority": "E"}),
        _row(
            **{
                "Call Number": "8",
                "Unit ID": "85",
                "Unit Type": "MEDIC",
                "Priority": "2",
                "Final Priority": "2",
                "Original Priority": "2",
                "Call Type": "Medical Incident",
                "Hospital DtTm": "03/08/2020 01:55:00 AM",
                "Transport DtTm": "03/08/2020 03:10:00 AM",
            }
        ),
    ]
    src = tmp_path / "calls.csv"
    with src.open("w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(HEADER)
        w.writerows(rows)
    _meta, report = import_csv(src, tmp_path / "calls.replay")
    r = report.to_dict()
    assert r["rows"] == 10
    assert r["skipped"] == {
        "duplicate unit row": 1,
        "missing received time": 1,
        "unparseable location": 1,
        "unknown call type": 1,
        "negative duration (dispatched before received)": 1,
        "unparseable timestamp": 1,
        "missing unit id": 1,
    }
    assert r["rows_used"] == 3 and r["incidents"] == 2
    assert r["unknown_call_types"] == {"Alien Landing": 1}
    assert r["adjusted"] == {"hospital before transport: clamped": 1}
    assert r["examples"]["unknown call type"] == ["row 6 (call 4, unit E01)"]
    player = ReplayPlayer(tmp_path / "calls.replay")
    st = player.state_at(player.end)
    fire = st.incidents["sf-1"]
    assert fire.priority == 1  # emergency code 3 on a structure fire
    assert fire.category == "fire.structure"
    assert fire.timestamps["in_progress"] - fire.timestamps["dispatched"] == 9 * 60
    assert st.incidents["sf-8"].priority == 3  # code 2: non-emergency
    assert st.units["E1"].agency == "fire" and st.units["M85"].type == "medic"
    player.close()
    with pytest.raises(ReplayError, match="already exists"):
        import_csv(src, tmp_path / "calls.replay")


def test_file_without_the_needed_columns_says_which(tmp_path: Path) -> None:
    src = tmp_path / "odd.csv"
    src.write_text("CallNumber,UnitID,CallType\n1,E1,Structure Fire\n")
    with pytest.raises(MappingError, match="no built-in mapping"):
        import_csv(src, tmp_path / "odd.replay")
    m = tmp_path / "m.json"
    m.write_text(
        json.dumps(
            {
                "name": "odd",
                "columns": {
                    "call_number": "CallNumber",
                    "unit_id": "UnitID",
                    "call_type": "CallType",
                    "received": "Rcv",
                    "dispatch": "Dsp",
                    "location": "Loc",
                },
            }
        )
    )
    with pytest.raises(CsvImportError, match="received"):
        import_csv(src, tmp_path / "odd.replay", load_mapping(str(m)))
    assert not (tmp_path / "odd.replay").exists()
    m.write_text(json.dumps({"name": "odd", "columns": {"nonsense": "X"}}))
    with pytest.raises(MappingError, match="unknown fields"):
        load_mapping(str(m))
    assert cli(["import", str(src), "--out", str(tmp_path / "x.replay")]) == 1


def test_json_mapping_reads_another_format(tmp_path: Path) -> None:
    src = tmp_path / "nyc.csv"
    src.write_text(
        "id,vehicle,kind,created,sent,arrived,lat,lon\n"
        "A1,E1,Outside Fire,2022-05-01 00:10:00,2022-05-01 00:11:00,2022-05-01 00:15:00,37.77,-122.41\n"
        "A2,E2,Trash,2022-05-01 00:20:00,2022-05-01 00:21:00,,37.78,-122.42\n"
    )
    m = tmp_path / "m.json"
    m.write_text(
        json.dumps(
            {
                "name": "example",
                "timestamp_format": "%Y-%m-%d %H:%M:%S",
                "time_zone": "America/New_York",
                "columns": {
                    "call_number": "id",
                    "unit_id": "vehicle",
                    "call_type": "kind",
                    "received": "created",
                    "dispatch": "sent",
                    "on_scene": "arrived",
                    "latitude": "lat",
                    "longitude": "lon",
                },
                "call_types": {"Trash": "service.other"},
            }
        )
    )
    meta, report = import_csv(src, tmp_path / "x.replay", load_mapping(str(m)))
    assert report.incidents == 2 and sum(report.skipped.values()) == 0
    assert meta.time_zone == "America/New_York"
    with ReplayFile(tmp_path / "x.replay") as rf:
        stats = replay_stats(rf)
    assert stats["received_to_dispatch_s"]["median"] == 60.0
    assert stats["received_to_on_scene_s"]["count"] == 1
