"""The move-up rule: an available unit relocated to another station of its agency.

Coverage advice (``app.evaluation.coverage``) names a unit and a station; the command that
carries it out is ``relocate_unit``, decided here. Only an ``available`` unit may be moved up:
one on an incident is held by it, one returning is already on its way somewhere, one out of
service cannot take a call wherever it stands. Pure: reads the state, returns events.
"""

from __future__ import annotations

import logging

from app.domain import commands as c
from app.domain import events as ev
from app.domain.geo import haversine_m
from app.domain.model import Station, UnitStatus
from app.domain.state import CityState

log = logging.getLogger(__name__)

AT_STATION_M = 100.0
"""A unit this close to the station is there: it stays available instead of driving."""


def station_of(state: CityState, agency: str, station_id: str) -> Station | None:
    ag = state.agencies.get(agency)
    if ag is None:
        return None
    return next((s for s in ag.stations if s.id == station_id), None)


def decide_relocate(state: CityState, body: c.RelocateUnit) -> list[ev.EventBody]:
    u = state.units.get(body.unit_id)
    if u is None:
        raise c.CommandError("unknown_id", f"no unit {body.unit_id!r}")
    station = station_of(state, u.agency, body.station_id)
    if station is None:
        raise c.CommandError(
            "unknown_id", f"{u.agency} has no station {body.station_id!r} to move {u.id} to"
        )
    if u.status == UnitStatus.OUT_OF_SERVICE:
        raise c.CommandError("unavailable", f"{u.id} is out of service")
    if u.status != UnitStatus.AVAILABLE:
        raise c.CommandError(
            "unavailable",
            f"{u.id} is {u.status.value.replace('_', ' ')}; only an available unit is moved up",
            {"status": u.status.value},
        )
    there = u.position_time > 0 and (
        haversine_m(u.lat, u.lon, station.lat, station.lon) <= AT_STATION_M
    )
    if u.home_station == station.id and there:
        raise c.CommandError("no_change", f"{u.id} is already at {station.name}")
    status = UnitStatus.AVAILABLE if there else UnitStatus.RETURNING
    return [ev.UnitRelocated(unit_id=u.id, station_id=station.id, status=status)]
