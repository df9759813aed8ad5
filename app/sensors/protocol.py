"""The MQTT topic and payload scheme of sensor messages (docs/PROTOCOL.md, "Sensor alarms").

A device publishes JSON to ``cityops/sensors/<device id>`` (QoS 1)::

    {"device": "WL-0007", "kind": "water_level", "state": "alarm", "reading": 0.42,
     "threshold": 0.30, "unit": "m", "time": 1764752400.0,
     "position": {"lat": 37.7749, "lon": -122.4194}}

``state`` is ``alarm`` (over its threshold) or ``normal`` (a heartbeat, or the return to normal);
a device sends at least one message per ``report_interval_s`` of its registry entry, or it
becomes a stale-device case. Anything else is refused with one of :data:`REFUSALS` and counted.
"""

from __future__ import annotations

import logging
import math
from typing import Literal

import msgspec

log = logging.getLogger(__name__)

TOPIC_PREFIX = "cityops/sensors/"
SUBSCRIPTION = TOPIC_PREFIX + "+"
MAX_PAYLOAD = 4096

REFUSALS = (
    "bad_topic",  # not cityops/sensors/<device id>
    "too_large",  # more than MAX_PAYLOAD bytes
    "bad_payload",  # not JSON, a field missing or of the wrong type, a value out of range
    "topic_mismatch",  # the payload's device is not the topic's
    "unknown_device",  # not in the device registry
    "disabled_device",  # in the registry, disabled
    "kind_mismatch",  # the payload's kind is not the registry's
    "busy",  # the server's command queue is full (config max_queue)
)


class Position(msgspec.Struct, kw_only=True):
    lat: float
    lon: float


class SensorMessage(msgspec.Struct, kw_only=True):
    device: str
    kind: str
    state: Literal["alarm", "normal"]
    reading: float
    threshold: float
    time: float  # the device's clock, UTC epoch seconds
    unit: str = ""
    position: Position | None = None


_decoder = msgspec.json.Decoder(SensorMessage)
_encoder = msgspec.json.Encoder()


class Refused(Exception):
    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


def topic_for(device_id: str) -> str:
    return TOPIC_PREFIX + device_id


def encode(msg: SensorMessage) -> bytes:
    return _encoder.encode(msg)


def parse(topic: str, payload: bytes) -> SensorMessage:
    """The message, checked; raises :class:`Refused` with the reason."""
    if not topic.startswith(TOPIC_PREFIX) or "/" in topic[len(TOPIC_PREFIX) :]:
        raise Refused("bad_topic", f"{topic[:80]!r} is not {TOPIC_PREFIX}<device id>")
    if len(payload) > MAX_PAYLOAD:
        raise Refused("too_large", f"{len(payload)} bytes (at most {MAX_PAYLOAD})")
    try:
        msg = _decoder.decode(payload)
    except (msgspec.DecodeError, msgspec.ValidationError) as exc:
        raise Refused("bad_payload", str(exc)[:200]) from None
    numbers = (msg.reading, msg.threshold, msg.time)
    if not all(math.isfinite(x) for x in numbers) or msg.time <= 0:
        raise Refused("bad_payload", "reading, threshold and time must be finite (time > 0)")
    if msg.position is not None:
        lat, lon = msg.position.lat, msg.position.lon
        if not (math.isfinite(lat) and math.isfinite(lon) and abs(lat) <= 90 and abs(lon) <= 180):
            raise Refused("bad_payload", f"position {lat},{lon} is not valid")
    if msg.device != topic[len(TOPIC_PREFIX) :]:
        raise Refused("topic_mismatch", f"device {msg.device[:64]!r} published on {topic[:80]!r}")
    return msg
