"""Cases that open themselves: the records and commands of the sensor and video intake.

Reference data (administrator or supervisor, through the command runner like any command):

* :class:`Device` — an IoT sensor bound to a place and a case category (``upsert_device``);
* :class:`CameraZone` — a zone drawn on a camera's picture with the rule that watches it
  (``set_camera_zone``).

Machine reports (the server's intake account, see ``app.sensors``):

* ``sensor_report`` — a device's alarm, its return to normal, or its silence (stale);
* ``video_detection`` — the analytics saw something stationary in, or blocking, a zone.

An operator answers a machine-opened case with ``review_detection`` (confirm or dismiss; a
dismissal is counted per device and per camera zone). The rules live in
:mod:`app.domain.intake`; these are plain records so the event module can carry them.
"""

from __future__ import annotations

import logging

import msgspec

log = logging.getLogger(__name__)

# Flags a machine-opened case carries (Incident.flags).
CLEARED = "cleared_by_device"  # the device reports normal again; an operator decides the rest
CONFIRMED = "confirmed"  # an operator confirmed the detection
DISMISSED = "dismissed"  # an operator dismissed it as a false alarm

REPORT_STATES = ("alarm", "normal", "stale")
ZONE_RULES = ("stationary", "blocked")


class Device(msgspec.Struct, kw_only=True):
    """An IoT sensor the centre listens to (MQTT topic ``cityops/sensors/<id>``)."""

    id: str
    kind: str  # manhole_tilt | water_level | smoke | hydrant_pressure | ... (free text, lowercase)
    name: str = ""
    lat: float
    lon: float
    address: str = ""
    category: str  # the case category an alarm opens
    report_interval_s: float = 300.0  # silent longer than this: a stale-device case
    stale_category: str = ""  # '' : the device's own category
    enabled: bool = True


class CameraZone(msgspec.Struct, kw_only=True):
    """A zone on a camera's picture: a polygon in picture fractions (x right, y down, 0..1)."""

    camera_id: str
    zone_id: str
    name: str = ""
    polygon: list[tuple[float, float]]
    rule: str = "stationary"  # stationary: an object stays longer than dwell_s; blocked: covered
    dwell_s: float = 60.0
    category: str = "event.illegal_parking"
    enabled: bool = True

    @property
    def key(self) -> str:
        return zone_key(self.camera_id, self.zone_id)


def zone_key(camera_id: str, zone_id: str) -> str:
    return f"{camera_id}/{zone_id}"


def device_origin(device_id: str) -> str:
    """The origin of a device's alarm case (one open case per origin)."""
    return f"device:{device_id}"


def stale_origin(device_id: str) -> str:
    return f"stale:{device_id}"


def zone_origin(camera_id: str, zone_id: str) -> str:
    return f"zone:{zone_key(camera_id, zone_id)}"


# --- commands -------------------------------------------------------------------------------------
class UpsertDevice(msgspec.Struct, kw_only=True):
    device: Device


class SetCameraZone(msgspec.Struct, kw_only=True):
    zone: CameraZone


class SensorReport(msgspec.Struct, kw_only=True):
    """What a device said (or that it said nothing for too long: ``state="stale"``)."""

    device_id: str
    state: str  # alarm | normal | stale
    reading: float = 0.0
    threshold: float = 0.0
    unit: str = ""
    at: float = 0.0  # the device's time of the reading (0: now)


class VideoDetection(msgspec.Struct, kw_only=True):
    camera_id: str
    zone_id: str
    rule: str  # stationary | blocked
    at: float = 0.0  # stream time the rule fired (0: now)
    duration_s: float = 0.0  # how long the object stood / the zone was blocked
    snapshot: str = ""  # base64 PNG of the picture with the zone drawn


class ReviewDetection(msgspec.Struct, kw_only=True):
    """An operator's verdict on a case a device or a camera opened."""

    incident_id: str
    verdict: str  # confirm | dismiss
    reason: str = ""


COMMANDS: dict[str, type[msgspec.Struct]] = {
    "upsert_device": UpsertDevice,
    "set_camera_zone": SetCameraZone,
    "sensor_report": SensorReport,
    "video_detection": VideoDetection,
    "review_detection": ReviewDetection,
}
REFERENCE_COMMANDS: frozenset[type[msgspec.Struct]] = frozenset({UpsertDevice, SetCameraZone})
"""Reference data: an administrator or a supervisor."""
MACHINE_COMMANDS: frozenset[type[msgspec.Struct]] = frozenset({SensorReport, VideoDetection})
"""Sent by the server's own intake (a supervisor-role service account), not by desks."""
