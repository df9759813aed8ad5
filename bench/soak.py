"""Soak: ``--workstations`` consoles (100) on one server while ``--rate`` events/s (500) are
committed, for ``--seconds`` (600 by default: the operations-centre target; shorter for a quick
check). Prints what the server's memory does over the run, against a bare websockets broadcast
server doing the same traffic in the same run (the raw library's floor).

    .venv/bin/python bench/soak.py [--seconds 600] [--workstations 100] [--rate 500]

Every workstation receives every event (as consoles do); ``--publishers`` of them (10) also send
the commands (move_unit, one event each, paced so the total is ``--rate``/s). Figures:

* events/s committed and acknowledged, ack p50 / p99;
* delivery p50 / p99 (commit request -> received, measured on ``--probes`` workstations) and
  events lost (every workstation must receive every event once);
* the server's resident memory (RSS) sampled every ``--sample`` s: after the warm-up (the first
  fifth of the run), at the end, its peak and its slope in MB/min over the samples after warm-up
  (flat memory: a slope near 0); CPU cores used by the server.

The baseline server (bench/server.py's ``_run_bare_server``) acks and broadcasts each command
without deciding, storing or filtering it: its memory slope is what the Python process, the
websockets library and the allocator do on their own under the same traffic.
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
import functools  # noqa: E402
import logging  # noqa: E402
import multiprocessing as mp  # noqa: E402
import os  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from typing import Any  # noqa: E402

from websockets.exceptions import ConnectionClosed  # noqa: E402

from bench.server import (  # noqa: E402
    UNITS,
    _Client,
    _cpu,
    _events,
    _pct,
    _prepare_db,
    _run_bare_server,
    _run_city_server,
)

log = logging.getLogger(__name__)
MB = 1024 * 1024


class _Workstation(_Client):
    """Counts every event it receives (cheaply); probes also time them."""

    def __init__(self, ws: Any) -> None:
        self.received = 0
        self.probe_lat: list[float] | None = None
        self.sent: dict[int, float] = {}
        super().__init__(ws)

    async def _read(self) -> None:
        ws = self.ws
        while True:
            try:
                raw = await ws.recv(decode=False)
            except ConnectionClosed:
                return
            now = time.perf_counter()
            if raw.startswith(b'{"msg":"ack"'):
                ack = raw[raw.index(b'"id":"') + 6 :]
                fut = self.waiting.pop(ack[: ack.index(b'"')].decode(), None)
                if fut is not None:
                    fut.set_result(now)
            elif raw.startswith(b'{"msg":"events"'):
                self.received += raw.count(b'"seq":')
                if self.probe_lat is not None:
                    for e in _events.decode(raw).events:
                        t = self.sent.get(round((e.body.lat - 37.0) * 1e6))
                        if t is not None:
                            self.probe_lat.append(now - t)


async def _soak(port: int, args: dict[str, Any]) -> dict[str, Any]:
    n_ws, n_pub = args["workstations"], args["publishers"]
    stations: list[_Workstation] = []
    for k in range(n_ws):
        station = await _Workstation.open(port, "bench" if k < n_pub else "watch")
        assert isinstance(station, _Workstation)
        stations.append(station)
    sent: dict[int, float] = {}
    for probe in stations[n_pub : n_pub + args["probes"]]:
        probe.probe_lat, probe.sent = [], sent
    base = [s.received for s in stations]
    acks: list[float] = []
    per_pub = args["rate"] / n_pub
    end = time.perf_counter() + args["seconds"]
    counter = 0

    async def publish(k: int, pub: _Workstation) -> None:
        nonlocal counter
        t0 = time.perf_counter()
        inflight: set[asyncio.Task[float]] = set()
        i = 0
        while True:
            due = t0 + i / per_pub
            if due >= end:
                break
            wait = due - time.perf_counter()
            if wait > 0:
                await asyncio.sleep(wait)
            key = counter
            counter += 1
            t = time.perf_counter()
            sent[key] = t
            task = asyncio.create_task(pub.command(f"U{(k * 7 + i) % UNITS}", 37.0 + key * 1e-6))
            task.add_done_callback(functools.partial(_acked, sent=t, acks=acks))
            inflight.add(task)
            task.add_done_callback(inflight.discard)
            i += 1
        if inflight:
            await asyncio.wait(inflight, timeout=30)

    async def heartbeat(station: _Workstation) -> None:
        # Consoles ping every few seconds; a silent one is closed by the server after 60 s.
        while True:
            await asyncio.sleep(5.0)
            try:
                await station.ws.send(f'{{"msg":"ping","t":{time.monotonic()}}}')
            except ConnectionClosed:
                return

    beats = [asyncio.create_task(heartbeat(s)) for s in stations]
    t_start = time.perf_counter()
    await asyncio.gather(*(publish(k, s) for k, s in enumerate(stations[:n_pub])))
    span = time.perf_counter() - t_start
    expected = counter * n_ws
    deadline = time.perf_counter() + 30
    while time.perf_counter() < deadline:  # the last events on their way
        got = sum(s.received - b for s, b in zip(stations, base, strict=True))
        if got >= expected:
            break
        await asyncio.sleep(0.1)
    got = sum(s.received - b for s, b in zip(stations, base, strict=True))
    lat = [x for s in stations if s.probe_lat is not None for x in s.probe_lat]
    closed = sum(s.ws.close_code is not None for s in stations)
    for beat in beats:
        beat.cancel()
    for s in stations:
        await s.close()
    return {
        "events": counter,
        "events_per_s": len(acks) / span,
        "ack_p50": _pct(acks, 0.5) * 1e3,
        "ack_p99": _pct(acks, 0.99) * 1e3,
        "lat_p50": _pct(lat, 0.5) * 1e3,
        "lat_p99": _pct(lat, 0.99) * 1e3,
        "lost": expected - got,
        "closed": closed,
    }


def _acked(fut: asyncio.Task[float], sent: float, acks: list[float]) -> None:
    if not fut.cancelled() and fut.exception() is None:
        acks.append(fut.result() - sent)


def _run_clients(port: int, args: dict[str, Any], out: Any) -> None:
    out.put(asyncio.run(_soak(port, args)))


def _rss(pid: int) -> int:
    return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def _slope(samples: list[tuple[float, int]]) -> float:
    """Least-squares slope of RSS over time, in MB per minute."""
    if len(samples) < 2:
        return float("nan")
    ts = [t for t, _ in samples]
    ys = [r / MB for _, r in samples]
    mt, my = sum(ts) / len(ts), sum(ys) / len(ys)
    var = sum((t - mt) ** 2 for t in ts)
    return 60 * sum((t - mt) * (y - my) for t, y in zip(ts, ys, strict=True)) / var if var else 0.0


def _measure(kind: str, db: Path, args: dict[str, Any]) -> dict[str, Any]:
    ctx = mp.get_context("spawn")
    ports, stop, out = ctx.Queue(), ctx.Event(), ctx.Queue()
    if kind == "city":
        server = ctx.Process(target=_run_city_server, args=(str(db), ports, stop, {}))
    else:
        server = ctx.Process(target=_run_bare_server, args=(ports, stop))
    server.start()
    port = ports.get(timeout=60)
    assert server.pid is not None
    clients = ctx.Process(target=_run_clients, args=(port, args, out))
    clients.start()
    t0, cpu0 = time.perf_counter(), _cpu(server.pid)
    samples: list[tuple[float, int]] = []
    res: dict[str, Any] | None = None
    while res is None:
        samples.append((time.perf_counter() - t0, _rss(server.pid)))
        try:
            res = out.get(timeout=args["sample"])
        except Exception:  # queue.Empty: sample again
            res = None
    wall = time.perf_counter() - t0
    res["server_cpu"] = (_cpu(server.pid) - cpu0) / wall
    clients.join()
    stop.set()
    ports.get(timeout=60)
    server.join()
    warm = args["seconds"] / 5
    steady = [(t, r) for t, r in samples if warm <= t <= args["seconds"]] or samples
    res["rss_warm"] = steady[0][1] / MB
    res["rss_end"] = steady[-1][1] / MB
    res["rss_peak"] = max(r for _, r in samples) / MB
    res["slope"] = _slope(steady)
    res["db_mb"] = sum(p.stat().st_size for p in db.parent.glob(db.name + "*")) / MB
    return res


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--seconds", type=float, default=600.0, help="length of each run")
    p.add_argument("--workstations", type=int, default=100)
    p.add_argument("--publishers", type=int, default=10)
    p.add_argument("--probes", type=int, default=5, help="workstations that time deliveries")
    p.add_argument("--rate", type=float, default=500.0, help="events/s committed")
    p.add_argument("--sample", type=float, default=5.0, help="seconds between RSS samples")
    p.add_argument("--no-baseline", action="store_true")
    args = vars(p.parse_args())
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "soak.db"
        _prepare_db(db)
        city = _measure("city", db, args)
        bare = None if args["no_baseline"] else _measure("bare", Path(tmp) / "none.db", args)
    print(f"Soak: {args['workstations']} workstations, {args['rate']:g} events/s target, "
          f"{args['seconds']:g} s per run (load average before: {load:.1f})")  # fmt: skip
    rows = [
        ("events committed/s", "events_per_s", "{:8.0f}"),
        ("ack p50 ms", "ack_p50", "{:8.1f}"),
        ("ack p99 ms", "ack_p99", "{:8.1f}"),
        ("delivery p50 ms", "lat_p50", "{:8.1f}"),
        ("delivery p99 ms", "lat_p99", "{:8.1f}"),
        ("events lost", "lost", "{:8d}"),
        ("workstations closed", "closed", "{:8d}"),
        ("server CPU (cores)", "server_cpu", "{:8.2f}"),
        ("RSS after warm-up MB", "rss_warm", "{:8.1f}"),
        ("RSS at end MB", "rss_end", "{:8.1f}"),
        ("RSS peak MB", "rss_peak", "{:8.1f}"),
        ("RSS slope MB/min", "slope", "{:8.2f}"),
    ]
    print(f"{'':24}{'CityOps':>10}{'baseline':>12}")
    for title, key, fmt in rows:
        b = fmt.format(bare[key]) if bare else "-"
        print(f"{title:24}{fmt.format(city[key]):>10}{b:>12}")
    print(f"{'database MB':24}{city['db_mb']:10.1f}")
    if bare:
        print(f"ratio server CPU CityOps / baseline: {city['server_cpu'] / bare['server_cpu']:.2f}; "
              f"RSS slope difference: {city['slope'] - bare['slope']:+.2f} MB/min")  # fmt: skip


if __name__ == "__main__":
    main()
