"""A major incident with three agencies through its command board: declaration, role changes,
objectives over two operational periods, grouped incidents, the decision log and the briefing."""

from __future__ import annotations

import subprocess
import unicodedata
from pathlib import Path

from PySide6 import QtCore

from app.domain import commands as c
from app.domain.library import Library
from app.store.selection import Selection
from tests.panels.scene import DISPATCHER, SUPERVISOR, LocalGateway, make_store, seed_incident
from widgets.command.command_board import CommandBoard

Left = QtCore.Qt.MouseButton.LeftButton


def test_a_major_incident_through_its_board(qtbot, library: Library, tmp_path: Path) -> None:
    store = make_store(DISPATCHER)
    gateway = LocalGateway(store, library)
    selection = Selection()
    seed_incident(store, incident_id="inc-1", number="2026-000481")
    seed_incident(store, incident_id="inc-2", number="2026-000482", address="5th St & Mission St")
    gateway.submit(c.AssignUnits(incident_id="inc-1", unit_ids=["E1"]))
    gateway.submit(c.AssignUnits(incident_id="inc-2", unit_ids=["M4"]))
    gateway.submit(
        c.RequestLinkage(
            incident_id="inc-1", to_agency="water", capability="water_shutoff", count=2
        )
    )
    board = CommandBoard(store, selection, gateway)
    qtbot.addWidget(board)
    board.resize(1400, 900)
    selection.select_incident("inc-1")
    assert "not a major incident" in board.title.text()
    assert not board.declare.isEnabled()  # a dispatcher may not declare
    assert "supervisor" in board.declare.toolTip()

    store.set_session(SUPERVISOR, "ws-test")
    board.refresh()
    qtbot.keyClicks(board.name, "Market St high-rise fire")
    qtbot.mouseClick(board.declare, Left)
    inc = store.state.incidents["inc-1"]
    assert inc.board is not None and inc.board.name == "Market St high-rise fire"
    assert "operational period 1" in board.title.text()

    for role, person in (("incident_commander", "Chief Ortiz"), ("operations", "BC Lee")):
        board.role.setCurrentIndex(board.role.findData(role))
        qtbot.keyClicks(board.person, person)
        qtbot.mouseClick(board.assign, Left)
    board.role.setCurrentIndex(board.role.findData("incident_commander"))
    qtbot.keyClicks(board.person, "Chief Nakamura")  # command passes
    qtbot.mouseClick(board.assign, Left)
    qtbot.keyClicks(board.objective, "Evacuate floors 8-12")
    qtbot.keyClick(board.objective, QtCore.Qt.Key.Key_Return)
    board.objectives.item(0).setCheckState(QtCore.Qt.CheckState.Checked)
    qtbot.mouseClick(board.new_period, Left)
    qtbot.keyClicks(board.objective, "Keep Market St closed to traffic")
    qtbot.keyClick(board.objective, QtCore.Qt.Key.Key_Return)
    board.other.setCurrentIndex(board.other.findData("inc-2"))
    qtbot.mouseClick(board.group, Left)
    qtbot.keyClicks(board.decision, "Defensive operations on the east side")
    qtbot.keyClick(board.decision, QtCore.Qt.Key.Key_Return)

    b = store.state.incidents["inc-1"].board
    assert b is not None
    assert b.roles == {"incident_commander": "Chief Nakamura", "operations": "BC Lee"}
    assert [(o.period, o.done) for o in b.objectives] == [(1, True), (2, False)]
    assert b.period == 2 and b.children == ["inc-2"]
    assert store.state.incidents["inc-2"].parent_id == "inc-1"
    kinds = [e.kind for e in b.log]
    assert kinds == [
        "declared",
        "role",
        "role",
        "role",
        "objective",
        "objective_done",
        "period",
        "objective",
        "child",
        "decision",
    ]
    assert "Chief Ortiz" in b.log[1].text and "Chief Nakamura" in b.log[3].text  # kept
    # Resources by agency over the incident and its group: fire, medical, and water requested.
    tops = [board.resources.topLevelItem(i) for i in range(board.resources.topLevelItemCount())]
    agencies = [t.text(0) for t in tops if t is not None]
    assert len(agencies) == 3 and any("Water" in a for a in agencies)
    # Selecting the grouped incident shows the same board.
    selection.select_incident("inc-2")
    assert "Market St high-rise fire" in board.title.text()

    pdf = board.save_briefing(tmp_path / "briefing.pdf")
    raw = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    text = unicodedata.normalize("NFKC", raw)  # the PDF's text uses ligatures (ﬁ)
    for expected in (
        "ICS 201",
        "Market St high-rise fire",
        "Chief Nakamura",
        "Evacuate floors",
        "Defensive operations",
        "2026-000482",
        "Incident commander",
    ):
        assert expected in text, expected
