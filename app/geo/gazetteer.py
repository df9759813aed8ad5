"""The console's place search and reverse look-up: the whole-city geocoder under its old name.

Kept so the views that hold a ``Gazetteer`` (intake location field, map read-out, command line)
need no change: :class:`Gazetteer` *is* :class:`app.geo.geocode.Geocoder` (addresses, blocks,
intersections, streets, landmarks, parks, neighbourhoods, coordinates; reverse with the nearest
address and intersection). :func:`default_locator` gives it the demo city's grid cells and neighbourhoods.
"""

from __future__ import annotations

import logging

from app.geo.geocode import Geocoder, LocatorLike, Place, ReverseResult

log = logging.getLogger(__name__)

Gazetteer = Geocoder

__all__ = ["Gazetteer", "LocatorLike", "Place", "ReverseResult", "default_locator"]


def default_locator() -> LocatorLike:
    """The demo city's locator: the domain's one locator built from the city's files (the same
    answer as the state's own locator once the city's grid_loaded is applied)."""
    from app.city import Locator, default_city

    return Locator(default_city())
