"""An elided table cell tells its whole text on hover; a cell that fits keeps the row's tooltip."""

from __future__ import annotations

from typing import Any

from app.domain.library import Library
from app.models.queue_filter import Column
from app.store.selection import Selection
from app.store.store import Store
from tests.panels.scene import seed_incident
from widgets.queue.queue_view import QueueView

LONG = "Golden Gate Park, John F Kennedy Drive & Transverse Drive, west of the Conservatory"


def test_queue_cells_that_do_not_fit_have_their_text_as_tooltip(
    qtbot: Any, store: Store, selection: Selection, library: Library
) -> None:
    seed_incident(store, incident_id="e-1", number="2026-000901", address=LONG)
    view = QueueView(store, selection, library)
    qtbot.addWidget(view)
    view.resize(900, 300)
    view.show()
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    table = view.table
    table.horizontalHeader().resizeSection(Column.LOCATION, 120)
    loc = table.visualRect(view.model.index(0, Column.LOCATION)).center()
    tip = view.cell_tips.tip_at(loc)
    assert tip.startswith(LONG), tip
    assert "2026-000901" in tip  # followed by the row's own summary
    number = table.visualRect(view.model.index(0, Column.NUMBER)).center()
    # The number fits its column: the row's summary only.
    assert view.cell_tips.tip_at(number).startswith("2026-000901 —")
