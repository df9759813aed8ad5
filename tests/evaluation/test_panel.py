"""The department table: undefined shows "—", headers read in full, updates follow the store."""

from __future__ import annotations

from pathlib import Path

from PySide6 import QtWidgets
from pytestqt.qtbot import QtBot

from app.domain import events as ev
from app.domain.model import Status
from app.evaluation.tracker import EvaluationTracker
from app.models.evaluation_model import COLUMNS, UNDEFINED
from app.store.store import Store
from widgets.evaluation.evaluation_panel import EvaluationPanel
from widgets.theme import apply_theme


def row_of(panel: EvaluationPanel, name: str) -> list[str]:
    m = panel.model
    for r in range(m.rowCount()):
        if m.data(m.index(r, 0)) == name:
            return [str(m.data(m.index(r, c))) for c in range(m.columnCount())]
    raise AssertionError(f"no row {name!r}")


def test_departments_with_nothing_show_undefined(
    qtbot: QtBot, demo_store: Store, tmp_path: Path
) -> None:
    app = QtWidgets.QApplication.instance()
    assert isinstance(app, QtWidgets.QApplication)
    apply_theme(app)
    panel = EvaluationPanel(demo_store)
    qtbot.addWidget(panel)
    panel.resize(1400, 420)
    panel.show()
    qtbot.waitExposed(panel)
    police = row_of(panel, demo_store.state.agencies["police"].name)
    assert police[1] == UNDEFINED  # no score, not 50.0
    assert police[2] == "0"
    assert set(police[3:]) == {UNDEFINED}  # no 0% in red
    medical = row_of(panel, demo_store.state.agencies["medical"].name)
    assert float(medical[1]) > 0 and medical[3].startswith("304")
    # Scored departments first, then the ones without a score.
    scores = [panel.model.data(panel.model.index(r, 1)) for r in range(panel.model.rowCount())]
    first_undefined = scores.index(UNDEFINED)
    assert all(s == UNDEFINED for s in scores[first_undefined:])
    # Every header reads in full.
    header = panel.table.horizontalHeader()
    fm = header.fontMetrics()
    for col, title in enumerate(COLUMNS):
        assert header.sectionSize(col) >= fm.horizontalAdvance(title), title
    panel.grab().save(str(tmp_path / "evaluation_table.png"))


def test_table_follows_new_events_incrementally(qtbot: QtBot, demo_store: Store) -> None:
    panel = EvaluationPanel(demo_store)
    qtbot.addWidget(panel)
    tracker = panel.model.tracker
    before = tracker.breakdown("department", demo_store.now())["medical"]
    # Reopen a closed medical case: one fewer handled, the rate and score move, nothing rebuilt.
    inc = next(i for i in demo_store.state.incidents.values() if i.department == "medical")
    body = ev.IncidentTransitioned(
        incident_id=inc.id,
        action="reopen",
        from_status=Status.CLOSED,
        to_status=Status.DISPATCHED,
        clocks=dict(inc.clocks),
        rework_count=inc.rework_count,
    )
    demo_store.apply_events([ev.Event(seq=0, time=demo_store.now(), actor="sam", body=body)])
    after = tracker.breakdown("department", demo_store.now())["medical"]
    assert after.handled == before.handled - 1
    assert after.handling_rate is not None and before.handling_rate is not None
    assert after.handling_rate < before.handling_rate
    qtbot.waitUntil(
        lambda: row_of(panel, demo_store.state.agencies["medical"].name)[3].startswith("303")
    )
    # The incremental figures equal a recount from scratch.
    fresh = EvaluationTracker(demo_store.state)
    fresh.rebuild()
    assert fresh.breakdown("department", demo_store.now()) == tracker.breakdown(
        "department", demo_store.now()
    )
