"""The dashboard on a real day of SF calls: charts, drill-down into queue and map, exports."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from PySide6 import QtCore, QtWidgets
from pytestqt.qtbot import QtBot

from app.domain.library import default_library
from app.store.selection import Selection
from app.store.store import Store
from widgets.evaluation.dashboard import EvaluationDashboard
from widgets.map.map_widget import MapWidget
from widgets.queue.queue_view import QueueView
from widgets.theme import apply_theme


@pytest.fixture
def dashboard(qtbot: QtBot, demo_store: Store) -> EvaluationDashboard:
    app = QtWidgets.QApplication.instance()
    assert isinstance(app, QtWidgets.QApplication)
    apply_theme(app)
    dash = EvaluationDashboard(demo_store, Selection())
    qtbot.addWidget(dash)
    dash.resize(1800, 1000)
    dash.show()
    qtbot.waitExposed(dash)
    return dash


def test_dashboard_shows_the_day(dashboard: EvaluationDashboard, tmp_path: Path) -> None:
    dash = dashboard
    assert dash.kpis.text("incidents") == "381"
    # The departments' bars: the two that worked that day, and the idle ones with no bar.
    assert set(dash.bars.keys) >= {"medical", "fire", "police"}
    # Gauges per priority of the emergency categories, histogram of all dispatch times.
    assert [r.label for r in dash.dispatch_gauges.rows][:1] == ["P1"]
    assert sum(r.n for r in dash.dispatch_gauges.rows) == 381
    assert sum(dash.histogram.counts) == 381
    assert dash.trend.keys == ["2020-04-07"]
    dash.dimension.setCurrentIndex(dash.dimension.findData("cell"))
    assert dash.breakdown.dimension == "cell" and dash.breakdown.rowCount() > 50
    assert sum(s.incidents for _k, s in dash.breakdown.rows()) == 381
    dash.grab().save(str(tmp_path / "dashboard.png"))


def test_click_on_a_bar_filters_queue_and_map(
    qtbot: QtBot, demo_store: Store, tmp_path: Path
) -> None:
    selection = Selection()
    dash = EvaluationDashboard(demo_store, selection)
    queue = QueueView(demo_store, selection, default_library())
    mapw = MapWidget(demo_store, selection)
    for w in (dash, queue, mapw):
        qtbot.addWidget(w)
    dash.resize(1600, 900)
    dash.show()
    qtbot.waitExposed(dash)
    assert queue.model.rowCount() == 0  # every case of that day is closed
    key = "fire"
    point = dash.bars.bar_centre(key)
    with qtbot.waitSignal(selection.drillDownChanged):
        qtbot.mouseClick(dash.bars.viewport(), QtCore.Qt.MouseButton.LeftButton, pos=point)
    fire = dash.tracker.ids("department", "fire")
    assert selection.drill_down == fire and len(fire) == 77
    assert queue.model.rowCount() == 77
    assert mapw.incidents.data.n == 77
    # Clearing the drill-down brings the usual queue back.
    selection.set_drill_down("", None)
    assert queue.model.rowCount() == 0 and mapw.incidents.data.n == 0
    # A click on a table row does the same for that row's group.
    dash.dimension.setCurrentIndex(dash.dimension.findData("priority"))
    rect = dash.table.visualRect(dash.breakdown.index(0, 0))
    qtbot.mouseClick(dash.table.viewport(), QtCore.Qt.MouseButton.LeftButton, pos=rect.center())
    first_key = dash.breakdown.rows()[0][0]
    assert selection.drill_down == dash.tracker.ids("priority", first_key)
    assert queue.model.rowCount() == len(selection.drill_down or ())


def test_csv_and_pdf_exports(dashboard: EvaluationDashboard, tmp_path: Path) -> None:
    out = tmp_path / "eval.csv"
    dashboard.write_csv(out)
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    by = {r["group"]: r for r in rows}
    assert by["medical"]["incidents"] == "304"
    assert by["police"]["score"] == ""  # undefined, not 0
    pdf = tmp_path / "eval.pdf"
    dashboard.write_pdf(pdf)
    data = pdf.read_bytes()
    assert data[:5] == b"%PDF-"
    assert len(re.findall(rb"/Type\s*/Page[^s]", data)) == 2  # figures and table, then charts


def test_forecast_layer_on_the_map(qtbot: QtBot, demo_store: Store) -> None:
    selection = Selection()
    dash = EvaluationDashboard(demo_store, selection)
    mapw = MapWidget(demo_store, selection)
    for w in (dash, mapw):
        qtbot.addWidget(w)
    dash.forecastShown.connect(mapw.show_forecast)
    dash.forecast_button.setChecked(True)
    expected = mapw.areas.forecast
    assert mapw.areas.heat == "forecast" and expected == dash.forecast()
    # One day of history (7 April): tomorrow's expected total is that day's located calls,
    # spread over more cells than had a call (smoothing), the busiest cells first.
    located = [i for i in demo_store.state.incidents.values() if i.location.grid_cell]
    assert sum(expected.values()) == pytest.approx(len(located))
    assert len(expected) > len({i.location.grid_cell for i in located})
    busiest = max(expected, key=lambda k: expected[k])
    counts: dict[str, int] = {}
    for i in located:
        counts[i.location.grid_cell] = counts.get(i.location.grid_cell, 0) + 1
    assert counts[busiest] >= sorted(counts.values())[-3]
    dash.forecast_button.setChecked(False)
    assert mapw.areas.heat == "off"
