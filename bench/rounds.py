"""Rounds benchmark: inspectors' positions and checkpoint ticks decided by the one command
runner and applied by the reducer, against the raw work in the same run.

    .venv/bin/python bench/rounds.py [--inspectors 200] [--fixes 600]

Each inspector sends ``--fixes`` positions a minute apart (more than the 480 the state keeps, so
the bound is exercised) and ticks the 20 checkpoints of its round. The CityOps path is
``CommandRunner.run`` (authorise, the rules in app/domain/rounds.py) plus ``CityState.apply``.
The baseline is the same payloads converted with msgspec and appended to a
``deque(maxlen=480)`` per inspector (positions), or a haversine check and a dict insert (ticks):
what the feature does with no rules, no events and no copy-on-write records. Also printed: the
size of one inspector's record with a full track (what the server's store rewrites per fix).
"""

from __future__ import annotations

import sys
from pathlib import Path

_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]
sys.path.insert(0, str(_HERE.parent))

import argparse  # noqa: E402
import collections  # noqa: E402
import itertools  # noqa: E402
import time  # noqa: E402

import msgspec  # noqa: E402

from app.domain import events as ev  # noqa: E402
from app.domain import rounds as r  # noqa: E402
from app.domain.geo import haversine_m  # noqa: E402
from app.domain.model import Role, User  # noqa: E402
from app.domain.runner import CommandRunner  # noqa: E402
from app.domain.state import CityState  # noqa: E402

T0 = 1_795_000_000.0  # 03:06 local: a day's fixes stay on one local date
SUP = User(username="sam", display_name="Sam", role=Role.SUPERVISOR)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--inspectors", type=int, default=200)
    ap.add_argument("--fixes", type=int, default=600)
    args = ap.parse_args()
    users = [
        User(username=f"i{n}", display_name=f"I {n}", role=Role.INSPECTOR, agency="C1")
        for n in range(args.inspectors)
    ]
    payloads = [
        {"lat": 37.77 + k * 1e-5, "lon": -122.42, "at": T0 + 60 * k, "accuracy_m": 8.0}
        for k in range(args.fixes)
    ]
    st = CityState()
    runner = CommandRunner()
    seq = itertools.count(1)
    end = T0 + 60 * args.fixes
    t = time.perf_counter()
    for k, payload in enumerate(payloads):
        for u in users:
            cmd = msgspec.convert(payload, r.ReportPosition)
            for b in runner.run(st, u, cmd, T0 + 60 * k):
                st.apply(ev.Event(seq=next(seq), time=T0 + 60 * k, actor=u.username, body=b))
    ours = time.perf_counter() - t
    t = time.perf_counter()
    tracks: dict[str, collections.deque[tuple[float, float, float]]] = {
        u.username: collections.deque(maxlen=r.MAX_TRACK) for u in users
    }
    for payload in payloads:
        for u in users:
            fix = msgspec.convert(payload, r.ReportPosition)
            tracks[u.username].append((fix.at, fix.lat, fix.lon))
    base = time.perf_counter() - t
    n = args.inspectors * args.fixes
    assert all(len(s.track) == r.MAX_TRACK for s in st.inspectors.values())
    size = len(msgspec.json.encode(next(iter(st.inspectors.values()))))
    print(f"positions: {n} fixes, {n / ours:,.0f}/s through the runner and reducer; "
          f"baseline {n / base:,.0f}/s; ratio {ours / base:.1f}x")  # fmt: skip
    print(f"one inspector's record with a full track ({r.MAX_TRACK} fixes): {size:,} bytes")
    day = r.local_day(st.rules(), end)
    cps = [
        r.Checkpoint(id=f"c{k}", name=f"Checkpoint {k}", lat=37.77 + k * 1e-3, lon=-122.42)
        for k in range(20)
    ]
    for u in users:
        for b in runner.run(
            st, SUP, r.SetRound(inspector=u.username, day=day, checkpoints=cps), end
        ):
            st.apply(ev.Event(seq=next(seq), time=end, actor="sam", body=b))
    t = time.perf_counter()
    for u in users:
        for cp in cps:
            tick = r.TickCheckpoint(inspector=u.username, day=day, checkpoint_id=cp.id,
                                   lat=cp.lat + 1e-4, lon=cp.lon, at=end)  # fmt: skip
            for b in runner.run(st, u, tick, end):
                st.apply(ev.Event(seq=next(seq), time=end, actor=u.username, body=b))
    ours = time.perf_counter() - t
    t = time.perf_counter()
    ticks: dict[tuple[str, str], float] = {}
    for u in users:
        for cp in cps:
            d = haversine_m(cp.lat + 1e-4, cp.lon, cp.lat, cp.lon)
            if d <= cp.radius_m:
                ticks[(u.username, cp.id)] = d
    base = time.perf_counter() - t
    m = len(users) * len(cps)
    assert all(rnd.progress() == (20, 20) for rnd in st.rounds.values())
    print(f"ticks: {m} ticks, {m / ours:,.0f}/s through the runner and reducer; "
          f"baseline {m / base:,.0f}/s; ratio {ours / base:.1f}x")  # fmt: skip


if __name__ == "__main__":
    main()
