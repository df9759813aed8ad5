"""Public alerts (CAP) in the city state: the alert record, its areas, the import command and
the events that record it, and the pure geometry that says what lies inside an alert's area.

Kept apart from :mod:`app.domain.events` and :mod:`app.domain.commands` (which only register the
types) so the alert model has no import cycle with them. Event structs here use the same tag field
(``type``) as every other event, so they join the one tagged ``EventBody`` union.
"""

from __future__ import annotations

import logging
import math

import msgspec

log = logging.getLogger(__name__)


class AlertCircle(msgspec.Struct, kw_only=True):
    lat: float
    lon: float
    radius_km: float


class AlertArea(msgspec.Struct, kw_only=True):
    """One CAP ``<area>``: polygons are rings of (lat, lon) points as CAP writes them."""

    description: str = ""
    polygons: list[list[tuple[float, float]]] = msgspec.field(default_factory=list)
    circles: list[AlertCircle] = msgspec.field(default_factory=list)
    geocodes: list[tuple[str, str]] = msgspec.field(default_factory=list)  # (valueName, value)


class Alert(msgspec.Struct, kw_only=True):
    """A CAP alert as the centre keeps it (the first ``<info>`` block; the rest of the message
    travels in ``infos_count`` only). ``key`` is CAP's identity: sender, identifier, sent."""

    id: str  # "sender,identifier,sent" (the CAP reference form)
    identifier: str
    sender: str
    sent: str  # ISO 8601 as in the message (keeps its offset)
    status: str = "Actual"
    msg_type: str = "Alert"
    scope: str = "Public"
    cap_version: str = "1.2"
    references: list[str] = msgspec.field(default_factory=list)
    event: str = ""
    categories: list[str] = msgspec.field(default_factory=list)
    urgency: str = "Unknown"
    severity: str = "Unknown"
    certainty: str = "Unknown"
    headline: str = ""
    description: str = ""
    instruction: str = ""
    sender_name: str = ""
    language: str = "en-US"
    effective: str = ""
    onset: str = ""
    expires: str = ""
    expires_at: float = 0.0  # epoch seconds (0: no expiry given)
    areas: list[AlertArea] = msgspec.field(default_factory=list)
    incident_id: str = ""  # the centre's incident it was issued from, if any
    cancelled: bool = False
    received_at: float = 0.0
    updated_at: float = 0.0
    history: list[str] = msgspec.field(default_factory=list)  # ids of messages applied to it
    version: int = 1


def reference_of(alert: Alert) -> str:
    """The CAP ``references`` form of an alert: ``sender,identifier,sent``."""
    return f"{alert.sender},{alert.identifier},{alert.sent}"


# --- the command -----------------------------------------------------------------------------------
class ImportAlert(msgspec.Struct, kw_only=True):
    """Record a validated CAP message: a new alert, or an update / cancel of the one it references."""

    alert: Alert
    source: str = ""  # file name, feed URL or peer: kept in the log only


class IssueAlert(msgspec.Struct, kw_only=True):
    """The centre's own public warning (or its update or cancel), issued by a supervisor."""

    alert: Alert


# --- events ----------------------------------------------------------------------------------------
class _AlertEv(msgspec.Struct, kw_only=True, tag_field="type"):
    pass


class AlertReceived(_AlertEv, tag="alert_received", kw_only=True):
    alert: Alert


class AlertUpdated(_AlertEv, tag="alert_updated", kw_only=True):
    """An Update message: ``alert`` replaces the one ``alert_id`` names (same id kept)."""

    alert_id: str
    alert: Alert


class AlertCancelled(_AlertEv, tag="alert_cancelled", kw_only=True):
    alert_id: str
    message_id: str  # the Cancel message's own id
    note: str = ""


# --- geometry (pure) -------------------------------------------------------------------------------
EARTH_KM = 6371.0088


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(a)))


def _in_ring(lat: float, lon: float, ring: list[tuple[float, float]]) -> bool:
    inside = False
    n = len(ring)
    for i in range(n):
        (la1, lo1), (la2, lo2) = ring[i], ring[(i + 1) % n]
        if (la1 > lat) != (la2 > lat):
            x = lo1 + (lat - la1) * (lo2 - lo1) / (la2 - la1)
            if lon < x:
                inside = not inside
    return inside


def area_contains(area: AlertArea, lat: float, lon: float) -> bool:
    """Whether a point lies in one of the area's polygons or circles (geocodes are not places
    the centre can draw, so an area of geocodes only contains nothing)."""
    if any(_in_ring(lat, lon, ring) for ring in area.polygons if len(ring) >= 3):
        return True
    return any(_km(c.lat, c.lon, lat, lon) <= c.radius_km for c in area.circles)


def alert_contains(alert: Alert, lat: float, lon: float) -> bool:
    return any(area_contains(a, lat, lon) for a in alert.areas)
