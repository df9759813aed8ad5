"""Deadline engine and unit recommendation over a city-sized load.

    .venv/bin/python bench/deadlines.py [--incidents 100000] [--units 500] [--queries 500]

1. ``due_time`` (working hours) for N incidents opened at random times over a year with stage
   limits of 30 min .. 3 days, on a fresh calendar (cold per-day cache) and again (warm);
   baseline in the same run: a naive minute-by-minute walk over the same calendar, on a sample.
2. ``assess`` of the N incidents at one instant (the periodic deadline sweep); baseline in the
   same run: the same sweep in wall-clock mode (plain subtraction, no calendar).
3. ``recommend`` with U units, per incident query; baseline in the same run: haversine to every
   unit followed by a full sort.
"""

from __future__ import annotations

import argparse
import logging
import random
import statistics
import sys
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.domain.deadlines import WorkCalendar, assess, due_time, is_working_time
from app.domain.geo import haversine_m
from app.domain.model import Unit, UnitStatus
from app.domain.recommend import recommend

log = logging.getLogger(__name__)

LA = ZoneInfo("America/Los_Angeles")
YEAR_START = datetime(2026, 1, 1, tzinfo=LA).timestamp()
CAPS = ["fire_suppression", "rescue", "ems_als", "ems_bls", "hazmat", "traffic_control"]
TYPES = ["engine", "truck", "medic", "patrol", "battalion", "crew", "sweeper", "inspector"]


def naive_due(cal: WorkCalendar, start: float, minutes: float) -> float:
    """Reference: step one minute at a time, counting the minutes that fall in working time."""
    t = start
    left = minutes
    while left > 0:
        if is_working_time(cal, t):
            left -= 1
        t += 60.0
    return t


def bench_due(rng: random.Random, n: int) -> tuple[list[float], list[float], list[float]]:
    starts = [YEAR_START + rng.random() * 365 * 86400 for _ in range(n)]
    limits = [float(rng.choice([30, 60, 120, 240, 480, 1440, 2880, 4320])) for _ in range(n)]
    cal = WorkCalendar()
    t0 = time.perf_counter()
    dues = [due_time(cal, s, m, True) for s, m in zip(starts, limits, strict=True)]
    cold = time.perf_counter() - t0
    t0 = time.perf_counter()
    again = [due_time(cal, s, m, True) for s, m in zip(starts, limits, strict=True)]
    warm = time.perf_counter() - t0
    assert again == dues
    sample = min(200, n)
    t0 = time.perf_counter()
    for s, m in zip(starts[:sample], limits[:sample], strict=True):
        naive_due(cal, s, m)
    naive = (time.perf_counter() - t0) / sample
    print(f"due_time x{n:,} (working hours): cold {cold * 1e3:.0f} ms, warm {warm * 1e3:.0f} ms")
    print(
        f"  per call warm {warm / n * 1e6:.2f} us; naive minute walk {naive * 1e6:.0f} us "
        f"(sample {sample}) -> {naive / (warm / n):.0f}x faster"
    )
    return starts, limits, dues


def bench_assess(starts: list[float], limits: list[float], dues: list[float]) -> None:
    cal = WorkCalendar()
    now = YEAR_START + 200 * 86400
    n = len(dues)
    runs_w, runs_p = [], []
    for _ in range(3):
        t0 = time.perf_counter()
        levels = [
            assess(cal, d, now, m, True).escalation for d, m in zip(dues, limits, strict=True)
        ]
        runs_w.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        for d, m in zip(dues, limits, strict=True):
            assess(cal, d, now, m, False)
        runs_p.append(time.perf_counter() - t0)
    w, p = min(runs_w), min(runs_p)
    overdue = sum(1 for lv in levels if lv >= 2)
    print(
        f"assess x{n:,}: working hours {w * 1e3:.0f} ms ({w / n * 1e6:.2f} us each), "
        f"wall clock {p * 1e3:.0f} ms -> {w / p:.1f}x the wall-clock sweep ({overdue:,} overdue)"
    )


def _distance_key(lat: float, lon: float) -> Callable[[Unit], float]:
    def key(u: Unit) -> float:
        return haversine_m(lat, lon, u.lat, u.lon)

    return key


def bench_recommend(rng: random.Random, n_units: int, queries: int) -> None:
    now = YEAR_START + 100 * 86400
    units = [
        Unit(
            id=f"U{i}",
            agency=rng.choice(["fire", "police", "medical", "sanitation"]),
            type=rng.choice(TYPES),
            capabilities=rng.sample(CAPS, rng.randint(1, 3)),
            status=rng.choice(list(UnitStatus)),
            lat=rng.uniform(37.70, 37.82),
            lon=rng.uniform(-122.52, -122.35),
            position_time=now - rng.uniform(0, 1800),
            home_station=f"S{i % 40}",
        )
        for i in range(n_units)
    ]
    stations = {
        f"S{i}": (rng.uniform(37.70, 37.82), rng.uniform(-122.52, -122.35)) for i in range(40)
    }
    points = [(rng.uniform(37.70, 37.82), rng.uniform(-122.52, -122.35)) for _ in range(queries)]
    needs = [rng.sample(CAPS, rng.randint(1, 2)) for _ in range(queries)]
    rec_t, base_t = [], []
    for (lat, lon), need in zip(points, needs, strict=True):
        t0 = time.perf_counter()
        recommend(lat, lon, need, units, now, station_positions=stations)
        rec_t.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        sorted(units, key=_distance_key(lat, lon))[:5]
        base_t.append(time.perf_counter() - t0)
    r, b = statistics.median(rec_t), statistics.median(base_t)
    print(
        f"recommend, {n_units} units: median {r * 1e3:.2f} ms per query "
        f"(p99 {sorted(rec_t)[int(0.99 * len(rec_t))] * 1e3:.2f} ms); haversine + sort of all "
        f"units {b * 1e3:.2f} ms -> {r / b:.1f}x"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--incidents", type=int, default=100_000)
    parser.add_argument("--units", type=int, default=500)
    parser.add_argument("--queries", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    starts, limits, dues = bench_due(rng, args.incidents)
    bench_assess(starts, limits, dues)
    bench_recommend(rng, args.units, args.queries)


if __name__ == "__main__":
    main()
