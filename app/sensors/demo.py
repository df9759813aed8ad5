"""The demo city's sensors: a few devices on real streets that alarm and clear over an hour.

Registered through the command runner as the demo city's administrator would, then simulated as
real MQTT clients (one thread, its own event loop): every device sends a heartbeat each minute,
and a seeded plan makes some of them alarm for a few minutes (readings rising, then falling back
under the threshold, which clears the case) and one fall silent for a while (a stale-device case).
"""

from __future__ import annotations

import asyncio
import logging
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import aiomqtt

from app.city.model import City
from app.domain import devices as dv
from app.domain import events as ev
from app.domain.model import Role, User
from app.domain.runner import CommandRunner
from app.domain.state import CityState
from app.sensors.mqtt import parse_address
from app.sensors.protocol import SensorMessage, encode, topic_for

log = logging.getLogger(__name__)

HEARTBEAT_S = 60.0
REPORT_INTERVAL_S = 180.0  # silent three heartbeats long: stale

# kind -> (category, unit, normal value, threshold, peak)
KINDS: dict[str, tuple[str, str, float, float, float]] = {
    "water_level": ("event.waterlogging", "m", 0.02, 0.30, 0.65),
    "manhole_tilt": ("comp.manhole_sewer", "deg", 0.5, 10.0, 35.0),
    "smoke": ("fire.alarm", "%obs/m", 0.1, 3.0, 12.0),
    "hydrant_pressure_drop": ("comp.hydrant", "bar", 0.1, 1.5, 3.2),
    "garbage_fill": ("comp.garbage_station", "%", 35.0, 90.0, 100.0),
}


def demo_devices(city: City, count: int = 12, seed: int = 11) -> list[dv.Device]:
    """``count`` devices at real street points of the city, the kinds in turn."""
    rng = random.Random(seed)
    points = rng.sample(list(city.street_points), min(count, len(city.street_points)))
    kinds = list(KINDS)
    out = []
    for i, pt in enumerate(points):
        kind = kinds[i % len(kinds)]
        prefix = "".join(w[0] for w in kind.split("_")).upper()
        out.append(
            dv.Device(
                id=f"{prefix}-{i + 1:03d}",
                kind=kind,
                name=f"{kind.replace('_', ' ')} sensor at {pt.address}",
                lat=pt.lat,
                lon=pt.lon,
                address=pt.address,
                category=KINDS[kind][0],
                report_interval_s=REPORT_INTERVAL_S,
            )
        )
    return out


def register_job(
    devices: list[dv.Device], now: Callable[[], float] = time.time
) -> Callable[[CityState], list[ev.EventBody]]:
    """A processor job that registers the devices through the command runner (as an admin)."""
    admin = User(username="demo.admin", display_name="Demo administrator", role=Role.ADMIN)
    runner = CommandRunner()

    def make(state: CityState) -> list[ev.EventBody]:
        out: list[ev.EventBody] = []
        for d in devices:
            if state.devices.get(d.id) != d:
                out += runner.run(state, admin, dv.UpsertDevice(device=d), now())
        return out

    return make


DEMO_ZONE_CAMERAS = 2  # analytics cost ~5% of a core per camera (bench/sensors.py)


def demo_zones(state: CityState) -> list[dv.CameraZone]:
    """A kerb zone (stationary) and a lane zone (blocked) on the first cameras with a stream."""
    cams = sorted(c.id for c in state.cameras.values() if c.stream_url)[:DEMO_ZONE_CAMERAS]
    out = []
    for cam in cams:
        out.append(
            dv.CameraZone(
                camera_id=cam,
                zone_id="kerb",
                name="No stopping (kerb)",
                polygon=[(0.02, 0.62), (0.35, 0.62), (0.35, 0.98), (0.02, 0.98)],
                rule="stationary",
                dwell_s=6.0,
                category="event.illegal_parking",
            )
        )
        out.append(
            dv.CameraZone(
                camera_id=cam,
                zone_id="lane",
                name="Bus lane",
                polygon=[(0.40, 0.55), (0.75, 0.55), (0.75, 0.95), (0.40, 0.95)],
                rule="blocked",
                dwell_s=8.0,
                category="traffic.road_hazard",
            )
        )
    return out


def zones_job(now: Callable[[], float] = time.time) -> Callable[[CityState], list[ev.EventBody]]:
    """A processor job that draws the demo zones through the command runner (as an admin)."""
    admin = User(username="demo.admin", display_name="Demo administrator", role=Role.ADMIN)
    runner = CommandRunner()

    def make(state: CityState) -> list[ev.EventBody]:
        out: list[ev.EventBody] = []
        for z in demo_zones(state):
            if state.camera_zones.get(z.key) != z:
                out += runner.run(state, admin, dv.SetCameraZone(zone=z), now())
        return out

    return make


@dataclass
class Episode:
    device: str
    start_s: float  # from the start of the demo
    length_s: float  # alarming this long, then back to normal
    silent: bool = False  # no messages at all (a stale device) instead of an alarm


def plan(devices: list[dv.Device], seed: int = 5, hour_s: float = 3600.0) -> list[Episode]:
    """About one episode every ten minutes over the hour: alarms of 3-12 minutes, one silence."""
    rng = random.Random(seed)
    out = []
    t = 90.0
    while t < hour_s:
        d = rng.choice(devices)
        out.append(Episode(d.id, t, rng.uniform(180, 720)))
        t += rng.uniform(360, 720)
    quiet = devices[-1].id
    out.append(Episode(quiet, 1500.0, 420.0, silent=True))
    return out


class DemoSensors:
    """Publishes the devices' traffic to the broker until stopped (loops the hour)."""

    def __init__(
        self, broker: str, devices: list[dv.Device], speedup: float = 1.0, seed: int = 5
    ) -> None:
        self.host, self.port = parse_address(broker)
        self.devices = devices
        self.speedup = speedup
        self.episodes = plan(devices, seed)
        self.sent = 0
        self._rng = random.Random(seed + 1)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._main, name="demo-sensors", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def _main(self) -> None:
        try:
            asyncio.run(self._run())
        except Exception:
            log.exception("demo sensors stopped")

    def reading(self, d: dv.Device, elapsed: float) -> SensorMessage | None:
        """What ``d`` says ``elapsed`` demo seconds in (None: it is silent)."""
        _cat, unit, normal, threshold, peak = KINDS[d.kind]
        t = elapsed % 3600.0
        value, state = normal * self._rng.uniform(0.8, 1.2), "normal"
        for e in self.episodes:
            if e.device != d.id or not e.start_s <= t < e.start_s + e.length_s:
                continue
            if e.silent:
                return None
            # Rise to the peak and fall back; under the threshold in the last fifth: cleared.
            x = (t - e.start_s) / e.length_s
            if x < 0.8:
                value = threshold + (peak - threshold) * min(1.0, x / 0.4)
                state = "alarm"
        return SensorMessage(
            device=d.id,
            kind=d.kind,
            state=state,  # type: ignore[arg-type]
            reading=round(value, 2),
            threshold=threshold,
            unit=unit,
            time=time.time(),
            position=None,
        )

    async def _run(self) -> None:
        start = time.monotonic()
        next_beat = {d.id: self._rng.uniform(0, HEARTBEAT_S) for d in self.devices}
        last_state: dict[str, str] = {}
        while not self._stop.is_set():
            try:
                async with aiomqtt.Client(self.host, self.port) as client:
                    while not self._stop.is_set():
                        elapsed = (time.monotonic() - start) * self.speedup
                        for d in self.devices:
                            msg = self.reading(d, elapsed)
                            if msg is None:
                                continue
                            changed = last_state.get(d.id) != msg.state
                            # Alarms repeat every half heartbeat, normal every heartbeat.
                            period = HEARTBEAT_S / (2 if msg.state == "alarm" else 1)
                            if changed or elapsed >= next_beat[d.id]:
                                await client.publish(topic_for(d.id), encode(msg), qos=1)
                                self.sent += 1
                                last_state[d.id] = msg.state
                                next_beat[d.id] = elapsed + period
                        await asyncio.sleep(0.5)
            except aiomqtt.MqttError as exc:
                log.warning("demo sensors: broker %s:%s: %s", self.host, self.port, exc)
                await asyncio.sleep(2.0)
