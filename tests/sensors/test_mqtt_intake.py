"""Sensor alarms over a real mosquitto broker into a real server, seen by a real desk."""

from __future__ import annotations

import logging
import time
from pathlib import Path

import aiomqtt
import pytest

from app.domain import devices as dv
from app.domain import events as ev
from app.domain.model import Incident, SourceChannel, Status
from app.protocol import Ack, ErrorMsg
from app.sensors.broker import Broker
from app.server import CityServer
from tests.sensors.conftest import device, publish, reading, wait_for
from tests.server.conftest import live_server, login, run


def cases_of(server: CityServer, origin: str) -> list[Incident]:
    return [i for i in server.state.incidents.values() if i.origin == origin]


async def register(server: CityServer, body: dict[str, object]) -> None:
    admin = await login(server, "admin")
    try:
        ans = await admin.send_command("upsert_device", {"device": body})
        assert isinstance(ans, Ack), ans
    finally:
        await admin.close()


async def mqtt_ready(server: CityServer) -> None:
    assert server.mqtt is not None
    await wait_for(server.mqtt.subscribed.is_set, what="the server's MQTT subscription")


def test_alarm_opens_a_case_a_desk_sees_and_the_device_clears_it(
    tmp_path: Path, broker: Broker
) -> None:
    async def main() -> None:
        async with live_server(tmp_path / "s.db", mqtt=broker.address) as server:
            await register(server, device("WL-1"))
            await mqtt_ready(server)
            desk = await login(server, "disp1")
            t0 = time.time()
            async with aiomqtt.Client(broker.host, broker.port) as client:
                await publish(client, "WL-1", reading("WL-1", "alarm", 0.42, t0))
                # The desk gets the case over its websocket like any other.
                created: ev.IncidentCreated | None = None
                while created is None:
                    upd = await desk.next_update(10)
                    for e in getattr(upd, "events", []):
                        if isinstance(e.body, ev.IncidentCreated):
                            created = e.body
                inc = created.incident
                assert inc.source == SourceChannel.SENSOR
                assert inc.origin == dv.device_origin("WL-1")
                assert inc.category == "event.waterlogging"
                assert (inc.location.lat, inc.location.lon) == (37.7755, -122.4180)
                assert "0.42m" in inc.description and "threshold 0.3m" in inc.description
                assert inc.reporter_contact == "device WL-1"

                await publish(client, "WL-1", reading("WL-1", "alarm", 0.55, t0 + 60))
                await wait_for(
                    lambda: any(
                        "Alarm continues" in n.text and "0.55m" in n.text
                        for n in server.state.incidents[inc.id].narrative
                    ),
                    what="the later reading as a note",
                )
                await publish(client, "WL-1", reading("WL-1", "normal", 0.12, t0 + 120))
                await wait_for(
                    lambda: dv.CLEARED in server.state.incidents[inc.id].flags,
                    what="the cleared flag",
                )
            case = server.state.incidents[inc.id]
            stage = [n for n in case.narrative if n.kind == "stage"]
            assert len(stage) == 1 and stage[0].text.startswith("Cleared by the device")
            assert case.status == Status.REPORTED  # flagged, never silently closed
            assert len(cases_of(server, dv.device_origin("WL-1"))) == 1
            assert server.sensors is not None and server.sensors.counters["accepted"] == 3
            await desk.close()

    run(main())


def test_duplicate_alarms_make_one_case(tmp_path: Path, broker: Broker) -> None:
    async def main() -> None:
        async with live_server(tmp_path / "s.db", mqtt=broker.address) as server:
            await register(server, device("WL-2"))
            await mqtt_ready(server)
            t0 = time.time()
            async with aiomqtt.Client(broker.host, broker.port) as client:
                for i in range(8):  # published back to back: decided in one or two batches
                    await publish(client, "WL-2", reading("WL-2", "alarm", 0.4 + i / 100, t0 + i))
            assert server.sensors is not None
            sensors = server.sensors
            await wait_for(lambda: sensors.counters["accepted"] == 8, what="eight alarms")
            await wait_for(
                lambda: (
                    (cs := cases_of(server, dv.device_origin("WL-2")))
                    and sum("Alarm continues" in n.text for n in cs[0].narrative) == 7
                ),
                what="one case with seven notes",
            )
            assert len(cases_of(server, dv.device_origin("WL-2"))) == 1

            # Closed, the next alarm opens a new case.
            sup = await login(server, "sup")
            first = cases_of(server, dv.device_origin("WL-2"))[0]
            ans = await sup.send_command(
                "transition", {"incident_id": first.id, "action": "reject", "reason": "test"}
            )
            assert isinstance(ans, Ack), ans
            async with aiomqtt.Client(broker.host, broker.port) as client:
                await publish(client, "WL-2", reading("WL-2", "alarm", 0.5, time.time()))
            await wait_for(
                lambda: len(cases_of(server, dv.device_origin("WL-2"))) == 2,
                what="a second case after the first was closed",
            )
            await sup.close()

    run(main())


def test_bad_payloads_and_unknown_devices_are_refused_and_counted(
    tmp_path: Path, broker: Broker, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="app.sensors.intake")

    async def main() -> None:
        async with live_server(tmp_path / "s.db", mqtt=broker.address) as server:
            await register(server, device("WL-3"))
            await mqtt_ready(server)
            t0 = time.time()
            async with aiomqtt.Client(broker.host, broker.port) as client:
                await publish(client, "WL-3", b"{not json")
                await publish(client, "WL-3", b'{"device": "WL-3", "kind": "water_level"}')
                await publish(client, "WL-3", reading("WL-3", "alarm", float("nan"), t0))
                await publish(client, "WL-3", reading("WL-3", "exploded", 1.0, t0))
                await publish(client, "GHOST-9", reading("GHOST-9", "alarm", 1.0, t0))
                await publish(client, "WL-3", reading("OTHER", "alarm", 1.0, t0))
                await publish(client, "WL-3", reading("WL-3", "alarm", 1.0, t0, kind="smoke"))
                await publish(client, "WL-3", b"x" * 5000)
                await client.publish("cityops/sensors/WL-3/extra", b"{}", qos=1)
                # After all that, the intake still takes a good alarm.
                await publish(client, "WL-3", reading("WL-3", "alarm", 0.9, t0))
            assert server.sensors is not None
            sensors = server.sensors
            await wait_for(lambda: sensors.counters["accepted"] == 1, what="the good alarm")
            await wait_for(
                lambda: cases_of(server, dv.device_origin("WL-3")), what="the good alarm's case"
            )
            # NaN is not valid JSON for msgspec's decoder either way: a bad payload.
            assert sensors.refused("bad_payload") == 4
            assert sensors.refused("unknown_device") == 1
            assert sensors.refused("topic_mismatch") == 1
            assert sensors.refused("kind_mismatch") == 1
            assert sensors.refused("too_large") == 1
            # A subscription to cityops/sensors/+ never sees deeper topics: nothing to count.
            assert sensors.refused("bad_topic") == 0
            assert not cases_of(server, dv.device_origin("GHOST-9"))
            assert len(server.state.incidents) == 1

    run(main())
    text = caplog.text
    assert "sensor message refused (unknown_device, 1 so far)" in text
    assert "sensor message refused (bad_payload, 4 so far)" in text


def test_a_silent_device_becomes_a_stale_device_case(tmp_path: Path, broker: Broker) -> None:
    async def main() -> None:
        async with live_server(
            tmp_path / "s.db", mqtt=broker.address, stale_check_interval=0.1
        ) as server:
            await register(server, device("WL-4", report_interval_s=1.5))
            await register(server, device("WL-5", report_interval_s=600))
            await mqtt_ready(server)
            async with aiomqtt.Client(broker.host, broker.port) as client:
                await publish(client, "WL-4", reading("WL-4", "normal", 0.1, time.time()))
                stale = await wait_for(
                    lambda: cases_of(server, dv.stale_origin("WL-4")),
                    timeout=15,
                    what="the stale-device case",
                )
                inc = stale[0]
                assert inc.source == SourceChannel.SENSOR
                assert "Stale device" in inc.description and "1.5 s" in inc.description
                # Silence is one case, not one per check.
                assert server.sensors is not None and server.sensors.counters["stale"] == 1
                await publish(client, "WL-4", reading("WL-4", "normal", 0.1, time.time()))
                await wait_for(
                    lambda: dv.CLEARED in server.state.incidents[inc.id].flags,
                    what="the stale case cleared by the device",
                )
            assert not cases_of(server, dv.stale_origin("WL-5"))
            assert server.state.incidents[inc.id].is_open()

    run(main())


def test_only_an_administrator_or_a_supervisor_manages_devices(tmp_path: Path) -> None:
    async def main() -> None:
        async with live_server(tmp_path / "s.db") as server:
            disp = await login(server, "disp1")
            ans = await disp.send_command("upsert_device", {"device": device("WL-6")})
            assert isinstance(ans, ErrorMsg) and ans.code == "forbidden"
            ans = await disp.send_command("sensor_report", {"device_id": "WL-6", "state": "alarm"})
            assert isinstance(ans, ErrorMsg) and ans.code == "forbidden"
            sup = await login(server, "sup")
            bad = device("WL-6", category="no.such")
            ans = await sup.send_command("upsert_device", {"device": bad})
            assert isinstance(ans, ErrorMsg) and ans.code == "unknown_id"
            ans = await sup.send_command("upsert_device", {"device": device("WL-6")})
            assert isinstance(ans, Ack)
            assert server.state.devices["WL-6"].category == "event.waterlogging"
            await disp.close()
            await sup.close()
        # The registry is reference data: kept in the store across a restart.
        async with live_server(tmp_path / "s.db") as again:
            assert again.state.devices["WL-6"].kind == "water_level"

    run(main())


def test_the_demo_city_s_sensors_alarm_and_clear(tmp_path: Path, broker: Broker) -> None:
    from app.city import load_city
    from app.sensors.demo import DemoSensors, demo_devices, register_job

    devices = demo_devices(load_city())

    async def main() -> None:
        async with live_server(tmp_path / "s.db", mqtt=broker.address) as server:
            await server.proc.inject(register_job(devices), "demo.admin")
            assert len(server.state.devices) == len(devices) >= 10
            await mqtt_ready(server)
            sim = DemoSensors(broker.address, devices, speedup=60.0)
            sim.start()
            try:
                cases = await wait_for(
                    lambda: [i for i in server.state.incidents.values() if i.origin],
                    timeout=30,
                    what="a demo alarm case",
                )
                first = cases[0]
                assert first.source == SourceChannel.SENSOR
                await wait_for(
                    lambda: dv.CLEARED in server.state.incidents[first.id].flags,
                    timeout=30,
                    what="the demo device clearing its alarm",
                )
            finally:
                sim.stop()
            assert server.sensors is not None
            assert not any(k.startswith("refused") for k in server.sensors.counters)

    run(main(), timeout=90)


def test_a_full_command_queue_refuses_sensor_messages_as_busy(
    tmp_path: Path, broker: Broker
) -> None:
    import msgspec

    async def main() -> None:
        # max_queue 0: the queue is always "full", as under a flood.
        async with live_server(tmp_path / "s.db", mqtt=broker.address, max_queue=0) as server:
            d = msgspec.convert(device("WL-8"), dv.Device)
            await server.inject([ev.DeviceUpserted(device=d)])
            await mqtt_ready(server)
            async with aiomqtt.Client(broker.host, broker.port) as client:
                await publish(client, "WL-8", reading("WL-8", "alarm", 0.9, time.time()))
            assert server.sensors is not None
            sensors = server.sensors
            await wait_for(lambda: sensors.refused("busy") == 1, what="the busy refusal")
            assert not cases_of(server, dv.device_origin("WL-8"))

    run(main())
