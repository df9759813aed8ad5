"""Open311 intake benchmark: POST requests/s and latency while the server also serves 50
workstations, against a bare aiohttp handler measured in the same run.

    .venv/bin/python bench/open311.py [--seconds 5] [--concurrency 16] [--workstations 50]

Three processes: the CityOps server (websocket + HTTP side on one loop), the workstations
(``--workstations`` signed-in consoles receiving every event, each also moving a unit every
``--ws-interval`` s), and this one, which POSTs url-encoded Open311 requests from
``--concurrency`` concurrent clients for ``--seconds``. Every POST is a create_incident command
through the processor, durably committed (group commit) before its service_request_id comes
back, and fanned out to the 50 workstations. Rate limits are lifted for the run.

The baseline is the same web library doing the least an Open311 endpoint can: an aiohttp
handler that parses the same form and answers a fixed service_request_id (no key check, no
decision, no storage, no fan-out), in its own process, driven by the same client code.
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
import contextlib  # noqa: E402
import multiprocessing as mp  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from typing import Any  # noqa: E402

import aiohttp  # noqa: E402
from aiohttp import web  # noqa: E402

from bench.machine import StealMeter  # noqa: E402

PASSWORD = "bench-pass"
FORM = {
    "service_code": "event.exposed_garbage",
    "lat": "37.7793",
    "long": "-122.4193",
    "address_string": "1 Dr Carlton B Goodlett Pl",
    "description": "Bags of garbage on the sidewalk",
    "email": "bench@example.org",
}


# --- servers (each in its own process) ----------------------------------------------------------
def _run_city(db: str, workstations: int, out: Any, stop: Any) -> None:
    from app.domain import events as ev
    from app.domain.model import Agency, Unit
    from app.server import CityServer
    from app.server.auth import make_user_record
    from app.server.http.citizens import CitizenStore

    async def main() -> None:
        keys = CitizenStore(db)
        key = keys.create_key("bench")
        keys.close()
        server = CityServer(
            db, "127.0.0.1", 0, http_port=0, deadline_interval=0, rate=1e6, burst=1e6,
            http_rate=1e9, http_burst=1e9, http_key_rate=1e9, http_key_burst=1e9,
        )  # fmt: skip
        await server.start()
        assert server.store is not None and server.http is not None
        for i in range(workstations):
            rec = make_user_record(f"ws{i}", PASSWORD, "dispatcher", cost=2**10)
            server.store.put_user(rec)
        bodies: list[ev.EventBody] = [
            ev.AgencyUpserted(agency=Agency(id="sanitation", name="Public Works"))
        ]
        bodies += [
            ev.UnitUpserted(unit=Unit(id=f"U{i}", agency="sanitation", type="crew"))
            for i in range(workstations)
        ]
        await server.inject(bodies)
        out.put((server.port, server.http.port, key, time.process_time()))
        while not stop.is_set():
            await asyncio.sleep(0.05)
        out.put((server.proc.commits, time.process_time()))
        await server.stop()

    asyncio.run(main())


def _run_bare(out: Any, stop: Any) -> None:
    async def handle(request: web.Request) -> web.Response:
        form = await request.post()
        return web.json_response([{"service_request_id": "2026-000001", "n": len(form)}])

    async def main() -> None:
        app = web.Application()
        app.router.add_post("/open311/v2/requests.json", handle)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        out.put((0, port, "none", time.process_time()))
        while not stop.is_set():
            await asyncio.sleep(0.05)
        out.put((0, time.process_time()))
        await runner.cleanup()

    asyncio.run(main())


def _run_workstations(ws_port: int, n: int, interval: float, out: Any, stop: Any) -> None:
    """``n`` consoles: signed in, reading every event, each moving its unit every ``interval``."""
    from app.net.client import Connection

    async def desk(i: int, counts: list[int], alive: list[bool]) -> None:
        conn = await Connection.connect(f"ws://127.0.0.1:{ws_port}", f"ws{i}", PASSWORD, f"d{i}")
        reader = asyncio.get_running_loop().create_task(_read(conn, counts, i))
        k = 0
        while not stop.is_set():
            k += 1
            payload = {"unit_id": f"U{i}", "lat": 37.7 + k * 1e-6, "lon": -122.4}
            await conn.send_command("move_unit", payload)
            await asyncio.sleep(interval)
        alive[i] = not conn.closed
        reader.cancel()
        await conn.close()

    async def _read(conn: Any, counts: list[int], i: int) -> None:
        with contextlib.suppress(ConnectionError):
            while True:
                upd = await conn.next_update(3600)
                counts[i] += len(getattr(upd, "events", []))

    async def main() -> None:
        counts, alive = [0] * n, [False] * n
        tasks = [asyncio.get_running_loop().create_task(desk(i, counts, alive)) for i in range(n)]
        out.put("ready")
        await asyncio.gather(*tasks, return_exceptions=True)
        out.put((sum(counts), sum(alive)))

    asyncio.run(main())


# --- the load ---------------------------------------------------------------------------------
async def _load(port: int, key: str, seconds: float, concurrency: int) -> dict[str, float]:
    url = f"http://127.0.0.1:{port}/open311/v2/requests.json"
    lat: list[float] = []
    errors = 0
    form = {**FORM, "api_key": key}
    end = time.perf_counter() + seconds

    async def client(session: aiohttp.ClientSession) -> None:
        nonlocal errors
        while time.perf_counter() < end:
            t0 = time.perf_counter()
            async with session.post(url, data=form) as resp:
                body = await resp.read()
            if resp.status != 200 or b"service_request_id" not in body:
                errors += 1
            lat.append(time.perf_counter() - t0)

    conn = aiohttp.TCPConnector(limit=concurrency)
    async with aiohttp.ClientSession(connector=conn) as session:
        t0 = time.perf_counter()
        await asyncio.gather(*(client(session) for _ in range(concurrency)))
        wall = time.perf_counter() - t0
    lat.sort()

    def pct(p: float) -> float:
        return 1000 * lat[min(len(lat) - 1, int(p * len(lat)))]

    return {
        "n": len(lat),
        "per_s": len(lat) / wall,
        "p50": pct(0.5),
        "p99": pct(0.99),
        "err": errors,
    }


def _phase(
    target: Any, args: tuple[Any, ...], a: argparse.Namespace, desks: bool
) -> dict[str, Any]:
    ctx = mp.get_context("spawn")
    out, stop = ctx.Queue(), ctx.Event()
    proc = ctx.Process(target=target, args=(*args, out, stop))
    proc.start()
    ws_port, http_port, key, cpu0 = out.get(timeout=60)
    ws_proc = None
    ws_out, ws_stop = ctx.Queue(), ctx.Event()
    if desks:
        ws_proc = ctx.Process(
            target=_run_workstations,
            args=(ws_port, a.workstations, a.ws_interval, ws_out, ws_stop),
        )
        ws_proc.start()
        assert ws_out.get(timeout=60) == "ready"
        time.sleep(1.0)  # let them sign in and catch up
    steal = StealMeter()
    result: dict[str, Any] = asyncio.run(_load(http_port, key, a.seconds, a.concurrency))
    result["steal"] = steal.share()
    ws_stop.set()  # the workstations first, so they see the server still up
    if ws_proc is not None:
        result["ws_events"] = ws_out.get(timeout=60)
        ws_proc.join(30)
    stop.set()
    commits, cpu = out.get(timeout=60)
    result["server_cpu_us"] = 1e6 * (cpu - cpu0) / max(1, result["n"])
    result["commits"] = commits
    proc.join(30)
    return result


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--seconds", type=float, default=5.0)
    p.add_argument("--concurrency", type=int, default=16)
    p.add_argument("--workstations", type=int, default=50)
    p.add_argument("--ws-interval", type=float, default=1.0)
    a = p.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        city = _phase(_run_city, (str(Path(tmp) / "city.db"), a.workstations), a, desks=True)
    bare = _phase(_run_bare, (), a, desks=False)

    def line(name: str, r: dict[str, Any]) -> str:
        return (
            f"{name:34} {r['per_s']:8.0f} req/s   p50 {r['p50']:6.1f} ms   p99 {r['p99']:6.1f} ms"
            f"   errors {r['err']}   server CPU {r['server_cpu_us']:.0f} µs/req   steal {r['steal'] or 0:.0%}"
        )

    events, alive = city["ws_events"]
    print(f"{a.concurrency} concurrent HTTP clients, {a.seconds:g} s each")
    print(line(f"CityOps Open311 (+{a.workstations} workstations)", city))
    print(
        f"{'':34} {city['commits']} group commits; the workstations received {events} events, "
        f"{alive} of {a.workstations} still connected at the end"
    )
    print(line("bare aiohttp handler (baseline)", bare))
    print(
        f"ratio: {city['per_s'] / bare['per_s']:.2f}x the baseline's requests/s, "
        f"p99 {city['p99'] / bare['p99']:.1f}x"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
