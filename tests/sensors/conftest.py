"""A private mosquitto broker per test (free port, temporary configuration) and MQTT helpers."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from typing import Any

import aiomqtt
import pytest

from app.sensors.broker import Broker, mosquitto_path
from app.sensors.protocol import topic_for


@pytest.fixture
def broker() -> Iterator[Broker]:
    if mosquitto_path() is None:
        pytest.skip("mosquitto is not installed (scripts/setup.sh --dev installs it)")
    with Broker() as b:
        yield b


def device(device_id: str, **kw: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "id": device_id,
        "kind": "water_level",
        "name": f"Underpass gauge {device_id}",
        "lat": 37.7755,
        "lon": -122.4180,
        "address": "Fell St underpass",
        "category": "event.waterlogging",
        "report_interval_s": 600,
    }
    body.update(kw)
    return body


def reading(device_id: str, state: str, value: float, t: float, **kw: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "device": device_id,
        "kind": "water_level",
        "state": state,
        "reading": value,
        "threshold": 0.3,
        "unit": "m",
        "time": t,
        "position": {"lat": 37.7755, "lon": -122.4180},
    }
    body.update(kw)
    return body


async def publish(client: aiomqtt.Client, device_id: str, payload: bytes | dict[str, Any]) -> None:
    import msgspec

    data = payload if isinstance(payload, bytes) else msgspec.json.encode(payload)
    await client.publish(topic_for(device_id), data, qos=1)


async def wait_for(cond: Callable[[], Any], timeout: float = 10.0, what: str = "") -> Any:
    """Poll ``cond`` on the loop until it is truthy (the server runs on the same loop)."""
    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    while True:
        value = cond()
        if value:
            return value
        if loop.time() > end:
            raise AssertionError(f"timed out waiting for {what or cond}")
        await asyncio.sleep(0.02)
