"""A small real city for the panel tests, filled through the store's own event path, and a command
gateway that runs the real ``decide`` on the store's state (no server, no sync engine)."""

from __future__ import annotations

import uuid
from typing import Any

from app.domain import commands as c
from app.domain import events as ev
from app.domain.library import Library
from app.domain.model import (
    Agency,
    Camera,
    Incident,
    IncidentKind,
    Location,
    Role,
    SourceChannel,
    Stage,
    StageClock,
    Station,
    Status,
    Unit,
    User,
)
from app.domain.runner import Command, CommandRunner, command_incident, to_payload, type_name
from app.store.refusal import Refusal
from app.store.store import Store

T0 = 1_795_000_000.0  # 2026-11-18 (a Wednesday) in UTC
SUPERVISOR = User(username="sam", display_name="Sam Supervisor", role=Role.SUPERVISOR)
DISPATCHER = User(username="dana", display_name="Dana Dispatcher", role=Role.DISPATCHER)
CALL_TAKER = User(username="carl", display_name="Carl Calltaker", role=Role.CALL_TAKER)
FIRE_LIAISON = User(
    username="liaison.fire", display_name="Fire desk", role=Role.LIAISON, agency="fire"
)
OBSERVER = User(username="olga", display_name="Olga Observer", role=Role.OBSERVER)

MARKET_5TH = (37.784013, -122.408071)  # Market St & 5th St


class Clock:
    """A settable clock for the store (the displayed "now")."""

    def __init__(self, t: float = T0) -> None:
        self.t = t

    def __call__(self) -> float:
        return self.t


class LocalGateway:
    """Implements CommandGateway with the command runner on the store's state (no server, no
    sync engine): the events are applied to the store; a refusal goes to the refusal inbox."""

    def __init__(self, store: Store, library: Library) -> None:
        self.store = store
        self.library = library
        self.runner = CommandRunner()
        self.submitted: list[tuple[str, dict[str, Any]]] = []
        self.refused: list[tuple[str, str]] = []

    def submit(self, command: Command, expected_version: int | None = None) -> str:
        cid = str(uuid.uuid4())
        name, payload = type_name(command), to_payload(command)
        self.submitted.append((name, payload))
        user = self.store.user or SUPERVISOR
        try:
            body = c.parse_payload(name, payload)  # as it would travel: types checked
            bodies = self.runner.run(
                self.store.state, user, body, self.store.now(), expected_version
            )
        except c.CommandError as exc:
            self.refused.append((exc.code, exc.message))
            self.store.refusals.add(
                Refusal(
                    command_id=cid,
                    at=self.store.now(),
                    incident_id=command_incident(command, self.store.state),
                    type=name,
                    payload=payload,
                    code=exc.code,
                    message=exc.message,
                    expected_version=expected_version,
                    where="local",
                )
            )
            return cid
        seq = self.store.state.seq
        events = [
            ev.Event(seq=seq + i, time=self.store.now(), actor=user.username, body=b)
            for i, b in enumerate(bodies, start=1)
        ]
        self.store.apply_events(events)
        return cid

    def refusal(self, *commands: Command) -> c.CommandError | None:
        user = self.store.user or SUPERVISOR
        return self.runner.refusal(self.store.state, user, *commands, now=self.store.now())

    def types(self) -> list[str]:
        return [t for t, _ in self.submitted]


def reference_bodies() -> list[ev.EventBody]:
    """Four agencies with real San Francisco station sites, their units and three cameras."""
    fire = Agency(
        id="fire",
        name="San Francisco Fire Department",
        name_zh="旧金山消防局",
        color="#FF4D4D",
        stations=[
            Station(id="FS01", name="Station 1, 935 Folsom St", lat=37.7787, lon=-122.4047),
            Station(id="FS03", name="Station 3, 1067 Post St", lat=37.7873, lon=-122.4195),
            Station(id="FS36", name="Station 36, 109 Oak St", lat=37.7756, lon=-122.4214),
        ],
    )
    police = Agency(
        id="police",
        name="San Francisco Police Department",
        color="#3B82F6",
        stations=[Station(id="PS-SOU", name="Southern Station", lat=37.7725, lon=-122.3894)],
    )
    medical = Agency(
        id="medical",
        name="Emergency Medical Services",
        color="#F9A8D4",
        stations=[Station(id="MS1", name="EMS Base", lat=37.7749, lon=-122.4128)],
    )
    water = Agency(
        id="water",
        name="SF Public Utilities Commission - Water and Sewer",
        color="#22D3EE",
        stations=[Station(id="WY1", name="Water Yard", lat=37.7487, lon=-122.3993)],
    )
    units = [
        Unit(
            id="E1",
            agency="fire",
            type="engine",
            capabilities=["fire_suppression", "ems_bls"],
            home_station="FS01",
        ),
        Unit(
            id="E3",
            agency="fire",
            type="engine",
            capabilities=["fire_suppression", "ems_bls"],
            home_station="FS03",
        ),
        Unit(
            id="E36",
            agency="fire",
            type="engine",
            capabilities=["fire_suppression"],
            home_station="FS36",
        ),
        Unit(
            id="T1",
            agency="fire",
            type="truck",
            capabilities=["ladder", "rescue"],
            home_station="FS01",
        ),
        Unit(
            id="T3",
            agency="fire",
            type="truck",
            capabilities=["ladder", "rescue"],
            home_station="FS03",
        ),
        Unit(
            id="B2", agency="fire", type="battalion", capabilities=["command"], home_station="FS36"
        ),
        Unit(
            id="P11",
            agency="police",
            type="patrol",
            capabilities=["law_enforcement", "traffic_control"],
            home_station="PS-SOU",
        ),
        Unit(
            id="P12",
            agency="police",
            type="patrol",
            capabilities=["law_enforcement"],
            home_station="PS-SOU",
        ),
        Unit(
            id="M4",
            agency="medical",
            type="medic",
            capabilities=["ems_als", "ems_bls"],
            home_station="MS1",
        ),
        Unit(
            id="W1", agency="water", type="crew", capabilities=["water_repair"], home_station="WY1"
        ),
    ]
    cams = [
        Camera(
            id="CAM-001",
            name="Market St & 5th St (NE corner)",
            lat=37.784094,
            lon=-122.407969,
            heading=225.0,
            fov=50.0,
            range_m=80.0,
        ),
        Camera(
            id="CAM-002",
            name="5th St & Mission St",
            lat=37.78285,
            lon=-122.40665,
            heading=315.0,
            fov=60.0,
            range_m=250.0,
        ),
        Camera(
            id="CAM-009",
            name="Civic Center Plaza",
            lat=37.7793,
            lon=-122.4177,
            heading=90.0,
            fov=70.0,
            range_m=120.0,
        ),
    ]
    out: list[ev.EventBody] = [ev.AgencyUpserted(agency=a) for a in (fire, police, medical, water)]
    out += [ev.UnitUpserted(unit=u) for u in units]
    out += [ev.CameraUpserted(camera=cam) for cam in cams]
    return out


def make_store(user: User | None = SUPERVISOR, clock: Clock | None = None) -> Store:
    store = Store(clock=clock or Clock())
    store.set_session(user, "ws-test")
    store.apply_events(
        ev.Event(seq=i, time=T0 - 3600, actor="system", body=b)
        for i, b in enumerate(reference_bodies(), start=1)
    )
    return store


def seed_incident(
    store: Store,
    *,
    incident_id: str,
    number: str,
    category: str = "fire.structure",
    lat: float = MARKET_5TH[0],
    lon: float = MARKET_5TH[1],
    status: Status = Status.REPORTED,
    priority: int = 1,
    address: str = "Market Street & 5th Street",
    created: float = T0 - 600,
) -> Incident:
    """An incident created through an IncidentCreated event (as the server would send it)."""
    inc = Incident(
        id=incident_id,
        number=number,
        kind=IncidentKind.EMERGENCY,
        category=category,
        priority=priority,
        status=status,
        location=Location(
            lat=lat, lon=lon, address=address, grid_cell="G-11-18", neighbourhood="South of Market"
        ),
        source=SourceChannel.HOTLINE,
        description="Smoke from the third floor, people on the fire escape",
        reporter_contact="+1 415 555 0142",
        department="fire",
        timestamps={Status.REPORTED.value: created},
        clocks={Stage.REGISTER.value: StageClock(started=created, due=created + 60)},
        created_at=created,
        updated_at=created,
    )
    store.apply_events(
        [
            ev.Event(
                seq=store.state.seq + 1,
                time=created,
                actor="carl",
                body=ev.IncidentCreated(incident=inc),
            )
        ]
    )
    return store.state.incidents[incident_id]
