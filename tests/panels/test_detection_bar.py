"""The detail panel's verdict bar on a case a sensor opened, against the real runner."""

from __future__ import annotations

from pathlib import Path

from PySide6 import QtCore

from app.domain import devices as dv
from app.domain.library import Library
from app.domain.model import Status
from app.store.selection import Selection
from app.store.store import Store
from tests.panels.scene import DISPATCHER, OBSERVER, LocalGateway
from widgets.detail.detail_panel import IncidentDetail


def sensor_case(store: Store, gateway: LocalGateway) -> str:
    device = dv.Device(
        id="WL-7",
        kind="water_level",
        lat=37.7755,
        lon=-122.418,
        address="Fell St underpass",
        category="event.waterlogging",
    )
    gateway.submit(dv.UpsertDevice(device=device))
    gateway.submit(dv.SensorReport(device_id="WL-7", state="alarm", reading=0.4, threshold=0.3))
    gateway.submit(dv.SensorReport(device_id="WL-7", state="normal", reading=0.1, threshold=0.3))
    assert not gateway.refused, gateway.refused
    return store.state.origins[dv.device_origin("WL-7")]


def test_an_operator_dismisses_a_sensor_case_from_the_detail_panel(
    qtbot,
    store: Store,
    selection: Selection,
    gateway: LocalGateway,
    library: Library,
    tmp_path: Path,
) -> None:
    inc_id = sensor_case(store, gateway)
    store.set_session(DISPATCHER, "ws-test")
    w = IncidentDetail(store, selection, gateway, library)
    qtbot.addWidget(w)
    w.resize(820, 1000)
    w.show()
    qtbot.waitExposed(w)
    selection.select_incident(inc_id)
    bar = w.detection
    assert bar.isVisible()
    assert "Opened by sensor WL-7" in bar.label.text()
    assert "cleared by the device" in bar.label.text()
    assert bar.confirm.isEnabled() and bar.dismiss.isEnabled()
    w.grab().save(str(tmp_path / "detail_sensor_case.png"))
    qtbot.mouseClick(bar.dismiss, QtCore.Qt.MouseButton.LeftButton)
    inc = store.state.incidents[inc_id]
    assert inc.status == Status.REJECTED and dv.DISMISSED in inc.flags
    assert "dismissed as a false alarm" in bar.label.text()
    assert not bar.dismiss.isVisible() and not bar.confirm.isVisible()


def test_an_observer_sees_why_the_verdict_buttons_are_grey(
    qtbot, store: Store, selection: Selection, gateway: LocalGateway, library: Library
) -> None:
    inc_id = sensor_case(store, gateway)
    store.set_session(OBSERVER, "ws-test")
    w = IncidentDetail(store, selection, gateway, library)
    qtbot.addWidget(w)
    selection.select_incident(inc_id)
    assert not w.detection.confirm.isEnabled()
    assert w.detection.confirm.toolTip()


def test_cases_people_reported_show_no_verdict_bar(
    qtbot, store: Store, selection: Selection, gateway: LocalGateway, library: Library
) -> None:
    from tests.panels.scene import seed_incident

    seed_incident(store, incident_id="inc-1", number="2026-000481")
    w = IncidentDetail(store, selection, gateway, library)
    qtbot.addWidget(w)
    selection.select_incident("inc-1")
    assert w.detection.isHidden()
