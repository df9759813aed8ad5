"""CAP out: the centre's own public warnings as CAP 1.2, issued from an incident.

:func:`alert_from_incident` builds the alert (a circle of a radius around the incident, or a
drawn polygon), :func:`update_of` / :func:`cancel_of` the messages that change it, and
:func:`to_xml` writes any :class:`Alert` as a CAP 1.2 message. Every message written is read
back through :func:`app.interop.cap.read_cap` (schema and CAP rules) before it is handed out,
so nothing invalid leaves the centre.
"""

from __future__ import annotations

import datetime as dt
import logging

import msgspec
from lxml import etree

from app.domain.alerts import Alert, AlertArea, AlertCircle, reference_of
from app.domain.model import Incident
from app.interop.cap import CAP12, read_cap
from app.interop.xmlsafe import Refused

log = logging.getLogger(__name__)

DEFAULT_SENDER = "ops@cityops.invalid"
SEVERITIES = ("Extreme", "Severe", "Moderate", "Minor", "Unknown")
URGENCIES = ("Immediate", "Expected", "Future", "Past", "Unknown")
CERTAINTIES = ("Observed", "Likely", "Possible", "Unlikely", "Unknown")
# The CAP category of an incident, from its category code's prefix.
CAP_CATEGORY = {
    "fire": "Fire",
    "med": "Health",
    "rescue": "Rescue",
    "hazmat": "CBRNE",
    "natural": "Geo",
    "traffic": "Transport",
    "police": "Safety",
    "comp": "Infra",
    "service": "Other",
}
PRIORITY_SEVERITY = {1: "Extreme", 2: "Severe", 3: "Moderate", 4: "Minor"}


def cap_time(t: float) -> str:
    """An epoch time as CAP writes it: seconds, explicit offset, no 'Z' (CAP 1.2 pattern)."""
    return dt.datetime.fromtimestamp(int(t), dt.UTC).strftime("%Y-%m-%dT%H:%M:%S+00:00")


def _key(text: str) -> str:
    """An identifier part without the characters CAP forbids in identifiers."""
    return "".join(ch if ch.isalnum() or ch in "-_.:" else "-" for ch in text)


def alert_from_incident(
    inc: Incident,
    now: float,
    *,
    radius_km: float = 1.0,
    polygon: list[tuple[float, float]] | None = None,
    event: str = "",
    headline: str = "",
    instruction: str = "",
    severity: str = "",
    urgency: str = "Expected",
    certainty: str = "Likely",
    expires_in_s: float = 6 * 3600,
    sender: str = DEFAULT_SENDER,
    sender_name: str = "City operations centre",
    status: str = "Actual",
) -> Alert:
    """A new public warning (msgType Alert) about ``inc``."""
    severity = severity or PRIORITY_SEVERITY.get(inc.priority, "Unknown")
    for value, allowed, name in (
        (severity, SEVERITIES, "severity"),
        (urgency, URGENCIES, "urgency"),
        (certainty, CERTAINTIES, "certainty"),
    ):
        if value not in allowed:
            raise ValueError(f"{name} must be one of {', '.join(allowed)}, not {value!r}")
    if polygon is not None:
        ring = list(polygon)
        if len(ring) < 3:
            raise ValueError("a polygon needs at least three points")
        if ring[0] != ring[-1]:
            ring.append(ring[0])  # CAP polygons are closed rings
        area = AlertArea(description=inc.location.address or inc.number, polygons=[ring])
    else:
        if radius_km <= 0:
            raise ValueError("the radius must be positive")
        circle = AlertCircle(lat=inc.location.lat, lon=inc.location.lon, radius_km=radius_km)
        area = AlertArea(description=inc.location.address or inc.number, circles=[circle])
    sent = cap_time(now)
    identifier = _key(f"cityops-{inc.number}-{int(now)}")
    prefix = inc.category.partition(".")[0]
    expires = cap_time(now + expires_in_s)
    return Alert(
        id=f"{sender},{identifier},{sent}",
        identifier=identifier,
        sender=sender,
        sent=sent,
        status=status,
        msg_type="Alert",
        scope="Public",
        event=event or inc.category,
        categories=[CAP_CATEGORY.get(prefix, "Other")],
        urgency=urgency,
        severity=severity,
        certainty=certainty,
        headline=headline or f"{event or inc.category} near {inc.location.address or inc.number}",
        description=inc.description,
        instruction=instruction,
        sender_name=sender_name,
        language="en-US",
        effective=sent,
        expires=expires,
        expires_at=float(int(now + expires_in_s)),
        areas=[area],
        incident_id=inc.id,
    )


def update_of(alert: Alert, now: float, **changes: object) -> Alert:
    """An Update message for ``alert`` (references it and the messages applied to it)."""
    sent = cap_time(now)
    identifier = _key(f"{alert.identifier}-u{int(now)}")
    fields = {k: v for k, v in changes.items() if k in Alert.__struct_fields__}
    new = msgspec.structs.replace(alert, **fields)  # type: ignore[arg-type]
    return msgspec.structs.replace(
        new,
        id=f"{alert.sender},{identifier},{sent}",
        identifier=identifier,
        sent=sent,
        msg_type="Update",
        references=[reference_of(alert)],
        cancelled=False,
        received_at=0.0,
        updated_at=0.0,
        history=[],
        version=1,
    )


def cancel_of(alert: Alert, now: float, note: str = "") -> Alert:
    """A Cancel message for ``alert``."""
    update = update_of(alert, now, headline=note or alert.headline)
    return msgspec.structs.replace(update, msg_type="Cancel")


def _sub(parent: etree._Element, name: str, text: str) -> etree._Element:
    el = etree.SubElement(parent, f"{{{CAP12}}}{name}")
    el.text = text
    return el


def _num(x: float) -> str:
    return repr(float(x))


def to_xml(alert: Alert) -> bytes:
    """``alert`` as a CAP 1.2 message (element order as the schema wants it)."""
    root = etree.Element(f"{{{CAP12}}}alert", nsmap={None: CAP12})
    for name, value in (
        ("identifier", alert.identifier),
        ("sender", alert.sender),
        ("sent", alert.sent),
        ("status", alert.status),
        ("msgType", alert.msg_type),
        ("scope", alert.scope),
    ):
        _sub(root, name, value)
    if alert.references:
        _sub(root, "references", " ".join(alert.references))
    if alert.incident_id:
        _sub(root, "incidents", alert.incident_id)
    if alert.event:
        info = etree.SubElement(root, f"{{{CAP12}}}info")
        _sub(info, "language", alert.language)
        for cat in alert.categories or ["Other"]:
            _sub(info, "category", cat)
        _sub(info, "event", alert.event)
        _sub(info, "urgency", alert.urgency)
        _sub(info, "severity", alert.severity)
        _sub(info, "certainty", alert.certainty)
        for name, value in (
            ("effective", alert.effective),
            ("onset", alert.onset),
            ("expires", alert.expires),
            ("senderName", alert.sender_name),
            ("headline", alert.headline),
            ("description", alert.description),
            ("instruction", alert.instruction),
        ):
            if value:
                _sub(info, name, value)
        for area in alert.areas:
            ael = etree.SubElement(info, f"{{{CAP12}}}area")
            _sub(ael, "areaDesc", area.description or "area")
            for ring in area.polygons:
                _sub(ael, "polygon", " ".join(f"{_num(la)},{_num(lo)}" for la, lo in ring))
            for c in area.circles:
                _sub(ael, "circle", f"{_num(c.lat)},{_num(c.lon)} {_num(c.radius_km)}")
            for name, value in area.geocodes:
                g = etree.SubElement(ael, f"{{{CAP12}}}geocode")
                _sub(g, "valueName", name)
                _sub(g, "value", value)
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    try:
        read_cap(data)  # the schema and the CAP rules, as any receiver would check them
    except Refused as exc:
        raise ValueError(f"the alert would not be valid CAP 1.2: {exc.reason}") from None
    return data
