"""The queue and merged reports: a duty officer works cases, so a report merged into a master is
hidden from the queue by default (found by search, or shown with the Merged toggle, dimmed and
naming its master); the master's number carries a count of the reports it holds."""

from __future__ import annotations

from typing import Any

from PySide6 import QtCore

from app.domain import commands as c
from app.domain.library import Library
from app.models.incident_queue import IdRole
from app.models.queue_filter import Column
from app.store.selection import Selection
from app.store.store import Store
from tests.panels.scene import LocalGateway, seed_incident
from widgets.queue.queue_view import QueueView


def rows(view: QueueView) -> dict[str, int]:
    m = view.model
    return {str(m.data(m.index(r, 0), IdRole)): r for r in range(m.rowCount())}


def test_merged_reports_leave_the_active_queue_and_badge_their_master(
    qtbot: Any, store: Store, selection: Selection, gateway: LocalGateway, library: Library
) -> None:
    for n in range(3):
        seed_incident(store, incident_id=f"q-{n}", number=f"2026-00020{n}", priority=2)
    view = QueueView(store, selection, library)
    qtbot.addWidget(view)
    view.resize(900, 400)
    view.show()
    qtbot.waitUntil(lambda: view.model.rowCount() == 3)
    gateway.submit(c.MergeReports(master_id="q-0", report_ids=["q-1", "q-2"]))
    assert not gateway.refused, gateway.refused
    qtbot.waitUntil(lambda: set(rows(view)) == {"q-0"})
    m = view.model
    row = rows(view)["q-0"]
    assert m.data(m.index(row, Column.NUMBER)) == "2026-000200 (+2)"
    tip = m.data(m.index(row, Column.NUMBER), QtCore.Qt.ItemDataRole.ToolTipRole)
    assert "2 report(s) merged into this case: hotline" in tip
    # Searching a report's number finds it, dimmed, naming its master.
    view._text.setText("2026-000201")
    qtbot.waitUntil(lambda: set(rows(view)) == {"q-1"})
    r = rows(view)["q-1"]
    assert m.data(m.index(r, Column.STATUS)) == "merged → 2026-000200"
    fg = m.data(m.index(r, Column.STATUS), QtCore.Qt.ItemDataRole.ForegroundRole)
    assert fg is not None and fg.name() == "#8394a6"
    view._text.setText("")
    qtbot.waitUntil(lambda: set(rows(view)) == {"q-0"})
    view._merged.setChecked(True)
    qtbot.waitUntil(lambda: set(rows(view)) == {"q-0", "q-1", "q-2"})
    view._merged.setChecked(False)
    gateway.submit(c.UnmergeReport(report_id="q-2", reason="another fire"))
    qtbot.waitUntil(lambda: set(rows(view)) == {"q-0", "q-2"})
    assert m.data(m.index(rows(view)["q-0"], Column.NUMBER)) == "2026-000200 (+1)"
