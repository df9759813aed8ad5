"""The incident detail panel against the real workflow, permissions and reducer."""

from __future__ import annotations

import base64

import pytest
from PySide6 import QtCore, QtGui

from app.domain import commands as c
from app.domain.library import Library
from app.domain.model import LinkKind, Status, UnitStatus
from app.store.selection import Selection
from app.store.store import Store
from tests.panels.scene import (
    CALL_TAKER,
    DISPATCHER,
    FIRE_LIAISON,
    OBSERVER,
    LocalGateway,
    seed_incident,
)
from tests.refusals import refusal_of
from widgets.detail.detail_panel import SHORTCUTS, IncidentDetail

Key = QtCore.Qt.Key
ALT = QtCore.Qt.KeyboardModifier.AltModifier


@pytest.fixture
def detail(
    qtbot, store: Store, selection: Selection, gateway: LocalGateway, library: Library
) -> IncidentDetail:
    seed_incident(store, incident_id="inc-1", number="2026-000481")
    w = IncidentDetail(store, selection, gateway, library)
    qtbot.addWidget(w)
    w.resize(820, 1000)
    w.show()
    qtbot.waitExposed(w)
    selection.select_incident("inc-1")
    return w


def enabled_actions(w: IncidentDetail) -> set[str]:
    return {n for n, b in w.transitions.buttons.items() if b.isEnabled()}


def test_shows_every_field(detail: IncidentDetail, library: Library) -> None:
    assert detail.header.number.text() == "2026-000481"
    assert (
        "Structure fire" in detail.header.category.text()
        and "建筑火灾" in detail.header.category.text()
    )
    assert detail.header.priority.text() == "P1"
    assert detail.header.status.text() == "REPORTED"
    f = detail.fields.values
    assert f["address"].text() == "Market Street & 5th Street"
    assert f["area"].text() == "G-11-18 · South of Market"
    assert f["department"].text() == "San Francisco Fire Department (fire)"
    assert f["reporter"].text() == "+1 415 555 0142"
    assert "fire escape" in f["description"].text()
    assert detail.timeline.stage_text("register") == "OVERDUE by 9:00"  # due 1 min, 10 min ago
    assert detail.timeline.stage_text("verify") == "not started"


def test_allowed_transitions_enabled_others_disabled_with_reason(detail: IncidentDetail) -> None:
    assert enabled_actions(detail) == {"register", "reject", "cancel"}
    tip = detail.transitions.buttons["resolve"].toolTip()
    assert "not available" in tip and "reported" in tip
    assert "supervisor" not in tip  # the reason is the case state, not the role
    tip = detail.transitions.buttons["close"].toolTip()
    assert "only from: verified" in tip


def test_role_limits_show_in_tooltips(detail: IncidentDetail, store: Store) -> None:
    store.set_session(CALL_TAKER, "ws-1")
    assert enabled_actions(detail) == set()
    assert "call-taker" in detail.transitions.buttons["register"].toolTip()
    assert detail.note.isEnabled()  # call-takers may add notes
    store.set_session(OBSERVER, "ws-1")
    assert not detail.note.isEnabled()
    assert "Read-only" in detail.note_button.toolTip()
    store.set_session(DISPATCHER, "ws-1")
    assert not detail.deadlines.buttons["suspend"].isEnabled()
    assert "supervisor" in detail.deadlines.buttons["suspend"].toolTip()


def test_register_then_resolve_asks_a_reason(
    qtbot, detail: IncidentDetail, store: Store, gateway: LocalGateway
) -> None:
    qtbot.mouseClick(detail.transitions.buttons["register"], QtCore.Qt.MouseButton.LeftButton)
    assert store.state.incidents["inc-1"].status == Status.REGISTERED
    gateway.submit(c.AssignUnits(incident_id="inc-1", unit_ids=["E1"]))
    assert detail.header.status.text() == "DISPATCHED"
    assert "E1 DISPATCHED" in detail.relations.units.text().replace("&nbsp;", " ")
    assert detail.transitions.buttons["resolve"].isEnabled()
    qtbot.mouseClick(detail.transitions.buttons["resolve"], QtCore.Qt.MouseButton.LeftButton)
    assert detail.prompt.isVisible()
    assert not detail.prompt.ok.isEnabled()  # no reason, no confirm
    qtbot.keyClick(detail.prompt.edit, Key.Key_Return)
    assert store.state.incidents["inc-1"].status == Status.DISPATCHED
    qtbot.keyClicks(detail.prompt.edit, "fire out, overhaul done")
    qtbot.keyClick(detail.prompt.edit, Key.Key_Return)
    inc = store.state.incidents["inc-1"]
    assert inc.status == Status.RESOLVED
    assert inc.narrative[-1].text.endswith("fire out, overhaul done")
    assert not detail.prompt.isVisible()
    assert detail.timeline.stage_text("handle").startswith("done")


def test_keyboard_action_and_cancelled_reason(qtbot, detail: IncidentDetail, store: Store) -> None:
    detail.note.setFocus()
    qtbot.keyClick(detail.note, Key.Key_G, ALT)  # register
    assert store.state.incidents["inc-1"].status == Status.REGISTERED
    qtbot.keyClick(detail.note, Key.Key_X, ALT)  # cancel: asks why
    assert detail.prompt.isVisible()
    qtbot.keyClicks(detail.prompt.edit, "changed my mind")
    qtbot.keyClick(detail.prompt.edit, Key.Key_Escape)
    assert not detail.prompt.isVisible()
    assert store.state.incidents["inc-1"].status == Status.REGISTERED


def test_refusal_shows_in_the_banner(
    detail: IncidentDetail, store: Store, gateway: LocalGateway
) -> None:
    assert not detail.banner.isVisible()
    # A real refusal: dispatching a unit that is out of service.
    gateway.submit(c.SetUnitStatus(unit_id="E3", status=UnitStatus("out_of_service")))
    gateway.submit(c.AssignUnits(incident_id="inc-1", unit_ids=["E3"]))
    assert detail.banner.isVisible()
    assert "E3 is out of service" in detail.banner.text() and "unavailable" in detail.banner.text()
    # Another incident's refusal does not show here; coming back shows ours again.
    seed_incident(store, incident_id="inc-2", number="2026-000482", lat=37.77, lon=-122.42)
    store.refusals.add(refusal_of("inc-2", "conflict", "other"))
    assert "other" not in detail.banner.text()
    detail._selection.select_incident("inc-2")
    assert "other" in detail.banner.text()
    detail._selection.select_incident("inc-1")
    assert "E3 is out of service" in detail.banner.text()


def test_pending_marker_follows_the_store(detail: IncidentDetail, store: Store) -> None:
    assert not detail.header.pending.isVisible()
    store.set_pending({"inc-1": 1})
    assert detail.header.pending.isVisible()
    store.set_pending({})
    assert not detail.header.pending.isVisible()


def test_liaison_does_not_see_the_reporter(detail: IncidentDetail, store: Store) -> None:
    store.set_session(FIRE_LIAISON, "ws-fire")
    assert not detail.fields.values["reporter"].isVisible()
    assert detail.fields.values["reporter"].text() == ""
    # A fire liaison may resolve (its own feedback) but not register.
    assert "liaison" in detail.transitions.buttons["register"].toolTip()


def test_notes_links_and_cameras(
    qtbot, detail: IncidentDetail, store: Store, gateway: LocalGateway, selection: Selection
) -> None:
    qtbot.keyClicks(detail.note, "caller rang back: second floor clear")
    before = len(store.state.incidents["inc-1"].narrative)
    qtbot.keyClick(detail.note, Key.Key_Return)  # plain Enter: nothing is recorded
    assert len(store.state.incidents["inc-1"].narrative) == before
    assert detail.note.text() == "caller rang back: second floor clear"
    qtbot.keyClick(detail.note, Key.Key_Return, QtCore.Qt.KeyboardModifier.ControlModifier)
    assert (
        store.state.incidents["inc-1"].narrative[-1].text == "caller rang back: second floor clear"
    )
    assert "second floor clear" in detail.narrative.toPlainText()
    # A snapshot note shows its PNG as a thumbnail.
    img = QtGui.QImage(64, 36, QtGui.QImage.Format.Format_RGB32)
    img.fill(QtGui.QColor("orange"))
    buf = QtCore.QBuffer()
    buf.open(QtCore.QIODevice.OpenModeFlag.WriteOnly)
    img.save(buf, "PNG")  # type: ignore[call-overload]
    png = base64.b64encode(bytes(buf.data().data())).decode()
    gateway.submit(
        c.AddNote(incident_id="inc-1", text="CAM-001", kind="snapshot", attachment=png),
    )
    assert detail.narrative.thumbnails == 1
    seed_incident(store, incident_id="inc-2", number="2026-000482", lat=37.7841, lon=-122.4080)
    gateway.submit(c.LinkIncidents(incident_id="inc-1", other_id="inc-2", kind=LinkKind("related")))
    assert "2026-000482" in detail.relations.links.text()
    detail.relations.links.linkActivated.emit("incident:inc-2")
    assert selection.incident_id == "inc-2"
    selection.select_incident("inc-1")
    assert detail.relations.camera_ids[0] == "CAM-001"  # nearest first
    with qtbot.waitSignal(detail.camerasRequested, timeout=1000) as sig:
        qtbot.mouseClick(detail.relations.show_cameras, QtCore.Qt.MouseButton.LeftButton)
    assert sig.args == [detail.relations.camera_ids]


def test_extension_request_and_supervisor_decision(
    qtbot, detail: IncidentDetail, store: Store, gateway: LocalGateway
) -> None:
    gateway.submit(c.AssignUnits(incident_id="inc-1", unit_ids=["E1"]))
    bar = detail.deadlines
    assert bar.buttons["request"].isEnabled() and not bar.buttons["approve"].isEnabled()
    bar.minutes.setValue(45)
    qtbot.mouseClick(bar.buttons["request"], QtCore.Qt.MouseButton.LeftButton)
    qtbot.keyClicks(detail.prompt.edit, "waiting for PG&E")
    qtbot.keyClick(detail.prompt.edit, Key.Key_Return)
    inc = store.state.incidents["inc-1"]
    assert inc.pending_extension is not None and inc.pending_extension.minutes == 45
    assert not bar.buttons["request"].isEnabled()
    due = inc.clocks["handle"].due
    qtbot.mouseClick(bar.buttons["approve"], QtCore.Qt.MouseButton.LeftButton)
    inc = store.state.incidents["inc-1"]
    assert due is not None and inc.pending_extension is None
    assert inc.clocks["handle"].due == due + 45 * 60
    assert "+45 min" in detail.timeline.stage_text("handle")
    qtbot.mouseClick(bar.buttons["suspend"], QtCore.Qt.MouseButton.LeftButton)
    qtbot.keyClicks(detail.prompt.edit, "road closed by police")
    qtbot.keyClick(detail.prompt.edit, Key.Key_Return)
    assert detail.timeline.stage_text("handle").startswith("suspended")
    assert bar.buttons["resume"].isEnabled()
    qtbot.mouseClick(bar.buttons["resume"], QtCore.Qt.MouseButton.LeftButton)
    assert detail.timeline.stage_text("handle").startswith("running")


def test_nothing_selected_and_shortcut_list(detail: IncidentDetail, selection: Selection) -> None:
    selection.select_incident("")
    assert detail.header.number.text() == "No incident selected"
    assert not any(b.isEnabled() for b in detail.transitions.buttons.values())
    assert len({k for k, _ in SHORTCUTS}) == len(SHORTCUTS)  # no key listed twice


def test_narrative_grows_at_the_top_and_pages_older_entries(
    detail: IncidentDetail, gateway: LocalGateway, selection: Selection
) -> None:
    for k in range(160):
        gateway.submit(c.AddNote(incident_id="inc-1", text=f"entry {k:03d}"))
    text = detail.narrative.toPlainText()
    lines = [ln for ln in text.splitlines() if "entry" in ln]
    assert lines[0].endswith("entry 159") and lines[1].endswith("entry 158")
    assert "entry 000" in text  # added one by one: nothing dropped
    # Shown afresh, only the newest entries are laid out, with a link to the rest.
    selection.select_incident("")
    selection.select_incident("inc-1")
    text = detail.narrative.toPlainText()
    assert "entry 159" in text and "entry 000" not in text and "older entries" in text
    detail.narrative.anchorClicked.emit(QtCore.QUrl("narrative:all"))
    assert "entry 000" in detail.narrative.toPlainText()
