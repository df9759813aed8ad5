"""The Inspectors panel and the round coverage view against a real server: a supervisor's desk
sets a round, an inspector (over the websocket, as the phone's commands arrive) goes on duty,
moves and ticks a checkpoint off, and a case in the inspector's cell waits for verification.
The panel shows duty, fix age, progress and tasks; choosing the inspector centres the map on
them and draws the track; the coverage tab and map layer colour the cell by the share visited."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from PySide6 import QtGui

from app.city import load_city
from app.domain import commands as c
from app.domain import events as ev
from app.domain import rounds as r
from app.domain.model import Status
from app.net.client import Connection
from app.protocol import Ack
from app.server.auth import make_user_record
from app.server.store import SqliteEventStore
from app.store.selection import Selection
from tests.sync.conftest import PASSWORD, LiveServer, make_engine
from widgets.inspectors.inspector_panel import InspectorPanel
from widgets.inspectors.map_link import link_map
from widgets.map.inspector_layer import TRACK
from widgets.map.map_widget import MapWidget
from widgets.map.round_coverage_layer import coverage_colour

HERE = (37.7793, -122.4193)
GATE = (HERE[0] + 0.0004, HERE[1])  # 44 m north, in the same 500 m cell


def _cell_table(panel: InspectorPanel) -> dict[str, list[str]]:
    t = panel.coverage
    return {
        t.item(n, 0).text(): [t.item(n, k).text() for k in range(4)]  # type: ignore[union-attr]
        for n in range(t.rowCount())
    }


def _row(panel: InspectorPanel, name: str) -> list[str]:
    t = panel.table
    for n in range(t.rowCount()):
        if t.item(n, 0).text() == name:  # type: ignore[union-attr]
            return [t.item(n, k).text() for k in range(6)]  # type: ignore[union-attr]
    return []


def test_panel_and_coverage_follow_a_round(
    aloop: asyncio.AbstractEventLoop, server: LiveServer, tmp_path: Path, qtbot: object
) -> None:
    city = load_city()
    server.inject(
        [ev.GridLoaded(cells=city.grid_cells, spec=city.grid, neighbourhoods=city.neighbourhoods)]
    )
    cell = server.state.rules().locate(*HERE)[0]
    assert cell and server.state.rules().locate(*GATE)[0] == cell
    accounts = SqliteEventStore(server.db)
    accounts.put_user(make_user_record("sam", PASSWORD, "supervisor", "Sam", cost=2**10))
    accounts.put_user(make_user_record("ines", PASSWORD, "inspector", "Ines Ortiz", cell, 2**10))
    accounts.close()

    async def scenario() -> None:
        desk = make_engine(server.url, "ws-sup", tmp_path / "sup.sqlite")
        desk.start("sam", PASSWORD)
        await desk.wait_until(desk.synced)
        panel = InspectorPanel(desk.store, desk)
        panel.resize(720, 360)
        map_widget = MapWidget(desk.store, Selection())
        map_widget.resize(640, 480)
        people, cover = link_map(panel, map_widget)
        now = time.time()
        day = r.local_day(desk.store.state.rules(), now)
        # the supervisor sets the round in the panel's editor
        assert panel.set_round.isEnabled()
        dialog = panel.edit_round()
        assert dialog is not None and dialog._day() == day
        dialog.inspector.setCurrentText("ines")
        dialog.cells.setText(cell)
        dialog.checkpoints.setPlainText(f"Gate; {GATE[0]}, {GATE[1]}; 30\nHall; 37.7793")
        dialog.send()  # a line without a longitude: said in the dialog, nothing sent
        assert "Line 2" in dialog.error.text() and dialog.isVisible()
        hall = f"Hall; {HERE[0]}, {HERE[1] - 0.002}"
        dialog.checkpoints.setPlainText(f"Gate; {GATE[0]}, {GATE[1]}; 30\n{hall}")
        dialog.send()
        assert not dialog.isVisible()
        # a case in the inspector's cell, handled and waiting for verification
        desk.submit(c.CreateIncident(incident_id="case-1", category="event.exposed_garbage",
                                     lat=HERE[0], lon=HERE[1], address="1 Grove St",
                                     description="bags"))  # fmt: skip
        desk.submit(c.AssignUnits(incident_id="case-1", unit_ids=["E1"]))
        desk.submit(c.Transition(incident_id="case-1", action="resolve", reason="cleaned"))
        await desk.wait_until(lambda: _row(panel, "ines") == ["ines", "off", "no fix yet",
                                                              "0 / 2", "1", "0"])  # fmt: skip
        await desk.wait_until(
            lambda: getattr(server.state.incidents.get("case-1"), "status", "") == Status.RESOLVED
        )
        await desk.wait_until(lambda: f"ines/{day}" in server.state.rounds)
        phone = await Connection.connect(server.url, "ines", PASSWORD, "phone")
        try:
            for cmd, payload in (
                ("report_position", {"lat": HERE[0], "lon": HERE[1], "at": now - 90}),
                ("report_position", {"lat": GATE[0], "lon": GATE[1], "at": now - 5}),
                ("tick_checkpoint", {"inspector": "ines", "day": day, "checkpoint_id": "cp1",
                                     "lat": GATE[0], "lon": GATE[1], "at": now - 5}),
            ):  # fmt: skip
                ans = await phone.send_command(cmd, payload)
                assert isinstance(ans, Ack), ans
        finally:
            await phone.close()
        await desk.wait_until(lambda: _row(panel, "Ines Ortiz")[3:4] == ["1 / 2"])
        row = _row(panel, "Ines Ortiz")
        assert row[1] == "on duty" and row[2].endswith("s ago") and row[4:] == ["1", "0"], row
        assert panel.summary.text() == "1 on duty of 1"
        assert _cell_table(panel)[cell] == [cell, "ines", "1 / 2", "50 %"]
        # choosing the inspector centres the map on the last fix and draws the track
        panel.choose("ines")
        assert people.selected == "ines"
        lat, lon = map_widget.center_latlon()
        assert abs(lat - GATE[0]) < 1e-4 and abs(lon - GATE[1]) < 1e-4
        image = map_widget.grab().toImage()
        x, y = map_widget.vp.screen_of_latlon(*GATE)
        marker = QtGui.QColor(image.pixel(round(x), round(y)))
        assert marker.name().upper() == TRACK.upper(), marker.name()
        image.save(str(tmp_path / "map-track.png"))
        # the coverage layer is off until the panel turns it on, then the cell shows its share
        assert not cover.visible
        panel.show_coverage.setChecked(True)
        assert cover.visible
        ring = desk.store.state.grid_cells[cell].polygon[:-1]
        mid = (sum(p[1] for p in ring) / len(ring), sum(p[0] for p in ring) / len(ring))
        px, py = map_widget.vp.screen_of_latlon(*mid)
        assert 0 <= px < map_widget.width() and 0 <= py < map_widget.height()
        before = QtGui.QColor(image.pixel(round(px), round(py)))
        after = QtGui.QColor(map_widget.grab().toImage().pixel(round(px), round(py)))
        amber = coverage_colour(0.5)
        assert after != before
        assert abs(after.red() - amber.red()) < abs(before.red() - amber.red()) + 1
        panel.tabs.setCurrentIndex(1)
        panel.grab().save(str(tmp_path / "coverage.png"))
        panel.tabs.setCurrentIndex(0)
        panel.grab().save(str(tmp_path / "panel.png"))
        map_widget.grab().save(str(tmp_path / "map-coverage.png"))
        await desk.stop()

    aloop.run_until_complete(scenario())
