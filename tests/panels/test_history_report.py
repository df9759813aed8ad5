"""The incident history shows full timestamps and named stages, and the report is a real PDF
written by Qt's own PDF writer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.console.history import full_time, history
from app.domain import commands as c
from app.domain.library import Library
from app.store.selection import Selection
from app.store.store import Store
from tests.panels.scene import LocalGateway, seed_incident
from widgets.detail.detail_panel import IncidentDetail


def test_history_and_pdf_report(
    qtbot: Any,
    tmp_path: Path,
    store: Store,
    selection: Selection,
    gateway: LocalGateway,
    library: Library,
) -> None:
    seed_incident(store, incident_id="h-1", number="2026-000801")
    gateway.submit(c.Transition(incident_id="h-1", action="register"))
    gateway.submit(c.AssignUnits(incident_id="h-1", unit_ids=["E1"]))
    gateway.submit(c.AddNote(incident_id="h-1", text="smoke on the third floor"))
    inc = store.state.incidents["h-1"]
    rows = history(inc)
    texts = [r.text for r in rows]
    assert any(t.startswith("Reported → Registered") for t in texts), texts
    assert not any("->" in t for t in texts), texts
    assert all(len(r.at) == len("2026-11-18 14:05:33") for r in rows)

    detail = IncidentDetail(store, selection, gateway, library)
    qtbot.addWidget(detail)
    selection.select_incident("h-1")
    shown = detail.narrative.toPlainText()
    assert "Reported → Registered" in shown and full_time(inc.created_at)[:10] in shown

    dialog = detail.open_history()
    assert dialog is not None
    qtbot.addWidget(dialog)
    page = dialog.view.toPlainText()
    assert "Incident 2026-000801" in page and "Structure fire" in page
    assert "smoke on the third floor" in page and "Registration" in page
    assert "+1 415" not in page  # the caller's contact is not in a report that gets printed
    pdf = tmp_path / "report.pdf"
    assert dialog.save_pdf(pdf)
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-") and b"%%EOF" in data[-64:] and len(data) > 2000
