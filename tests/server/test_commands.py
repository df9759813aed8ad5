"""Commands through a live server: every command type, idempotency, conflicts, versions."""

from __future__ import annotations

import asyncio
import time
import uuid
from pathlib import Path

import msgspec
import pytest

from app.domain import events as ev
from app.domain.commands import COMMAND_TYPES
from app.domain.model import EscalationNotice
from app.interop.cap_out import alert_from_incident
from app.protocol import Ack, ErrorMsg
from app.server.processor import decode_answer
from tests.server.conftest import TRASH, create_incident, events_until, login, run

# Each test runs on the SQLite store and on the PostgreSQL one.
pytestmark = pytest.mark.usefixtures("both_stores")


def test_create_assign_and_broadcast(tmp_path: Path) -> None:
    from tests.server.conftest import live_server

    async def main() -> None:
        async with live_server(tmp_path / "city.db") as server:
            a = await login(server, "disp1")
            b = await login(server, "obs")
            inc = await create_incident(a, reporter_contact="415-555-0100")
            ans = await a.send_command("assign_units", {"incident_id": inc, "unit_ids": ["E1"]})
            assert isinstance(ans, Ack), ans
            got = await events_until(b, ans.seq)
            types = [type(e.body).__name__ for e in got]
            assert types[0] == "IncidentCreated"
            assert "UnitAssigned" in types and types.count("IncidentTransitioned") == 2
            assert got[0].body.incident.reporter_contact == "415-555-0100"  # type: ignore[union-attr]
            assert server.state.units["E1"].incident_id == inc
            assert server.state.incidents[inc].status == "dispatched"
            # The sender receives the events of its own command before the ack resolved.
            mine = await events_until(a, ans.seq)
            assert [e.seq for e in mine] == [e.seq for e in got]
            await a.close()
            await b.close()

    run(main())


def test_every_command_type_works(tmp_path: Path) -> None:
    from tests.server.conftest import live_server

    async def main() -> None:
        async with live_server(tmp_path / "city.db") as server:
            sup = await login(server, "sup")
            used: set[str] = set()

            async def ok(type_: str, **payload: object) -> Ack:
                ans = await sup.send_command(type_, dict(payload))
                assert isinstance(ans, Ack), (type_, ans)
                used.add(type_)
                return ans

            a = await create_incident(sup)
            used.add("create_incident")
            b = await create_incident(sup, category=TRASH, description="bags on the pavement")
            c = await create_incident(sup, category=TRASH, description="same bags again")
            await ok("update_incident", incident_id=a, changes={"description": "smoke seen"})
            await ok("add_note", incident_id=a, text="caller on the line", note_id="note-a")
            await ok("strike_note", incident_id=a, note_id="note-a", reason="wrong caller")
            assert server.state.incidents[a].narrative[-1].struck is not None
            await ok("assign_units", incident_id=a, unit_ids=["E1"])
            await ok("set_unit_status", unit_id="E1", status="en_route")
            await ok("set_unit_status", unit_id="E1", status="on_scene")
            assert server.state.incidents[a].status == "in_progress"
            await ok("move_unit", unit_id="E1", lat=37.781, lon=-122.411, heading=90)
            await ok("relocate_unit", unit_id="E2", station_id="FS1")
            assert server.state.units["E2"].home_station == "FS1"
            req = str(uuid.uuid4())
            await ok(
                "request_linkage",
                incident_id=a,
                to_agency="police",
                capability="law_enforcement",
                request_id=req,
            )
            await ok("answer_linkage", request_id=req, action="accept")
            await ok("link_incidents", incident_id=a, other_id=b)
            await ok("suspend_deadline", incident_id=a, reason="waiting for the gas company")
            await ok("resume_deadline", incident_id=a)
            await ok("request_extension", incident_id=a, minutes=30, reason="large fire")
            await ok("decide_extension", incident_id=a, approve=True)
            await ok("set_camera_status", camera_id="C1", status="maintenance")
            warning = alert_from_incident(server.state.incidents[a], time.time(), radius_km=0.5)
            await ok("issue_alert", alert=msgspec.to_builtins(warning))
            outside = msgspec.structs.replace(
                warning,
                id="nws@example.org,X1,2026-11-30T08:00:00+00:00",
                identifier="X1",
                sender="nws@example.org",
                sent="2026-11-30T08:00:00+00:00",
                incident_id="",
            )
            await ok("import_alert", alert=msgspec.to_builtins(outside), source="test")
            assert set(server.state.alerts) == {warning.id, outside.id}
            await ok("release_unit", incident_id=a, unit_id="E1")
            await ok("transition", incident_id=a, action="resolve", reason="fire out")
            await ok("assign_units", incident_id=b, unit_ids=["S1"])
            await ok(
                "return_case",
                incident_id=b,
                kind="needs_other",
                reason="blocking the road: traffic police",
                suggested_department="police",
            )
            await ok("arbitrate_case", incident_id=b, department="police", reason="road blocked")
            assert server.state.incidents[b].department == "police"
            assert server.state.incidents[b].status == "registered"
            assert server.state.incidents[b].disputes[0].state == "upheld"
            notice = EscalationNotice(stage="handle", level=2, recipients=["role:supervisor"])
            await server.inject([ev.EscalationNoticed(incident_id=a, notice=notice)])
            await ok("acknowledge_escalation", incident_id=a, stage="handle", level=2)
            assert server.state.incidents[a].escalations[0].acknowledged_by == "sup"
            await ok("declare_major", incident_id=a, name="Market St fire")
            await ok("update_board", incident_id=a, kind="role", role="operations", person="Lee")
            assert server.state.incidents[a].board is not None
            await ok("merge_incidents", duplicate_id=c, master_id=b)
            await ok("unmerge_report", report_id=c, reason="another problem")
            await ok("merge_reports", master_id=b, report_ids=[c], reason="same problem")
            weights = {
                "handling": 40.0,
                "on_time": 20.0,
                "rework": 15.0,
                "overdue_pending": 15.0,
                "extension": 10.0,
            }
            await ok("set_evaluation_weights", weights=weights)
            assert server.state.evaluation_weights == weights
            assert server.state.incidents[a].status == "resolved"
            assert server.state.incidents[c].merged_into == b  # merged, its stage kept
            assert server.state.linkages[req].state == "accepted"
            assert server.state.cameras["C1"].status == "maintenance"
            assert server.state.incidents[a].extension_count == 1
            dev = {"id": "D1", "kind": "smoke", "lat": 37.78, "lon": -122.41}
            await ok("upsert_device", device={**dev, "category": "fire.alarm"})
            await ok("sensor_report", device_id="D1", state="alarm", reading=1, threshold=0.5)
            zone = {"camera_id": "C1", "zone_id": "z", "polygon": [[0, 0], [1, 0], [1, 1]]}
            await ok("set_camera_zone", zone=zone)
            await ok("video_detection", camera_id="C1", zone_id="z", rule="stationary")
            alarm = server.state.origins["device:D1"]
            await ok("review_detection", incident_id=alarm, verdict="dismiss", reason="test")
            admin = await login(server, "admin")
            cat = msgspec.to_builtins(server.state.rules().library.get(TRASH))
            cat["limits"]["handle"] += 60
            ans = await admin.send_command("set_category", {"category": cat})
            assert isinstance(ans, Ack), ans
            used.add("set_category")
            assert server.state.rules().library.get(TRASH).limits.handle == cat["limits"]["handle"]
            # The administrator's resources and the desk policy (app/domain/reference_admin.py).
            for type_, payload in (
                ("upsert_agency", {"agency_id": "parks9", "name": "Parks"}),
                ("upsert_station", {"agency_id": "parks9", "station_id": "PK1", "name": "Yard",
                                    "lat": 37.77, "lon": -122.45}),
                ("upsert_unit", {"unit_id": "PK7", "agency": "parks9", "type": "crew",
                                 "home_station": "PK1"}),
                ("retire_unit", {"unit_id": "PK7"}),
                ("retire_station", {"agency_id": "parks9", "station_id": "PK1"}),
                ("retire_agency", {"agency_id": "parks9"}),
                ("upsert_camera", {"camera_id": "C9", "name": "Polk & Geary", "lat": 37.786,
                                   "lon": -122.419, "heading": 10, "fov": 60}),
                ("retire_camera", {"camera_id": "C9"}),
                ("set_desk_policy", {"idle_minutes": 30}),
            ):  # fmt: skip
                ans = await admin.send_command(type_, payload)
                assert isinstance(ans, Ack), (type_, ans)
                used.add(type_)
            assert "parks9" not in server.state.agencies and "C9" not in server.state.cameras
            assert server.state.desk_policy.idle_minutes == 30
            await admin.close()
            # rounds: a supervisor sets one; the inspector's phone reports and ticks
            from app.domain.rounds import local_day
            from app.server.auth import make_user_record
            from tests.server.conftest import CHEAP, PASSWORD

            assert server.store is not None
            rec = make_user_record("insp", PASSWORD, "inspector", "Insp", "", cost=CHEAP)
            server.store.put_user(rec)
            now = time.time()
            day = local_day(server.state.rules(), now)
            cp = {"id": "g", "name": "Gate", "lat": 37.78, "lon": -122.41, "radius_m": 50}
            await ok("set_round", inspector="insp", day=day, checkpoints=[cp])
            insp = await login(server, "insp")
            fix: dict[str, object] = {"lat": 37.78, "lon": -122.41, "at": now}
            phone: tuple[tuple[str, dict[str, object]], ...] = (
                ("report_position", fix),
                ("tick_checkpoint", {**fix, "inspector": "insp", "day": day, "checkpoint_id": "g"}),
            )
            for type_, body in phone:
                ans = await insp.send_command(type_, body)
                assert isinstance(ans, Ack), (type_, ans)
                used.add(type_)
            await insp.close()
            assert server.state.rounds[f"insp/{day}"].progress() == (1, 1)
            assert used == set(COMMAND_TYPES)
            await sup.close()
            rules = server.state.rules_data()
        # A restarted server decides with the same rules: library, calendar, grid, the score's
        # weights and the desks' idle policy all come back from its store.
        async with live_server(tmp_path / "city.db") as again:
            assert again.state.rules_data() == rules
            assert again.state.evaluation_weights == weights

    run(main())


def test_same_command_id_returns_the_original_answer_even_after_restart(tmp_path: Path) -> None:
    from tests.server.conftest import FIRE, live_server

    async def main() -> None:
        db = tmp_path / "city.db"
        cid = str(uuid.uuid4())
        payload = {"category": FIRE, "lat": 37.78, "lon": -122.41, "address": "1 Market St"}
        async with live_server(db) as server:
            conn = await login(server, "ct")
            first = await conn.send_command("create_incident", payload, command_id=cid)
            assert isinstance(first, Ack)
            seq, count = server.state.seq, len(server.state.incidents)
            again = await conn.send_command("create_incident", payload, command_id=cid)
            assert again == first
            other = await conn.send_command(
                "create_incident", {**payload, "address": "2 Market St"}, command_id=cid
            )
            assert other == first  # same id, different payload: still the original answer
            assert (server.state.seq, len(server.state.incidents)) == (seq, count)
            # A refused command is answered the same way each time too.
            bad = str(uuid.uuid4())
            no = await conn.send_command(
                "set_camera_status", {"camera_id": "C1", "status": "offline"}, command_id=bad
            )
            assert isinstance(no, ErrorMsg) and no.code == "forbidden"
            # Several copies in flight at once: one decision, identical answers.
            many = str(uuid.uuid4())
            target = next(iter(server.state.incidents))
            note = {"incident_id": target, "text": "x"}
            answers = await asyncio.gather(
                *[conn.send_command("add_note", note, command_id=many) for _ in range(5)]
            )
            notes = len(server.state.incidents[target].narrative)
            assert len({(a.seq, a.first_seq) for a in answers if isinstance(a, Ack)}) == 1
            assert all(isinstance(a, Ack) for a in answers)
            assert [n.text for n in server.state.incidents[target].narrative].count("x") == 1
            assert len(server.state.incidents[target].narrative) == notes
            await conn.close()
        async with live_server(db) as server:
            assert server.state.seq >= seq
            conn = await login(server, "ct")
            assert await conn.send_command("create_incident", payload, command_id=cid) == first
            again_bad = await conn.send_command(
                "set_camera_status", {"camera_id": "C1", "status": "offline"}, command_id=bad
            )
            assert again_bad == no
            assert len(server.state.incidents) == count
            assert server.store is not None
            key = f"ct\x1f{cid}"  # answers are kept per (account, command id)
            stored = server.store.command_answers([key])
            assert decode_answer(stored[key]) == first
            await conn.close()

    run(main())


def test_two_dispatchers_racing_for_one_unit(tmp_path: Path) -> None:
    from tests.server.conftest import live_server

    async def main() -> None:
        async with live_server(tmp_path / "city.db") as server:
            d1 = await login(server, "disp1")
            d2 = await login(server, "disp2")
            for _ in range(5):
                i1 = await create_incident(d1)
                i2 = await create_incident(d2)
                r1, r2 = await asyncio.gather(
                    d1.send_command("assign_units", {"incident_id": i1, "unit_ids": ["E2"]}),
                    d2.send_command("assign_units", {"incident_id": i2, "unit_ids": ["E2"]}),
                )
                acks = [r for r in (r1, r2) if isinstance(r, Ack)]
                errs = [r for r in (r1, r2) if isinstance(r, ErrorMsg)]
                assert len(acks) == 1 and len(errs) == 1, (r1, r2)
                winner = "disp1" if acks[0] is r1 else "disp2"
                won = i1 if winner == "disp1" else i2
                err = errs[0]
                assert err.code == "conflict"
                assert f"by {winner}" in err.message
                assert server.state.incidents[won].number in err.message
                assert err.details["holder"] == winner
                assert server.state.units["E2"].incident_id == won
                rel = await d1.send_command(
                    "set_unit_status", {"unit_id": "E2", "status": "available"}
                )
                assert isinstance(rel, Ack), rel
            await d1.close()
            await d2.close()

    run(main())


def test_stale_version_is_refused(tmp_path: Path) -> None:
    from tests.server.conftest import live_server

    async def main() -> None:
        async with live_server(tmp_path / "city.db") as server:
            d1 = await login(server, "disp1")
            inc = await create_incident(d1)
            version = server.state.incidents[inc].version
            ok = await d1.send_command(
                "update_incident", {"incident_id": inc, "changes": {"priority": 2}}, version
            )
            assert isinstance(ok, Ack)
            stale = await d1.send_command(
                "update_incident", {"incident_id": inc, "changes": {"priority": 3}}, version
            )
            assert isinstance(stale, ErrorMsg) and stale.code == "conflict"
            assert stale.details["current_version"] == version + 1
            assert server.state.incidents[inc].priority == 2
            await d1.close()

    run(main())


def test_new_incidents_are_located_on_the_loaded_grid(tmp_path: Path) -> None:
    from app.domain import events as ev
    from app.domain.model import GridCell
    from tests.server.conftest import live_server

    def square(x0: float, y0: float, d: float) -> list[tuple[float, float]]:
        return [(x0, y0), (x0 + d, y0), (x0 + d, y0 + d), (x0, y0 + d), (x0, y0)]

    async def main() -> None:
        async with live_server(tmp_path / "city.db") as server:
            cells = [
                GridCell(
                    id="G-01-01", polygon=square(-122.42, 37.77, 0.01), neighbourhood="Mission"
                ),
                GridCell(id="G-01-02", polygon=square(-122.41, 37.77, 0.01), neighbourhood="SoMa"),
            ]
            await server.inject([ev.GridLoaded(cells=cells)])
            d = await login(server, "disp1")
            inside = await create_incident(d, lat=37.775, lon=-122.405)
            outside = await create_incident(d, lat=37.70, lon=-122.50)
            loc = server.state.incidents[inside].location
            assert (loc.grid_cell, loc.neighbourhood) == ("G-01-02", "SoMa")
            far = server.state.incidents[outside].location
            assert (far.grid_cell, far.neighbourhood) == ("", "")
            await d.close()

    run(main())
