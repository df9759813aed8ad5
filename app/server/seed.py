"""Loading reference data and accounts into a server database (demo city, first admin)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from app.domain import events as ev
from app.domain.state import CityState
from app.server.auth import DEMO_N, make_user_record
from app.server.store import EventStore

log = logging.getLogger(__name__)


def reference_bodies(city: Any) -> list[ev.EventBody]:
    """Events that load a city's agencies, units, cameras and grid (objects from app.city)."""
    bodies: list[ev.EventBody] = [ev.AgencyUpserted(agency=a) for a in _values(city.agencies)]
    bodies += [ev.UnitUpserted(unit=u) for u in _values(city.units)]
    bodies += [ev.CameraUpserted(camera=c) for c in _values(city.cameras)]
    cells = _values(getattr(city, "grid_cells", []))
    if cells:
        # The grid's layout and the neighbourhood outlines travel with it: the one locator of
        # every desk, replay and training session is built from this event.
        bodies.append(
            ev.GridLoaded(
                cells=list(cells),
                spec=getattr(city, "grid", None),
                neighbourhoods=list(getattr(city, "neighbourhoods", [])),
            )
        )
    return bodies


def _values(items: Any) -> list[Any]:
    return list(items.values()) if isinstance(items, dict) else list(items)


def demo_seed_job(city: Any) -> Callable[[CityState], list[ev.EventBody]]:
    """A processor job that loads the city only into an empty database (never twice)."""

    def make(state: CityState) -> list[ev.EventBody]:
        if state.agencies or state.units:
            log.info("the database already holds reference data; demo city not loaded")
            return []
        return reference_bodies(city)

    return make


def add_demo_users(store: EventStore, city: Any) -> int:
    """Create the city's demo accounts that do not exist yet; returns how many were created."""
    made = 0
    for u in _values(getattr(city, "users", [])):
        username = getattr(u, "username", "")
        if not username or store.get_user(username) is not None:
            continue
        password = getattr(u, "password", "") or getattr(u, "demo_password", "")
        rec = make_user_record(
            username,
            password,
            getattr(u, "role", "observer"),
            getattr(u, "display_name", "") or getattr(u, "name", ""),
            getattr(u, "agency", ""),
            cost=DEMO_N,
        )
        store.put_user(rec)
        made += 1
    return made
