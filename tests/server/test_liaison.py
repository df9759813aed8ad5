"""A liaison sees only the incidents shared with its agency, never the reporter's contact."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import msgspec
import pytest

from app.domain import events as ev
from app.protocol import Ack, EventsMsg, SnapshotMsg
from tests.server.conftest import TRASH, create_incident, events_until, live_server, login, run

# Each test runs on the SQLite store and on the PostgreSQL one.
pytestmark = pytest.mark.usefixtures("both_stores")


def test_liaison_gets_shared_incidents_only_without_contact(tmp_path: Path) -> None:
    async def main() -> None:
        async with live_server(tmp_path / "city.db") as server:
            sup = await login(server, "sup")
            fire_inc = await create_incident(sup, reporter_contact="415-555-0199")
            trash_inc = await create_incident(
                sup, category=TRASH, description="bags", reporter_contact="415-555-0142"
            )
            # A fire liaison's snapshot: the fire incident (stripped), not the sanitation one.
            li = await server_login_snapshot(server, "fire_li")
            snap = li[1]
            ids = {i.id for i in snap.incidents}
            assert ids == {fire_inc}
            assert snap.incidents[0].reporter_contact == ""
            assert {u.id for u in snap.units} == {"E1", "E2", "P1", "S1"}
            conn = li[0]
            police = await login(server, "police_li")

            # Live: a note on the sanitation incident is not sent; one on the fire incident is.
            await sup.send_command("add_note", {"incident_id": trash_inc, "text": "secret"})
            upd = await sup.send_command(
                "update_incident",
                {
                    "incident_id": fire_inc,
                    "changes": {"reporter_contact": "415-555-0000", "description": "smoke"},
                },
            )
            assert isinstance(upd, Ack)
            got = await events_until(conn, upd.seq)
            assert all(ev.incident_of(e.body) != trash_inc for e in got)
            last = got[-1].body
            assert isinstance(last, ev.IncidentUpdated)
            assert last.changes.description == "smoke"
            assert last.changes.reporter_contact is msgspec.UNSET

            # Police learns of the fire incident when police is asked to help: one upsert with the
            # full current record, carrying the notes made before it was shared.
            await sup.send_command("add_note", {"incident_id": fire_inc, "text": "before sharing"})
            ask = await sup.send_command(
                "request_linkage",
                {
                    "incident_id": fire_inc,
                    "to_agency": "police",
                    "capability": "traffic_control",
                    "request_id": str(uuid.uuid4()),
                },
            )
            assert isinstance(ask, Ack)
            seen = await events_until(police, ask.seq)
            created = [e for e in seen if isinstance(e.body, ev.IncidentCreated)]
            assert len(created) == 1 and created[0].seq == ask.seq
            record = created[0].body.incident  # type: ignore[union-attr]
            assert record.id == fire_inc and record.reporter_contact == ""
            assert "before sharing" in [n.text for n in record.narrative]
            assert "police" in record.linked_agencies
            assert all(ev.incident_of(e.body) in ("", fire_inc) for e in seen)
            # ... and then the following events of that incident, like anyone.
            note = await sup.send_command("add_note", {"incident_id": fire_inc, "text": "after"})
            assert isinstance(note, Ack)
            after = await events_until(police, note.seq)
            assert isinstance(after[-1].body, ev.NoteAdded)
            # A unit of police assigned to the sanitation incident shares it with police too.
            asg = await sup.send_command(
                "assign_units", {"incident_id": trash_inc, "unit_ids": ["P1"]}
            )
            assert isinstance(asg, Ack)
            more = await events_until(police, asg.seq)
            ups = [e.body.incident for e in more if isinstance(e.body, ev.IncidentCreated)]
            assert [i.id for i in ups] == [trash_inc] and ups[0].reporter_contact == ""
            # The assignment is folded into the upsert; P1's side of it comes as a unit upsert.
            assert not any(isinstance(e.body, ev.UnitAssigned) for e in more)
            p1 = [e.body.unit for e in more if isinstance(e.body, ev.UnitUpserted)]
            assert [u.incident_id for u in p1] == [trash_inc]
            assert server.state.units["P1"].incident_id == trash_inc
            for c in (sup, conn, police):
                await c.close()

    run(main())


async def server_login_snapshot(server, username):  # type: ignore[no-untyped-def]
    from app.net.client import Connection
    from tests.server.conftest import PASSWORD, url

    conn = await Connection.connect(url(server), username, PASSWORD, "w", last_seq=5)
    assert conn.welcome.catch_up == "snapshot"  # liaisons always catch up from a filtered snapshot
    msg = await conn.next_update()
    assert isinstance(msg, SnapshotMsg)
    return conn, msg.snapshot


def test_liaison_catch_up_never_replays_hidden_events(tmp_path: Path) -> None:
    async def main() -> None:
        async with live_server(tmp_path / "city.db") as server:
            sup = await login(server, "sup")
            await create_incident(sup, category=TRASH, description="bags", reporter_contact="x")
            conn, snap = await server_login_snapshot(server, "fire_li")
            assert snap.incidents == [] and snap.linkages == []
            await conn.resync(0)
            again = await conn.next_update()
            assert isinstance(again, SnapshotMsg) and again.snapshot.incidents == []
            assert not isinstance(again, EventsMsg)
            await conn.close()
            await sup.close()

    run(main())


def test_liaison_replica_matches_the_filtered_server_state(tmp_path: Path) -> None:
    """Whatever happens, a liaison that applies what it receives holds exactly the server's
    state as its agency may see it (shared incidents without contacts, all units)."""
    from app.domain.state import CityState
    from app.server.visibility import filter_snapshot

    async def main() -> None:
        async with live_server(tmp_path / "city.db") as server:
            sup = await login(server, "sup")
            conn, snap = await server_login_snapshot(server, "police_li")
            replica = CityState.from_snapshot(snap)
            fire = await create_incident(sup, reporter_contact="415-555-0101")
            trash = await create_incident(
                sup, category=TRASH, description="bags", reporter_contact="x"
            )
            other = await create_incident(sup, category=TRASH, description="more bags")
            steps: list[tuple[str, dict[str, Any]]] = [
                ("assign_units", {"incident_id": fire, "unit_ids": ["E1"]}),  # hidden: E1 busy
                ("set_unit_status", {"unit_id": "E1", "status": "en_route"}),
                ("assign_units", {"incident_id": trash, "unit_ids": ["P1"]}),  # shared via P1
                ("link_incidents", {"incident_id": trash, "other_id": other}),  # other hidden
                ("add_note", {"incident_id": trash, "text": "police on the way"}),
                (
                    "request_linkage",
                    {
                        "incident_id": fire,
                        "to_agency": "police",
                        "capability": "traffic",
                        "request_id": str(uuid.uuid4()),
                    },
                ),  # fire shared via linkage
                ("set_unit_status", {"unit_id": "P1", "status": "on_scene"}),
                ("update_incident", {"incident_id": trash, "changes": {"department": "fire"}}),
                ("add_note", {"incident_id": fire, "text": "after sharing"}),
            ]
            last = 0
            for type_, payload in steps:
                ans = await sup.send_command(type_, payload)
                assert isinstance(ans, Ack), (type_, ans)
                last = ans.seq
            got = await events_until(conn, last)
            replica.apply_all(got)
            want = filter_snapshot(server.state.snapshot(), "police")
            mine = replica.snapshot()
            assert mine.units == want.units
            assert {i.id for i in want.incidents} == {fire, trash}
            by_id = {i.id: i for i in mine.incidents}
            for inc in want.incidents:
                assert by_id[inc.id] == inc, inc.id
            assert all(i.reporter_contact == "" for i in mine.incidents)
            assert other not in by_id
            await conn.close()
            await sup.close()

    run(main())
