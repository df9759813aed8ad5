"""The administrator's commands on the city's resources: agencies, their stations, units and
cameras, and the desks' session policy (the rules are in :mod:`app.domain.reference_admin`)."""

from __future__ import annotations

import logging

import msgspec

from app.domain.desk_policy import SetDeskPolicy

log = logging.getLogger(__name__)


class UpsertAgency(msgspec.Struct, kw_only=True):
    """Create an agency or change its names, colour or head (its stations are kept)."""

    agency_id: str
    name: str
    name_zh: str = ""
    color: str = "#888888"
    head: str = ""


class RetireAgency(msgspec.Struct, kw_only=True):
    agency_id: str


class UpsertStation(msgspec.Struct, kw_only=True):
    """Add a station to an agency or change its name or position."""

    agency_id: str
    station_id: str
    name: str
    lat: float
    lon: float


class RetireStation(msgspec.Struct, kw_only=True):
    agency_id: str
    station_id: str


class UpsertUnit(msgspec.Struct, kw_only=True):
    """Create a unit (in service at its home station) or change its agency, kind or station."""

    unit_id: str  # the call sign
    agency: str
    type: str  # the kind: engine, medic, patrol, crew, ...
    home_station: str = ""
    capabilities: list[str] = msgspec.field(default_factory=list)


class RetireUnit(msgspec.Struct, kw_only=True):
    unit_id: str


class UpsertCamera(msgspec.Struct, kw_only=True):
    """Create a camera or change where it is, where it looks and its stream."""

    camera_id: str
    name: str
    lat: float
    lon: float
    heading: float  # degrees clockwise from north
    fov: float  # field of view, degrees
    range_m: float = 150.0
    stream_url: str = ""


class RetireCamera(msgspec.Struct, kw_only=True):
    camera_id: str


COMMANDS: dict[str, type[msgspec.Struct]] = {
    "upsert_agency": UpsertAgency,
    "retire_agency": RetireAgency,
    "upsert_station": UpsertStation,
    "retire_station": RetireStation,
    "upsert_unit": UpsertUnit,
    "retire_unit": RetireUnit,
    "upsert_camera": UpsertCamera,
    "retire_camera": RetireCamera,
    "set_desk_policy": SetDeskPolicy,
}
ADMIN_COMMANDS: frozenset[type[msgspec.Struct]] = frozenset(COMMANDS.values())
"""The administrator's alone."""
