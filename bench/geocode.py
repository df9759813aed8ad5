"""Geocoder accuracy and latency on real calls, and routed ETAs for a city's fleet.

    .venv/bin/python bench/geocode.py [--calls CSV] [--baseline-sample 300] [--units 500]

1. Accuracy: every distinct ``Address`` of the SF Fire calls for service export
   (``sf_fire_calls_citywide_2020-04-07_to_2020-04-20.csv``) geocoded and compared with the
   ``Location`` the city recorded for it: share found, share within 150 m, median and p90 error,
   misses grouped by cause.
2. Latency per query (the same addresses, plus as-you-type prefixes), p50/p99; baseline in the
   same run: a plain linear scan over the same address and intersection rows (normalised names
   compared row by row), on a sample.
3. Routed ETA from U units to one incident (one search on the reversed road graph), p99;
   baseline in the same run: one scipy Dijkstra per unit on the forward graph.
"""

from __future__ import annotations

import argparse
import csv
import logging
import os
import random
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.domain.geo import haversine_m
from app.geo import geoquery
from app.geo.geocode import Geocoder
from app.geo.streetnames import canonical_street
from bench.machine import StealMeter

log = logging.getLogger(__name__)

REPO = Path(__file__).resolve().parent.parent
CALLS_NAME = "sf_fire_calls_citywide_2020-04-07_to_2020-04-20.csv"
# ../shared beside the clone, or beside the worktrees' folder when run from a worktree.
DEFAULT_CALLS = next(
    (
        base / "shared" / "data" / "incidents" / CALLS_NAME
        for base in (REPO.parent, REPO.parent.parent)
        if (base / "shared" / "data" / "incidents" / CALLS_NAME).is_file()
    ),
    REPO.parent / "shared" / "data" / "incidents" / CALLS_NAME,
)
_LOC = re.compile(r"\(\s*(-?\d+\.\d+)\s*,\s*(-?\d+\.\d+)\s*\)")


def pct(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, round(q / 100 * (len(s) - 1)))] if s else float("nan")


def load_calls(path: Path) -> dict[str, tuple[float, float]]:
    """Distinct address -> the position the city recorded (the first row's)."""
    out: dict[str, tuple[float, float]] = {}
    with path.open(newline="") as f:
        for r in csv.DictReader(f):
            addr = r["Address"].strip()
            m = _LOC.search(r.get("Location") or "")
            if addr and m and addr not in out:
                out[addr] = (float(m.group(1)), float(m.group(2)))
    return out


def form(addr: str) -> str:
    q = geoquery.parse(addr)
    if q.block is not None:
        return "block"
    if q.cross is not None:
        return "intersection"
    if q.number is not None:
        return "address"
    return "other"


def bench_accuracy(geo: Geocoder, calls: dict[str, tuple[float, float]]) -> list[str]:
    errors: list[float] = []
    misses: Counter[str] = Counter()
    examples: dict[str, list[str]] = {}
    found = near = 0
    for addr, (lat, lon) in calls.items():
        res = geo.search(addr, limit=1)
        if not res:
            cause = f"not found ({form(addr)})"
            misses[cause] += 1
            examples.setdefault(cause, []).append(addr)
            continue
        found += 1
        err = haversine_m(lat, lon, res[0].lat, res[0].lon)
        errors.append(err)
        if err <= 150.0:
            near += 1
        else:
            cause = f"> 150 m ({form(addr)}, {res[0].match})"
            misses[cause] += 1
            examples.setdefault(cause, []).append(f"{addr} -> {res[0].label} {err:.0f} m")
    n = len(calls)
    print(f"accuracy over {n} distinct addresses of real calls")
    print(f"  found            {found / n:7.1%}  ({found})")
    print(f"  within 150 m     {near / n:7.1%}  ({near})   target >= 97%")
    print(f"  error median     {statistics.median(errors):7.1f} m   p90 {pct(errors, 90):.1f} m")
    print("  misses by cause:")
    for cause, k in misses.most_common():
        print(f"    {k:5d}  {cause}   e.g. {'; '.join(examples[cause][:3])}")
    return list(calls)


class LinearScan:
    """Baseline: the same rows, normalised once, compared one by one per query."""

    def __init__(self, geo: Geocoder) -> None:
        d = geo.data
        names = [canonical_street(n) for n in d.street_names]
        self.addr = [
            (names[int(s)][0], names[int(s)][1], int(n), float(la), float(lo))
            for s, n, la, lo in zip(d.addr_street, d.addr_number, d.addr_lat, d.addr_lon,
                                    strict=True)
        ]  # fmt: skip
        self.xing = [
            ({names[s][0] for s in sids}, float(la), float(lo))
            for sids, la, lo in zip(d.xing_streets, d.xing_lat, d.xing_lon, strict=True)
        ]

    def find(self, text: str) -> tuple[float, float] | None:
        q = geoquery.parse(text)
        if q.cross is not None:
            a, b = canonical_street(q.cross[0])[0], canonical_street(q.cross[1])[0]
            for names, la, lo in self.xing:
                if a in names and b in names:
                    return la, lo
            return None
        number = q.block if q.block is not None else q.number
        if number is None:
            return None
        core, kind, _ = canonical_street(q.street)
        pts = [
            (la, lo)
            for c, k, n, la, lo in self.addr
            if c == core and (not kind or k == kind) and number <= n < number + 100
        ]
        if not pts:
            return None
        return pts[len(pts) // 2]


def bench_latency(geo: Geocoder, queries: list[str], sample: int, rng: random.Random) -> None:
    typed = [q[:k] for q in rng.sample(queries, min(300, len(queries))) for k in (4, 8, 12)]
    work = queries + typed
    geo.search(work[0])  # first call warms caches and imports
    steal = StealMeter()
    lat_ms: list[float] = []
    for q in work:
        t0 = time.perf_counter()
        geo.search(q, limit=8)
        lat_ms.append((time.perf_counter() - t0) * 1000)
    # The same queries again, each timed best of 3: what the code costs without the other
    # processes of a shared machine (load average above the core count) in the tail.
    best_ms = []
    for q in work:
        runs = []
        for _ in range(3):
            t0 = time.perf_counter()
            geo.search(q, limit=8)
            runs.append((time.perf_counter() - t0) * 1000)
        best_ms.append(min(runs))
    kinds = [form(q) for q in queries] + [f"typed {form(q)}" for q in typed]
    scan = LinearScan(geo)
    some = rng.sample(queries, min(sample, len(queries)))
    base_ms: list[float] = []
    for q in some:
        t0 = time.perf_counter()
        scan.find(q)
        base_ms.append((time.perf_counter() - t0) * 1000)
    ours = [lat_ms[queries.index(q)] for q in some]
    print(f"latency over {len(work)} queries ({len(queries)} addresses + {len(typed)} prefixes)")
    print(f"  geocoder         p50 {pct(lat_ms, 50):6.3f} ms   p99 {pct(lat_ms, 99):6.3f} ms"
          f"   max {max(lat_ms):.2f} ms   target p99 < 5 ms")  # fmt: skip
    print(f"  best of 3 each   p50 {pct(best_ms, 50):6.3f} ms   p99 {pct(best_ms, 99):6.3f} ms"
          f"   load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")  # fmt: skip
    print(f"  linear scan      p50 {pct(base_ms, 50):6.3f} ms   p99 {pct(base_ms, 99):6.3f} ms"
          f"   ({len(some)} of the addresses)")  # fmt: skip
    print(f"  ratio (scan / geocoder, same {len(some)} queries, p50) "
          f"{pct(base_ms, 50) / max(pct(ours, 50), 1e-9):.0f}x   {steal.describe()}")  # fmt: skip
    tail_by_kind(work, kinds, best_ms)


def tail_by_kind(work: list[str], kinds: list[str], best_ms: list[float]) -> None:
    """Which kinds of query make the tail: best-of-3 times (what the code costs) per kind of
    query, and the slowest queries themselves."""
    by_kind: dict[str, list[float]] = {}
    for k, ms in zip(kinds, best_ms, strict=True):
        by_kind.setdefault(k, []).append(ms)
    p99 = pct(best_ms, 99)
    print(f"  by kind of query (best of 3; overall p99 {p99:.3f} ms, CPU {sum(best_ms):.0f} ms):")
    for k, v in sorted(by_kind.items()):
        over = sum(1 for x in v if x > p99)
        print(f"    {k:20} n {len(v):5}   p50 {pct(v, 50):6.3f}   p99 {pct(v, 99):6.3f}"
              f"   max {max(v):5.2f} ms   {over:3} above the overall p99")  # fmt: skip
    slowest = sorted(zip(best_ms, kinds, work, strict=True), reverse=True)[:8]
    print("  slowest: " + "; ".join(f"{q!r} ({k}) {ms:.2f} ms" for ms, k, q in slowest))


def bench_route(geo: Geocoder, units: int, rng: random.Random) -> None:
    from app.geo.route import RoadGraph

    t0 = time.perf_counter()
    graph = RoadGraph(geo.data)
    build_s = time.perf_counter() - t0
    d = geo.data
    idx = rng.sample(range(len(d.addr_lat)), units + 50)
    unit_pos = [(float(d.addr_lat[i]), float(d.addr_lon[i])) for i in idx[:units]]
    incidents = [(float(d.addr_lat[i]), float(d.addr_lon[i])) for i in idx[units:]]
    steal = StealMeter()
    ms: list[float] = []
    unreachable = 0
    for lat, lon in incidents:
        t0 = time.perf_counter()
        etas = graph.etas_to(lat, lon, unit_pos)
        ms.append((time.perf_counter() - t0) * 1000)
        unreachable += sum(1 for e in etas if e is None)
    base: list[float] = []
    for lat, lon in incidents[:3]:
        t0 = time.perf_counter()
        graph.etas_to_one_by_one(lat, lon, unit_pos[:50])
        base.append((time.perf_counter() - t0) * 1000 * units / 50)
    print(f"routed ETA, {units} units to one incident ({len(incidents)} incidents); "
          f"graph {graph.n_nodes} nodes / {graph.n_edges} edges built in {build_s * 1000:.0f} ms")  # fmt: skip
    print(f"  one reversed search   p50 {pct(ms, 50):6.2f} ms   p99 {pct(ms, 99):6.2f} ms"
          f"   target p99 < 20 ms; unreachable {unreachable / (units * len(incidents)):.2%}")  # fmt: skip
    print(f"  a search per unit     p50 {pct(base, 50):6.0f} ms (extrapolated from 50 units)"
          f"   ratio {pct(base, 50) / max(pct(ms, 50), 1e-9):.0f}x   {steal.describe()}")  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--calls", type=Path, default=DEFAULT_CALLS)
    ap.add_argument("--baseline-sample", type=int, default=300)
    ap.add_argument("--units", type=int, default=500)
    ap.add_argument("--skip-route", action="store_true")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    rng = random.Random(7)
    t0 = time.perf_counter()
    geo = Geocoder()
    print(f"load {(time.perf_counter() - t0) * 1000:.0f} ms")
    calls = load_calls(args.calls)
    queries = bench_accuracy(geo, calls)
    bench_latency(geo, queries, args.baseline_sample, rng)
    if not args.skip_route:
        bench_route(geo, args.units, rng)
    np.random.seed(0)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
