"""The field client's HTTP calls against a real server: inspectors sign in with the websocket's
accounts, report with source inspector, see only their own cells' verification tasks and
cannot touch other cases, over HTTP or over the websocket."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import aiohttp

from app.domain.model import SourceChannel, Status
from app.net.client import Connection
from app.protocol import Ack, ErrorMsg, SnapshotMsg
from tests.server.citizen_helpers import TRASH, Citizen, citizen_server, command
from tests.server.conftest import PASSWORD, login, run, url
from tests.server.field_helpers import HERE, THERE, add_inspectors, photo_bytes


async def signin(c: Citizen, name: str) -> dict[str, str]:
    resp = await c.http.post(
        f"{c.base}/field/api/signin", json={"username": name, "password": PASSWORD}
    )
    body = await resp.json()
    assert resp.status == 200, body
    return {"Authorization": f"Bearer {body['token']}"}


async def resolved_case(c: Citizen, pos: tuple[float, float]) -> str:
    """A sanitation case at ``pos`` taken to the verify stage by the centre."""
    sup = await login(c.server, "sup")
    try:
        incident_id = str(uuid.uuid4())
        await command(
            sup,
            "create_incident",
            incident_id=incident_id,
            category=TRASH,
            lat=pos[0],
            lon=pos[1],
            address="1 Grove St",
            description="bags",
        )
        await command(sup, "assign_units", incident_id=incident_id, unit_ids=["S1"])
        await command(sup, "transition", incident_id=incident_id, action="resolve", reason="ok")
        await command(sup, "release_unit", incident_id=incident_id, unit_id="S1")
    finally:
        await sup.close()
    assert c.server.state.incidents[incident_id].status == Status.RESOLVED
    return incident_id


def report_form(cid: str, **extra: Any) -> aiohttp.FormData:
    form = aiohttp.FormData()
    fields = {"command_id": cid, "category": TRASH, "lat": str(HERE[0]), "lon": str(HERE[1])}
    fields.update({"address": "1 Grove St", "description": "bags on the kerb"}, **extra)
    for k, v in fields.items():
        form.add_field(k, v)
    form.add_field("photo", photo_bytes(), filename="p.jpg", content_type="image/jpeg")
    return form


def test_inspector_reports_once_per_command_id(tmp_path: Path) -> None:
    async def go() -> None:
        async with citizen_server(tmp_path / "c.db") as c:
            await add_inspectors(c.server)
            auth = await signin(c, "insp1")
            cid = str(uuid.uuid4())
            for _ in range(2):  # the second is a re-send after a lost answer
                resp = await c.http.post(
                    f"{c.base}/field/api/report", data=report_form(cid), headers=auth
                )
                body = await resp.json()
                assert resp.status == 200 and body["ok"], body
            found = [i for i in c.server.state.incidents.values() if i.id == cid]
            assert len(c.server.state.incidents) == 1 and len(found) == 1
            inc = found[0]
            assert inc.source == SourceChannel.INSPECTOR and body["number"] == inc.number
            assert "/media/" in inc.description
            media = inc.description.split("/media/")[1].split()[0]
            photo = await c.http.get(f"{c.base}/media/{media}")
            assert photo.status == 200 and photo.content_type == "image/jpeg"
            # a broken photo is refused with the reason, and makes nothing
            bad = report_form(str(uuid.uuid4()))
            bad._fields[-1] = (bad._fields[-1][0], bad._fields[-1][1], b"not an image" * 10)
            resp = await c.http.post(f"{c.base}/field/api/report", data=bad, headers=auth)
            assert resp.status == 400 and "photo" in (await resp.json())[0]["description"]
            assert len(c.server.state.incidents) == 1

    run(go())


def test_inspector_sees_and_answers_only_own_cells(tmp_path: Path) -> None:
    async def go() -> None:
        async with citizen_server(tmp_path / "c.db") as c:
            await add_inspectors(c.server)
            mine = await resolved_case(c, HERE)
            theirs = await resolved_case(c, THERE)
            auth = await signin(c, "insp1")
            resp = await c.http.get(f"{c.base}/field/api/tasks", headers=auth)
            tasks = (await resp.json())["tasks"]
            assert [t["incident_id"] for t in tasks] == [mine]
            assert tasks[0]["due"] is not None
            # another cell's case: not found for this inspector, and left as it was
            form = aiohttp.FormData({"answer": "fixed"})
            resp = await c.http.post(f"{c.base}/field/api/tasks/{theirs}", data=form, headers=auth)
            assert resp.status == 404
            assert c.server.state.incidents[theirs].status == Status.RESOLVED
            # not fixed needs a photo
            form = aiohttp.FormData({"answer": "not_fixed"})
            resp = await c.http.post(f"{c.base}/field/api/tasks/{mine}", data=form, headers=auth)
            assert resp.status == 400
            form = aiohttp.FormData({"answer": "fixed"})
            resp = await c.http.post(f"{c.base}/field/api/tasks/{mine}", data=form, headers=auth)
            assert resp.status == 200, await resp.text()
            assert c.server.state.incidents[mine].status == Status.VERIFIED
            # the other inspector sees their own case only
            auth2 = await signin(c, "insp2")
            resp = await c.http.get(f"{c.base}/field/api/tasks", headers=auth2)
            assert [t["incident_id"] for t in (await resp.json())["tasks"]] == [theirs]

    run(go())


def test_the_runner_holds_inspectors_to_their_role(tmp_path: Path) -> None:
    """Over the websocket, where the field client's checks do not apply."""

    async def go() -> None:
        async with citizen_server(tmp_path / "c.db") as c:
            await add_inspectors(c.server)
            theirs = await resolved_case(c, THERE)
            mine = await resolved_case(c, HERE)
            insp = await login(c.server, "insp1")
            try:
                tries: list[tuple[str, dict[str, Any]]] = [
                    ("transition", {"incident_id": theirs, "action": "verify"}),
                    ("transition", {"incident_id": mine, "action": "cancel", "reason": "x"}),
                    ("assign_units", {"incident_id": mine, "unit_ids": ["E1"]}),
                    ("add_note", {"incident_id": mine, "text": "hi"}),
                    (
                        "create_incident",
                        {"category": TRASH, "lat": HERE[0], "lon": HERE[1], "source": "hotline"},
                    ),
                ]
                for ctype, payload in tries:
                    ans = await insp.send_command(ctype, payload)
                    assert isinstance(ans, ErrorMsg) and ans.code == "forbidden", (ctype, ans)
                ans = await insp.send_command(
                    "transition",
                    {"incident_id": mine, "action": "fail_verification", "reason": "no"},
                )
                assert isinstance(ans, Ack), ans
                inc = c.server.state.incidents[mine]
                assert inc.rework_count == 1 and inc.status != Status.RESOLVED
            finally:
                await insp.close()
            # over the websocket an inspector's view holds no case (the desks' hold both)
            insp = await Connection.connect(url(c.server), "insp1", PASSWORD, "ws-insp")
            desk = await Connection.connect(url(c.server), "disp1", PASSWORD, "ws-desk")
            try:
                views = [await insp.next_update(), await desk.next_update()]
            finally:
                await insp.close()
                await desk.close()
            assert all(isinstance(v, SnapshotMsg) for v in views), views
            assert [len(v.snapshot.incidents) for v in views] == [0, 2]  # type: ignore[union-attr]
            # a dispatcher is not let into the field client
            resp = await c.http.post(
                f"{c.base}/field/api/signin", json={"username": "disp1", "password": PASSWORD}
            )
            assert resp.status == 403
            resp = await c.http.post(
                f"{c.base}/field/api/signin", json={"username": "insp1", "password": "wrong"}
            )
            assert resp.status == 401
            resp = await c.http.get(f"{c.base}/field/api/tasks")
            assert resp.status == 401

    run(go())


def test_the_admin_moves_an_inspector_to_other_cells(tmp_path: Path) -> None:
    async def go() -> None:
        async with citizen_server(tmp_path / "c.db") as c:
            _, there = await add_inspectors(c.server)
            theirs = await resolved_case(c, THERE)
            auth = await signin(c, "insp1")
            resp = await c.http.get(f"{c.base}/field/api/tasks", headers=auth)
            assert (await resp.json())["tasks"] == []
            admin = await login(c.server, "admin")
            try:
                ans = await admin.admin("set_cells", {"username": "insp1", "cells": [there]})
                assert not isinstance(ans, ErrorMsg), ans
                bad = await admin.admin("set_cells", {"username": "disp1", "cells": [there]})
                assert isinstance(bad, ErrorMsg) and bad.code == "invalid_payload"
                bad = await admin.admin("set_cells", {"username": "insp1", "cells": "G-1"})
                assert isinstance(bad, ErrorMsg) and bad.code == "invalid_payload"
            finally:
                await admin.close()
            resp = await c.http.get(f"{c.base}/field/api/tasks", headers=auth)
            assert [t["incident_id"] for t in (await resp.json())["tasks"]] == [theirs]
            resp = await c.http.get(f"{c.base}/field/api/me", headers=auth)
            assert (await resp.json())["cells"] == [there]

    run(go())


def test_bad_input_gets_a_clear_message_and_makes_nothing(tmp_path: Path) -> None:
    async def go() -> None:
        async with citizen_server(tmp_path / "c.db") as c:
            await add_inspectors(c.server)
            for body in (b"[1, 2]", b"{", b'{"username": 5}', b"\xff\xfe"):
                resp = await c.http.post(f"{c.base}/field/api/signin", data=body)
                assert resp.status == 400, body
            auth = await signin(c, "insp1")
            cases: list[tuple[dict[str, str], str]] = [
                ({"category": "no.such"}, "standard library"),
                ({"lat": "north"}, "numbers"),
                ({"lat": "91"}, "-90..90"),
                ({"lon": ""}, "position"),
                ({"command_id": "not-a-uuid"}, "UUID"),
                ({"description": "x" * 5000}, "longer than"),
            ]
            for extra, why in cases:
                resp = await c.http.post(
                    f"{c.base}/field/api/report",
                    data=report_form(str(uuid.uuid4()), **extra),
                    headers=auth,
                )
                text = (await resp.json())[0]["description"]
                assert resp.status == 400 and why in text, (extra, text)
            resp = await c.http.post(f"{c.base}/field/api/report", data=b"garbage", headers=auth)
            assert resp.status == 400
            bad_token = {"Authorization": "Bearer nope"}
            resp = await c.http.get(f"{c.base}/field/api/library", headers=bad_token)
            assert resp.status == 401
            resp = await c.http.get(f"{c.base}/field/api/library", headers=auth)
            cats = (await resp.json())["categories"]
            assert any(c["name_zh"] == "暴露垃圾" for c in cats)
            assert c.server.state.incidents == {}
            resp = await c.http.get(f"{c.base}/field/nothing.js")
            assert resp.status == 404
            resp = await c.http.get(f"{c.base}/field/sw.js")
            assert resp.status == 200 and "javascript" in resp.content_type

    run(go())
