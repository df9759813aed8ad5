"""The refusal inbox: every refused command with the case as it is now; open, redo, dismiss; the
status bar's count is the inbox's."""

from __future__ import annotations

from PySide6 import QtCore

from app.domain import commands as c
from app.domain.model import Status
from app.store.selection import Selection
from app.store.store import Store
from tests.panels.scene import LocalGateway, seed_incident
from widgets.console.status_bar import ConsoleStatusBar
from widgets.refusals.refusal_inbox import RefusalInbox


def test_a_stale_command_lands_in_the_inbox_and_is_redone_after_review(
    qtbot, store: Store, selection: Selection, gateway: LocalGateway
) -> None:
    inc = seed_incident(store, incident_id="inc-1", number="2026-000481")
    inbox = RefusalInbox(store, selection, gateway)
    bar = ConsoleStatusBar(store, None)
    qtbot.addWidget(inbox)
    qtbot.addWidget(bar)
    inbox.resize(900, 300)
    assert inbox.model.row_total() == 0 and bar.refused.isHidden()

    seen = inc.version
    gateway.submit(c.Transition(incident_id=inc.id, action="register"))  # someone else's change
    gateway.submit(
        c.Transition(incident_id=inc.id, action="cancel", reason="prank call"),
        expected_version=seen,
    )
    assert store.state.incidents[inc.id].status == Status.REGISTERED  # not applied over it
    assert inbox.model.row_total() == 1
    assert not bar.refused.isHidden() and "1 refused" in bar.refused.text()
    row = [inbox.model.index(0, col).data() for col in range(5)]
    assert row[1] == "2026-000481" and row[2] == "transition: cancel"
    assert "(conflict)" in row[3] and row[4].startswith("registered")

    inbox.select_row(0)
    inbox.open_selected()
    assert selection.incident_id == inc.id

    # Redo after review: the same command on the case as it is now.
    qtbot.mouseClick(inbox.redo_button, QtCore.Qt.MouseButton.LeftButton)
    assert store.state.incidents[inc.id].status == Status.CANCELLED
    assert inbox.model.row_total() == 0 and bar.refused.isHidden()


def test_dismiss_clears_it_for_good_and_a_still_refused_redo_says_why(
    qtbot, store: Store, selection: Selection, gateway: LocalGateway
) -> None:
    seed_incident(store, incident_id="inc-1", number="2026-000481")
    inbox = RefusalInbox(store, selection, gateway)
    qtbot.addWidget(inbox)
    gateway.submit(c.AssignUnits(incident_id="inc-1", unit_ids=["NOPE"]))
    gateway.submit(c.AddNote(incident_id="inc-1", text="  "))
    assert inbox.model.row_total() == 2
    inbox.select_row(1)  # the older one: the unknown unit
    inbox.redo_selected()
    assert "Still refused" in inbox.feedback.text() and inbox.model.row_total() == 2
    inbox.dismiss_selected()
    assert [r.type for r in store.refusals.items()] == ["add_note"]
    qtbot.mouseClick(inbox.dismiss_all, QtCore.Qt.MouseButton.LeftButton)
    assert store.refusals.items() == [] and inbox.model.row_total() == 0
    assert not inbox.dismiss_all.isEnabled()
