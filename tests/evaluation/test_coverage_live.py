"""Move-up advice issued with one click on a desk reaches the server and every other desk."""

from __future__ import annotations

import asyncio
from pathlib import Path

from PySide6 import QtCore
from pytestqt.qtbot import QtBot

from app.city import default_city
from app.domain.model import UnitStatus
from app.server.seed import reference_bodies
from tests.sync.conftest import (  # noqa: F401 - the fixtures
    PASSWORD,
    LiveServer,
    aloop,
    make_engine,
    server,
)
from widgets.evaluation.coverage_panel import CoveragePanel


def test_move_up_advice_issued_from_the_panel(
    qtbot: QtBot,
    aloop: asyncio.AbstractEventLoop,  # noqa: F811
    server: LiveServer,  # noqa: F811
    tmp_path: Path,
) -> None:
    # The demo city: its stations, units (at their stations) and grid.
    server.inject(reference_bodies(default_city()))

    async def scenario() -> None:
        desk = make_engine(server.url, "desk", tmp_path / "desk.sqlite")
        wall = make_engine(server.url, "wall", tmp_path / "wall.sqlite")
        desk.start("dana", PASSWORD)
        wall.start("erin", PASSWORD)
        await desk.wait_until(desk.synced)
        await wall.wait_until(wall.synced)
        panel = CoveragePanel(desk.store, desk)
        qtbot.addWidget(panel)
        panel.model._timer.setInterval(50)
        await desk.wait_until(lambda: panel.model.computations > 0, timeout=60)
        advised = [a for a in sorted(panel.model.results) if panel.advice(a) is not None]
        assert advised, "the demo city's stations leave some cover to restore"
        agency = advised[0]
        move = panel.advice(agency)
        assert move is not None and move.gain_4 + move.gain_8 > 0
        button = panel.buttons[agency]
        assert button.isEnabled(), button.toolTip()
        before = panel.model.computations
        qtbot.mouseClick(button, QtCore.Qt.MouseButton.LeftButton)
        await desk.wait_until(desk.synced)
        unit = server.state.units[move.unit_id]
        assert unit.home_station == move.station_id
        assert unit.status in (UnitStatus.RETURNING, UnitStatus.AVAILABLE)
        await wall.wait_until(
            lambda: wall.store.state.units[move.unit_id].home_station == move.station_id
        )

        # The desk recomputes: the unit just moved up is no longer advised.
        def moved_on() -> bool:
            again = panel.advice(agency)
            return again is None or again.unit_id != move.unit_id

        await desk.wait_until(lambda: panel.model.computations > before and moved_on(), timeout=60)
        # A second click on the old advice is refused on the desk: the unit is not available.
        assert desk.refusal(panel.command(move)) is not None
        for eng in (desk, wall):
            await eng.stop()
            eng.close()

    aloop.run_until_complete(scenario())
