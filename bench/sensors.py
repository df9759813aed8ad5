"""Cases that open themselves: sensor alarms into cases, and the video analytics' cost.

    .venv/bin/python bench/sensors.py [--devices 1000] [--desks 50] [--rate 200] [--seconds 20]

Sensors (mosquitto, the server and the desks each in a process of their own, the publisher in
this one):

1. alarm -> case at a fixed rate: half the devices alarm once each at ``--rate``/s; each alarm
   opens a case, and 50 desks (observers over the real websocket) receive it. p50 / p99 from
   the device's time in the message (the case's reported time) to a desk holding the case.
2. saturation, new cases: the other half alarm all at once: cases/s until every desk has them all.
3. saturation, repeated alarms: every device alarms ``--repeat`` more times, as fast as the
   publisher goes: alarms/s until the desks hold every resulting note.

Baseline (same run, same broker): the raw library doing the same transport, a bare aiomqtt
subscriber receiving the same messages on another topic (no checks, no decision, no storage, no
fan-out): its latency at the same rate and its messages/s at saturation.

Analytics: frames/s and CPU per frame of one camera at 640x360 (a synthetic street clip made
with PyAV, ``--seconds`` long), decoding alone against decoding plus the analyzer, in this
process; cameras per core at 25 frames/s follow.
"""

from __future__ import annotations

import sys
from pathlib import Path

# Run as a script, bench/ is first on sys.path and its queue.py would shadow the stdlib's.
_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]
sys.path.insert(0, str(_HERE.parent))

import argparse  # noqa: E402
import asyncio  # noqa: E402
import multiprocessing as mp  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from typing import Any  # noqa: E402

import aiomqtt  # noqa: E402
import msgspec  # noqa: E402
from websockets.asyncio.client import connect  # noqa: E402

from app.protocol import Hello, encode  # noqa: E402
from app.sensors.broker import Broker  # noqa: E402
from app.sensors.protocol import SensorMessage  # noqa: E402
from app.sensors.protocol import encode as encode_msg  # noqa: E402
from bench.machine import StealMeter  # noqa: E402

PASSWORD = "bench-pass"


def pct(xs: list[float], q: float) -> float:
    if not xs:
        return float("nan")
    s = sorted(xs)
    return s[min(len(s) - 1, int(q * len(s)))]


# --- the server process ---------------------------------------------------------------------
def _device(i: int) -> dict[str, Any]:
    return {
        "id": f"D{i:04d}",
        "kind": "water_level",
        "lat": 37.70 + (i % 100) * 0.001,
        "lon": -122.50 + (i // 100) * 0.001,
        "address": f"{i} Bench St",
        "category": "event.waterlogging",
        "report_interval_s": 86400,
    }


def _run_server(db: str, broker: str, devices: int, ports: Any, stop: Any) -> None:
    from app.domain import devices as dv
    from app.domain.model import Role, User
    from app.domain.runner import CommandRunner
    from app.server import CityServer
    from app.server.auth import make_user_record

    async def main() -> None:
        server = CityServer(
            db, port=0, deadline_interval=0, rate=1e6, burst=1e6, mqtt=broker, login_delay_base=0
        )
        await server.start()
        assert server.store is not None and server.mqtt is not None
        server.store.put_user(make_user_record("watch", PASSWORD, "observer", cost=2**10))
        admin = User(username="bench.admin", display_name="b", role=Role.ADMIN)
        runner = CommandRunner()

        def register(state: Any) -> list[Any]:
            out: list[Any] = []
            for i in range(devices):
                d = msgspec.convert(_device(i), dv.Device)
                out += runner.run(state, admin, dv.UpsertDevice(device=d), time.time())
            return out

        await server.proc.inject(register, "bench.admin")
        await server.mqtt.subscribed.wait()
        ports.put(server.port)
        while not stop.is_set():
            await asyncio.sleep(0.1)
        assert server.sensors is not None
        ports.put((dict(server.sensors.counters), time.process_time()))
        await server.stop()

    asyncio.run(main())


# --- the desks process ----------------------------------------------------------------------
class _Inc(msgspec.Struct):
    id: str
    origin: str = ""
    timestamps: dict[str, float] = {}


class _Created(msgspec.Struct):
    incident: _Inc


class _Event(msgspec.Struct):
    seq: int
    body: msgspec.Raw


class _Events(msgspec.Struct):
    events: list[_Event]


def _run_desks(port: int, desks: int, report: Any, stop: Any) -> None:
    """``desks`` observers; every desk counts cases and notes, and each case's latency."""
    ev_dec = msgspec.json.Decoder(_Events)
    created = msgspec.json.Decoder(_Created)

    async def desk(stats: dict[str, Any]) -> None:
        async with connect(f"ws://127.0.0.1:{port}", compression=None, max_size=2**26) as ws:
            hello = Hello(username="watch", password=PASSWORD, workstation="d", last_seq=10**9)
            await ws.send(encode(hello), text=True)
            while not stop.is_set():
                try:
                    raw = await asyncio.wait_for(ws.recv(), 0.2)
                except TimeoutError:
                    continue
                now = time.time()
                if '"msg":"events"' not in raw[:40]:
                    continue
                for e in ev_dec.decode(raw).events:
                    head = bytes(memoryview(e.body)[:40])
                    if b'"incident_created"' in head:
                        inc = created.decode(e.body).incident
                        if inc.origin:
                            t = inc.timestamps.get("reported", now)
                            stats["cases"].append((now, now - t))
                    elif b'"note_added"' in head:
                        stats["notes"].append(now)

    async def main() -> None:
        all_stats: list[dict[str, Any]] = [{"cases": [], "notes": []} for _ in range(desks)]
        tasks = [asyncio.create_task(desk(s)) for s in all_stats]
        await asyncio.gather(*tasks)
        report.put(all_stats)

    asyncio.run(main())


# --- publishers -------------------------------------------------------------------------------
def _msg(i: int, value: float) -> bytes:
    return encode_msg(
        SensorMessage(
            device=f"D{i:04d}",
            kind="water_level",
            state="alarm",
            reading=value,
            threshold=0.3,
            unit="m",
            time=time.time(),
        )
    )


async def _publish(
    broker: Broker,
    ids: list[int],
    rate: float,
    prefix: str = "cityops/sensors/",
    value: float = 0.5,
) -> float:
    """Publish one alarm per id at ``rate``/s (0: as fast as possible); returns the seconds."""
    async with aiomqtt.Client(broker.host, broker.port, max_queued_outgoing_messages=0) as c:
        t0 = time.perf_counter()
        for n, i in enumerate(ids):
            if rate > 0:
                due = t0 + n / rate
                wait = due - time.perf_counter()
                if wait > 0:
                    await asyncio.sleep(wait)
            await c.publish(f"{prefix}D{i:04d}", _msg(i, value), qos=1)
        return time.perf_counter() - t0


async def _raw_baseline(broker: Broker, n: int, rate: float) -> tuple[list[float], float]:
    """A bare aiomqtt subscriber on another topic: latencies at ``rate``, then msgs/s flat out."""
    lat: list[float] = []
    got = 0
    done = asyncio.Event()
    target = 0
    dec = msgspec.json.Decoder(SensorMessage)

    async with aiomqtt.Client(broker.host, broker.port) as sub:
        await sub.subscribe("bench/raw/+", qos=1)

        async def reader() -> None:
            nonlocal got
            async for m in sub.messages:
                now = time.time()
                assert isinstance(m.payload, bytes | bytearray)
                msg = dec.decode(m.payload)
                lat.append(now - msg.time)
                got += 1
                if got >= target:
                    done.set()

        task = asyncio.create_task(reader())
        target = n
        await _publish(broker, list(range(n)), rate, "bench/raw/")
        await asyncio.wait_for(done.wait(), 60)
        at_rate = list(lat)
        lat.clear()
        got, target = 0, 5 * n
        done.clear()
        t0 = time.perf_counter()
        await _publish(broker, [i % n for i in range(5 * n)], 0, "bench/raw/")
        await asyncio.wait_for(done.wait(), 120)
        flat = 5 * n / (time.perf_counter() - t0)
        task.cancel()
        return at_rate, flat


def bench_sensors(devices: int, desks: int, rate: float, repeat: int) -> None:
    ctx = mp.get_context("spawn")
    steal = StealMeter()
    with tempfile.TemporaryDirectory() as tmp, Broker() as broker:
        ports, stop = ctx.Queue(), ctx.Event()
        server = ctx.Process(
            target=_run_server, args=(f"{tmp}/s.db", broker.address, devices, ports, stop)
        )
        server.start()
        port = ports.get(timeout=120)
        report, dstop = ctx.Queue(), ctx.Event()
        desk_proc = ctx.Process(target=_run_desks, args=(port, desks, report, dstop))
        desk_proc.start()
        time.sleep(3.0)  # the desks sign in and take their snapshot
        half = devices // 2

        async def run() -> dict[str, float]:
            out: dict[str, float] = {}
            out["fixed_s"] = await _publish(broker, list(range(half)), rate)
            await asyncio.sleep(2.0)
            t0 = time.time()
            out["burst_t0"] = t0
            out["burst_pub_s"] = await _publish(broker, list(range(half, devices)), 0)
            await asyncio.sleep(3.0)
            out["repeat_t0"] = time.time()
            ids = [i % devices for i in range(devices * repeat)]
            out["repeat_pub_s"] = await _publish(broker, ids, 0, value=0.7)
            await asyncio.sleep(5.0)
            return out

        marks = asyncio.run(run())
        dstop.set()
        per_desk = report.get(timeout=120)
        desk_proc.join(30)
        stop.set()
        counters, server_cpu = ports.get(timeout=60)
        server.join(30)

        raw_lat, raw_flat = asyncio.run(_raw_baseline(broker, half, rate))

    fixed_lat = [lat for d in per_desk for (t, lat) in d["cases"] if t < marks["burst_t0"]]
    cases_seen = [len(d["cases"]) for d in per_desk]
    burst_done = [max((t for t, _ in d["cases"]), default=float("nan")) for d in per_desk]
    burst_rate = (devices - half) / (max(burst_done) - marks["burst_t0"])
    notes_expected = devices * repeat
    note_ends = [sorted(d["notes"]) for d in per_desk]
    complete = [len(n) >= notes_expected for n in note_ends]
    rep_end = max(
        n[notes_expected - 1] if len(n) >= notes_expected else float("nan") for n in note_ends
    )
    rep_rate = notes_expected / (rep_end - marks["repeat_t0"])
    print(f"sensors: {devices} devices, {desks} desks; machine: {steal.describe()}")
    print(f"  server counters: {counters}; server CPU {server_cpu:.1f} s")
    print(f"  cases seen per desk: min {min(cases_seen)} max {max(cases_seen)} (want {devices})")
    print(
        f"  1. alarm -> case on a desk at {rate:.0f}/s: p50 {1000 * pct(fixed_lat, 0.5):.1f} ms, "
        f"p99 {1000 * pct(fixed_lat, 0.99):.1f} ms ({len(fixed_lat)} desk deliveries); "
        f"raw MQTT p50 {1000 * pct(raw_lat, 0.5):.1f} ms, p99 {1000 * pct(raw_lat, 0.99):.1f} ms"
    )
    print(
        f"  2. new cases flat out: {burst_rate:.0f} cases/s on all {desks} desks "
        f"(published in {marks['burst_pub_s']:.2f} s)"
    )
    print(
        f"  3. repeated alarms flat out: {rep_rate:.0f} alarms/s into notes on all desks "
        f"({sum(complete)}/{desks} desks complete); raw MQTT subscriber {raw_flat:.0f} msgs/s; "
        f"ratio {rep_rate / raw_flat:.2f}"
    )


# --- analytics ---------------------------------------------------------------------------------
def bench_analytics(seconds: float) -> None:
    import av

    from app.domain.devices import CameraZone
    from app.sensors.analytics import ZoneAnalyzer
    from app.sensors.testclip import make_clip

    zones = [
        CameraZone(
            camera_id="C1",
            zone_id="kerb",
            polygon=[(0.3, 0.5), (0.7, 0.5), (0.7, 0.8), (0.3, 0.8)],
            dwell_s=5.0,
        ),
        CameraZone(
            camera_id="C1",
            zone_id="lane",
            polygon=[(0.45, 0.6), (0.6, 0.6), (0.6, 0.75), (0.45, 0.75)],
            rule="blocked",
            dwell_s=3.0,
        ),
    ]
    with tempfile.TemporaryDirectory() as tmp:
        clip = make_clip(
            Path(tmp) / "c.mp4", seconds, still=(4.0, seconds - 2, (300, 215, 100, 60))
        )

        def run(analyse: bool) -> tuple[int, float, float]:
            an = ZoneAnalyzer("C1", zones)
            n = 0
            w0, c0 = time.perf_counter(), time.process_time()
            with av.open(str(clip)) as src:
                vs = src.streams.video[0]
                for f in src.decode(vs):
                    grey = f.to_ndarray(format="gray")
                    if analyse:
                        an.feed(grey, float(f.time or 0.0))
                    n += 1
            return n, time.perf_counter() - w0, time.process_time() - c0

        run(False)  # warm the caches
        n, dw, dc = run(False)
        _, aw, ac = run(True)
    print(f"analytics, one camera 640x360, {n} frames:")
    print(
        f"  decoding alone: {n / dw:.0f} frames/s, {1000 * dc / n:.2f} ms CPU/frame; "
        f"decoding + analytics: {n / aw:.0f} frames/s, {1000 * ac / n:.2f} ms CPU/frame; "
        f"ratio {ac / dc:.2f}x the CPU of decoding"
    )
    per_cam = 25 * ac / n
    print(
        f"  at 25 frames/s a camera takes {100 * per_cam:.0f}% of a core "
        f"(decoding alone {100 * 25 * dc / n:.0f}%): {1 / per_cam:.1f} cameras per core"
    )


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--devices", type=int, default=1000)
    p.add_argument("--desks", type=int, default=50)
    p.add_argument("--rate", type=float, default=200.0)
    p.add_argument("--repeat", type=int, default=5)
    p.add_argument("--seconds", type=float, default=20.0, help="length of the analytics clip")
    p.add_argument("--only", choices=["sensors", "analytics"])
    a = p.parse_args()
    if a.only != "analytics":
        bench_sensors(a.devices, a.desks, a.rate, a.repeat)
    if a.only != "sensors":
        bench_analytics(a.seconds)


if __name__ == "__main__":
    main()
