"""The coverage panel on the demo city follows unit changes, and shows uncovered cells on the map."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6 import QtWidgets
from pytestqt.qtbot import QtBot

from app.city import default_city
from app.domain import events as ev
from app.domain.model import UnitStatus
from app.server.seed import reference_bodies
from app.store.selection import Selection
from app.store.store import Store
from widgets.evaluation.coverage_panel import CoveragePanel
from widgets.map.map_widget import MapWidget
from widgets.theme import apply_theme


@pytest.fixture
def city_store() -> Store:
    store = Store(clock=lambda: 1_795_000_000.0)
    bodies = reference_bodies(default_city())
    store.apply_events(
        [ev.Event(seq=i + 1, time=0.0, actor="s", body=b) for i, b in enumerate(bodies)]
    )
    return store


def test_panel_follows_units_and_draws_uncovered_cells(
    qtbot: QtBot, city_store: Store, tmp_path: Path
) -> None:
    app = QtWidgets.QApplication.instance()
    assert isinstance(app, QtWidgets.QApplication)
    apply_theme(app)
    panel = CoveragePanel(city_store)
    mapw = MapWidget(city_store, Selection())
    panel.uncoveredShown.connect(mapw.show_coverage)
    for w in (panel, mapw):
        qtbot.addWidget(w)
    panel.model._timer.setInterval(20)
    panel.resize(900, 400)
    mapw.resize(900, 700)
    panel.show()
    mapw.show()
    qtbot.waitUntil(lambda: panel.model.computations > 0, timeout=60_000)
    police = panel.model.results["police"]
    before = police.share_8
    assert police.units == 16 and before is not None and 0 < before <= 1
    # Uniform demand (no history): the note says so.
    assert "no case history" in panel.note.text()
    # Every police unit out of service: nothing is covered any more.
    n = panel.model.computations
    seq = 10_000
    bodies = [
        ev.UnitStatusChanged(unit_id=u.id, status=UnitStatus.OUT_OF_SERVICE)
        for u in city_store.state.units.values()
        if u.agency == "police"
    ]
    city_store.apply_events(
        [ev.Event(seq=seq + i, time=1.0, actor="s", body=b) for i, b in enumerate(bodies)]
    )
    # A computation already under way may report the old state first: wait for the new one.
    qtbot.waitUntil(
        lambda: panel.model.computations > n and panel.model.results["police"].units == 0,
        timeout=60_000,
    )
    police = panel.model.results["police"]
    assert police.units == 0 and police.share_4 == 0.0 and police.share_8 == 0.0
    row = panel._agencies.index("police")
    item = panel.table.item(row, 3)
    assert item is not None and item.text() == "0%"
    # The map layer: the selected agency's cells, all uncovered.
    panel.table.selectRow(row)
    panel.map_button.setChecked(True)
    assert mapw.coverage.label == "police"
    none, part = mapw.coverage.counts()
    assert none == len(police.reach) > 500 and part == 0
    mapw.grab().save(str(tmp_path / "uncovered.png"))
    panel.map_button.setChecked(False)
    assert not mapw.coverage.visible
