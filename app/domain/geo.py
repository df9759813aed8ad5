"""Plain-math geodesy for the hot paths: great-circle distance, bearing, Web Mercator, containment.

No Qt and no third-party code: every function here is called per unit, per camera or per map
point, so they stay simple float arithmetic. Coordinates are WGS84 degrees; distances are metres.
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Sequence

log = logging.getLogger(__name__)

EARTH_RADIUS_M = 6_371_008.8
"""Mean Earth radius (IUGG), used by the haversine distance."""

MERCATOR_RADIUS_M = 6_378_137.0
"""WGS84 semi-major axis: the sphere radius of Web Mercator (EPSG:3857)."""

MERCATOR_MAX_LAT = math.degrees(math.atan(math.sinh(math.pi)))
"""Latitude (about 85.0511 degrees) at which Web Mercator's square world ends."""

MERCATOR_MAX_XY = math.pi * MERCATOR_RADIUS_M
"""Half the side of the Web Mercator square, in metres (about 20,037,508 m)."""

_RAD = math.pi / 180.0
_DEG = 180.0 / math.pi


def haversine_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres between two WGS84 points (spherical Earth)."""
    p1 = lat1 * _RAD
    p2 = lat2 * _RAD
    dp = p2 - p1
    dl = (lon2 - lon1) * _RAD
    h = math.sin(dp * 0.5) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl * 0.5) ** 2
    # Rounding can push h a hair above 1 for antipodal points; asin would then fail.
    if h > 1.0:
        h = 1.0
    return 2.0 * EARTH_RADIUS_M * math.asin(math.sqrt(h))


def bearing_deg(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Initial bearing from point 1 to point 2, degrees clockwise from north in [0, 360)."""
    p1 = lat1 * _RAD
    p2 = lat2 * _RAD
    dl = (lon2 - lon1) * _RAD
    y = math.sin(dl) * math.cos(p2)
    x = math.cos(p1) * math.sin(p2) - math.sin(p1) * math.cos(p2) * math.cos(dl)
    b = math.atan2(y, x) * _DEG % 360.0
    # -1e-17 % 360 rounds to 360.0: keep the documented half-open range.
    return 0.0 if b >= 360.0 else b


def lonlat_to_mercator(lon: float, lat: float) -> tuple[float, float]:
    """WGS84 degrees to Web Mercator (EPSG:3857) metres.

    Raises ``ValueError`` for a latitude outside +-MERCATOR_MAX_LAT (the projection runs off to
    infinity at the poles) or a longitude outside -180..180.
    """
    if not -MERCATOR_MAX_LAT <= lat <= MERCATOR_MAX_LAT:
        raise ValueError(
            f"latitude {lat!r} is outside the Web Mercator range "
            f"-{MERCATOR_MAX_LAT:.6f}..{MERCATOR_MAX_LAT:.6f}"
        )
    if not -180.0 <= lon <= 180.0:
        raise ValueError(f"longitude {lon!r} is outside -180..180")
    x = MERCATOR_RADIUS_M * lon * _RAD
    # asinh(tan(phi)) equals ln(tan(pi/4 + phi/2)) and keeps full precision near the equator.
    y = MERCATOR_RADIUS_M * math.asinh(math.tan(lat * _RAD))
    return x, y


def mercator_to_lonlat(x: float, y: float) -> tuple[float, float]:
    """Web Mercator (EPSG:3857) metres to WGS84 ``(lon, lat)`` degrees.

    Raises ``ValueError`` for a non-finite coordinate; x and y beyond the Mercator square still
    convert (longitudes then fall outside -180..180, which callers may wrap).
    """
    if not (math.isfinite(x) and math.isfinite(y)):
        raise ValueError(f"Mercator coordinates must be finite, got ({x!r}, {y!r})")
    lon = x / MERCATOR_RADIUS_M * _DEG
    lat = math.atan(math.sinh(y / MERCATOR_RADIUS_M)) * _DEG
    return lon, lat


def point_in_polygon(lon: float, lat: float, ring: Sequence[tuple[float, float]]) -> bool:
    """Whether ``(lon, lat)`` lies inside the polygon ``ring`` of ``(lon, lat)`` vertices.

    Even-odd ray casting in plain degrees (fine for city-sized cells). The ring may be closed
    (first vertex repeated at the end) or open. Points exactly on an edge may go either way.
    A ring with fewer than three vertices contains nothing.
    """
    n = len(ring)
    if n < 3:
        return False
    inside = False
    xj, yj = ring[-1]
    for xi, yi in ring:
        # The half-open test (yi > lat) != (yj > lat) counts a vertex on the ray once, not twice.
        if (yi > lat) != (yj > lat) and lon < (xj - xi) * (lat - yi) / (yj - yi) + xi:
            inside = not inside
        xj, yj = xi, yi
    return inside


_NUMBER = r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)"
_LATLON_RE = re.compile(rf"^\s*[\(\[]?\s*({_NUMBER})\s*(?:,\s*|;\s*|\s+)({_NUMBER})\s*[\)\]]?\s*$")


def parse_latlon_strict(text: str) -> tuple[float, float]:
    """Parse ``"lat,lon"`` / ``"lat lon"`` / ``"(lat, lon)"`` to floats, or raise ``ValueError``.

    The message says what is wrong (shape of the text, or which value is out of range), so a
    form can show it as is.
    """
    m = _LATLON_RE.match(text)
    if m is None:
        raise ValueError(
            f"{text.strip()!r} is not a coordinate pair; "
            "expected latitude and longitude such as '37.781,-122.411' or '37.781 -122.411'"
        )
    lat = float(m.group(1))
    lon = float(m.group(2))
    if not -90.0 <= lat <= 90.0:
        raise ValueError(f"latitude {lat} is outside -90..90 (is the pair lon,lat?)")
    if not -180.0 <= lon <= 180.0:
        raise ValueError(f"longitude {lon} is outside -180..180")
    return lat, lon


def parse_latlon(text: str) -> tuple[float, float] | None:
    """``(lat, lon)`` parsed from typed text, or ``None`` when it is not a valid pair.

    Accepts ``"37.781,-122.411"``, ``"37.781 -122.411"``, ``"37.781; -122.411"`` and the
    parenthesised ``"(37.781, -122.411)"`` of the SF open-data exports. Use
    :func:`parse_latlon_strict` to get the reason for a refusal.
    """
    try:
        return parse_latlon_strict(text)
    except ValueError:
        return None
