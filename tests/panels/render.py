"""Render each panel, filled with a realistic scene, to PNG files for a visual check.

Run: ``.venv/bin/python -m tests.panels.render OUT_DIR`` (offscreen). The test suite calls
:func:`render_all` too, so the rendering path stays working.
"""

from __future__ import annotations

import base64
import os
import sys
from pathlib import Path
from typing import Any

from PySide6 import QtCore, QtGui, QtWidgets

from app.domain import commands as c
from app.domain.library import Library, default_library
from app.domain.model import LinkKind, UnitStatus
from app.store.selection import Selection
from app.store.store import Store
from tests.panels.scene import (
    DISPATCHER,
    MARKET_5TH,
    T0,
    Clock,
    LocalGateway,
    make_store,
    seed_incident,
)
from tests.refusals import refusal_of


def snapshot_png() -> str:
    """A small camera-like frame as base64 PNG."""
    img = QtGui.QImage(320, 180, QtGui.QImage.Format.Format_RGB32)
    img.fill(QtGui.QColor("#334455"))
    p = QtGui.QPainter(img)
    p.fillRect(0, 110, 320, 70, QtGui.QColor("#555"))
    p.fillRect(120, 30, 90, 80, QtGui.QColor("#8a6d4b"))
    p.setBrush(QtGui.QColor(255, 120, 0, 200))
    p.drawEllipse(QtCore.QPoint(165, 40), 30, 22)
    p.setPen(QtGui.QColor("white"))
    p.drawText(6, 16, "CAM-001 19:02:11")
    p.end()
    buf = QtCore.QBuffer()
    buf.open(QtCore.QIODevice.OpenModeFlag.WriteOnly)
    img.save(buf, "PNG")  # type: ignore[call-overload]
    return base64.b64encode(bytes(buf.data().data())).decode()


def demo_scene(library: Library) -> tuple[Store, Selection, LocalGateway, Clock]:
    clock = Clock(T0)
    store = make_store(DISPATCHER, clock)
    gw = LocalGateway(store, library)
    seed_incident(store, incident_id="inc-1", number="2026-000481", created=T0 - 900)
    seed_incident(
        store,
        incident_id="inc-2",
        number="2026-000483",
        lat=MARKET_5TH[0] + 0.0004,
        lon=MARKET_5TH[1] + 0.0003,
        created=T0 - 400,
    )
    seed_incident(
        store,
        incident_id="inc-3",
        number="2026-000490",
        category="fire.outside",
        lat=37.7613,
        lon=-122.4200,
        address="Valencia Street & 20th Street",
        priority=2,
        created=T0 - 2400,
    )
    clock.t = T0 - 840
    gw.submit(c.AssignUnits(incident_id="inc-1", unit_ids=["E1", "T1", "B2"]))
    clock.t = T0 - 700
    gw.submit(c.SetUnitStatus(unit_id="E1", status=UnitStatus("en_route")))
    clock.t = T0 - 420
    gw.submit(c.SetUnitStatus(unit_id="E1", status=UnitStatus("on_scene")))
    gw.submit(
        c.AddNote(
            incident_id="inc-1",
            text="Heavy smoke showing from 3rd floor, 2 occupants on the fire escape.",
        ),
    )
    clock.t = T0 - 300
    gw.submit(
        c.AddNote(
            incident_id="inc-1", text="Camera snapshot", kind="snapshot", attachment=snapshot_png()
        ),
    )
    gw.submit(c.LinkIncidents(incident_id="inc-2", other_id="inc-1", kind=LinkKind("duplicate_of")))
    gw.submit(
        c.RequestLinkage(
            incident_id="inc-1",
            to_agency="police",
            capability="traffic_control",
            count=2,
            request_id="lk-1",
        ),
    )
    gw.submit(
        c.RequestLinkage(
            incident_id="inc-1",
            to_agency="medical",
            capability="ems_als",
            count=1,
            request_id="lk-2",
        ),
    )
    gw.submit(c.AnswerLinkage(request_id="lk-2", action="accept"))
    gw.submit(
        c.RequestLinkage(
            incident_id="inc-3",
            from_agency="police",
            to_agency="fire",
            capability="rescue",
            count=1,
            request_id="lk-3",
        ),
    )
    gw.submit(c.SetUnitStatus(unit_id="P12", status=UnitStatus("out_of_service")))
    clock.t = T0
    sel = Selection()
    return store, sel, gw, clock


def render_all(out: Path) -> list[Path]:
    from widgets.detail.detail_panel import IncidentDetail
    from widgets.intake.intake_panel import IntakePanel
    from widgets.resources.recommendation_panel import RecommendationPanel
    from widgets.resources.resource_panel import ResourcePanel

    library = default_library()
    store, sel, gw, _clock = demo_scene(library)
    out.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []

    def shot(w: QtWidgets.QWidget, name: str, size: tuple[int, int]) -> None:
        w.resize(*size)
        w.show()
        QtWidgets.QApplication.processEvents()
        path = out / f"{name}.png"
        w.grab().save(str(path))
        paths.append(path)
        w.close()

    sel.select_incident("inc-1")
    detail = IncidentDetail(store, sel, gw, library)
    store.refusals.add(
        refusal_of("inc-1", "conflict", "T1 is already assigned to 2026-000481 by dana")
    )
    shot(detail, "detail", (820, 1100))

    services: dict[str, Any] = {}
    try:
        from app.city import Locator, default_city
        from app.geo.gazetteer import Gazetteer

        services["locator"] = Locator(default_city())
        services["gazetteer"] = Gazetteer(locator=services["locator"])
    except (ImportError, OSError) as exc:  # the render still works without place search
        print(f"rendering intake without place search: {exc}")
    intake = IntakePanel(store, sel, gw, library, **services)
    intake.category.set_text("structure")
    intake.category.choose_current()
    intake.set_location(MARKET_5TH[0] + 0.0002, MARKET_5TH[1], "Market Street & 5th Street")
    intake.description.setPlainText("Caller sees flames on the roof")
    shot(intake, "intake", (700, 900))

    res = ResourcePanel(store, sel, gw, library, "fire")
    shot(res, "resources_fire", (760, 720))

    sel.select_incident("inc-3")
    rec = RecommendationPanel(store, sel, gw, library)
    shot(rec, "recommendations", (760, 360))

    from widgets.queue.queue_view import QueueView

    queue = QueueView(store, sel, library)
    queue._text.setText("market")
    queue._category.setCurrentIndex(1)
    shot(queue, "queue_narrow_filtered", (560, 300))
    return paths


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from widgets.theme import apply_theme

    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication(sys.argv)
    assert isinstance(app, QtWidgets.QApplication)
    apply_theme(app)
    for p in render_all(Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/panels")):
        print(p)


if __name__ == "__main__":
    main()
