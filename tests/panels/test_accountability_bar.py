"""Return a case, arbitrate it and acknowledge an escalation from the detail panel; escalation
notices reach only the people they name."""

from __future__ import annotations

from PySide6 import QtCore

from app.domain import commands as c
from app.domain import events as ev
from app.domain.library import Library
from app.domain.model import EscalationNotice, Status
from app.models.escalation_watch import EscalationWatch
from app.store.selection import Selection
from tests.panels.scene import (
    DISPATCHER,
    FIRE_LIAISON,
    SUPERVISOR,
    LocalGateway,
    make_store,
    seed_incident,
)
from widgets.detail.detail_panel import IncidentDetail

Left = QtCore.Qt.MouseButton.LeftButton


def test_return_arbitrate_and_acknowledge_from_the_detail_panel(qtbot, library: Library) -> None:
    store = make_store(FIRE_LIAISON)
    gateway = LocalGateway(store, library)
    selection = Selection()
    seed_incident(store, incident_id="inc-1", number="2026-000481")
    store.set_session(SUPERVISOR, "ws-test")
    gateway.submit(c.AssignUnits(incident_id="inc-1", unit_ids=["E1"]))
    assert store.state.incidents["inc-1"].status == Status.DISPATCHED
    store.set_session(FIRE_LIAISON, "ws-test")
    detail = IncidentDetail(store, selection, gateway, library)
    qtbot.addWidget(detail)
    selection.select_incident("inc-1")
    bar = detail.accountability
    assert bar.return_button.isEnabled() and not bar.arbitrate_button.isEnabled()
    bar.kind.setCurrentIndex(bar.kind.findData("needs_other"))
    bar.department.setCurrentIndex(bar.department.findData("water"))
    qtbot.mouseClick(bar.return_button, Left)
    qtbot.keyClicks(detail.prompt.edit, "a burst water main, not a fire")
    qtbot.keyClick(detail.prompt.edit, QtCore.Qt.Key.Key_Return)
    d = store.state.incidents["inc-1"].open_dispute()
    assert d is not None and d.suggested == "water" and d.from_agency == "fire"
    assert "Returned by fire" in bar.status.text()
    assert not bar.return_button.isEnabled()  # one return at a time

    store.set_session(SUPERVISOR, "ws-test")
    detail.refresh()
    assert bar.arbitrate_button.isEnabled()
    bar.department.setCurrentIndex(bar.department.findData("water"))
    qtbot.mouseClick(bar.arbitrate_button, Left)
    qtbot.keyClicks(detail.prompt.edit, "water main")
    qtbot.keyClick(detail.prompt.edit, QtCore.Qt.Key.Key_Return)
    inc = store.state.incidents["inc-1"]
    assert inc.department == "water" and inc.status == Status.REGISTERED
    assert "upheld" in bar.status.text()

    # An escalation addressed to supervisors: the supervisor's desk is told once and acknowledges.
    watch = EscalationWatch(store)
    told: list[tuple[str, str, int]] = []
    watch.noticed.connect(lambda i, s, lv: told.append((i, s, lv)))
    notice = EscalationNotice(stage="dispatch", level=1, recipients=["role:supervisor"], at=1.0)
    store.apply_events(
        [
            ev.Event(
                seq=900,
                time=1.0,
                actor="system",
                body=ev.EscalationNoticed(incident_id="inc-1", notice=notice),
            )
        ]
    )
    assert told == [("inc-1", "dispatch", 1)] and watch.pending() == 1
    assert not bar.ack_button.isHidden() and "L1" in bar.notice.text()
    qtbot.mouseClick(bar.ack_button, Left)
    assert store.state.incidents["inc-1"].escalations[0].acknowledged_by == "sam"
    assert watch.pending() == 0 and bar.ack_button.isHidden()


def test_a_dispatchers_desk_is_not_told_what_is_for_supervisors(qtbot) -> None:
    store = make_store(DISPATCHER)
    seed_incident(store, incident_id="inc-1", number="2026-000481")
    watch = EscalationWatch(store)
    told: list[object] = []
    watch.noticed.connect(lambda *a: told.append(a))
    notice = EscalationNotice(stage="register", level=2, recipients=["role:supervisor"], at=1.0)
    store.apply_events(
        [
            ev.Event(
                seq=900,
                time=1.0,
                actor="system",
                body=ev.EscalationNoticed(incident_id="inc-1", notice=notice),
            )
        ]
    )
    assert told == [] and watch.pending() == 0
