"""Server benchmark: durable command throughput and live fan-out, against a bare websockets
baseline measured in the same run.

    .venv/bin/python bench/server.py [--seconds 5] [--clients 10] [--subscribers 50]

The server (and the baseline server) run in one process, the clients in another, so the two do
not share an event loop. Figures:

1. commands: ``--clients`` clients, each with ``--window`` commands in flight (move_unit on its own
   unit), for ``--seconds``: acknowledged durable commands/s and p50/p99 send->ack latency. Every
   client also receives every event (as consoles do).
2. fan-out at a fixed rate: one publisher sends ``--rate`` commands/s, ``--subscribers``
   observers receive the events: p50/p99 send->delivery latency and delivered events/s.
3. fan-out at saturation: the publisher sends as fast as it can; events/s fanned out to all.

The baseline server does the least a broadcast server can: it reads the command's id, answers an
ack and broadcasts one events message built from the payload: no validation, no decision, no
storage, no filtering.
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
import json  # noqa: E402
import multiprocessing as mp  # noqa: E402
import os  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
import uuid  # noqa: E402
from typing import Any  # noqa: E402

import msgspec  # noqa: E402
from websockets.asyncio.client import connect  # noqa: E402
from websockets.asyncio.server import ServerConnection, broadcast, serve  # noqa: E402
from websockets.exceptions import ConnectionClosed  # noqa: E402

from app.protocol import Hello, encode  # noqa: E402

PASSWORD = "bench-pass"


class _Ack(msgspec.Struct):
    id: str


class _Body(msgspec.Struct):
    lat: float = 0.0


class _Event(msgspec.Struct):
    seq: int
    body: _Body


class _Events(msgspec.Struct):
    events: list[_Event]


_ack = msgspec.json.Decoder(_Ack)
_events = msgspec.json.Decoder(_Events)
UNITS = 200


# --- servers (run in their own process) ---------------------------------------------------------
def _prepare_db(db: Path) -> None:
    from app.domain import events as ev
    from app.domain.model import Agency, Unit
    from app.server import CityServer
    from app.server.auth import make_user_record

    async def main() -> None:
        server = CityServer(db, port=0, deadline_interval=0)
        await server.start()
        assert server.store is not None
        server.store.put_user(make_user_record("bench", PASSWORD, "dispatcher", cost=2**10))
        server.store.put_user(make_user_record("watch", PASSWORD, "observer", cost=2**10))
        bodies: list[ev.EventBody] = [ev.AgencyUpserted(agency=Agency(id="fire", name="Fire"))]
        bodies += [
            ev.UnitUpserted(unit=Unit(id=f"U{i}", agency="fire", type="engine"))
            for i in range(UNITS)
        ]
        await server.inject(bodies)
        await server.stop()

    asyncio.run(main())


def _pipeline(db: Path, n: int, max_batch: int, synchronous: str) -> dict[str, float]:
    """Decide + durably commit ``n`` queued commands in-process (no network, no clients)."""
    from app.domain.model import Role, User
    from app.protocol import CommandMsg
    from app.server import CityServer
    from app.server.processor import CommandJob

    async def main() -> dict[str, float]:
        server = CityServer(
            db, port=0, deadline_interval=0, max_batch=max_batch, synchronous=synchronous
        )
        await server.start()
        user = User(username="bench", display_name="b", role=Role.DISPATCHER)
        start_seq = server.proc.committed_seq
        t0, c0 = time.perf_counter(), time.process_time()
        for i in range(n):
            payload = {"unit_id": f"U{i % UNITS}", "lat": 37.0 + i * 1e-7, "lon": -122.4}
            msg = CommandMsg(id=f"p{max_batch}-{i}", type="move_unit", payload=payload)
            server.proc.submit(
                CommandJob(msg=msg, user=user, workstation="b", peer="-", origin=None)
            )
        while server.proc.committed_seq < start_seq + n:
            await asyncio.sleep(0.001)
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        commits = server.proc.commits
        await server.stop()
        return {"per_s": n / wall, "cpu_us": 1e6 * cpu / n, "commits": commits}

    return asyncio.run(main())


def _run_city_server(db: str, ports: Any, stop: Any, settings: dict[str, Any]) -> None:
    from app.server import CityServer

    async def main() -> None:
        server = CityServer(db, port=0, deadline_interval=0, rate=1e6, burst=1e6, **settings)
        await server.start()
        ports.put(server.port)
        while not stop.is_set():
            await asyncio.sleep(0.1)
        ports.put((server.proc.commits, time.process_time()))
        await server.stop()

    asyncio.run(main())


def _run_bare_server(ports: Any, stop: Any) -> None:
    """The baseline: ack every command, broadcast its payload as an events message."""
    clients: set[ServerConnection] = set()
    seq = 0

    def dumps(obj: Any) -> str:
        return json.dumps(obj, separators=(",", ":"))

    async def handler(ws: ServerConnection) -> None:
        nonlocal seq
        await ws.recv()  # hello
        await ws.send(
            '{"msg":"welcome","user":{"username":"b","display_name":"b","role":"observer"},'
            '"token":"","token_expires":0,"server_seq":0,"server_time":0,"catch_up":"events"}'
        )
        clients.add(ws)
        try:
            async for raw in ws:
                msg = json.loads(raw)
                if msg.get("msg") != "command":
                    continue
                seq += 1
                p = msg["payload"]
                body = {"type": "unit_moved", "unit_id": p["unit_id"], "lat": p["lat"]}
                body.update(lon=p["lon"], heading=0.0, at=time.time())
                event = {"seq": seq, "time": time.time(), "actor": "b", "body": body}
                broadcast(clients, dumps({"msg": "events", "events": [event], "final": True}))
                await ws.send(dumps({"msg": "ack", "id": msg["id"], "seq": seq}))
        finally:
            clients.discard(ws)

    async def main() -> None:
        async with serve(handler, "127.0.0.1", 0, compression=None, max_size=2**22) as server:
            ports.put(server.sockets[0].getsockname()[1])
            while not stop.is_set():
                await asyncio.sleep(0.1)
        ports.put((0, time.process_time()))

    asyncio.run(main())


# --- clients (run in their own process) ---------------------------------------------------------
class _Client:
    """A minimal protocol client: sends commands, matches acks by id, timestamps events."""

    def __init__(self, ws: Any) -> None:
        self.ws = ws
        self.waiting: dict[str, asyncio.Future[float]] = {}
        self.on_events: Any = None
        self.prefix = uuid.uuid4().hex  # command ids: prefix-counter, unique and cheap
        self.n = 0
        self.reader = asyncio.get_running_loop().create_task(self._read())

    @classmethod
    async def open(cls, port: int, user: str) -> _Client:
        ws = await connect(f"ws://127.0.0.1:{port}", compression=None, max_size=2**22)
        hello = Hello(username=user, password=PASSWORD, workstation="bench", last_seq=10**9)
        await ws.send(encode(hello), text=True)
        await ws.recv()  # welcome
        return cls(ws)

    async def _read(self) -> None:
        # A lean reader (both servers get the same one): answers and events are told apart by
        # their first bytes and decoded into small structs that skip the fields not needed here.
        ws = self.ws
        while True:
            try:
                raw = await ws.recv(decode=False)
            except ConnectionClosed:
                return
            now = time.perf_counter()
            if raw.startswith(b'{"msg":"ack"'):
                ack = _ack.decode(raw)
                fut = self.waiting.pop(ack.id, None)
                if fut is not None:
                    fut.set_result(now)
            elif raw.startswith(b'{"msg":"events"') and self.on_events is not None:
                self.on_events(_events.decode(raw), now)

    async def command(self, unit: str, lat: float) -> float:
        self.n += 1
        cid = f"{self.prefix}-{self.n}"
        fut: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        self.waiting[cid] = fut
        payload = {"unit_id": unit, "lat": lat, "lon": -122.4}
        msg = {"msg": "command", "id": cid, "type": "move_unit", "payload": payload}
        await self.ws.send(msgspec.json.encode(msg), text=True)
        return await fut

    async def close(self) -> None:
        await self.ws.close()


def _cpu(pid: int) -> float:
    """CPU seconds (user + system) used so far by process ``pid`` (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class _Phase:
    """CPU used by the server and by this client process during one phase."""

    def __init__(self, server_pid: int) -> None:
        self.pid = server_pid
        self.t0, self.s0, self.c0 = time.perf_counter(), _cpu(server_pid), time.process_time()

    def done(self, res: dict[str, Any]) -> dict[str, Any]:
        wall = time.perf_counter() - self.t0
        res["server_cpu"] = (_cpu(self.pid) - self.s0) / wall
        res["client_cpu"] = (time.process_time() - self.c0) / wall
        return res


def _pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


async def _commands(port: int, clients: int, window: int, seconds: float) -> dict[str, float]:
    conns = [await _Client.open(port, "bench") for _ in range(clients)]
    lat: list[float] = []
    done = 0
    end = time.perf_counter() + seconds

    async def worker(c: _Client, unit: str) -> None:
        nonlocal done
        i = 0
        while time.perf_counter() < end:
            t = time.perf_counter()
            acked = await c.command(unit, 37.0 + (i % 1000) * 1e-5)
            lat.append(acked - t)
            done += 1
            i += 1

    t0 = time.perf_counter()
    await asyncio.gather(
        *[
            worker(c, f"U{(k * window + w) % UNITS}")
            for k, c in enumerate(conns)
            for w in range(window)
        ]
    )
    elapsed = time.perf_counter() - t0
    for c in conns:
        await c.close()
    return {
        "per_s": done / elapsed,
        "p50_ms": _pct(lat, 0.5) * 1e3,
        "p99_ms": _pct(lat, 0.99) * 1e3,
    }


async def _fanout(port: int, subs: int, rate: float, count: int) -> dict[str, float]:
    """Publisher -> server -> ``subs`` subscribers; rate <= 0: as fast as possible."""
    watchers = [await _Client.open(port, "watch") for _ in range(subs)]
    pub = await _Client.open(port, "bench")
    sent: dict[int, float] = {}
    lat: list[float] = []
    got = 0
    last = 0.0
    all_in = asyncio.Event()

    def on_events(msg: _Events, now: float) -> None:
        nonlocal got, last
        for e in msg.events:
            key = round((e.body.lat - 37.0) * 1e6)
            t = sent.get(key)
            if t is not None:
                lat.append(now - t)
                got += 1
                last = now
        if got >= subs * count:
            all_in.set()

    for w in watchers:
        w.on_events = on_events
    t0 = time.perf_counter()
    inflight: set[asyncio.Task[float]] = set()
    for i in range(count):
        if rate > 0:
            wait = t0 + i / rate - time.perf_counter()
            if wait > 0:
                await asyncio.sleep(wait)
        sent[i] = time.perf_counter()
        task = asyncio.create_task(pub.command("U0", 37.0 + i * 1e-6))
        inflight.add(task)
        task.add_done_callback(inflight.discard)
        if rate <= 0 and len(inflight) >= 64:
            await asyncio.wait(inflight, return_when=asyncio.FIRST_COMPLETED)
    try:
        await asyncio.wait_for(all_in.wait(), 60)
    except TimeoutError:
        pass
    span = (last or time.perf_counter()) - t0
    for c in [*watchers, pub]:
        await c.close()
    return {
        "events_per_s": count / span if span else 0.0,
        "deliveries_per_s": got / span if span else 0.0,
        "p50_ms": _pct(lat, 0.5) * 1e3,
        "p99_ms": _pct(lat, 0.99) * 1e3,
        "lost": subs * count - got,
    }


def _run_clients(port: int, server_pid: int, args: dict[str, Any], out: Any) -> None:
    async def main() -> dict[str, Any]:
        res: dict[str, Any] = {}
        ph = _Phase(server_pid)
        cmds = await _commands(port, args["clients"], args["window"], args["seconds"])
        res["commands"] = ph.done(cmds)
        # One command in flight per client: the latency of a command without queueing behind others.
        res["single"] = await _commands(port, args["clients"], 1, min(2.0, args["seconds"]))
        n = int(args["rate"] * args["seconds"])
        ph = _Phase(server_pid)
        res["fanout"] = ph.done(await _fanout(port, args["subscribers"], args["rate"], n))
        ph = _Phase(server_pid)
        res["saturation"] = ph.done(await _fanout(port, args["subscribers"], 0, n))
        return res

    out.put(asyncio.run(main()))


def _measure(kind: str, db: Path, args: dict[str, Any], settings: dict[str, Any]) -> dict[str, Any]:
    ctx = mp.get_context("spawn")
    ports, stop, out = ctx.Queue(), ctx.Event(), ctx.Queue()
    if kind == "city":
        server = ctx.Process(target=_run_city_server, args=(str(db), ports, stop, settings))
    else:
        server = ctx.Process(target=_run_bare_server, args=(ports, stop))
    server.start()
    port = ports.get(timeout=60)
    clients = ctx.Process(target=_run_clients, args=(port, server.pid, args, out))
    clients.start()
    res: dict[str, Any] = out.get(timeout=600)
    clients.join()
    stop.set()
    res["commits"], _ = ports.get(timeout=60)
    server.join()
    return res


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--seconds", type=float, default=5.0)
    p.add_argument("--clients", type=int, default=10)
    p.add_argument("--window", type=int, default=8, help="commands in flight per client")
    p.add_argument("--subscribers", type=int, default=50)
    p.add_argument("--rate", type=float, default=1000.0)
    p.add_argument("--synchronous", default="NORMAL", choices=["NORMAL", "FULL"])
    p.add_argument("--fanout-delay", type=float, default=None)
    ns = p.parse_args()
    args = vars(ns)
    settings: dict[str, Any] = {"synchronous": ns.synchronous}
    if ns.fanout_delay is not None:
        settings["fanout_delay"] = ns.fanout_delay
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        _prepare_db(db)
        group = _pipeline(db, 20_000, 2000, ns.synchronous)
        single = _pipeline(db, 2_000, 1, ns.synchronous)
        city = _measure("city", db, args, settings)
        bare = _measure("bare", db, args, {})
    c, b = city["commands"], bare["commands"]
    print(f"CityOps server vs bare websockets baseline, same run ({ns.clients} clients x "
          f"{ns.window} in flight, {ns.seconds:g} s per phase, synchronous={ns.synchronous}, "
          f"{city['commits']} group commits; load average before: {load:.1f})")  # fmt: skip
    print(f"decide + commit, in-process  {group['per_s']:8.0f}/s ({group['cpu_us']:.0f} us CPU each, "
          f"{group['commits']} commits)   baseline one transaction per command "
          f"{single['per_s']:8.0f}/s   ratio {group['per_s'] / single['per_s']:.1f}")  # fmt: skip
    print("CPU columns: cores used by the server process / by the client process")
    print(f"commands/s (durable)      {c['per_s']:8.0f}   baseline {b['per_s']:8.0f}   ratio {c['per_s'] / b['per_s']:.2f}")  # fmt: skip
    print(f"  ack p50 / p99 ms        {c['p50_ms']:5.1f} / {c['p99_ms']:5.1f}   baseline {b['p50_ms']:5.1f} / {b['p99_ms']:5.1f}")  # fmt: skip
    print(f"  CPU                     {c['server_cpu']:.2f} / {c['client_cpu']:.2f}   baseline {b['server_cpu']:.2f} / {b['client_cpu']:.2f}")  # fmt: skip
    print(f"  server CPU per command  {1e6 * c['server_cpu'] / c['per_s']:6.0f} us   baseline {1e6 * b['server_cpu'] / b['per_s']:6.0f} us")  # fmt: skip
    c1, b1 = city["single"], bare["single"]
    print(f"  1 in flight per client  {c1['per_s']:8.0f}/s, ack p50 / p99 {c1['p50_ms']:.1f} / {c1['p99_ms']:.1f} ms   baseline {b1['per_s']:8.0f}/s, {b1['p50_ms']:.1f} / {b1['p99_ms']:.1f} ms")  # fmt: skip
    for key, title in (("fanout", f"fan-out {ns.rate:g}/s to {ns.subscribers}"), ("saturation", f"fan-out max to {ns.subscribers}")):  # fmt: skip
        f, g = city[key], bare[key]
        print(f"{title}")
        print(f"  events/s                {f['events_per_s']:8.0f}   baseline {g['events_per_s']:8.0f}   ratio {f['events_per_s'] / g['events_per_s']:.2f}")  # fmt: skip
        print(f"  deliveries/s            {f['deliveries_per_s']:8.0f}   baseline {g['deliveries_per_s']:8.0f}")  # fmt: skip
        print(f"  delivery p50 / p99 ms   {f['p50_ms']:5.1f} / {f['p99_ms']:5.1f}   baseline {g['p50_ms']:5.1f} / {g['p99_ms']:5.1f}")  # fmt: skip
        print(f"  CPU                     {f['server_cpu']:.2f} / {f['client_cpu']:.2f}   baseline {g['server_cpu']:.2f} / {g['client_cpu']:.2f}")  # fmt: skip
        print(f"  lost                    {f['lost']:8d}   baseline {g['lost']:8d}")  # fmt: skip


if __name__ == "__main__":
    main()
