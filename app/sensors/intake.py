"""The sensor intake: MQTT messages in, ``sensor_report`` commands to the server's processor.

Runs on the server's event loop. It checks a message (app.sensors.protocol) and the device
registry in the server's state, and submits what passes to the processor like any desk's
command, as the intake's service account; the runner decides (one open case per device, notes,
"cleared by the device"). It also watches for devices that fell silent. Nothing a device sends
can stop it: every refusal is counted by reason and logged.
"""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from collections import Counter
from collections.abc import Callable

from app.domain import devices as dv
from app.domain.intake import open_case
from app.domain.model import Role, User
from app.protocol import CommandMsg
from app.sensors.protocol import Refused, SensorMessage, parse
from app.server.processor import CommandJob, Processor

log = logging.getLogger(__name__)

INTAKE_USER = User(username="sensor-intake", display_name="Sensor intake", role=Role.SUPERVISOR)
LOG_EVERY = 100  # after the first ten of a reason, one log line per this many refusals


class SensorIntake:
    def __init__(
        self,
        proc: Processor,
        *,
        peer: str = "mqtt",
        clock: Callable[[], float] = time.time,
        max_queue: int = 100_000,
    ) -> None:
        self.proc = proc
        self.max_queue = max_queue  # the processor's queue this long: messages are refused
        self.peer = peer
        self.clock = clock
        self.counters: Counter[str] = Counter()  # accepted, submitted, refused:<reason>
        self.last_seen: dict[str, float] = {}  # device id -> wall time of its last message
        self._stale_sent: set[str] = set()

    # --- messages -------------------------------------------------------------------------
    def handle(self, topic: str, payload: bytes) -> bool:
        """Take one MQTT message; False when it was refused (and counted)."""
        try:
            if self.proc.queue.qsize() >= self.max_queue:
                # A flood (a broken device, a replayed retained backlog) must not grow the
                # server's memory without bound; desks get "busy" at the same length.
                raise Refused("busy", "the server's command queue is full")
            msg = parse(topic, payload)
            self._check_registry(msg)
        except Refused as exc:
            self._refuse(exc.reason, exc.detail, topic)
            return False
        except Exception as exc:  # a bug here must not stop the intake
            log.exception("sensor message on %s failed", topic[:80])
            self._refuse("internal", str(exc), topic)
            return False
        self.counters["accepted"] += 1
        self.last_seen[msg.device] = self.clock()
        self._stale_sent.discard(msg.device)
        state = self.proc.state
        if msg.state == "normal":
            # A heartbeat with nothing to clear stays here: only changes go to the processor.
            alarm = open_case(state, dv.device_origin(msg.device))
            stale = open_case(state, dv.stale_origin(msg.device))
            if not any(c is not None and dv.CLEARED not in c.flags for c in (alarm, stale)):
                return True
        self._submit(
            dv.SensorReport(
                device_id=msg.device,
                state=msg.state,
                reading=msg.reading,
                threshold=msg.threshold,
                unit=msg.unit,
                at=msg.time,
            )
        )
        return True

    def _check_registry(self, msg: SensorMessage) -> None:
        dev = self.proc.state.devices.get(msg.device)
        if dev is None:
            raise Refused("unknown_device", f"{msg.device[:64]!r} is not in the device registry")
        if not dev.enabled:
            raise Refused("disabled_device", f"{dev.id} is disabled in the registry")
        if msg.kind != dev.kind:
            raise Refused("kind_mismatch", f"{dev.id} is a {dev.kind} sensor, not {msg.kind[:40]}")

    def _refuse(self, reason: str, detail: str, topic: str) -> None:
        key = f"refused:{reason}"
        self.counters[key] += 1
        n = self.counters[key]
        if n <= 10 or n % LOG_EVERY == 0:
            log.warning(
                "sensor message refused (%s, %d so far): %s [topic %s]",
                reason,
                n,
                detail,
                topic[:80],
            )

    def refused(self, reason: str) -> int:
        return self.counters[f"refused:{reason}"]

    def _submit(self, report: dv.SensorReport) -> None:
        msg = CommandMsg(
            id=str(uuid.uuid4()),
            type="sensor_report",
            payload={
                "device_id": report.device_id,
                "state": report.state,
                "reading": report.reading,
                "threshold": report.threshold,
                "unit": report.unit,
                "at": report.at,
            },
        )
        self.counters["submitted"] += 1
        job = CommandJob(msg=msg, user=INTAKE_USER, workstation="mqtt", peer=self.peer, origin=None)
        self.proc.submit(job)

    # --- silent devices -------------------------------------------------------------------
    def check_stale(self) -> list[str]:
        """Report every enabled device silent for longer than its interval (once per silence)."""
        now = self.clock()
        state = self.proc.state
        found = []
        for dev in state.devices.values():
            if not dev.enabled or dev.id in self._stale_sent:
                continue
            # A device's clock starts when the intake first knows of it (at start, or when it
            # was registered later), not at the server's start.
            seen = self.last_seen.setdefault(dev.id, now)
            if now - seen <= dev.report_interval_s:
                continue
            self._stale_sent.add(dev.id)
            if open_case(state, dv.stale_origin(dev.id)) is not None:
                continue  # already open (e.g. from before a restart)
            self.counters["stale"] += 1
            log.info("device %s silent for %.0f s: stale-device case", dev.id, now - seen)
            self._submit(dv.SensorReport(device_id=dev.id, state="stale", at=now))
            found.append(dev.id)
        return found

    async def watch(self, interval: float) -> None:
        while True:
            await asyncio.sleep(interval)
            try:
                self.check_stale()
            except Exception:
                log.exception("stale-device check failed")

    def summary(self) -> str:
        return ", ".join(f"{k} {v}" for k, v in sorted(self.counters.items())) or "nothing yet"
