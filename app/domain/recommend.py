"""Unit recommendation: which available units to send to an incident, closest useful ones first.

Pure functions over domain records. Travel time comes from a road-routing function the caller
passes in (``road_eta``: drive seconds from a unit's position to the incident, ``None`` where the
road graph cannot reach), so the domain stays free of graph libraries; without one, or where it
answers ``None``, the time is estimated: great-circle distance times a road factor, at a typical
speed for the unit type, and the recommendation says so (``routed=False``). The ranking is explicit
and stable:
first by how many of the required capabilities a unit does *not* cover, then by ETA, then by
call sign, so the same inputs always give the same list.
"""

from __future__ import annotations

import heapq
import logging
import math
from collections.abc import Callable, Iterable, Mapping

import msgspec

from app.domain.geo import haversine_m
from app.domain.model import Unit, UnitStatus

log = logging.getLogger(__name__)

DEFAULT_SPEEDS_KMH: Mapping[str, float] = {
    "engine": 40.0,
    "truck": 35.0,
    "medic": 45.0,
    "patrol": 50.0,
    "battalion": 50.0,
    "crew": 35.0,
    "sweeper": 25.0,
    "inspector": 35.0,
    "default": 35.0,
}
"""Typical urban response speed per unit type; ``default`` for any other type."""

DEFAULT_ROAD_FACTOR = 1.4
"""Road distance / straight-line distance in a street grid."""

RECOMMENDABLE_STATUSES = frozenset({UnitStatus.AVAILABLE, UnitStatus.RETURNING})


class Recommendation(msgspec.Struct, kw_only=True, frozen=True):
    """One suggested unit, with the figures and the sentence a dispatcher sees."""

    unit_id: str
    agency: str
    eta_s: float
    distance_m: float
    reason: str
    capabilities_matched: list[str]
    capabilities_missing: list[str] = msgspec.field(default_factory=list)
    from_station: bool = False  # True when the live position was stale and the station was used
    routed: bool = False  # True: ETA over the road graph; False: straight-line estimate


RoadEta = Callable[[float, float], "float | None"]
"""Drive seconds from ``(lat, lon)`` to the incident, or ``None`` where the roads cannot reach."""


def speed_kmh(unit_type: str, speeds_kmh: Mapping[str, float] | None = None) -> float:
    """Speed for ``unit_type``: the override map first, then the defaults, then ``default``."""
    for table in (speeds_kmh or {}, DEFAULT_SPEEDS_KMH):
        if unit_type in table:
            return table[unit_type]
        lowered = unit_type.lower()
        if lowered in table:
            return table[lowered]
    if speeds_kmh and "default" in speeds_kmh:
        return speeds_kmh["default"]
    return DEFAULT_SPEEDS_KMH["default"]


def eta_seconds(
    distance_m: float,
    unit_type: str,
    road_factor: float = DEFAULT_ROAD_FACTOR,
    speeds_kmh: Mapping[str, float] | None = None,
) -> float:
    """Estimated travel time in seconds over ``distance_m`` of straight line."""
    if not (math.isfinite(distance_m) and distance_m >= 0.0):
        raise ValueError(f"distance_m must be a finite non-negative number, got {distance_m!r}")
    if not (math.isfinite(road_factor) and road_factor > 0.0):
        raise ValueError(f"road_factor must be positive, got {road_factor!r}")
    speed = speed_kmh(unit_type, speeds_kmh)
    if not (math.isfinite(speed) and speed > 0.0):
        raise ValueError(f"speed for unit type {unit_type!r} must be positive, got {speed!r}")
    return distance_m * road_factor / (speed / 3.6)


def format_duration(seconds: float) -> str:
    """``45 s``, ``3 min 50 s``, ``1 h 05 min``."""
    s = round(seconds)
    if s < 60:
        return f"{s} s"
    if s < 3600:
        return f"{s // 60} min {s % 60} s"
    return f"{s // 3600} h {(s % 3600) // 60:02d} min"


def format_distance(metres: float) -> str:
    """``850 m`` below a kilometre, else ``1.8 km``."""
    if metres < 1000.0:
        return f"{round(metres)} m"
    return f"{metres / 1000.0:.1f} km"


def _valid_position(lat: float, lon: float) -> bool:
    return -90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0


def recommend(
    incident_lat: float,
    incident_lon: float,
    required_capabilities: list[str],
    units: Iterable[Unit],
    now: float,
    top_n: int = 5,
    max_position_age_s: float = 900,
    road_factor: float = DEFAULT_ROAD_FACTOR,
    speeds_kmh: Mapping[str, float] | None = None,
    station_positions: Mapping[str, tuple[float, float]] | None = None,
    road_eta: RoadEta | None = None,
) -> list[Recommendation]:
    """The best ``top_n`` units for an incident at ``(incident_lat, incident_lon)``.

    A unit qualifies when its status is available or returning and it carries at least one of
    ``required_capabilities`` (with no required capabilities, every such unit qualifies). Its
    live position is used when it is at most ``max_position_age_s`` old; otherwise its home
    station's ``(lat, lon)`` from ``station_positions``; with neither the unit is left out.
    Sorted by (required capabilities not covered, ETA, call sign). ``road_eta`` (one search
    per incident, e.g. :meth:`app.geo.route.RouteSearch.eta_from`) gives routed ETAs; a unit it
    cannot route keeps the straight-line estimate, marked ``routed=False``.
    """
    if not _valid_position(incident_lat, incident_lon):
        raise ValueError(
            f"incident position ({incident_lat!r}, {incident_lon!r}) is not a valid lat/lon"
        )
    if top_n < 0:
        raise ValueError(f"top_n must be >= 0, got {top_n}")
    # Validate the travel model once, not per unit.
    eta_seconds(0.0, "default", road_factor, speeds_kmh)
    required = list(dict.fromkeys(required_capabilities))
    stations = station_positions or {}
    ranked: list[tuple[int, float, str, Recommendation]] = []
    for unit in units:
        if unit.status not in RECOMMENDABLE_STATUSES:
            continue
        caps = set(unit.capabilities)
        matched = [c for c in required if c in caps]
        if required and not matched:
            continue
        age = max(0.0, now - unit.position_time)
        if age <= max_position_age_s and _valid_position(unit.lat, unit.lon):
            lat, lon = unit.lat, unit.lon
            origin = f"from live position ({format_duration(age)} old)"
            from_station = False
        else:
            home = stations.get(unit.home_station) if unit.home_station else None
            if home is None or not _valid_position(home[0], home[1]):
                log.debug("unit %s skipped: position stale and no home station", unit.id)
                continue
            lat, lon = home
            why = (
                f"position stale ({round(age / 60)} min old)"
                if _valid_position(unit.lat, unit.lon)
                else "no valid position"
            )
            origin = f"{why}, using home station {unit.home_station}"
            from_station = True
        distance = haversine_m(incident_lat, incident_lon, lat, lon)
        routed_eta = _road_eta(road_eta, lat, lon, unit.id)
        if routed_eta is None:
            eta = eta_seconds(distance, unit.type, road_factor, speeds_kmh)
            how = "straight-line estimate"
        else:
            eta = routed_eta
            how = "by road"
        missing = [c for c in required if c not in caps]
        parts = [f"{unit.id} {unit.type}: {', '.join(matched) if matched else 'no requirement'}"]
        if missing:
            parts.append(f"lacks {', '.join(missing)}")
        status_note = " (returning)" if unit.status == UnitStatus.RETURNING else ""
        parts.append(
            f"{format_distance(distance)}, ETA {format_duration(eta)} {how} {origin}{status_note}"
        )
        rec = Recommendation(
            unit_id=unit.id,
            agency=unit.agency,
            eta_s=eta,
            distance_m=distance,
            reason="; ".join(parts),
            capabilities_matched=matched,
            capabilities_missing=missing,
            from_station=from_station,
            routed=routed_eta is not None,
        )
        ranked.append((len(missing), eta, unit.id, rec))
    best = heapq.nsmallest(top_n, ranked, key=lambda r: (r[0], r[1], r[2]))
    return [r[3] for r in best]


def _road_eta(road_eta: RoadEta | None, lat: float, lon: float, unit_id: str) -> float | None:
    """The routed time, or None (no router, unreachable, or a router fault: never fatal)."""
    if road_eta is None:
        return None
    try:
        t = road_eta(lat, lon)
    except Exception as exc:  # a routing fault must not leave the dispatcher without a list
        log.warning("road ETA failed for unit %s: %s", unit_id, exc)
        return None
    if t is None or not (math.isfinite(t) and t >= 0.0):
        return None
    return float(t)
