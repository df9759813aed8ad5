"""The dashboard follows a live server: a real server on 127.0.0.1, two consoles' sync engines,
one of them showing the dashboard while the other works a case."""

from __future__ import annotations

import asyncio
from pathlib import Path

from app.domain import commands as c
from app.store.selection import Selection
from tests.sync.conftest import (  # noqa: F401 - the fixtures
    PASSWORD,
    LiveServer,
    aloop,
    make_engine,
    server,
)
from widgets.evaluation.dashboard import EvaluationDashboard


def test_dashboard_follows_a_live_server(
    aloop: asyncio.AbstractEventLoop,  # noqa: F811
    server: LiveServer,  # noqa: F811
    tmp_path: Path,
) -> None:
    async def scenario() -> None:
        wall = make_engine(server.url, "wall", tmp_path / "wall.sqlite")
        desk = make_engine(server.url, "desk", tmp_path / "desk.sqlite")
        wall.start("erin", PASSWORD)
        desk.start("dana", PASSWORD)
        await wall.wait_until(wall.synced)
        await desk.wait_until(desk.synced)
        dash = EvaluationDashboard(wall.store, Selection())
        dash.model._timer.setInterval(100)  # repaint quickly: the test waits on what it shows
        assert dash.kpis.text("incidents") == "0"
        fire = dash.tracker.breakdown("department", wall.store.now()).get("fire")
        assert fire is None  # nothing yet: no row of zeros
        desk.submit(
            c.CreateIncident(
                category="fire.structure", lat=37.77, lon=-122.41, address="1 Market St"
            )
        )
        await desk.wait_until(lambda: len(desk.confirmed.incidents) == 1)
        (iid,) = desk.confirmed.incidents
        await wall.wait_until(lambda: dash.kpis.text("incidents") == "1")
        assert dash.kpis.text("dispatch").startswith("—")  # not dispatched yet: undefined
        desk.submit(c.AssignUnits(incident_id=iid, unit_ids=["E3"]))
        await desk.wait_until(desk.synced)
        await wall.wait_until(lambda: len(dash.tracker.total.dispatch_s) == 1)
        await wall.wait_until(lambda: not dash.kpis.text("dispatch").startswith("—"))
        row = dash.tracker.breakdown("department", wall.store.now())["fire"]
        assert row.cases == 1 and row.dispatch.count == 1 and row.score is None
        # The wall's figures are the server's: a recount of the server's state agrees.
        inc = server.state.incidents[iid]
        got = dash.tracker.total.dispatch_s[0]
        assert got == inc.timestamps["dispatched"] - inc.created_at
        for eng in (wall, desk):
            await eng.stop()
            eng.close()
        dash.deleteLater()

    aloop.run_until_complete(scenario())
