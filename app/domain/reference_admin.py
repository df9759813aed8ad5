"""Agencies, their stations, units and cameras as data the administrator maintains.

Each change is a command through the one runner (administrator only) whose outcome is a reference
event: ``agency_upserted`` (an agency, or a station added, changed or removed from its list),
``unit_upserted``, ``camera_upserted``, and ``agency_retired`` / ``unit_retired`` /
``camera_retired``, which take the record out of the state. The server, every desk, the offline
cache and every replay apply the same events, so they agree on the city's resources. Retiring is
refused while something still depends on the record (a unit on an incident, an agency with units,
open cases or library categories, a station some unit calls home, a camera with active zones):
history keeps its ids, the present has no dangling references.
"""

from __future__ import annotations

import logging
import math
import re

import msgspec

from app.domain import events as ev
from app.domain.commands import CommandError
from app.domain.desk_policy import DeskPolicySet, SetDeskPolicy, check_policy
from app.domain.model import Agency, Camera, Station, Unit, UnitStatus
from app.domain.reference_commands import (
    ADMIN_COMMANDS,
    RetireAgency,
    RetireCamera,
    RetireStation,
    RetireUnit,
    UpsertAgency,
    UpsertCamera,
    UpsertStation,
    UpsertUnit,
)
from app.domain.rules import Rules
from app.domain.state import CityState

__all__ = ["ADMIN_COMMANDS", "decide_reference"]

log = logging.getLogger(__name__)

MAX_ID = 40
MAX_NAME = 120
MAX_URL = 1000
STREAM_SCHEMES = ("rtsp://", "rtsps://", "http://", "https://", "rtmp://", "file:", "/")
_COLOR = re.compile(r"^#[0-9A-Fa-f]{6}$")


def _id(value: str, what: str) -> str:
    v = value.strip()
    if not v or len(v) > MAX_ID or any(ch.isspace() for ch in v):
        raise CommandError("invalid_payload", f"a {what} id is 1-{MAX_ID} characters, no spaces")
    return v


def _name(value: str, what: str) -> str:
    v = value.strip()
    if not v:
        raise CommandError("text_required", f"the {what} needs a name")
    if len(v) > MAX_NAME:
        raise CommandError("invalid_payload", f"a {what} name is at most {MAX_NAME} characters")
    return v


def _position(lat: float, lon: float) -> None:
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
        raise CommandError(
            "invalid_payload",
            f"position {lat},{lon} is not valid (latitude -90..90, longitude -180..180)",
        )
    if lat == 0.0 and lon == 0.0:
        raise CommandError("invalid_payload", "give the position (0,0 is not in the city)")


def _agency(state: CityState, agency_id: str) -> Agency:
    a = state.agencies.get(agency_id)
    if a is None:
        raise CommandError("unknown_id", f"no agency {agency_id!r}")
    return a


def _unchanged(old: msgspec.Struct | None, new: msgspec.Struct, what: str) -> None:
    if old is not None and old == new:
        raise CommandError("no_change", f"{what} is already so")


def decide_reference(
    state: CityState, body: msgspec.Struct, now: float, rules: Rules
) -> list[ev.EventBody]:
    """The events of one administrator's change to the city's resources; CommandError if refused."""
    if isinstance(body, UpsertAgency):
        return _upsert_agency(state, body)
    if isinstance(body, RetireAgency):
        return _retire_agency(state, body, rules)
    if isinstance(body, UpsertStation):
        return _upsert_station(state, body)
    if isinstance(body, RetireStation):
        a = _agency(state, body.agency_id)
        if all(s.id != body.station_id for s in a.stations):
            raise CommandError("unknown_id", f"{a.id} has no station {body.station_id!r}")
        homed = sorted(u.id for u in state.units.values() if u.home_station == body.station_id)
        if homed:
            raise CommandError(
                "in_use", f"{body.station_id} is home to {', '.join(homed[:8])}; move them first"
            )
        stations = [s for s in a.stations if s.id != body.station_id]
        return [ev.AgencyUpserted(agency=msgspec.structs.replace(a, stations=stations))]
    if isinstance(body, UpsertUnit):
        return _upsert_unit(state, body, now)
    if isinstance(body, RetireUnit):
        u = state.units.get(body.unit_id)
        if u is None:
            raise CommandError("unknown_id", f"no unit {body.unit_id!r}")
        if u.incident_id:
            raise CommandError("in_use", f"{u.id} is on an incident; release it first")
        return [ev.UnitRetired(unit_id=u.id)]
    if isinstance(body, UpsertCamera):
        return _upsert_camera(state, body)
    if isinstance(body, SetDeskPolicy):
        try:
            policy = check_policy(body)
        except ValueError as exc:
            raise CommandError("invalid_payload", str(exc)) from None
        if policy == state.desk_policy:
            raise CommandError("no_change", "the desks follow this policy already")
        return [DeskPolicySet(policy=policy)]
    if isinstance(body, RetireCamera):
        if body.camera_id not in state.cameras:
            raise CommandError("unknown_id", f"no camera {body.camera_id!r}")
        zones = sorted(
            z.zone_id
            for z in state.camera_zones.values()
            if z.camera_id == body.camera_id and z.enabled
        )
        if zones:
            raise CommandError(
                "in_use", f"{body.camera_id} watches zones {', '.join(zones)}; disable them first"
            )
        return [ev.CameraRetired(camera_id=body.camera_id)]
    raise CommandError("unknown_type", f"no rule for {type(body).__name__}")


def _upsert_agency(state: CityState, body: UpsertAgency) -> list[ev.EventBody]:
    aid = _id(body.agency_id, "agency")
    color = body.color.strip() or "#888888"
    if not _COLOR.match(color):
        raise CommandError("invalid_payload", f"a colour is #RRGGBB, not {color[:20]!r}")
    old = state.agencies.get(aid)
    new = Agency(
        id=aid,
        name=_name(body.name, "agency"),
        name_zh=body.name_zh.strip()[:MAX_NAME],
        color=color.upper(),
        stations=list(old.stations) if old is not None else [],
        head=body.head.strip()[:MAX_ID],
    )
    _unchanged(old, new, aid)
    return [ev.AgencyUpserted(agency=new)]


def _retire_agency(state: CityState, body: RetireAgency, rules: Rules) -> list[ev.EventBody]:
    a = _agency(state, body.agency_id)
    units = sorted(u.id for u in state.units.values() if u.agency == a.id)
    if units:
        raise CommandError("in_use", f"{a.id} still has units ({', '.join(units[:8])})")
    cats = [c.code for c in rules.library.categories if c.department == a.id]
    if cats:
        raise CommandError(
            "in_use", f"the case library routes {', '.join(cats[:5])} to {a.id}; change them first"
        )
    cases = [i.number for i in state.incidents.values() if i.is_open() and i.department == a.id]
    if cases:
        raise CommandError("in_use", f"{a.id} handles open cases ({', '.join(cases[:5])})")
    return [ev.AgencyRetired(agency_id=a.id)]


def _upsert_station(state: CityState, body: UpsertStation) -> list[ev.EventBody]:
    a = _agency(state, body.agency_id)
    sid = _id(body.station_id, "station")
    _position(body.lat, body.lon)
    for other in state.agencies.values():
        if other.id != a.id and any(s.id == sid for s in other.stations):
            raise CommandError("duplicate_id", f"{other.id} has a station {sid} already")
    station = Station(id=sid, name=_name(body.name, "station"), lat=body.lat, lon=body.lon)
    old = next((s for s in a.stations if s.id == sid), None)
    _unchanged(old, station, sid)
    stations = [station if s.id == sid else s for s in a.stations]
    if old is None:
        stations.append(station)
    return [ev.AgencyUpserted(agency=msgspec.structs.replace(a, stations=stations))]


def _upsert_unit(state: CityState, body: UpsertUnit, now: float) -> list[ev.EventBody]:
    uid = _id(body.unit_id, "unit")
    a = _agency(state, body.agency)
    kind = body.type.strip().lower()
    if not kind or len(kind) > MAX_ID:
        raise CommandError("text_required", "a unit needs its kind (engine, medic, patrol, ...)")
    home = next((s for s in a.stations if s.id == body.home_station), None)
    if body.home_station and home is None:
        raise CommandError("unknown_id", f"{a.id} has no station {body.home_station!r}")
    caps = sorted({c.strip().lower() for c in body.capabilities if c.strip()})
    if any(len(c) > MAX_ID for c in caps) or len(caps) > 32:
        raise CommandError("invalid_payload", f"at most 32 capabilities of {MAX_ID} characters")
    old = state.units.get(uid)
    if old is None:
        new = Unit(
            id=uid,
            agency=a.id,
            type=kind,
            capabilities=caps or [kind],
            status=UnitStatus.AVAILABLE,
            status_since=now,
            lat=home.lat if home else 0.0,
            lon=home.lon if home else 0.0,
            position_time=now if home else 0.0,
            home_station=body.home_station,
        )
        return [ev.UnitUpserted(unit=new)]
    if old.incident_id and old.agency != a.id:
        raise CommandError("in_use", f"{uid} is on an incident; release it before moving it")
    new = msgspec.structs.replace(
        old,
        agency=a.id,
        type=kind,
        capabilities=caps or old.capabilities,
        home_station=body.home_station,
        version=old.version + 1,
    )
    _unchanged(msgspec.structs.replace(old, version=new.version), new, uid)
    return [ev.UnitUpserted(unit=new)]


def _upsert_camera(state: CityState, body: UpsertCamera) -> list[ev.EventBody]:
    cid = _id(body.camera_id, "camera")
    _position(body.lat, body.lon)
    if not (math.isfinite(body.heading) and 0 <= body.heading <= 360):
        raise CommandError("invalid_payload", "the direction is 0-360 degrees from north")
    if not (math.isfinite(body.fov) and 1 <= body.fov <= 360):
        raise CommandError("invalid_payload", "the field of view is 1-360 degrees")
    if not (math.isfinite(body.range_m) and 1 <= body.range_m <= 5000):
        raise CommandError("invalid_payload", "the range is 1-5000 m")
    url = body.stream_url.strip()
    if len(url) > MAX_URL or (url and not url.startswith(STREAM_SCHEMES)):
        raise CommandError(
            "invalid_payload", "a stream URL is rtsp://, rtsps://, http(s)://, rtmp:// or a file"
        )
    old = state.cameras.get(cid)
    new = Camera(
        id=cid,
        name=_name(body.name, "camera"),
        lat=body.lat,
        lon=body.lon,
        heading=body.heading % 360.0,
        fov=body.fov,
        range_m=body.range_m,
        stream_url=url,
        status=old.status if old is not None else "online",
    )
    _unchanged(old, new, cid)
    return [ev.CameraUpserted(camera=new)]
