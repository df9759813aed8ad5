"""Panels fit the docks the presets give them (a 480 px column on one monitor): no horizontal
scrollbar in intake once a place and duplicates show, the detail panel's stage boxes and buttons
inside its width, readable video captions."""

from __future__ import annotations

from typing import Any

from PySide6 import QtWidgets

from app.domain.library import Library
from app.store.selection import Selection
from app.store.store import Store
from tests.panels.scene import MARKET_5TH, LocalGateway, seed_incident
from widgets.detail.detail_panel import IncidentDetail
from widgets.intake.intake_panel import IntakePanel
from widgets.video.overlay import unit_px

DOCK_W = 480


def test_intake_fits_a_narrow_dock_after_a_place_is_picked(
    qtbot: Any, store: Store, selection: Selection, gateway: LocalGateway, library: Library
) -> None:
    seed_incident(store, incident_id="f-1", number="2026-000701")
    seed_incident(store, incident_id="f-2", number="2026-000702", lat=MARKET_5TH[0] + 0.0003)
    intake = IntakePanel(store, selection, gateway, library)
    qtbot.addWidget(intake)
    intake.category.set_text("structure")
    intake.category.choose_current()
    intake.set_location(MARKET_5TH[0] + 0.0002, MARKET_5TH[1], "Market Street & 5th Street")
    intake.resize(DOCK_W, 800)
    intake.show()
    qtbot.waitUntil(lambda: intake.duplicates.view.isVisible())
    assert intake.minimumSizeHint().width() <= DOCK_W
    assert intake.width() == DOCK_W
    pick = intake.location.map_button
    right = pick.mapTo(intake, pick.rect().topRight()).x()
    assert right < DOCK_W, "Pick on map is inside the panel"
    for bar in intake.findChildren(QtWidgets.QScrollBar):
        if bar.orientation().name == "Horizontal":
            assert not bar.isVisible(), bar.parent()


def test_detail_fits_a_narrow_dock(
    qtbot: Any, store: Store, selection: Selection, gateway: LocalGateway, library: Library
) -> None:
    seed_incident(store, incident_id="f-3", number="2026-000703", category="fire.outside")
    detail = IncidentDetail(store, selection, gateway, library)
    qtbot.addWidget(detail)
    selection.select_incident("f-3")
    detail.resize(DOCK_W, 900)
    detail.show()
    qtbot.waitExposed(detail)
    scroll = detail.findChild(QtWidgets.QScrollArea, "IncidentDetailScroll")
    assert scroll is not None
    body, viewport = scroll.widget(), scroll.viewport()
    assert body is not None
    assert body.width() <= viewport.width(), (body.width(), viewport.width())
    verify_right = detail.timeline.mapTo(body, detail.timeline.rect().topRight()).x()
    assert verify_right <= viewport.width()


def test_video_captions_are_readable_on_small_tiles() -> None:
    assert unit_px(200) >= 13 and unit_px(120) >= 13
    assert unit_px(1080) <= 20
