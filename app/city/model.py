"""The demo city's records beyond the shared domain ones: neighbourhoods, the grid layout, demo
users, the sample of real calls and street points used by the scenario generator."""

from __future__ import annotations

import logging

import msgspec

from app.domain.model import (  # noqa: F401 - re-exported: the city's files use these
    Agency,
    Camera,
    GridCell,
    GridSpec,
    Neighbourhood,
    Ring,
    Role,
    Unit,
    User,
)

log = logging.getLogger(__name__)


class DemoUser(msgspec.Struct, kw_only=True):
    """A demo account. The password is plain text for the demo only; the server hashes it."""

    username: str
    display_name: str
    role: Role
    agency: str = ""
    password: str

    def user(self) -> User:
        return User(
            username=self.username,
            display_name=self.display_name,
            role=self.role,
            agency=self.agency,
        )


class SampleCall(msgspec.Struct, kw_only=True, frozen=True):
    """One real SF Fire Department call for service (first unit row of the incident)."""

    call_number: str
    received: float  # UTC epoch seconds
    lat: float
    lon: float
    address: str  # block-level, as published ("4000 Block of MISSION ST")
    call_type: str  # SF "Call Type"
    priority: str  # SF priority code: 2 non-emergency, 3 emergency, E/A/B/C others
    neighbourhood: str


class StreetPoint(msgspec.Struct, kw_only=True, frozen=True):
    """A point on a real street centreline with the nearest real block address."""

    lon: float
    lat: float
    address: str


class City(msgspec.Struct, kw_only=True):
    """Everything the demo city bundles: agencies, units, cameras, grid, neighbourhoods, users."""

    agencies: list[Agency]
    units: list[Unit]
    cameras: list[Camera]
    grid: GridSpec
    grid_cells: list[GridCell]
    neighbourhoods: list[Neighbourhood]
    users: list[DemoUser]
    calls: list[SampleCall]
    street_points: list[StreetPoint]

    def agency(self, agency_id: str) -> Agency:
        for a in self.agencies:
            if a.id == agency_id:
                return a
        raise KeyError(f"unknown agency {agency_id!r}")

    def capabilities(self) -> set[str]:
        """Every capability some unit of the city carries."""
        return {cap for u in self.units for cap in u.capabilities}
