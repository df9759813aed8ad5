"""The recommendation panel offers only what makes sense for the incident shown: no "Dispatch
top" once the category's units are on it, no pre-selected far unit after a dispatch, and no
dispatch message left over from another incident."""

from __future__ import annotations

from typing import Any

from PySide6 import QtCore

from app.domain import commands as c
from app.domain.library import Library
from app.store.selection import Selection
from app.store.store import Store
from tests.panels.scene import LocalGateway, seed_incident
from widgets.resources.recommendation_panel import RecommendationPanel

CTRL = QtCore.Qt.KeyboardModifier.ControlModifier


def test_top_dispatch_follows_what_the_incident_still_needs(
    qtbot: Any, store: Store, selection: Selection, gateway: LocalGateway, library: Library
) -> None:
    seed_incident(store, incident_id="r-1", number="2026-000301")  # structure fire: needs 4
    seed_incident(store, incident_id="r-2", number="2026-000302", category="fire.outside")
    panel = RecommendationPanel(store, selection, gateway, library)
    qtbot.addWidget(panel)
    panel.resize(760, 360)
    panel.show()
    selection.select_incident("r-1")
    qtbot.waitUntil(lambda: len(panel.top_unit_ids()) == 4)
    top = panel.top_unit_ids()

    panel.view.setFocus()
    qtbot.keyClick(panel.view, QtCore.Qt.Key.Key_Return, CTRL)  # dispatch the top four
    qtbot.waitUntil(lambda: len(store.state.incidents["r-1"].assigned_units) == 4)
    assert sorted(store.state.incidents["r-1"].assigned_units) == sorted(top)
    assert "Dispatched" in panel.feedback.text()
    # All four are on it: nothing is pre-selected and "Dispatch top" is not offered.
    qtbot.waitUntil(lambda: not set(top) & {r.unit_id for r in panel.model.recommendations()})
    assert panel.top_unit_ids() == []
    assert panel.selected_unit_ids() == []
    assert not panel.dispatch_top.isEnabled()
    assert "already has 4 units" in panel.dispatch_top.toolTip()
    submitted = len(gateway.submitted)
    qtbot.keyClick(panel.view, QtCore.Qt.Key.Key_Return)  # Enter sends nobody
    assert len(gateway.submitted) == submitted

    # Another incident: the message of the dispatch above is gone.
    selection.select_incident("r-2")
    qtbot.waitUntil(lambda: panel.top_unit_ids() != [])
    assert panel.feedback.text() == ""
    assert panel.selected_unit_ids() == panel.top_unit_ids()[:1]


def test_selection_after_a_dispatch_is_the_nearest_remaining_unit(
    qtbot: Any, store: Store, selection: Selection, gateway: LocalGateway, library: Library
) -> None:
    seed_incident(store, incident_id="r-3", number="2026-000303")
    panel = RecommendationPanel(store, selection, gateway, library)
    qtbot.addWidget(panel)
    panel.show()
    selection.select_incident("r-3")
    qtbot.waitUntil(lambda: len(panel.model.recommendations()) >= 3)
    first = panel.model.recommendations()[0].unit_id
    gateway.submit(c.AssignUnits(incident_id="r-3", unit_ids=[first]))
    qtbot.waitUntil(lambda: first not in [r.unit_id for r in panel.model.recommendations()])
    recs = panel.model.recommendations()
    # One row selected, the best remaining one (rank 1), not a row further down.
    assert panel.selected_unit_ids() == [recs[0].unit_id]
