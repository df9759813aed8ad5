"""How a case looks from outside: the Open311 record (status, status_notes and expected_datetime
from the case's stages and deadlines) and the public page's block-level record.

Everything here is built field by field from an allow-list: the reporter's contact, the
narrative, units and internal reasons are never read, so they cannot leak.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from app.domain.library import Category
from app.domain.merge import master_of
from app.domain.model import Incident, SourceChannel, Stage, Status
from app.server.http.render import w3

if TYPE_CHECKING:
    from app.server.core import CityServer

log = logging.getLogger(__name__)

CLOSED_FOR_OPEN311 = frozenset(
    {Status.RESOLVED, Status.VERIFIED, Status.CLOSED, Status.REJECTED, Status.CANCELLED}
)
BLOCK = 0.002  # degrees (~200 m north-south): where the public page puts a case

NOTES: dict[Status, str] = {
    Status.REPORTED: "Received; the operations centre will register it.",
    Status.REGISTERED: "Registered; waiting to be sent to {dept}.",
    Status.DISPATCHED: "Sent to {dept}.",
    Status.IN_PROGRESS: "{dept} is working on it.",
    Status.RESOLVED: "{dept} reports it fixed; waiting for verification.",
    Status.VERIFIED: "Verified fixed.",
    Status.CLOSED: "Fixed and closed.",
    Status.REJECTED: "Not taken up (not a case for the city, or already reported).",
    Status.CANCELLED: "Cancelled.",
}
# The stages still ahead of a case in each status, after the current one.
AHEAD: dict[Status, tuple[str, ...]] = {
    Status.REPORTED: (Stage.DISPATCH.value, Stage.HANDLE.value),
    Status.REGISTERED: (Stage.HANDLE.value,),
}


def open311_status(status: Status) -> str:
    return "closed" if status in CLOSED_FOR_OPEN311 else "open"


def agency_name(server: CityServer, agency_id: str) -> str:
    agency = server.state.agencies.get(agency_id)
    return agency.name if agency is not None else (agency_id.replace("_", " ") or "the city")


def agency_name_zh(server: CityServer, agency_id: str) -> str:
    """The department's Chinese name ('' when it has none: the page shows the English one)."""
    agency = server.state.agencies.get(agency_id)
    return agency.name_zh if agency is not None else ""


def status_notes(server: CityServer, inc: Incident) -> str:
    """What the case's status means for the reporter. A report merged into a master case speaks
    with the master's status: that is where its problem is handled."""
    case = master_of(server.state, inc)
    text = NOTES[case.status].format(dept=agency_name(server, case.department))
    if case.rework_count and case.status in (Status.DISPATCHED, Status.IN_PROGRESS):
        text += " Reopened: the fix was not confirmed."
    if case is not inc:
        text = f"Handled together with case {case.number}, the same problem. {text}"
    return text


def expected_time(server: CityServer, inc: Incident) -> float | None:
    """When the case is due to be fixed: the handling stage's deadline once it runs; before that
    the current stage's deadline plus the limits of the stages ahead, on the server's calendar."""
    if inc.status not in (
        Status.REPORTED,
        Status.REGISTERED,
        Status.DISPATCHED,
        Status.IN_PROGRESS,
    ):
        return None
    handle = inc.clocks.get(Stage.HANDLE.value)
    if handle is not None and handle.done is None and handle.due is not None:
        return handle.due
    stage = inc.current_stage()
    clock = inc.clocks.get(stage) if stage else None
    cat = server.state.rules().library.by_code.get(inc.category)
    if clock is None or clock.due is None or cat is None:
        return None
    t = clock.due
    for ahead in AHEAD.get(inc.status, ()):
        minutes = getattr(cat.limits, ahead)
        t = server.due_time(t, minutes, cat.working_hours)
    return t


def service_notice(server: CityServer, cat: Category) -> str:
    hours = cat.limits.handle / 60
    unit = "working hours" if cat.working_hours else "hours"
    return (
        f"{agency_name(server, cat.department)} handles this; the city's standard is to fix it "
        f"within {hours:g} {unit} of dispatch."
    )


def public_request(
    server: CityServer, inc: Incident, media_id: str | None, base_url: str
) -> dict[str, Any]:
    cat = server.state.rules().library.by_code.get(inc.category)
    case = master_of(server.state, inc)  # a merged report: the master's status and deadline
    updated = max(inc.updated_at or inc.created_at, case.updated_at or case.created_at)
    out = {
        "service_request_id": inc.number,
        "status": open311_status(case.status),
        "status_notes": status_notes(server, inc),
        "service_name": cat.name_en if cat else inc.category,
        "service_code": inc.category,
        # Only a description a citizen wrote for Open311 is public: what a call-taker typed from a
        # phone call may name the caller.
        "description": (inc.description or None) if inc.source == SourceChannel.CITIZEN else None,
        "agency_responsible": agency_name(server, inc.department),
        "service_notice": service_notice(server, cat) if cat else None,
        "requested_datetime": w3(inc.created_at),
        "updated_datetime": w3(updated),
        "expected_datetime": w3(expected_time(server, case)),
        "address": inc.location.address or None,
        "address_id": None,
        "zipcode": None,
        "lat": inc.location.lat,
        "long": inc.location.lon,
        "media_url": f"{base_url}/media/{media_id}.jpg" if media_id else None,
    }
    if case is not inc:  # extension field (docs/PROTOCOL.md): the master's service_request_id
        out["merged_into"] = case.number
    return out


def block_of(lat: float, lon: float) -> tuple[float, float]:
    """The centre of the ~200 m block the point lies in."""
    return (
        round(round(lat / BLOCK) * BLOCK, 4),
        round(round(lon / BLOCK) * BLOCK, 4),
    )


def public_case(server: CityServer, inc: Incident) -> dict[str, Any]:
    """A case as the public page shows it: no address, no description, no reporter."""
    cat = server.state.rules().library.by_code.get(inc.category)
    lat, lon = block_of(inc.location.lat, inc.location.lon)
    case = master_of(server.state, inc)
    return {
        "number": inc.number,
        "category": cat.name_en if cat else inc.category,
        "category_zh": cat.name_zh if cat else "",
        "status": case.status.value,
        "status_notes": status_notes(server, inc),
        "department": agency_name(server, inc.department),
        "department_zh": agency_name_zh(server, inc.department),
        "neighbourhood": inc.location.neighbourhood,
        "block_lat": lat,
        "block_lon": lon,
        "reported": w3(inc.created_at),
        "updated": w3(inc.updated_at or inc.created_at),
        "expected": w3(expected_time(server, case)),
    }
