"""Map test set-up: a store filled through real events, and a map widget on it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app.domain import events as ev
from app.domain.model import (
    Agency,
    Camera,
    Incident,
    IncidentKind,
    Location,
    SourceChannel,
    StageClock,
    Status,
    Unit,
    UnitStatus,
)
from app.store.selection import Selection
from app.store.store import Store

NOW = 1_780_000_000.0
MARKET_5TH = (37.7840, -122.4081)


def event(body: ev.EventBody, seq: int = 0) -> ev.Event:
    return ev.Event(seq=seq, time=NOW, actor="test", body=body)


def incident(
    iid: str,
    lat: float,
    lon: float,
    priority: int = 2,
    status: Status = Status.REPORTED,
    overdue: bool = False,
    cell: str = "",
) -> Incident:
    return Incident(
        id=iid,
        number=f"2026-{iid}",
        kind=IncidentKind.EMERGENCY,
        category="structure fire",
        priority=priority,
        status=status,
        location=Location(lat=lat, lon=lon, grid_cell=cell),
        source=SourceChannel.HOTLINE,
        clocks={"register": StageClock(started=NOW - 900, due=NOW - 300, overdue=True)}
        if overdue
        else {},
        created_at=NOW,
    )


def base_events() -> list[ev.Event]:
    """Two agencies, three units, one camera and four incidents around Market & 5th."""
    bodies: list[ev.EventBody] = [
        ev.AgencyUpserted(agency=Agency(id="fire", name="Fire", color="#e8453c")),
        ev.AgencyUpserted(agency=Agency(id="police", name="Police", color="#3d7eff")),
        ev.UnitUpserted(
            unit=Unit(
                id="E1",
                agency="fire",
                type="engine",
                lat=37.7820,
                lon=-122.4100,
                heading=45.0,
                position_time=NOW - 10,
                status=UnitStatus.EN_ROUTE,
            )
        ),
        ev.UnitUpserted(
            unit=Unit(
                id="P7",
                agency="police",
                type="patrol",
                lat=37.7860,
                lon=-122.4040,
                heading=180.0,
                position_time=NOW - 900,
            )
        ),
        ev.UnitUpserted(
            unit=Unit(
                id="M2",
                agency="fire",
                type="medic",
                lat=37.7700,
                lon=-122.4200,
                position_time=NOW - 5,
            )
        ),
        ev.CameraUpserted(
            camera=Camera(
                id="cam1",
                name="Market at 5th",
                lat=37.7838,
                lon=-122.4078,
                heading=90.0,
                fov=70.0,
                range_m=120.0,
            )
        ),
        ev.IncidentCreated(incident=incident("a", *MARKET_5TH, priority=1, overdue=True)),
        ev.IncidentCreated(
            incident=incident("b", 37.7880, -122.4010, priority=3, status=Status.DISPATCHED)
        ),
        ev.IncidentCreated(
            incident=incident("c", 37.7760, -122.4170, priority=4, status=Status.RESOLVED)
        ),
        ev.IncidentCreated(incident=incident("closed", 37.7850, -122.4060, status=Status.CLOSED)),
    ]
    return [event(b, i + 1) for i, b in enumerate(bodies)]


@pytest.fixture
def store() -> Store:
    s = Store(clock=lambda: NOW)
    s.apply_events(base_events())
    return s


@pytest.fixture
def selection() -> Selection:
    return Selection()


@pytest.fixture
def map_widget(qtbot, store: Store, selection: Selection) -> Iterator:
    from widgets.map import MapWidget

    w = MapWidget(store, selection)
    qtbot.addWidget(w)
    w.resize(900, 650)
    w.show()
    qtbot.waitExposed(w)
    w.center_on(*MARKET_5TH, 16.0)
    w.render_complete()
    w.repaint()
    yield w
    w.close()
