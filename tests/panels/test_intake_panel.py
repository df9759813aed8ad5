"""The intake panel driven as a call-taker would: keyboard first, real domain behind it."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6 import QtCore, QtWidgets

import widgets.intake.intake_panel as panel_mod
from app.domain.library import Library
from app.domain.model import Status, UnitStatus
from app.store.selection import Selection
from app.store.store import Store
from tests.panels.scene import CALL_TAKER, MARKET_5TH, LocalGateway, seed_incident
from tests.refusals import refusal_of
from widgets.intake.intake_panel import SHORTCUTS, IntakePanel

Key = QtCore.Qt.Key
CTRL = QtCore.Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def panel(
    qtbot, store: Store, selection: Selection, gateway: LocalGateway, library: Library
) -> IntakePanel:
    w = IntakePanel(store, selection, gateway, library)
    qtbot.addWidget(w)
    w.resize(700, 800)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    return w


def fill_fire_call(qtbot, panel: IntakePanel, lat: float, lon: float) -> None:
    panel.category.setFocus()
    qtbot.keyClicks(panel.category.edit, "structure")
    qtbot.keyClick(panel.category.edit, Key.Key_Return)
    assert panel.category.category is not None and panel.category.category.code == "fire.structure"
    qtbot.keyClicks(panel.location.edit, f"{lat},{lon}")
    qtbot.keyClick(panel.location.edit, Key.Key_Return)
    assert panel.address.hasFocus()  # coordinates give no address: the operator types it
    qtbot.keyClicks(panel.address, "Market St & 5th St")


def test_category_search_by_english_and_chinese(
    qtbot, panel: IntakePanel, library: Library
) -> None:
    qtbot.keyClicks(panel.category.edit, "vehicle fire")
    assert panel.category.result_codes()[0] == "fire.vehicle"
    panel.category.set_text("建筑火灾")
    codes = panel.category.result_codes()
    assert codes and library.get(codes[0]).name_zh == "建筑火灾"
    qtbot.keyClick(panel.category.edit, Key.Key_Return)
    assert panel.category.category is not None and panel.category.category.code == codes[0]
    # The category's default priority is taken over.
    assert panel.priority.currentData() == library.get(codes[0]).default_priority
    # Arrow down then Enter picks the second match.
    panel.category.set_text("fire")
    second = panel.category.result_codes()[1]
    qtbot.keyClick(panel.category.edit, Key.Key_Down)
    qtbot.keyClick(panel.category.edit, Key.Key_Return)
    assert panel.category.category is not None and panel.category.category.code == second
    panel.category.set_text("zzzz-no-such")
    assert panel.category.result_codes() == [None]  # the disabled "no match" row
    assert panel.category.category is None


def test_required_fields_gate_create(qtbot, panel: IntakePanel) -> None:
    assert not panel.create_button.isEnabled()
    assert "category" in panel.create_button.toolTip()
    panel.category.set_text("structure fire")
    panel.category.choose_current()
    assert not panel.create_button.isEnabled()
    assert panel.create_button.toolTip() == "Still needed: location, address"
    assert panel.field_labels["address"].text().endswith("*")
    panel.set_location(MARKET_5TH[0], MARKET_5TH[1], "")
    assert panel.create_button.toolTip() == "Still needed: address"
    qtbot.keyClicks(panel.address, "Market St & 5th St")
    assert panel.create_button.isEnabled()
    panel.address.clear()
    assert not panel.create_button.isEnabled()


def test_bad_location_text_says_why_and_keeps_the_text(qtbot, panel: IntakePanel) -> None:
    qtbot.keyClicks(panel.location.edit, "95.1,-122.4")
    qtbot.keyClick(panel.location.edit, Key.Key_Return)
    assert panel.location.location is None
    assert "latitude 95.1" in panel.location.readout.text()
    assert panel.location.edit.text() == "95.1,-122.4"


def test_duplicate_suggestion_within_150_m_not_at_300(
    qtbot, panel: IntakePanel, store: Store, gateway: LocalGateway, selection: Selection
) -> None:
    lat, lon = MARKET_5TH
    seed_incident(store, incident_id="first", number="2026-000010", lat=lat, lon=lon)
    fill_fire_call(qtbot, panel, lat + 0.0009, lon)  # ~100 m north
    assert [c.incident_id for c in panel.duplicates.candidates] == ["first"]
    assert panel.duplicates.link_button.isEnabled()
    panel.set_location(lat + 0.0027, lon, "")  # ~300 m north
    assert panel.duplicates.candidates == []
    assert not panel.duplicates.link_button.isEnabled()
    # Back in range; Ctrl+L adds the call as a note on the existing incident instead.
    panel.set_location(lat + 0.0009, lon, "")
    qtbot.keyClicks(panel.contact, "415 555 0199")
    n_incidents = len(store.state.incidents)
    qtbot.keyClick(panel.address, Key.Key_L, CTRL)
    assert len(store.state.incidents) == n_incidents
    note = store.state.incidents["first"].narrative[-1]
    assert note.text.startswith("Further call") and "415 555 0199" in note.text
    assert selection.incident_id == "first"
    assert panel.category.category is None and panel.contact.text() == ""


def test_ctrl_enter_creates_and_dispatches_recommended(
    qtbot,
    panel: IntakePanel,
    store: Store,
    gateway: LocalGateway,
    selection: Selection,
    library: Library,
) -> None:
    fill_fire_call(qtbot, panel, *MARKET_5TH)
    assert panel.dispatch_button.isEnabled(), panel.dispatch_button.toolTip()
    qtbot.keyClick(panel.address, Key.Key_Return, CTRL)
    assert gateway.types() == ["create_incident", "assign_units"]
    inc = store.state.incidents[selection.incident_id]
    assert inc.status == Status.DISPATCHED
    need = library.get("fire.structure").units_needed
    assert 0 < len(inc.assigned_units) <= need
    assert all(store.state.units[u].status == UnitStatus.DISPATCHED for u in inc.assigned_units)
    # The form is clear and the category search has the focus for the next call.
    assert panel.category.category is None and panel.address.text() == ""
    assert panel.category.edit.hasFocus()
    assert "Created" in panel.feedback.text()


def test_plain_create_registers_hotline_call(
    qtbot, panel: IntakePanel, store: Store, gateway: LocalGateway, selection: Selection
) -> None:
    fill_fire_call(qtbot, panel, *MARKET_5TH)
    qtbot.keyClick(panel.address, Key.Key_S, CTRL)
    inc = store.state.incidents[selection.incident_id]
    assert inc.status == Status.REGISTERED and inc.assigned_units == []
    assert inc.location.address == "Market St & 5th St"


def test_call_taker_cannot_dispatch(qtbot, panel: IntakePanel, store: Store) -> None:
    store.set_session(CALL_TAKER, "ws-1")
    fill_fire_call(qtbot, panel, *MARKET_5TH)
    assert panel.create_button.isEnabled()
    assert not panel.dispatch_button.isEnabled()
    assert "call-taker" in panel.dispatch_button.toolTip()


def test_refused_create_keeps_the_call_in_the_form(
    qtbot, panel: IntakePanel, store: Store, gateway: LocalGateway, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A gateway that refuses on the spot (a local validation): the call stays in the form.
    def refuse(command: Any, expected_version: int | None = None) -> str:
        store.refusals.add(refusal_of(command.incident_id, "invalid_payload", "bad data"))
        return "cmd-0"

    monkeypatch.setattr(gateway, "submit", refuse)
    fill_fire_call(qtbot, panel, *MARKET_5TH)
    qtbot.keyClicks(panel.description, "second call")
    assert panel.create_incident() == ""
    assert panel.feedback.text() == "Not created (invalid_payload): bad data"
    assert panel.description.toPlainText() == "second call"
    assert panel.category.category is not None and panel.location.location is not None


def test_late_refusal_restores_the_cleared_form(
    qtbot, panel: IntakePanel, store: Store, gateway: LocalGateway, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The live gateway answers later: the form was cleared, the refusal brings the call back.
    monkeypatch.setattr(gateway, "submit", lambda command, expected_version=None: "cmd-1")
    monkeypatch.setattr(panel_mod, "new_incident_id", lambda: "late-id")
    fill_fire_call(qtbot, panel, *MARKET_5TH)
    qtbot.keyClicks(panel.contact, "415 555 0111")
    assert panel.create_incident() == "late-id"
    assert panel.contact.text() == ""
    store.refusals.add(
        refusal_of("late-id", "missing_field", "Structure fire needs the field 'address'")
    )
    assert panel.contact.text() == "415 555 0111"
    assert panel.address.text() == "Market St & 5th St"
    assert "Not created (missing_field)" in panel.feedback.text()


def test_map_pick_signal_and_slot(qtbot, panel: IntakePanel) -> None:
    with qtbot.waitSignal(panel.pickOnMapRequested, timeout=1000):
        qtbot.mouseClick(panel.location.map_button, QtCore.Qt.MouseButton.LeftButton)
    panel.set_location(37.7793, -122.4177, "Civic Center Plaza")
    assert panel.address.text() == "Civic Center Plaza"
    assert "37.77930, -122.41770" in panel.location.readout.text()


def test_shortcuts_are_listed() -> None:
    keys = [k for k, _ in SHORTCUTS]
    assert "Ctrl+Enter" in keys and "Ctrl+L" in keys and all(d for _, d in SHORTCUTS)


def test_place_search_with_the_bundled_gazetteer(
    qtbot, store: Store, selection: Selection, gateway: LocalGateway, library: Library
) -> None:
    from app.geo import gazetteer as gaz_mod

    try:
        gaz = gaz_mod.Gazetteer()
    except FileNotFoundError as exc:
        pytest.skip(str(exc))
    w = IntakePanel(store, selection, gateway, library, gazetteer=gaz)
    qtbot.addWidget(w)
    w.location.search("market & 5th")
    assert w.location.result_labels()[0].startswith("Market St & 5th St")
    w.location.choose_current()
    loc = w.location.location
    assert loc is not None and abs(loc.lat - 37.784) < 0.002
    assert w.address.text() == "Market St & 5th St"
    assert loc.neighbourhood  # from the reverse look-up
    w.location.search("qqqqzzzz")
    assert "No street, intersection or place matches" in w.location.readout.text()
    w.location.search("Valenica Stret & 16")  # typos: found, and marked as a guess
    assert w.location.result_labels()[0].startswith("Valencia St & 16th St")
    w.location.search("Missionnnnnnnxx Stret")
    text = w.location.readout.text()
    assert "Missionnnnnnnxx" in text and "Closest: " in text and "Mission St" in text
    w.location.search("2300 Mission St")
    assert w.location.result_labels()[0] == "2300 Mission St   (address)"
    w.location.search("Ferry Building")
    assert w.location.result_labels()[0] == "Ferry Building   (landmark)"
    assert isinstance(w.location, QtWidgets.QWidget)


def test_priority_defaults_and_operator_override(
    qtbot, panel: IntakePanel, library: Library
) -> None:
    assert panel.priority.currentData() == 3  # no category yet
    panel.category.set_text("structure fire")
    panel.category.choose_current()
    assert panel.priority.currentData() == library.get("fire.structure").default_priority
    qtbot.keyClick(panel.category.edit, Key.Key_2, CTRL)
    assert panel.priority.currentData() == 2
    panel.category.set_text("vehicle fire")
    panel.category.choose_current()
    assert panel.priority.currentData() == 2  # the operator's choice is kept
    assert panel.draft().effective_priority() == 2


class _MapLike(QtCore.QObject):
    """Emits what the map widget emits when the operator clicks a point in pick mode."""

    locationPicked = QtCore.Signal(float, float)


def test_map_click_fills_the_location(qtbot, panel: IntakePanel) -> None:
    map_like = _MapLike()
    map_like.locationPicked.connect(panel.set_location)
    map_like.locationPicked.emit(37.7793, -122.4177)
    loc = panel.location.location
    assert loc is not None and (loc.lat, loc.lon) == (37.7793, -122.4177)
