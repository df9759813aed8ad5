"""The server's MQTT client: subscribes to the sensor topics and feeds the intake.

Runs as a task on the server's own asyncio loop (aiomqtt); reconnects with a growing pause when
the broker goes away, so a broker restart loses no more than the messages sent while it was down
(QoS 1 on a clean session).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid

import aiomqtt

from app.sensors.intake import SensorIntake
from app.sensors.protocol import SUBSCRIPTION

log = logging.getLogger(__name__)


def parse_address(text: str) -> tuple[str, int]:
    """``HOST:PORT`` (the port defaults to 1883)."""
    host, sep, port = text.rpartition(":")
    if not sep:
        return text, 1883
    if not port.isdigit() or not host:
        raise ValueError(f"MQTT broker address {text!r} is not HOST:PORT")
    return host, int(port)


class MqttLink:
    """``start()`` / ``await stop()``; ``subscribed`` is set while the subscription is live."""

    def __init__(self, intake: SensorIntake, address: str, stale_interval: float = 5.0) -> None:
        self.intake = intake
        self.host, self.port = parse_address(address)
        self.stale_interval = stale_interval
        self.subscribed = asyncio.Event()
        self.connects = 0
        self._tasks: list[asyncio.Task[None]] = []

    def start(self) -> None:
        loop = asyncio.get_running_loop()
        self._tasks.append(loop.create_task(self._run(), name="mqtt-intake"))
        if self.stale_interval > 0:
            task = loop.create_task(self.intake.watch(self.stale_interval), name="stale-devices")
            self._tasks.append(task)

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._tasks.clear()
        log.info("sensor intake stopped: %s", self.intake.summary())

    async def _run(self) -> None:
        pause = 0.5
        ident = f"cityops-server-{uuid.uuid4().hex[:8]}"
        while True:
            try:
                async with aiomqtt.Client(
                    self.host, self.port, identifier=ident, max_queued_incoming_messages=100_000
                ) as client:
                    await client.subscribe(SUBSCRIPTION, qos=1)
                    self.connects += 1
                    self.subscribed.set()
                    pause = 0.5
                    log.info("sensor intake subscribed on %s:%s", self.host, self.port)
                    async for message in client.messages:
                        payload = message.payload
                        if not isinstance(payload, bytes | bytearray):
                            payload = str(payload).encode()
                        self.intake.handle(str(message.topic), bytes(payload))
            except aiomqtt.MqttError as exc:
                self.subscribed.clear()
                log.warning(
                    "MQTT broker %s:%s: %s; again in %.1f s", self.host, self.port, exc, pause
                )
                await asyncio.sleep(pause)
                pause = min(pause * 2, 30.0)
