"""How an imported CAP message changes the city's alerts, what lies inside an alert's area, and
which agencies an alert suggests pulling in. Pure functions over :class:`CityState`."""

from __future__ import annotations

import logging

import msgspec

from app.domain import commands as c
from app.domain.alerts import (
    Alert,
    AlertCancelled,
    AlertReceived,
    AlertUpdated,
    ImportAlert,
    IssueAlert,
    alert_contains,
)
from app.domain.model import Incident, Unit
from app.domain.state import CityState

log = logging.getLogger(__name__)

MSG_TYPES = ("Alert", "Update", "Cancel", "Ack", "Error")

# Suggested linkage: CAP event words (lower case, matched inside the event / category text) to
# the agencies the centre would pull in. Deliberately small; the operator decides.
LINKAGE_TABLE: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (("flood", "flash flood", "storm surge", "tsunami", "high water"), ("water", "traffic")),
    (("fire", "wildfire", "bushfire", "red flag"), ("fire", "police")),
    (("earthquake", "quake"), ("fire", "medical", "public_works")),
    (("hazmat", "chemical", "toxic", "gas leak", "air quality"), ("fire", "medical")),
    (("amber", "child abduction", "missing"), ("police",)),
    (
        ("wind", "storm", "thunderstorm", "tornado", "hurricane", "typhoon"),
        ("power", "public_works"),
    ),
    (("snow", "ice", "winter", "freez", "blizzard"), ("public_works", "traffic")),
    (("heat", "cold"), ("medical",)),
    (("power outage", "blackout"), ("power",)),
)
CATEGORY_TABLE: dict[str, tuple[str, ...]] = {
    # CAP <category> codes that point at an agency on their own
    "Fire": ("fire",),
    "Health": ("medical",),
    "Rescue": ("fire", "medical"),
    "Security": ("police",),
    "Transport": ("traffic",),
    "Infra": ("public_works", "power"),
    "CBRNE": ("fire", "medical"),
}


def suggested_agencies(alert: Alert) -> list[str]:
    """Agencies an alert suggests pulling in (in table order, each once)."""
    text = f"{alert.event} {alert.headline}".lower()
    out: list[str] = []
    for words, agencies in LINKAGE_TABLE:
        if any(w in text for w in words):
            out.extend(a for a in agencies if a not in out)
    for cat in alert.categories:
        out.extend(a for a in CATEGORY_TABLE.get(cat, ()) if a not in out)
    return out


def incidents_in_alert(state: CityState, alert: Alert, open_only: bool = True) -> list[Incident]:
    """Incidents inside an alert's polygons and circles, by number."""
    found = [
        inc
        for inc in state.incidents.values()
        if (inc.is_open() or not open_only)
        and alert_contains(alert, inc.location.lat, inc.location.lon)
    ]
    return sorted(found, key=lambda i: i.number)


def units_in_alert(state: CityState, alert: Alert) -> list[Unit]:
    """Units whose last position lies inside the alert's area, by call sign."""
    found = [
        u for u in state.units.values() if (u.lat or u.lon) and alert_contains(alert, u.lat, u.lon)
    ]
    return sorted(found, key=lambda u: u.id)


def _target(state: CityState, refs: list[str]) -> Alert | None:
    """The alert a message's references name: the newest referenced one that we hold (an
    update chain references the original and every update; we keep the original's id)."""
    for ref in reversed(refs):
        alert = state.alerts.get(ref)
        if alert is not None:
            return alert
        for held in state.alerts.values():
            if ref in held.history:
                return held
    return None


def decide_import_alert(
    state: CityState, cmd: ImportAlert | IssueAlert, now: float
) -> list[AlertReceived | AlertUpdated | AlertCancelled]:
    """A new alert, an update or a cancel of one held; refused: a duplicate, an unknown msgType,
    or an Update / Cancel whose references name no alert held here. An issued alert must be
    about an incident the centre holds."""
    a = cmd.alert
    if isinstance(cmd, IssueAlert) and a.incident_id not in state.incidents:
        raise c.CommandError("unknown_id", f"no incident with id {a.incident_id!r} to warn about")
    if not (a.identifier and a.sender and a.sent):
        raise c.CommandError("invalid_payload", "an alert needs identifier, sender and sent")
    if a.msg_type not in MSG_TYPES:
        raise c.CommandError("invalid_payload", f"unknown CAP msgType {a.msg_type!r}")
    if a.id in state.alerts or any(a.id in held.history for held in state.alerts.values()):
        raise c.CommandError("duplicate_id", f"alert {a.identifier} from {a.sender} already held")
    if a.msg_type in ("Alert",):
        return [AlertReceived(alert=msgspec.structs.replace(a, received_at=now, updated_at=now))]
    if a.msg_type in ("Ack", "Error"):
        raise c.CommandError(
            "invalid_payload", f"a CAP {a.msg_type} message acknowledges; it carries no alert"
        )
    target = _target(state, a.references)
    if target is None:
        if a.msg_type == "Update":
            # An update to an alert we never saw is still the current warning: keep it as new.
            return [
                AlertReceived(alert=msgspec.structs.replace(a, received_at=now, updated_at=now))
            ]
        raise c.CommandError(
            "unknown_id",
            f"cancel {a.identifier} references no alert held here ({', '.join(a.references)})",
        )
    if target.cancelled:
        raise c.CommandError("no_change", f"alert {target.identifier} is already cancelled")
    if a.msg_type == "Update":
        new = msgspec.structs.replace(
            a,
            id=target.id,
            received_at=target.received_at,
            updated_at=now,
            incident_id=a.incident_id or target.incident_id,
            history=[*target.history, a.id],
            version=target.version + 1,
        )
        return [AlertUpdated(alert_id=target.id, alert=new)]
    return [AlertCancelled(alert_id=target.id, message_id=a.id, note=a.headline or a.description)]
