"""Replay benchmark: open the 14-day SF replay, play it at maximum speed, seek 100 random times.

Baseline in the same run: reading the same events with raw sqlite3 (and decoding them), and
playing straight to each seek target from the start. Builds the replay from ../shared into a temp
folder when it is not given.

    .venv/bin/python bench/replay.py [--replay FILE.replay] [--seeks 100]
"""

from __future__ import annotations

import argparse
import logging
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.domain.events import decode_event  # noqa: E402
from app.domain.state import CityState  # noqa: E402
from app.replay.importer import import_csv  # noqa: E402
from app.replay.player import ReplayPlayer  # noqa: E402

log = logging.getLogger(__name__)

CSV = (
    ROOT.parent
    / "shared"
    / "data"
    / "incidents"
    / "sf_fire_calls_citywide_2020-04-07_to_2020-04-20.csv"
)


def pct(xs: list[float], q: float) -> float:
    s = sorted(xs)
    return s[min(len(s) - 1, round(q / 100 * (len(s) - 1)))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--replay", type=Path)
    ap.add_argument("--seeks", type=int, default=100)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    tmp = tempfile.TemporaryDirectory()
    path = args.replay
    if path is None:
        if not CSV.is_file():
            print(f"need {CSV} (or --replay FILE)", file=sys.stderr)
            return 1
        path = Path(tmp.name) / "sf2020.replay"
        t = time.perf_counter()
        import_csv(CSV, path)
        print(
            f"import 14-day CSV: {time.perf_counter() - t:.1f} s ({path.stat().st_size / 1e6:.1f} MB)"
        )

    # Baseline: the same events read and decoded with raw sqlite3.
    t = time.perf_counter()
    con = sqlite3.connect(path)
    raw = [decode_event(p) for (p,) in con.execute("SELECT payload FROM events ORDER BY seq")]
    con.close()
    raw_s = time.perf_counter() - t
    n = len(raw)
    del raw
    print(
        f"baseline raw sqlite3 read+decode: {n} events in {raw_s:.2f} s = {n / raw_s:,.0f} events/s"
    )

    t = time.perf_counter()
    player = ReplayPlayer(path)
    load_s = time.perf_counter() - t
    print(f"load (open, checkpoint index): {load_s * 1000:.0f} ms")

    # Play at maximum speed: the clock jumps an hour per tick, every event applied to a state.
    t = time.perf_counter()
    st = player.seek(player.start)
    player.set_speed(3600)
    player.play()
    applied = 0
    while not player.at_end:
        batch = player.advance(1.0)
        st.apply_all(batch)
        applied += len(batch)
    play_s = time.perf_counter() - t
    print(
        f"play at max speed (read+decode+apply): {applied} events in {play_s:.2f} s = "
        f"{applied / play_s:,.0f} events/s ({applied / play_s / (n / raw_s):.2f}x the raw read rate)"
    )

    del st  # the console drops its state on a seek: the store takes the new one
    rng = random.Random(args.seed)
    targets = [rng.uniform(player.start, player.end) for _ in range(args.seeks)]
    lat = []
    for tt in targets:
        t = time.perf_counter()
        player.seek(tt)
        lat.append(time.perf_counter() - t)
    p50, p99 = statistics.median(lat) * 1000, pct(lat, 99) * 1000
    print(
        f"seek x{args.seeks}: p50 {p50:.1f} ms, p99 {p99:.1f} ms, max {max(lat) * 1000:.1f} ms "
        f"(target p99 < 200 ms: {'met' if p99 < 200 else 'MISSED'})"
    )

    # Baseline for seeking: play straight from the start to each of 10 targets.
    base = []
    for tt in targets[:10]:
        t = time.perf_counter()
        s = CityState()
        con = sqlite3.connect(path)
        s.apply_all(
            decode_event(p)
            for (p,) in con.execute(
                "SELECT payload FROM events WHERE time <= ? ORDER BY seq", (tt,)
            )
        )
        con.close()
        base.append(time.perf_counter() - t)
    b50 = statistics.median(base) * 1000
    print(
        f"baseline seek by replaying from the start (10 targets): p50 {b50:.0f} ms "
        f"-> checkpoint seek is {b50 / p50:.0f}x faster at p50"
    )
    player.close()
    tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
