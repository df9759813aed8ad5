"""What is near a point, for reading next to a position: the nearest address and the nearest
intersection, each with its distance ("near 2301 Mission St (12 m) · Mission St & 19th St (40 m)").

Two k-d tree queries over the geocoder's address points and intersections, without the street,
neighbourhood and grid look-ups of :meth:`Geocoder.reverse`: measured at about 0.07 ms at the
median (bench/geocode.py, "nearby"), cheap enough for the GUI thread, and cached per position
so a repaint of the same incident costs a dictionary look-up.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from dataclasses import dataclass

from app.domain.geo import haversine_m
from app.geo.geocode import Geocoder
from app.geo.placedata import to_metres
from app.geo.streetnames import display_name

log = logging.getLogger(__name__)

MAX_DISTANCE_M = 1000.0
"""Farther than this from every address and corner (the bay, another city) is not "near"."""


@dataclass(frozen=True)
class Nearby:
    address: str
    address_m: float
    intersection: str
    intersection_m: float


def nearby(geocoder: Geocoder, lat: float, lon: float) -> Nearby | None:
    """The nearest address and intersection of ``lat, lon``; None when both are farther than
    :data:`MAX_DISTANCE_M` (or the point is not a number)."""
    if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):  # also False for NaN
        return None
    d = geocoder.data
    p = to_metres(lat, lon)
    _, ai = d.addr_tree.query(p)
    _, xi = d.xing_tree.query(p)
    a, x = int(ai), int(xi)
    address_m = haversine_m(lat, lon, float(d.addr_lat[a]), float(d.addr_lon[a]))
    xing_m = haversine_m(lat, lon, float(d.xing_lat[x]), float(d.xing_lon[x]))
    if min(address_m, xing_m) > MAX_DISTANCE_M:
        return None
    xing = " & ".join(display_name(d.street_names[s]) for s in d.xing_streets[x])
    return Nearby(geocoder.addresses.label(a), address_m, xing, xing_m)


class NearbyCache:
    """:func:`nearby` remembered per position (to the micro-degree, about 10 cm), the latest
    ``size`` positions kept."""

    def __init__(self, geocoder: Geocoder, size: int = 512) -> None:
        self.geocoder = geocoder
        self.size = size
        self._cache: OrderedDict[tuple[int, int], Nearby | None] = OrderedDict()
        self.misses = 0

    def get(self, lat: float, lon: float) -> Nearby | None:
        try:
            key = (round(lat * 1e6), round(lon * 1e6))
        except (ValueError, OverflowError):  # NaN or infinite: nothing is near it
            return None
        if key in self._cache:
            self._cache.move_to_end(key)
            return self._cache[key]
        self.misses += 1
        try:
            found = nearby(self.geocoder, lat, lon)
        except Exception:  # a look-up fault must not break the incident's display
            log.exception("nearby look-up failed at %.6f,%.6f", lat, lon)
            found = None
        self._cache[key] = found
        while len(self._cache) > self.size:
            self._cache.popitem(last=False)
        return found
