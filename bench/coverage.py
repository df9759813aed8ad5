"""Coverage by road on the demo city: what a recomputation costs, cold and after one unit moved.

    .venv/bin/python bench/coverage.py [--moves 50]

Ours: ``DriveMatrix`` (one scipy call for every source, forward graph with a virtual node per
source, cut off at 8 minutes; rows kept by position) plus ``compute`` (coverage and greedy
move-up advice for every agency). Baseline in the same run: the raw library doing the same
searches, one uncapped scipy Dijkstra per source over the forward graph from its nearest
intersection (no cap, no reuse), reduced to the same cells.
"""

from __future__ import annotations

import argparse
import logging
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import msgspec
import numpy as np
from scipy.sparse.csgraph import dijkstra

from app.city.loader import default_city
from app.evaluation.coverage import DriveMatrix, cell_centre, compute, uniform_demand
from app.geo.placedata import to_metres
from app.geo.route import default_road_graph

log = logging.getLogger(__name__)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--moves", type=int, default=50)
    args = ap.parse_args()
    graph = default_road_graph()
    if graph is None:
        raise SystemExit("no road graph (resources/places missing)")
    city = default_city()
    cells = [(c.id, p) for c in city.grid_cells if (p := cell_centre(c)) is not None]
    ids = [c for c, _p in cells]
    agencies = {a.id: a for a in city.agencies}
    units = list(city.units)
    stations = [(s.lat, s.lon) for a in city.agencies for s in a.stations]
    demand = uniform_demand(ids)

    t0 = time.perf_counter()
    matrix = DriveMatrix(graph, [p for _c, p in cells])
    result = compute(matrix, ids, demand, agencies, units)
    cold = time.perf_counter() - t0
    searched = matrix.searches

    # Baseline: every source (units at their stations, and the stations) searched on its own.
    n = graph.n_nodes
    forward = graph.reversed[:n, :n].T.tocsr()
    arr = np.asarray([p for _c, p in cells])
    _, cell_nodes = graph._snap(to_metres(arr[:, 0], arr[:, 1]), k=1)
    t0 = time.perf_counter()
    for lat, lon in stations * 2:  # as many sources as ours searched (units stand at stations)
        _, node = graph._snap(to_metres(lat, lon)[None, :], k=1)
        times = dijkstra(forward, directed=True, indices=int(node[0]))
        _ = times[cell_nodes]
    base = (time.perf_counter() - t0) * searched / (2 * len(stations))

    rng = random.Random(5)
    moved: list[float] = []
    for _ in range(args.moves):
        i = rng.randrange(len(units))
        u = units[i]
        lat = (u.lat or 37.77) + rng.uniform(-0.004, 0.004)
        lon = (u.lon or -122.42) + rng.uniform(-0.004, 0.004)
        units[i] = msgspec.structs.replace(u, lat=lat, lon=lon, position_time=1.0)
        t0 = time.perf_counter()
        compute(matrix, ids, demand, agencies, units)
        moved.append((time.perf_counter() - t0) * 1e3)
    q = statistics.quantiles(moved, n=100)
    fire = result.get("fire")
    print(
        f"coverage, demo city ({len(ids)} cells, {len(units)} units, {len(stations)} stations, "
        f"graph {graph.n_nodes:,} nodes):\n"
        f"  cold (searches {searched} sources + every agency's coverage and advice): "
        f"{cold * 1e3:.0f} ms\n"
        f"  baseline, one uncapped scipy search per source ({searched}): {base * 1e3:.0f} ms "
        f"(ratio {base / max(cold, 1e-9):.1f}x)\n"
        f"  after one unit moved ({args.moves} moves): p50 {statistics.median(moved):.1f} ms, "
        f"p99 {q[98]:.1f} ms, max {max(moved):.1f} ms\n"
        f"  fire: {fire.share_4 if fire else None} within 4 min, "
        f"{fire.share_8 if fire else None} within 8 min, advice "
        f"{[(a.unit_id, a.station_id) for a in fire.advice] if fire else []}"
    )


if __name__ == "__main__":
    main()
