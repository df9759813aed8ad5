"""The day's round on the phone in a real browser (Debian's chromium through playwright, a
phone-sized viewport, a fake geolocation that the test moves): a supervisor's round appears on
the phone, starting duty reports the position, moving the fake position into a checkpoint ticks
it off through the server's rule, and a connected workstation sees the progress."""

from __future__ import annotations

import asyncio
import concurrent.futures
import threading
import time
from typing import Any

from app.domain.rounds import CheckpointTicked, InspectorPositioned, RoundSet, local_day
from app.net.client import Connection
from app.protocol import EventsMsg
from tests.server.conftest import PASSWORD, drain_catch_up
from tests.server.field_helpers import HERE
from tests.server.test_field_browser import City, city, phone, sign_in, wait_for

__all__ = ["city", "phone"]  # the fixtures, shared with the field client's other browser tests

GATE = (HERE[0] + 0.0030, HERE[1])  # about 330 m north of where the phone starts
FAR = (HERE[0] - 0.0100, HERE[1] + 0.0100)


def set_round(city: City) -> str:
    day = local_day(city.server.state.rules(), time.time())
    checkpoints = [
        {"id": "gate", "name": "Civic Center gate", "lat": GATE[0], "lon": GATE[1], "radius_m": 40},
        {"id": "far", "name": "Far corner", "lat": FAR[0], "lon": FAR[1], "radius_m": 40},
    ]
    cells = [city.server.state.rules().locate(*HERE)[0]]
    payload = {"inspector": "insp1", "day": day, "cells": cells, "checkpoints": checkpoints}
    city.commands("sup", ("set_round", payload))
    return day


def test_round_is_ticked_by_moving_into_a_checkpoint(city: City, phone: Any, tmp_path: Any) -> None:
    seen: list[Any] = []
    ready, done = threading.Event(), threading.Event()

    async def workstation() -> None:
        conn = await Connection.connect(
            f"ws://127.0.0.1:{city.server.port}", "disp1", PASSWORD, "ws"
        )
        await drain_catch_up(conn)
        ready.set()
        try:
            while not any(isinstance(b, CheckpointTicked) for b in seen):
                upd = await conn.next_update(timeout=60)
                if isinstance(upd, EventsMsg):
                    seen.extend(e.body for e in upd.events)
        finally:
            done.set()
            await conn.close()

    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        watching = pool.submit(asyncio.run, workstation())
        assert ready.wait(20)
        day = set_round(city)
        page = phone.new_page()
        sign_in(page, city)
        page.click("nav button[data-view=round]")
        gate = page.locator('#checkpoints li[data-checkpoint="gate"]')
        gate.filter(has_text="m away").wait_for(timeout=20_000)
        assert day in page.inner_text("#round-title")
        assert "0 of 2" in page.inner_text("#round-progress")
        away = int(gate.inner_text().split("\n")[1].split(" m away")[0])
        assert 300 < away < 360, away
        page.click("#duty")  # on duty: the first fix goes to the centre at once
        wait_for(lambda: "insp1" in city.server.state.inspectors, "the first position", page)
        assert city.server.state.inspectors["insp1"].on_duty
        phone.set_geolocation({"latitude": GATE[0] + 0.0001, "longitude": GATE[1]})  # 11 m
        page.locator('#checkpoints li.ticked[data-checkpoint="gate"]').wait_for(timeout=30_000)
        page.locator("#round-progress").filter(has_text="1 of 2").wait_for(timeout=10_000)
        page.screenshot(path=str(tmp_path / "round.png"))
        rnd = city.server.state.rounds[f"insp1/{day}"]
        assert rnd.progress() == (1, 2) and rnd.ticks["gate"].distance_m < 40
        assert done.wait(30)
        watching.result(30)
    kinds = [type(b) for b in seen]
    assert RoundSet in kinds and InspectorPositioned in kinds and CheckpointTicked in kinds
    (tick,) = [b for b in seen if isinstance(b, CheckpointTicked)]
    assert (tick.inspector, tick.checkpoint_id) == ("insp1", "gate")
    assert page.locator("#round-count").inner_text() == "1/2"


def test_the_page_speaks_chinese(city: City, phone: Any, tmp_path: Any) -> None:
    set_round(city)
    page = phone.new_page()
    page.goto(city.base + "/field/?lang=zh")
    assert page.inner_text("#signin-form button[type=submit]") == "登录"
    page.fill("input[name=username]", "insp1")
    page.fill("input[name=password]", PASSWORD)
    page.click("#signin-form button[type=submit]")
    page.locator("#who").filter(has_text="网格").wait_for(timeout=10_000)
    page.click("nav button[data-view=round]")
    page.locator("#round-progress").filter(has_text="已到 0 / 2").wait_for(timeout=20_000)
    assert page.inner_text("#duty") == "开始值班"
    assert page.locator("#checkpoints li").count() == 2
    assert page.evaluate("document.documentElement.lang") == "zh-CN"
    page.screenshot(path=str(tmp_path / "round-zh.png"))
