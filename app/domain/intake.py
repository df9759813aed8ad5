"""The rules of cases that open themselves (sensor alarms, video detections); called by decide.

One open case per origin (a device's alarm, a device's silence, a camera zone): a report while
one is open adds a note to it instead of a second case. A device that reports normal again never
closes its case: the return is a stage note and the ``cleared_by_device`` flag, and an operator
decides. Pure: reads the state, returns events, raises CommandError.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import msgspec

from app.domain import commands as c
from app.domain import devices as dv
from app.domain import events as ev
from app.domain.model import Incident, NarrativeEntry, SourceChannel, Status
from app.domain.state import CityState

if TYPE_CHECKING:
    from app.domain.decide import Context

log = logging.getLogger(__name__)

Decide = Callable[[CityState, msgspec.Struct, "Context"], list[ev.EventBody]]


def open_case(state: CityState, origin: str) -> Incident | None:
    """The open case ``origin`` opened, if any."""
    inc = state.incidents.get(state.origins.get(origin, ""))
    return inc if inc is not None and inc.is_open() else None


def dismissals(state: CityState) -> dict[str, int]:
    """Dismissed machine-opened cases per origin ("zone:CAM/Z", "device:ID"): noisy ones show."""
    out: dict[str, int] = {}
    for inc in state.incidents.values():
        if inc.origin and dv.DISMISSED in inc.flags:
            out[inc.origin] = out.get(inc.origin, 0) + 1
    return out


@dataclass
class FalseAlarms:
    """Machine-opened cases an operator reviewed: how many were dismissed as false alarms."""

    reviewed: int = 0
    dismissed: int = 0

    @property
    def rate(self) -> float | None:
        return self.dismissed / self.reviewed if self.reviewed else None


def false_alarm_rates(
    state: CityState, incidents: Iterable[Incident] | None = None
) -> dict[str, FalseAlarms]:
    """Per device kind ("kind:water_level") and per camera zone ("zone:C1/kerb"): reviewed cases
    and dismissals. A case nobody reviewed yet counts in neither. ``incidents``: only these
    (default: every incident of ``state``)."""
    out: dict[str, FalseAlarms] = {}
    for inc in state.incidents.values() if incidents is None else incidents:
        if not inc.origin or not (dv.CONFIRMED in inc.flags or dv.DISMISSED in inc.flags):
            continue
        kind, _, ident = inc.origin.partition(":")
        if kind == "zone":
            key = inc.origin
        else:
            dev = state.devices.get(ident)
            key = f"kind:{dev.kind if dev is not None else 'unknown'}"
        fa = out.setdefault(key, FalseAlarms())
        fa.reviewed += 1
        fa.dismissed += dv.DISMISSED in inc.flags
    return out


def decide_intake(
    state: CityState, body: msgspec.Struct, ctx: Context, decide: Decide
) -> list[ev.EventBody]:
    if isinstance(body, dv.UpsertDevice):
        return [ev.DeviceUpserted(device=_check_device(body.device, ctx))]
    if isinstance(body, dv.SetCameraZone):
        return [ev.CameraZoneSet(zone=_check_zone(state, body.zone, ctx))]
    if isinstance(body, dv.SensorReport):
        return _sensor_report(state, body, ctx, decide)
    if isinstance(body, dv.VideoDetection):
        return _video_detection(state, body, ctx, decide)
    if isinstance(body, dv.ReviewDetection):
        return _review(state, body, ctx, decide)
    raise c.CommandError("unknown_type", f"no rule for {type(body).__name__}")


# --- reference data --------------------------------------------------------------------------
def _check_device(d: dv.Device, ctx: Context) -> dv.Device:
    if not d.id.strip() or "/" in d.id or "+" in d.id or "#" in d.id or len(d.id) > 64:
        raise c.CommandError(
            "invalid_payload", "a device id is 1-64 characters without '/', '+' or '#'"
        )
    if not d.kind.strip():
        raise c.CommandError("invalid_payload", "a device needs a kind (e.g. water_level)")
    _check_position(d.lat, d.lon)
    for code in (d.category, d.stale_category):
        if code and code not in ctx.library.by_code:
            raise c.CommandError("unknown_id", f"unknown category code {code!r}")
    if not d.category:
        raise c.CommandError("invalid_payload", "a device needs the category its alarms open")
    if not (math.isfinite(d.report_interval_s) and d.report_interval_s >= 1):
        raise c.CommandError("invalid_payload", "report_interval_s must be at least 1 second")
    if not d.address:
        cell, hood = ctx.rules.locate(d.lat, d.lon)
        # Categories that need an address get one: the place's name, else its coordinates.
        d = msgspec.structs.replace(d, address=hood or cell or f"{d.lat:.5f}, {d.lon:.5f}")
    return d


def _check_zone(state: CityState, z: dv.CameraZone, ctx: Context) -> dv.CameraZone:
    if z.camera_id not in state.cameras:
        raise c.CommandError("unknown_id", f"no camera {z.camera_id!r}")
    if not z.zone_id.strip() or "/" in z.zone_id:
        raise c.CommandError("invalid_payload", "a zone id is a non-empty name without '/'")
    if len(z.polygon) < 3:
        raise c.CommandError("invalid_payload", "a zone needs at least three corners")
    if not all(
        math.isfinite(x) and math.isfinite(y) and 0 <= x <= 1 and 0 <= y <= 1 for x, y in z.polygon
    ):
        raise c.CommandError(
            "invalid_payload", "zone corners are fractions of the picture (0..1, 0..1)"
        )
    if z.rule not in dv.ZONE_RULES:
        raise c.CommandError("invalid_payload", f"zone rule: {' or '.join(dv.ZONE_RULES)}")
    if not (math.isfinite(z.dwell_s) and 1 <= z.dwell_s <= 86400):
        raise c.CommandError("invalid_payload", "dwell_s must be 1 s to one day")
    if z.category not in ctx.library.by_code:
        raise c.CommandError("unknown_id", f"unknown category code {z.category!r}")
    return z


def _check_position(lat: float, lon: float) -> None:
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
        raise c.CommandError("invalid_payload", f"position {lat},{lon} is not valid")


# --- sensor reports --------------------------------------------------------------------------
def _clock(at: float, ctx: Context) -> str:
    t = at or ctx.now
    return dt.datetime.fromtimestamp(t, dt.UTC).strftime("%H:%M:%S UTC")


def _reading(r: dv.SensorReport) -> str:
    return f"reading {r.reading:g}{r.unit} (threshold {r.threshold:g}{r.unit})"


def _note(inc: Incident, text: str, ctx: Context, kind: str = "note") -> ev.NoteAdded:
    entry = NarrativeEntry(
        at=ctx.now, who=ctx.actor.username, text=text, kind=kind, id=ctx.new_id()
    )
    return ev.NoteAdded(incident_id=inc.id, entry=entry)


def _open_new(
    state: CityState,
    ctx: Context,
    decide: Decide,
    *,
    origin: str,
    category: str,
    source: SourceChannel,
    lat: float,
    lon: float,
    address: str,
    description: str,
    contact: str,
    at: float,
) -> list[ev.EventBody]:
    reported = at if 0 < at < ctx.now else 0.0
    if reported and reported < ctx.now - 86400:
        reported = 0.0  # a device clock far off: the case starts when the centre heard of it
    create = c.CreateIncident(
        incident_id=ctx.new_id(),
        category=category,
        source=source,
        lat=lat,
        lon=lon,
        address=address,
        description=description,
        reporter_contact=contact,
        reported_at=reported,
    )
    out = decide(state, create, ctx)
    first = out[0]
    assert isinstance(first, ev.IncidentCreated)
    out[0] = ev.IncidentCreated(incident=msgspec.structs.replace(first.incident, origin=origin))
    return out


def _sensor_report(
    state: CityState, r: dv.SensorReport, ctx: Context, decide: Decide
) -> list[ev.EventBody]:
    d = state.devices.get(r.device_id)
    if d is None:
        raise c.CommandError("unknown_id", f"no device {r.device_id!r} in the registry")
    if not d.enabled:
        raise c.CommandError("device_disabled", f"device {d.id} is disabled in the registry")
    if r.state not in dv.REPORT_STATES:
        raise c.CommandError("invalid_payload", f"state: {', '.join(dv.REPORT_STATES)}")
    if not (math.isfinite(r.reading) and math.isfinite(r.threshold) and math.isfinite(r.at)):
        raise c.CommandError("invalid_payload", "reading, threshold and time must be numbers")
    label = d.name or d.id
    out: list[ev.EventBody] = []
    stale = open_case(state, dv.stale_origin(d.id))
    if r.state == "stale":
        if stale is not None:
            raise c.CommandError("no_change", f"{stale.number} already reports {d.id} silent")
        return _open_new(
            state,
            ctx,
            decide,
            origin=dv.stale_origin(d.id),
            category=d.stale_category or d.category,
            source=SourceChannel.SENSOR,
            lat=d.lat,
            lon=d.lon,
            address=d.address,
            description=(
                f"Stale device: {d.kind} sensor {label} has sent nothing for "
                f"{d.report_interval_s:g} s (its reporting interval); check the device"
            ),
            contact=f"device {d.id}",
            at=0.0,
        )
    if stale is not None and dv.CLEARED not in stale.flags:
        # Any message is a sign of life: the silence case is cleared, an operator closes it.
        text = f"Cleared by the device: {label} reporting again at {_clock(r.at, ctx)}"
        out += [
            _note(stale, text, ctx, kind="stage"),
            ev.CaseFlagged(incident_id=stale.id, flags=[*stale.flags, dv.CLEARED]),
        ]
    case = open_case(state, dv.device_origin(d.id))
    if r.state == "normal":
        if case is not None and dv.CLEARED not in case.flags:
            text = f"Cleared by the device at {_clock(r.at, ctx)}: {_reading(r)}"
            out += [
                _note(case, text, ctx, kind="stage"),
                ev.CaseFlagged(incident_id=case.id, flags=[*case.flags, dv.CLEARED]),
            ]
        if not out:
            raise c.CommandError("no_change", f"{d.id} is normal and has no open alarm")
        return out
    # An alarm: a note on the open case, or a new case.
    if case is not None:
        again = dv.CLEARED in case.flags
        text = f"{'Alarm again' if again else 'Alarm continues'} at {_clock(r.at, ctx)}: "
        out.append(_note(case, text + _reading(r), ctx))
        if again:
            flags = [f for f in case.flags if f != dv.CLEARED]
            out.append(ev.CaseFlagged(incident_id=case.id, flags=flags))
        return out
    return out + _open_new(
        state,
        ctx,
        decide,
        origin=dv.device_origin(d.id),
        category=d.category,
        source=SourceChannel.SENSOR,
        lat=d.lat,
        lon=d.lon,
        address=d.address,
        description=f"{d.kind.replace('_', ' ')} alarm from {label}: {_reading(r)}",
        contact=f"device {d.id}",
        at=r.at,
    )


# --- video detections ------------------------------------------------------------------------
def _video_detection(
    state: CityState, v: dv.VideoDetection, ctx: Context, decide: Decide
) -> list[ev.EventBody]:
    z = state.camera_zones.get(dv.zone_key(v.camera_id, v.zone_id))
    if z is None:
        raise c.CommandError("unknown_id", f"no zone {v.zone_id!r} on camera {v.camera_id!r}")
    cam = state.cameras.get(v.camera_id)
    if cam is None:
        raise c.CommandError("unknown_id", f"no camera {v.camera_id!r}")
    if not z.enabled:
        raise c.CommandError("device_disabled", f"zone {z.zone_id} of {cam.id} is disabled")
    if v.rule not in dv.ZONE_RULES:
        raise c.CommandError("invalid_payload", f"rule: {' or '.join(dv.ZONE_RULES)}")
    what = (
        f"object stationary {v.duration_s:.0f} s"
        if v.rule == "stationary"
        else f"zone blocked {v.duration_s:.0f} s"
    )
    text = f"Camera {cam.name or cam.id}, zone '{z.name or z.zone_id}': {what}"
    case = open_case(state, dv.zone_origin(v.camera_id, v.zone_id))
    if case is not None:
        return [_note(case, f"Detected again at {_clock(v.at, ctx)}: {text}", ctx)]
    out = _open_new(
        state,
        ctx,
        decide,
        origin=dv.zone_origin(v.camera_id, v.zone_id),
        category=z.category,
        source=SourceChannel.VIDEO,
        lat=cam.lat,
        lon=cam.lon,
        address=cam.name,
        description=f"Video analytics: {text}",
        contact=f"camera {cam.id}",
        at=0.0,
    )
    created = out[0]
    assert isinstance(created, ev.IncidentCreated)
    if v.snapshot:
        entry = NarrativeEntry(
            at=ctx.now,
            who=ctx.actor.username,
            text=f"Snapshot of camera {cam.id} with zone '{z.name or z.zone_id}'",
            kind="snapshot",
            attachment=v.snapshot,
            id=ctx.new_id(),
        )
        out.append(ev.NoteAdded(incident_id=created.incident.id, entry=entry))
    return out


# --- the operator's verdict ------------------------------------------------------------------
def _review(
    state: CityState, r: dv.ReviewDetection, ctx: Context, decide: Decide
) -> list[ev.EventBody]:
    inc = state.incidents.get(r.incident_id)
    if inc is None:
        raise c.CommandError("unknown_id", f"no incident with id {r.incident_id!r}")
    if not inc.origin:
        raise c.CommandError(
            "invalid_payload", f"{inc.number} was not opened by a device or a camera"
        )
    if r.verdict not in ("confirm", "dismiss"):
        raise c.CommandError("invalid_payload", "verdict: confirm or dismiss")
    if dv.CONFIRMED in inc.flags or dv.DISMISSED in inc.flags:
        raise c.CommandError("no_change", f"{inc.number} has already been reviewed")
    if not inc.is_open():
        raise c.CommandError("invalid_transition", f"{inc.number} is {inc.status.value}")
    out: list[ev.EventBody]
    if r.verdict == "confirm":
        out = [
            _note(inc, f"Detection confirmed by {ctx.actor.username}. {r.reason}".strip(), ctx),
            ev.CaseFlagged(incident_id=inc.id, flags=[*inc.flags, dv.CONFIRMED]),
        ]
        if inc.status == Status.REPORTED:
            out += decide(state, c.Transition(incident_id=inc.id, action="register"), ctx)
        return out
    why = f"dismissed as a false alarm{': ' + r.reason if r.reason else ''}"
    action = "reject" if inc.status == Status.REPORTED else "cancel"
    out = [ev.CaseFlagged(incident_id=inc.id, flags=[*inc.flags, dv.DISMISSED])]
    return out + decide(state, c.Transition(incident_id=inc.id, action=action, reason=why), ctx)
