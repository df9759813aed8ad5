"""Agency resource panel, linkage answers, unit quick status and the recommendation panel."""

from __future__ import annotations

import pytest
from PySide6 import QtCore

from app.domain import commands as c
from app.domain.library import Library
from app.domain.model import LinkageState, Status, UnitStatus
from app.models.units_model import IdRole, UnitColumn
from app.store.selection import Selection
from app.store.store import Store
from tests.panels.scene import FIRE_LIAISON, MARKET_5TH, Clock, LocalGateway, seed_incident
from widgets.resources.recommendation_panel import RecommendationPanel
from widgets.resources.resource_panel import SHORTCUTS, ResourcePanel

Key = QtCore.Qt.Key
LEFT = QtCore.Qt.MouseButton.LeftButton


@pytest.fixture
def fire(
    qtbot, store: Store, selection: Selection, gateway: LocalGateway, library: Library
) -> ResourcePanel:
    seed_incident(store, incident_id="inc-1", number="2026-000481")
    w = ResourcePanel(store, selection, gateway, library, "fire")
    qtbot.addWidget(w)
    w.resize(760, 700)
    w.show()
    qtbot.waitExposed(w)
    return w


def cell(panel: ResourcePanel, unit_id: str, col: UnitColumn) -> str:
    m = panel.units_model
    return str(m.index(m.row_of(unit_id), col).data())


def test_lists_the_agencys_units_with_status(
    fire: ResourcePanel, gateway: LocalGateway, clock: Clock
) -> None:
    m = fire.units_model
    ids = [m.index(r, 0).data(IdRole) for r in range(m.rowCount())]
    assert ids == ["B2", "E1", "E3", "E36", "T1", "T3"]  # call-sign order, fire only
    assert fire.objectName() == "ResourcePanel-fire"
    assert cell(fire, "E1", UnitColumn.STATUS) == "AVAILABLE"
    gateway.submit(c.AssignUnits(incident_id="inc-1", unit_ids=["E1"]))
    assert cell(fire, "E1", UnitColumn.STATUS) == "DISPATCHED"
    assert cell(fire, "E1", UnitColumn.INCIDENT) == "2026-000481"
    assert (
        m.index(m.row_of("E1"), UnitColumn.STATUS)
        .data(QtCore.Qt.ItemDataRole.BackgroundRole)
        .name()
        == "#ffb020"
    )
    clock.t += 125
    assert cell(fire, "E1", UnitColumn.IN_STATUS) == "2m 05s"
    assert "1 busy" in fire.summary.text() or ">1</b> busy" in fire.summary.text()


def test_unit_quick_status_buttons(
    qtbot, fire: ResourcePanel, store: Store, gateway: LocalGateway, selection: Selection
) -> None:
    fire.units.selectRow(fire.units_model.row_of("E3"))
    assert selection.unit_id == "E3"
    bar = fire.status_bar
    assert not bar.buttons[UnitStatus.EN_ROUTE].isEnabled()
    assert "dispatch it first" in bar.buttons[UnitStatus.EN_ROUTE].toolTip()
    gateway.submit(c.AssignUnits(incident_id="inc-1", unit_ids=["E3"]))
    qtbot.mouseClick(bar.buttons[UnitStatus.EN_ROUTE], LEFT)
    assert store.state.units["E3"].status == UnitStatus.EN_ROUTE
    fire.units.setFocus()
    qtbot.keyClick(fire.units, Key.Key_2, QtCore.Qt.KeyboardModifier.AltModifier)  # on scene
    assert store.state.units["E3"].status == UnitStatus.ON_SCENE
    assert store.state.incidents["inc-1"].status == Status.IN_PROGRESS
    # Selecting another agency's unit elsewhere leaves this bar on its own unit.
    selection.select_unit("P11")
    assert bar.unit is not None and bar.unit.id == "E3"


def test_accept_and_decline_linkage_requests(
    qtbot, fire: ResourcePanel, store: Store, gateway: LocalGateway
) -> None:
    for rid in ("lk-a", "lk-b"):
        gateway.submit(
            c.RequestLinkage(
                incident_id="inc-1",
                from_agency="police",
                to_agency="fire",
                capability="rescue",
                count=1,
                request_id=rid,
            ),
        )
    lp = fire.linkages
    assert lp.model.rowCount() == 2
    assert lp.model.index(0, 0).data() == "IN"
    lp.select_request("lk-a")
    assert lp.buttons["accept"].isEnabled() and lp.buttons["decline"].isEnabled()
    assert not lp.buttons["cancel"].isEnabled()  # only the requesting agency cancels
    qtbot.mouseClick(lp.buttons["accept"], LEFT)
    assert store.state.linkages["lk-a"].state == LinkageState.ACCEPTED
    lp.select_request("lk-a")
    # Accepted, but no fire unit is on the incident yet: not fulfilled.
    assert not lp.buttons["fulfil"].isEnabled() and not lp.buttons["accept"].isEnabled()
    gateway.submit(c.AssignUnits(incident_id="inc-1", unit_ids=["E1"]))
    assert lp.buttons["fulfil"].isEnabled()
    lp.select_request("lk-b")
    qtbot.mouseClick(lp.buttons["decline"], LEFT)
    assert fire.prompt.isVisible()
    qtbot.keyClick(fire.prompt.edit, Key.Key_Return)  # no reason: nothing is sent
    assert store.state.linkages["lk-b"].state == LinkageState.REQUESTED
    qtbot.keyClicks(fire.prompt.edit, "no rescue squad free")
    qtbot.keyClick(fire.prompt.edit, Key.Key_Return)
    req = store.state.linkages["lk-b"]
    assert req.state == LinkageState.DECLINED and req.reason == "no rescue squad free"


def test_request_linkage_for_the_selected_incident(
    qtbot, fire: ResourcePanel, store: Store, selection: Selection
) -> None:
    form = fire.request_form
    assert not form.button.isEnabled() and "Select an incident" in form.button.toolTip()
    selection.select_incident("inc-1")
    form.to_agency.setCurrentIndex(form.to_agency.findData("police"))
    form.capability.setCurrentIndex(form.capability.findData("traffic_control"))
    form.count.setValue(2)
    qtbot.mouseClick(form.button, LEFT)
    (req,) = store.state.linkages.values()
    assert (req.from_agency, req.to_agency, req.capability, req.count) == (
        "fire",
        "police",
        "traffic_control",
        2,
    )
    assert fire.linkages.model.index(0, 0).data() == "OUT"
    assert fire.linkages.buttons["cancel"].isEnabled()


def test_liaison_answers_only_for_own_agency(
    qtbot, store: Store, selection: Selection, gateway: LocalGateway, library: Library
) -> None:
    seed_incident(store, incident_id="inc-1", number="2026-000481")
    gateway.submit(
        c.RequestLinkage(
            incident_id="inc-1", to_agency="police", capability="law_enforcement", request_id="lk-p"
        ),
    )
    store.set_session(FIRE_LIAISON, "ws-fire")
    police = ResourcePanel(store, selection, gateway, library, "police")
    qtbot.addWidget(police)
    police.linkages.select_request("lk-p")
    assert not police.linkages.buttons["accept"].isEnabled()
    assert "police" in police.linkages.buttons["accept"].toolTip()


def test_recommendation_panel_dispatches_with_one_key(
    qtbot, store: Store, selection: Selection, gateway: LocalGateway, library: Library
) -> None:
    seed_incident(store, incident_id="inc-1", number="2026-000481")
    w = RecommendationPanel(store, selection, gateway, library)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    assert w.model.rowCount() == 0
    selection.select_incident("inc-1")
    recs = w.model.recommendations()
    assert recs and recs[0].from_station  # positions are stale: ETA from the home station
    assert w.selected_unit_ids() == [recs[0].unit_id]
    first = recs[0].unit_id
    w.view.setFocus()
    qtbot.keyClick(w.view, Key.Key_D)
    inc = store.state.incidents["inc-1"]
    assert inc.assigned_units == [first] and inc.status == Status.DISPATCHED
    # The list is recomputed without the busy unit; Ctrl+Enter sends the units the category
    # still needs (N minus the one already on it).
    qtbot.wait(200)
    assert first not in [r.unit_id for r in w.model.recommendations()]
    top = w.top_unit_ids()
    assert len(top) == min(library.get("fire.structure").units_needed - 1, w.model.rowCount())
    qtbot.keyClick(w.view, Key.Key_Return, QtCore.Qt.KeyboardModifier.ControlModifier)
    assert store.state.incidents["inc-1"].assigned_units == [first, *top]


def test_recommendation_panel_for_closed_incident(
    qtbot, store: Store, selection: Selection, gateway: LocalGateway, library: Library
) -> None:
    seed_incident(
        store,
        incident_id="inc-c",
        number="2026-000400",
        status=Status.CLOSED,
        lat=MARKET_5TH[0],
        lon=MARKET_5TH[1],
    )
    w = RecommendationPanel(store, selection, gateway, library)
    qtbot.addWidget(w)
    selection.select_incident("inc-c")
    assert w.model.rowCount() == 0 and "closed" in w.title.text()
    assert not w.dispatch_top.isEnabled()


def test_shortcut_list() -> None:
    keys = [k for k, _ in SHORTCUTS]
    assert len(keys) == len(set(keys)) and "Alt+A" in keys
