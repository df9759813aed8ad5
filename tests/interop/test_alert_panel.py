"""The alert panel with real widgets and the real command runner (the tests' local gateway):
a supervisor issues a warning about the selected incident and cancels it; a dispatcher cannot;
the incidents inside the area and the suggested agencies are listed."""

from __future__ import annotations

from pathlib import Path

from PySide6 import QtWidgets
from pytestqt.qtbot import QtBot

from app.domain.alerts import ImportAlert
from app.domain.library import default_library
from app.interop.cap import read_cap
from app.store.selection import Selection
from tests.interop.common import shared
from tests.panels.scene import DISPATCHER, LocalGateway, make_store, seed_incident
from widgets.alerts.alert_panel import AlertPanel
from widgets.theme import apply_theme


def _panel(qtbot: QtBot, user=None):  # type: ignore[no-untyped-def]
    app = QtWidgets.QApplication.instance()
    assert isinstance(app, QtWidgets.QApplication)
    apply_theme(app)  # built and looked at in the console's dark theme
    store = make_store(user) if user is not None else make_store()
    seed_incident(store, incident_id="i1", number="2026-000001", category="natural.flooding")
    selection = Selection()
    gateway = LocalGateway(store, default_library())
    panel = AlertPanel(store, selection, gateway)
    qtbot.addWidget(panel)
    panel.resize(900, 520)
    panel.show()
    return store, selection, gateway, panel


def test_supervisor_issues_and_cancels_a_warning(qtbot: QtBot, tmp_path: Path) -> None:
    store, selection, gateway, panel = _panel(qtbot)
    assert not panel.issue_button.isEnabled()
    assert panel.issue_button.toolTip() == "Select an incident first"
    selection.select_incident("i1")
    assert panel.issue_button.isEnabled()
    panel.radius.setValue(0.6)
    panel.instruction.setText("Stay clear of Market Street")
    panel.issue_button.click()
    assert gateway.types() == ["issue_alert"] and not gateway.refused
    (alert,) = store.state.alerts.values()
    assert alert.incident_id == "i1" and alert.areas[0].circles[0].radius_km == 0.6
    assert panel.table.rowCount() == 1
    assert panel.table.item(0, 5).text() == "active"
    text = panel.details.text()
    assert "Incidents inside: 2026-000001" in text
    assert "Instruction: Stay clear of Market Street" in text
    assert "Suggested linkage: water, traffic" in text  # a flood warning
    assert alert.event == "Flooding in a building or street"  # the category's name
    panel.grab().save(str(tmp_path / "alert_panel.png"))
    assert (tmp_path / "alert_panel.png").stat().st_size > 0
    assert panel.cancel_button.isEnabled()
    panel.cancel_button.click()
    assert store.state.alerts[alert.id].cancelled
    assert panel.table.item(0, 5).text() == "cancelled"
    assert not panel.cancel_button.isEnabled()


def test_dispatcher_sees_why_not_and_received_alerts(qtbot: QtBot) -> None:
    _store, selection, gateway, panel = _panel(qtbot, DISPATCHER)
    selection.select_incident("i1")
    assert not panel.issue_button.isEnabled()
    assert "supervisor" in panel.issue_button.toolTip()
    path = shared() / "data" / "cap" / "official_cap12_appendixA" / "v1dot2_appendix_adot2.xml"
    (received,) = read_cap(path.read_bytes()).alerts
    gateway.submit(ImportAlert(alert=received))
    assert not gateway.refused
    assert panel.table.rowCount() == 1
    assert panel.table.item(0, 0).text() == received.event
    assert "Incidents inside: none" in panel.details.text()
    assert not panel.cancel_button.isEnabled()  # not one of ours
