"""The field client's round and position calls against a real server: the round of the day,
a tick the server refuses when the position is outside the radius (whatever the phone thinks),
a tick for another inspector's round refused, a re-sent tick answered once, and positions that
are rate-limited by the rule and refused with a reason when malformed."""

from __future__ import annotations

import time
import uuid
from pathlib import Path
from typing import Any

import aiohttp

from app.domain.rounds import local_day
from tests.server.citizen_helpers import Citizen, citizen_server, command
from tests.server.conftest import login, run
from tests.server.field_helpers import HERE, add_inspectors
from tests.server.test_field_api import signin

GATE = (HERE[0] + 0.0030, HERE[1])


def form(**fields: Any) -> aiohttp.FormData:
    f = aiohttp.FormData()
    for k, v in fields.items():
        f.add_field(k, str(v))
    return f


async def set_round(c: Citizen, inspector: str = "insp1") -> str:
    day = local_day(c.server.state.rules(), time.time())
    sup = await login(c.server, "sup")
    try:
        cp = {"id": "gate", "name": "Gate", "lat": GATE[0], "lon": GATE[1], "radius_m": 40}
        await command(sup, "set_round", inspector=inspector, day=day, checkpoints=[cp])
    finally:
        await sup.close()
    return day


async def post(c: Citizen, path: str, auth: dict[str, str], **fields: Any) -> tuple[int, Any]:
    resp = await c.http.post(f"{c.base}/field/api/{path}", data=form(**fields), headers=auth)
    return resp.status, await resp.json()


def test_the_server_checks_the_radius_and_the_owner(tmp_path: Path) -> None:
    async def go() -> None:
        async with citizen_server(tmp_path / "c.db") as c:
            await add_inspectors(c.server)
            day = await set_round(c)
            auth1, auth2 = await signin(c, "insp1"), await signin(c, "insp2")
            resp = await c.http.get(f"{c.base}/field/api/round", headers=auth1)
            body = await resp.json()
            assert body["day"] == day and body["round"]["checkpoints"][0]["id"] == "gate"
            resp = await c.http.get(f"{c.base}/field/api/round", headers=auth2)
            assert (await resp.json())["round"] is None  # insp2 has no round today
            now = time.time()
            # the phone claims the checkpoint from 330 m away: refused by the rule
            status, body = await post(
                c, "round/tick", auth1, command_id=uuid.uuid4(), day=day,
                checkpoint_id="gate", lat=HERE[0], lon=HERE[1], at=now,
            )  # fmt: skip
            assert status == 409 and body["code"] == "out_of_range", body
            assert "m away" in body["message"]
            # insp2 cannot tick insp1's round (the server fills in the caller as the inspector)
            status, body = await post(
                c, "round/tick", auth2, command_id=uuid.uuid4(), day=day,
                checkpoint_id="gate", lat=GATE[0], lon=GATE[1], at=now,
            )  # fmt: skip
            assert status == 409 and body["code"] == "unknown_id", body
            cid = uuid.uuid4()
            for _ in range(2):  # a re-send after a lost answer: the same answer, one tick
                status, body = await post(
                    c, "round/tick", auth1, command_id=cid, day=day,
                    checkpoint_id="gate", lat=GATE[0], lon=GATE[1], at=now,
                )  # fmt: skip
                assert status == 200 and body["ok"], body
            assert c.server.state.rounds[f"insp1/{day}"].progress() == (1, 1)
            status, body = await post(
                c, "round/tick", auth1, command_id=uuid.uuid4(), day=day, checkpoint_id="gate",
                lat="north", lon=GATE[1], at=now,
            )  # fmt: skip
            assert status == 400

    run(go())


def test_positions_are_rate_limited(tmp_path: Path) -> None:
    async def go() -> None:
        async with citizen_server(tmp_path / "c.db") as c:
            await add_inspectors(c.server)
            auth = await signin(c, "insp1")
            now = time.time()
            fix = {"lat": HERE[0], "lon": HERE[1], "accuracy": 9}
            status, body = await post(c, "position", auth, at=now - 30, **fix)
            assert status == 200, body
            status, body = await post(c, "position", auth, at=now - 25, **fix)
            assert status == 409 and body["code"] == "too_soon", body
            status, body = await post(c, "position", auth, at=now, on_duty=0, **fix)
            assert status == 200, body  # going off duty is never too soon
            me = c.server.state.inspectors["insp1"]
            assert not me.on_duty and len(me.track) == 1 and me.cells
            status, body = await post(c, "position", auth, at="soon", **fix)
            assert status == 400 and "number" in body[0]["description"], body
            status, body = await post(c, "position", auth, at=now, on_duty="maybe", **fix)
            assert status == 400
            # a desk account cannot use the field client's calls at all
            sup = await login(c.server, "sup")
            try:
                ans = await sup.send_command(
                    "report_position", {"lat": HERE[0], "lon": HERE[1], "at": now}
                )
                assert getattr(ans, "code", "") == "forbidden", ans
            finally:
                await sup.close()

    run(go())
