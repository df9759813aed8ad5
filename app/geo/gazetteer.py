"""The console's place search and reverse look-up: the whole-city geocoder under its old name.

Kept so the views that hold a ``Gazetteer`` (intake location field, map read-out, command line)
need no change: :class:`Gazetteer` *is* :class:`app.geo.geocode.Geocoder` (addresses, blocks,
intersections, streets, landmarks, parks, neighbourhoods, coordinates; reverse with the nearest
address and intersection). :func:`default_locator` gives it the city's grid cells when present.
"""

from __future__ import annotations

import logging

from app.geo.geocode import Geocoder, LocatorLike, Place, ReverseResult

log = logging.getLogger(__name__)

Gazetteer = Geocoder

__all__ = ["Gazetteer", "LocatorLike", "Place", "ReverseResult", "default_locator"]


def default_locator() -> LocatorLike | None:
    """The city's grid/neighbourhood locator from :mod:`app.city`, if that package is present."""
    try:
        from app import city  # type: ignore[attr-defined,unused-ignore]
    except ImportError:
        return None
    try:
        # default_city() is loaded once per process and shared with the rest of the console.
        load = getattr(city, "default_city", None) or city.load_city
        return city.Locator(load())  # type: ignore[no-any-return]
    except Exception as exc:  # the locator is optional: fall back to bundled neighbourhoods
        log.warning("app.city locator unavailable (%s); using bundled neighbourhoods", exc)
        return None
