"""The San Francisco demo city: agencies, units, cameras, grid, neighbourhoods, demo users, and a
seeded generator of realistic incidents. No Qt."""

from __future__ import annotations

from app.city.loader import CityDataError, default_city, load_city
from app.city.locator import Locator
from app.city.model import City, DemoUser, GridSpec, Neighbourhood, SampleCall, StreetPoint

__all__ = [
    "City",
    "CityDataError",
    "DemoUser",
    "GridSpec",
    "Locator",
    "Neighbourhood",
    "SampleCall",
    "StreetPoint",
    "default_city",
    "load_city",
]
