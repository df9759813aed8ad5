"""A small city built from real events (agencies and units), for the sync tests that need no server."""

from __future__ import annotations

from app.domain import events as ev
from app.domain.model import Agency, Role, Unit, User
from app.domain.state import CityState

DISPATCHER = User(username="dana", display_name="Dana", role=Role.DISPATCHER)
CALL_TAKER = User(username="carl", display_name="Carl", role=Role.CALL_TAKER)


def reference_events() -> list[ev.Event]:
    bodies: list[ev.EventBody] = [
        ev.AgencyUpserted(agency=Agency(id="fire", name="Fire")),
        ev.AgencyUpserted(agency=Agency(id="police", name="Police")),
    ]
    for i in range(1, 6):
        bodies.append(
            ev.UnitUpserted(
                unit=Unit(id=f"E{i}", agency="fire", type="engine", lat=37.77, lon=-122.42)
            )
        )
    return [
        ev.Event(seq=n, time=1_700_000_000.0 + n, actor="system", body=b)
        for n, b in enumerate(bodies, start=1)
    ]


def small_city() -> CityState:
    st = CityState()
    st.apply_all(reference_events())
    return st
