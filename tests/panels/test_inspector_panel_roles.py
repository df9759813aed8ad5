"""The Inspectors panel's round editor follows the runner's rule: a supervisor may set rounds,
a dispatcher sees the button greyed with the reason; an empty panel says so."""

from __future__ import annotations

from app.domain.library import default_library
from tests.panels.scene import DISPATCHER, SUPERVISOR, LocalGateway, make_store
from widgets.inspectors.inspector_panel import InspectorPanel


def test_only_supervisors_get_the_round_editor(qtbot: object) -> None:
    sup = make_store(SUPERVISOR)
    panel = InspectorPanel(sup, LocalGateway(sup, default_library()))
    assert panel.set_round.isEnabled() and panel.edit_round() is not None
    assert panel.summary.text() == "0 on duty of 0" and panel.table.rowCount() == 0
    disp = make_store(DISPATCHER)
    panel = InspectorPanel(disp, LocalGateway(disp, default_library()))
    assert not panel.set_round.isEnabled()
    assert "supervisor" in panel.set_round.toolTip()
    disp.set_session(SUPERVISOR, "ws-test")  # signing in again as a supervisor
    assert panel.set_round.isEnabled()
    assert InspectorPanel(disp).edit_round() is None  # a replay: no gateway, no editor
