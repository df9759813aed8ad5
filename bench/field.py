"""Field client benchmark: inspector reports (multipart with a phone-sized photo) per second
through the whole path, against a bare aiohttp handler reading the same form in the same run.

    .venv/bin/python bench/field.py [--reports 200] [--concurrency 8]

The CityOps server runs in this process on its own thread (websocket + HTTP side on one loop);
the client POSTs ``--reports`` reports to /field/api/report from ``--concurrency`` concurrent
aiohttp clients. Each report is a bearer-token check (SQLite), the photo's check and re-encode
(Pillow, in a worker thread), the photo's storage, and a create_incident command through the
processor, durably committed before the answer. The baseline is aiohttp alone: a handler that
reads the same multipart form, photo included, and answers fixed JSON.
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
import io  # noqa: E402
import statistics  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
import uuid  # noqa: E402

import aiohttp  # noqa: E402
from aiohttp import web  # noqa: E402
from PIL import Image  # noqa: E402

from bench.machine import StealMeter  # noqa: E402

PASSWORD = "bench-pass-1"


def photo() -> bytes:
    """A 1280x960 JPEG with some texture (a flat image would compress to nothing)."""
    img = Image.effect_noise((1280, 960), 40).convert("RGB")
    out = io.BytesIO()
    img.save(out, "JPEG", quality=85)
    return out.getvalue()


def form(data: bytes) -> aiohttp.FormData:
    f = aiohttp.FormData()
    for k, v in (
        ("command_id", str(uuid.uuid4())),
        ("category", "event.exposed_garbage"),
        ("lat", "37.7793"),
        ("lon", "-122.4193"),
        ("address", "1 Grove St"),
        ("description", "bags on the kerb"),
    ):
        f.add_field(k, v)
    f.add_field("photo", data, filename="p.jpg", content_type="image/jpeg")
    return f


async def drive(url: str, headers: dict[str, str], n: int, conc: int, data: bytes) -> list[float]:
    lat: list[float] = []
    todo = iter(range(n))
    async with aiohttp.ClientSession() as http:

        async def worker() -> None:
            for _ in todo:
                t = time.perf_counter()
                async with http.post(url, data=form(data), headers=headers) as resp:
                    body = await resp.read()
                    assert resp.status == 200, body[:200]
                lat.append(time.perf_counter() - t)

        await asyncio.gather(*(worker() for _ in range(conc)))
    return lat


async def baseline(n: int, conc: int, data: bytes) -> tuple[float, list[float]]:
    async def handler(request: web.Request) -> web.Response:
        posted = await request.post()
        upload = posted["photo"]
        assert isinstance(upload, web.FileField)
        upload.file.read()
        return web.json_response({"ok": True, "number": "2026-000001"})

    app = web.Application(client_max_size=8 * 1024 * 1024)
    app.router.add_post("/r", handler)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    t = time.perf_counter()
    lat = await drive(f"http://127.0.0.1:{port}/r", {}, n, conc, data)
    wall = time.perf_counter() - t
    await runner.cleanup()
    return wall, lat


def city(n: int, conc: int, data: bytes) -> tuple[float, list[float], int]:
    from app.city import load_city
    from app.domain import events as ev
    from app.server import ServerThread
    from app.server.auth import make_user_record

    with tempfile.TemporaryDirectory() as tmp:
        thread = ServerThread(
            Path(tmp) / "city.db", deadline_interval=0, http_port=0, http_rate=1e9,
            http_burst=1e9, password_cost=0,
        )  # fmt: skip
        thread.start()
        server = thread.server
        assert server is not None and server.http is not None and server.store is not None
        c = load_city()
        grid = ev.GridLoaded(cells=c.grid_cells, spec=c.grid, neighbourhoods=c.neighbourhoods)

        async def seed(s: object) -> None:
            await server.inject([grid])

        thread.call(seed)
        server.store.put_user(make_user_record("insp", PASSWORD, "inspector", "", "", cost=2**10))
        base = f"http://127.0.0.1:{server.http.port}"

        async def go() -> tuple[float, list[float]]:
            async with aiohttp.ClientSession() as http:
                body = {"username": "insp", "password": PASSWORD}
                async with http.post(base + "/field/api/signin", json=body) as resp:
                    token = (await resp.json())["token"]
            headers = {"Authorization": f"Bearer {token}"}
            t = time.perf_counter()
            lat = await drive(base + "/field/api/report", headers, n, conc, data)
            return time.perf_counter() - t, lat

        wall, lat = asyncio.run(go())
        made = sum(1 for i in server.state.incidents.values() if i.source == "inspector")
        thread.stop()
    return wall, lat, made


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--reports", type=int, default=200)
    ap.add_argument("--concurrency", type=int, default=8)
    args = ap.parse_args()
    data = photo()
    steal = StealMeter()
    print(f"photo {len(data) / 1024:.0f} KiB, {args.reports} reports, {args.concurrency} clients")
    wall, lat, made = city(args.reports, args.concurrency, data)
    assert made == args.reports, made
    b_wall, b_lat = asyncio.run(baseline(args.reports, args.concurrency, data))
    rate, b_rate = args.reports / wall, args.reports / b_wall
    for name, r, lt in (("field /report", rate, lat), ("bare aiohttp", b_rate, b_lat)):
        q = statistics.quantiles(lt, n=100)
        print(
            f"{name:14s} {r:8.1f} reports/s  p50 {q[49] * 1e3:7.1f} ms  p99 {q[98] * 1e3:7.1f} ms"
        )
    print(f"ratio: {rate / b_rate:.3f}x the bare handler's rate; {steal.describe()}")


if __name__ == "__main__":
    main()
