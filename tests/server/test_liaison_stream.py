"""A liaison's state built from its live stream equals a fresh filtered snapshot, after any
sequence of commands: incidents becoming shared, linkage requests to an incident already shared,
incidents that stop being shared, links to hidden incidents, notes, transitions."""

from __future__ import annotations

import random
import uuid
from pathlib import Path
from typing import Any

from app.domain import events as ev
from app.domain.state import CityState, Snapshot
from app.domain.workflow import ACTIONS
from app.net.client import Connection
from app.protocol import Ack, EventsMsg, SnapshotMsg
from app.server.visibility import filter_snapshot
from tests.server.conftest import FIRE, TRASH, live_server, login, run

AGENCIES = ["fire", "police", "sanitation"]
UNITS = ["E1", "E2", "P1", "S1"]
CAPABILITY = {"fire": "fire_suppression", "police": "law_enforcement", "sanitation": "sweeping"}


class LiveView:
    """A client's state fed by what it receives (several events of a message may share a seq)."""

    def __init__(self, conn: Connection, snap: SnapshotMsg) -> None:
        self.conn = conn
        self.state = CityState.from_snapshot(snap.snapshot)
        self.withdrawn = 0

    async def until(self, seq: int) -> None:
        while self.state.seq < seq:
            upd = await self.conn.next_update()
            assert isinstance(upd, EventsMsg), upd
            base = self.state.seq
            for e in upd.events:
                if e.seq > base:
                    self.withdrawn += isinstance(e.body, ev.IncidentWithdrawn)
                    self.state.apply(e)


def _tables(snap: Snapshot) -> dict[str, dict[str, Any]]:
    return {
        "incidents": {i.id: i for i in snap.incidents},
        "linkages": {r.id: r for r in snap.linkages},
        "units": {u.id: u for u in snap.units},
        "cameras": {c.id: c for c in snap.cameras},
    }


def _command(rnd: random.Random, incidents: list[str], requests: list[str]) -> tuple[str, Any]:
    inc = rnd.choice(incidents) if incidents else ""
    kind = rnd.choice(
        ["create", "department", "assign", "release", "request", "answer", "link", "note",
         "transition", "unit_status"]
    )  # fmt: skip
    if kind == "create" or not incidents:
        new = str(uuid.uuid4())
        incidents.append(new)
        category = rnd.choice([FIRE, TRASH])
        payload = {"incident_id": new, "category": category, "lat": 37.78, "lon": -122.41,
                   "address": "1 Market St", "reporter_contact": "415-555-0100"}  # fmt: skip
        if rnd.random() < 0.5:
            payload["department"] = rnd.choice(AGENCIES)
        return "create_incident", payload
    if kind == "department":
        changes = {"department": rnd.choice(AGENCIES), "reporter_contact": f"{rnd.random()}"}
        return "update_incident", {"incident_id": inc, "changes": changes}
    if kind == "assign":
        return "assign_units", {"incident_id": inc, "unit_ids": [rnd.choice(UNITS)]}
    if kind == "release":
        return "release_unit", {"incident_id": inc, "unit_id": rnd.choice(UNITS)}
    if kind == "request":
        agency = rnd.choice(AGENCIES)
        rid = str(uuid.uuid4())
        requests.append(rid)
        return "request_linkage", {"incident_id": inc, "to_agency": agency,
                                   "capability": CAPABILITY[agency], "request_id": rid}  # fmt: skip
    if kind == "answer" and requests:
        action = rnd.choice(["accept", "decline", "fulfil", "cancel"])
        return "answer_linkage", {"request_id": rnd.choice(requests), "action": action}
    if kind == "link" and len(incidents) > 1:
        other = rnd.choice([i for i in incidents if i != inc])
        return "link_incidents", {"incident_id": inc, "other_id": other}
    if kind == "transition":
        action = rnd.choice(sorted(ACTIONS))
        return "transition", {"incident_id": inc, "action": action, "reason": "test"}
    if kind == "unit_status":
        status = rnd.choice(["available", "on_scene", "out_of_service"])
        return "set_unit_status", {"unit_id": rnd.choice(UNITS), "status": status}
    return "add_note", {"incident_id": inc, "text": f"note {rnd.random():.3f}"}


def test_live_liaison_state_equals_a_filtered_snapshot(tmp_path: Path) -> None:
    async def main() -> None:
        async with live_server(tmp_path / "city.db", rate=10_000, burst=10_000) as server:
            sup = await login(server, "sup")
            views: dict[str, LiveView] = {}
            for name, agency in (("fire_li", "fire"), ("police_li", "police")):
                conn = await Connection.connect(
                    f"ws://127.0.0.1:{server.port}", name, "secret-pass", f"ws-{name}"
                )
                snap = await conn.next_update()
                assert isinstance(snap, SnapshotMsg)
                views[agency] = LiveView(conn, snap)
            acks = 0
            for seed in range(8):
                rnd = random.Random(seed)
                incidents: list[str] = []
                requests: list[str] = []
                for _ in range(80):
                    ctype, payload = _command(rnd, incidents, requests)
                    ans = await sup.send_command(ctype, payload)
                    acks += isinstance(ans, Ack)
                # A unit move reaches every view: once it arrived, the view is up to date.
                marker = {"unit_id": "E1", "lat": 37.7 + seed / 100, "lon": -122.4}
                moved = await sup.send_command("move_unit", marker)
                assert isinstance(moved, Ack), moved
                seq = moved.seq
                for agency, view in views.items():
                    await view.until(seq)
                    want = _tables(filter_snapshot(server.state.snapshot(), agency))
                    got = _tables(view.state.snapshot())
                    for table in want:
                        assert got[table] == want[table], (seed, agency, table)
            assert acks > 100  # the sequences did things, not only refusals
            assert sum(v.withdrawn for v in views.values()) > 0  # incidents stopped being shared
            for view in views.values():
                await view.conn.close()
            await sup.close()

    run(main(), timeout=180)
