"""The command line and the exchange round trips: CAP out -> CAP in gives the same alert, EIDO
out validates and EIDO in -> EIDO out is stable, NENA's sample transfer imports."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path

import msgspec
import pytest

from app.domain.alerts import Alert
from app.domain.model import SourceChannel
from app.domain.state import CityState
from app.interop.__main__ import main
from app.interop.cap import read_cap
from app.interop.cap_out import alert_from_incident, cancel_of, to_xml, update_of
from app.interop.eido import export_incident, read_eido, validate
from app.interop.submit import import_eido
from app.interop.xmlsafe import Refused
from app.server.store import SqliteEventStore
from tests.interop.common import NOW, REPO, run_on, seeded_db, shared


def _state(db: Path) -> CityState:
    store = SqliteEventStore(db)
    try:
        return store.load_state()
    finally:
        store.close()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return seeded_db(tmp_path / "server.db")


def test_cap_import_validates_only_without_db(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = shared() / "data" / "cap"
    good = root / "official_cap12_appendixA" / "v1dot2_appendix_adot1.xml"
    bad = root / "google_cap_library_testdata" / "xee.cap"
    assert main(["cap", "import", str(good)]) == 0
    assert main(["cap", "import", str(good), str(bad), str(tmp_path / "missing.cap")]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"{good}: accepted (cap, 1 alert(s))"
    assert out[1] == f"{good}: accepted (cap, 1 alert(s))"
    assert out[2].startswith(f"{bad}: refused: document type declarations")
    assert out[3].startswith(f"{tmp_path / 'missing.cap'}: refused: cannot read")


def test_cap_import_records_through_the_processor(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = shared() / "data" / "cap" / "official_cap12_appendixA"
    files = sorted(str(p) for p in root.glob("*.xml"))
    assert main(["cap", "import", *files, "--db", str(db)]) == 0
    state = _state(db)
    assert len(state.alerts) == len(files)
    out = capsys.readouterr().out
    assert out.count("accepted and recorded") == len(files)
    # The same files again: already held, refused by the server with its reason.
    assert main(["cap", "import", files[0], "--db", str(db)]) == 1
    assert "refused by the server: duplicate_id" in capsys.readouterr().out
    assert len(_state(db).alerts) == len(files)


def test_cap_round_trip_gives_the_same_alert(db: Path) -> None:
    inc = _state(db).incidents["inc-flood"]
    for kwargs in (
        {"radius_km": 0.75, "instruction": "Keep off Polk Street"},
        {"polygon": [(37.78, -122.42), (37.78, -122.41), (37.77, -122.41)], "severity": "Minor"},
    ):
        alert = alert_from_incident(inc, NOW, **kwargs)  # type: ignore[arg-type]
        assert read_cap(to_xml(alert)).alerts == [alert]
        upd = update_of(alert, NOW + 60, severity="Extreme", instruction="Evacuate")
        assert read_cap(to_xml(upd)).alerts == [upd]
        cancel = cancel_of(alert, NOW + 120, "all clear")
        assert read_cap(to_xml(cancel)).alerts == [cancel]
    with pytest.raises(ValueError, match="severity"):
        alert_from_incident(inc, NOW, severity="Apocalyptic")


def test_cap_export_cli_is_schema_valid_and_issued(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "warning.cap"
    number = _state(db).incidents["inc-flood"].number
    args = ["cap", "export", number, "--db", str(db), "--radius", "0.5", "--out", str(out)]
    assert main([*args, "--issue", "--instruction", "Avoid the area"]) == 0
    (alert,) = read_cap(out.read_bytes()).alerts
    assert alert.incident_id == "inc-flood" and alert.areas[0].circles[0].radius_km == 0.5
    held = _state(db).alerts[alert.id]
    assert msgspec.structs.replace(held, received_at=0.0, updated_at=0.0) == alert
    with pytest.raises(SystemExit, match="no incident"):
        main(["cap", "export", "2099-999999", "--db", str(db)])


def test_eido_export_validates_and_leaves_the_reporter_out(db: Path) -> None:
    state = _state(db)
    inc = state.incidents["inc-flood"]
    doc = export_incident(state, inc)
    validate(doc)
    text = json.dumps(doc)
    assert "555 0100" not in text and "personComponent" not in doc
    assert doc["incidentComponent"]["incidentTypeInternalCode"] == "natural.flooding"
    assert len(doc["emergencyResourceComponent"]) == 2
    notes = [n["notesActionComments"] for n in doc["notesComponent"]]
    assert notes == ["street flooded to the kerb", "water still rising"]
    with_reporter = export_incident(state, inc, include_reporter=True)
    validate(with_reporter)
    assert with_reporter["callbackComponent"][0]["callBackInformationUri"] == ["+1 415 555 0100"]
    broken = copy.deepcopy(doc)
    del broken["agencyComponent"]
    with pytest.raises(Refused, match="agencyComponent"):
        validate(broken)


def _normalised(doc: dict[str, object], inc_id: str, number: str) -> str:
    text = json.dumps(doc, sort_keys=True).replace(inc_id, "INC").replace(number, "NUM")
    return text


def test_eido_in_then_out_is_stable(db: Path) -> None:
    state = _state(db)
    first = export_incident(state, state.incidents["inc-flood"])

    def receive(doc: dict[str, object], key: str, t: float) -> tuple[CityState, str]:
        received = read_eido(doc, _state(db))
        inc_id, answers = run_on(db, lambda proc: import_eido(proc, received, key), now=t)
        assert all(type(a).__name__ == "Ack" for a in answers), answers
        return _state(db), inc_id

    s1, id1 = receive(first, "one", NOW + 10)
    inc1 = s1.incidents[id1]
    assert inc1.source == SourceChannel.TRANSFER
    assert [e.kind for e in inc1.narrative if e.kind == "transfer"] == ["transfer"]
    assert "received by EIDO from cityops.invalid" in inc1.narrative[0].text
    out1 = export_incident(s1, inc1)
    s2, id2 = receive(out1, "two", NOW + 10)
    inc2 = s2.incidents[id2]
    out2 = export_incident(s2, inc2)
    assert _normalised(out1, id1, inc1.number) == _normalised(out2, id2, inc2.number)
    assert (inc2.category, inc2.priority, inc2.location.lat, inc2.location.lon) == (
        "natural.flooding",
        inc1.priority,
        37.7793,
        -122.4193,
    )


def test_sample_call_transfer_imports(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sample = shared() / "reference" / "eido" / "sample_call_transfer_EIDO.json"
    before = set(_state(db).incidents)
    assert main(["eido", "import", str(sample), "--db", str(db)]) == 0
    line = capsys.readouterr().out
    assert "accepted as incident" in line and "idx.state.pa.us" in line
    state = _state(db)
    (new_id,) = set(state.incidents) - before
    inc = state.incidents[new_id]
    assert inc.source == SourceChannel.TRANSFER
    assert inc.location.address == "42 W Cellular Street, Wilmington, DE, US"
    sender = [e.text for e in inc.narrative if e.kind == "transfer"]
    assert len(sender) == 1 and "idx.state.pa.us (agency state.pa.us)" in sender[0]
    assert "placed at the centre's fallback point" in sender[0]
    # Sent again: the same incident, not a second one.
    assert main(["eido", "import", str(sample), "--db", str(db)]) == 0
    assert set(_state(db).incidents) - before == {new_id}


def test_eido_refusals(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"eidoVersion": "2.0"}')
    assert main(["eido", "import", str(bad), "--db", str(db)]) == 1
    assert "refused: invalid EIDO" in capsys.readouterr().out
    bad.write_text("{not json")
    assert main(["eido", "import", str(bad), "--db", str(db)]) == 1
    sample = json.loads(
        (shared() / "reference" / "eido" / "sample_call_transfer_EIDO.json").read_text()
    )
    with pytest.raises(Refused, match="no geodetic position"):
        read_eido(sample, CityState())


def test_module_entry_point_runs(tmp_path: Path) -> None:
    good = shared() / "data" / "cap" / "capparselib_tests" / "weather.cap"
    bad = shared() / "data" / "cap" / "capparselib_tests" / "invalid.cap"
    proc = subprocess.run(
        [sys.executable, "-m", "app.interop", "cap", "import", str(good), str(bad)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 1, proc.stderr
    assert "weather.cap: accepted (cap, 1 alert(s))" in proc.stdout
    assert "invalid.cap: refused: invalid CAP 1.2" in proc.stdout


def test_alert_struct_round_trips_on_the_wire() -> None:
    alert = alert_from_incident(_state_with_incident(), NOW)
    assert msgspec.json.decode(msgspec.json.encode(alert), type=Alert) == alert


def _state_with_incident():  # type: ignore[no-untyped-def]
    from app.domain.model import Incident, IncidentKind, Location, Status

    return Incident(
        id="i",
        number="2026-000001",
        kind=IncidentKind.EMERGENCY,
        category="fire.structure",
        priority=1,
        status=Status.REPORTED,
        location=Location(lat=37.7, lon=-122.4),
        source=SourceChannel.HOTLINE,
    )
