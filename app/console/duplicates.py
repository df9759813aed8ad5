"""Duplicate-call detection for intake: open incidents of the same category close to a new call.

Pure function over :class:`CityState`; the intake panel calls it as the location or category
changes, so a second caller reporting the same fire becomes a note on the first incident.
"""

from __future__ import annotations

import logging
import math

import msgspec

from app.domain.geo import haversine_m
from app.domain.model import Incident, Status
from app.domain.state import CityState

log = logging.getLogger(__name__)

DUPLICATE_RADIUS_M = 150.0
"""Same-category open incidents within this distance are offered as duplicates."""

# A cheap bounding-box test first. One degree of latitude is ~111.2 km; 110 km is a deliberate
# under-estimate so the box is always a little larger than the circle, never smaller.
_M_PER_DEG_LAT = 110_000.0


class DuplicateCandidate(msgspec.Struct, kw_only=True, frozen=True):
    """One open incident a new call may be about."""

    incident_id: str
    number: str
    category: str
    status: Status
    priority: int
    distance_m: float
    address: str
    created_at: float


def find_duplicates(
    state: CityState,
    category: str,
    lat: float,
    lon: float,
    radius_m: float = DUPLICATE_RADIUS_M,
    limit: int = 5,
) -> list[DuplicateCandidate]:
    """Open incidents with ``category`` within ``radius_m`` of (lat, lon), nearest first.

    Ties in distance fall back to the older incident first, then the number, so the order is
    stable. An empty category or an invalid point gives no candidates.
    """
    if not category or not (math.isfinite(lat) and math.isfinite(lon)):
        return []
    if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0) or radius_m <= 0 or limit <= 0:
        return []
    dlat = radius_m / _M_PER_DEG_LAT
    dlon = radius_m / (_M_PER_DEG_LAT * max(0.01, math.cos(math.radians(lat))))
    found: list[DuplicateCandidate] = []
    for inc in state.incidents.values():
        if inc.category != category or not inc.is_open():
            continue
        loc = inc.location
        if abs(loc.lat - lat) > dlat or abs(loc.lon - lon) > dlon:
            continue
        d = haversine_m(lat, lon, loc.lat, loc.lon)
        if d <= radius_m:
            found.append(_candidate(inc, d))
    found.sort(key=lambda c: (c.distance_m, c.created_at, c.number))
    return found[:limit]


def _candidate(inc: Incident, distance_m: float) -> DuplicateCandidate:
    return DuplicateCandidate(
        incident_id=inc.id,
        number=inc.number,
        category=inc.category,
        status=inc.status,
        priority=inc.priority,
        distance_m=distance_m,
        address=inc.location.address,
        created_at=inc.created_at,
    )


def concerns(
    state: CityState,
    changed_ids: list[str],
    category: str,
    lat: float,
    lon: float,
    shown: set[str],
    radius_m: float = DUPLICATE_RADIUS_M,
) -> bool:
    """Whether any changed incident could alter the suggestions for (category, lat, lon).

    Cheap per changed id, so a form can skip re-running :func:`find_duplicates` over the whole
    state for the steady stream of unrelated changes.
    """
    if not category:
        return False
    dlat = radius_m / _M_PER_DEG_LAT
    dlon = radius_m / (_M_PER_DEG_LAT * max(0.01, math.cos(math.radians(lat))))
    for ident in changed_ids:
        if ident in shown:
            return True
        inc = state.incidents.get(ident)
        if (
            inc is not None
            and inc.category == category
            and abs(inc.location.lat - lat) <= dlat
            and abs(inc.location.lon - lon) <= dlon
        ):
            return True
    return False
