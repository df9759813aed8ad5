"""Merged reports: the cost of merging and of closing a master with its reports.

On a city of N open incidents, through the one command runner (decide + apply, as the server's
processor does, without the store): ``merge_reports`` of one report into a master, M times;
baseline in the same run: ``add_note`` on the same incidents (the cheapest incident command
through the same runner). Then closing a master that holds K reports (its reports closed in the
same command) against closing a master that holds none.

    python bench/merge.py [--incidents N] [--merges M] [--reports K]
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import msgspec

from app.domain import commands as c
from app.domain import events as ev
from app.domain.model import (
    Incident,
    IncidentKind,
    Location,
    Role,
    SourceChannel,
    StageClock,
    Status,
    User,
)
from app.domain.runner import CommandRunner
from app.domain.state import CityState

DISP = User(username="dana", display_name="Dana", role=Role.DISPATCHER)
T0 = 1_795_000_000.0
_seq = itertools.count(1)


def city(n: int) -> CityState:
    st = CityState()
    for i in range(n):
        inc = Incident(
            id=f"i{i}",
            number=f"2026-{i:06d}",
            kind=IncidentKind.URBAN,
            category="event.exposed_garbage",
            priority=3,
            status=Status.REGISTERED,
            location=Location(lat=37.76, lon=-122.42),
            source=SourceChannel.CITIZEN if i % 2 else SourceChannel.HOTLINE,
            department="sanitation",
            clocks={"dispatch": StageClock(started=T0, due=T0 + 1800)},
            created_at=T0,
        )
        st.apply(
            ev.Event(seq=next(_seq), time=T0, actor="s", body=ev.IncidentCreated(incident=inc))
        )
    return st


def run(st: CityState, runner: CommandRunner, cmd: msgspec.Struct, t: float) -> None:
    bodies = runner.run(st, DISP, cmd, t)
    st.apply_all(ev.Event(seq=next(_seq), time=t, actor="dana", body=b) for b in bodies)


def per_op(st: CityState, cmds: list[msgspec.Struct]) -> list[float]:
    runner = CommandRunner()
    out = []
    for k, cmd in enumerate(cmds):
        t0 = time.perf_counter()
        run(st, runner, cmd, T0 + k)
        out.append(time.perf_counter() - t0)
    return out


def close_master(st: CityState, master: str) -> float:
    runner = CommandRunner()
    for action, reason in (("dispatch", ""), ("resolve", "done"), ("verify", "")):
        run(st, runner, c.Transition(incident_id=master, action=action, reason=reason), T0 + 10)
    t0 = time.perf_counter()
    run(st, runner, c.Transition(incident_id=master, action="close"), T0 + 20)
    return time.perf_counter() - t0


def us(xs: list[float]) -> str:
    xs = sorted(xs)
    p99 = xs[int(len(xs) * 0.99) - 1] if len(xs) >= 100 else xs[-1]
    return f"median {statistics.median(xs) * 1e6:7.1f} µs, p99 {p99 * 1e6:7.1f} µs"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--incidents", type=int, default=20_000)
    ap.add_argument("--merges", type=int, default=2_000)
    ap.add_argument("--reports", type=int, default=50)
    args = ap.parse_args()
    n, m, k = args.incidents, args.merges, args.reports
    assert 2 * m + k + 2 <= n, "more incidents, please"

    st = city(n)
    notes: list[msgspec.Struct] = [
        c.AddNote(incident_id=f"i{2 * j + 1}", text="caller rang again") for j in range(m)
    ]
    merges: list[msgspec.Struct] = [
        c.MergeReports(master_id=f"i{2 * j}", report_ids=[f"i{2 * j + 1}"]) for j in range(m)
    ]
    base = per_op(st, notes)
    merged = per_op(st, merges)
    ratio = statistics.median(merged) / statistics.median(base)
    print(f"city of {n:,} incidents; {m:,} commands each")
    print(f"add_note (baseline)      {us(base)}")
    print(f"merge_reports (1 report) {us(merged)}")
    print(f"merge / baseline (median): {ratio:.2f}x")

    first = 2 * m
    big, alone = f"i{first}", f"i{first + 1}"
    reports = [f"i{first + 2 + j}" for j in range(k)]
    per_op(st, [c.MergeReports(master_id=big, report_ids=reports)])
    with_reports = close_master(st, big)
    without = close_master(st, alone)
    assert all(st.incidents[r].status == Status.CLOSED for r in reports)
    print(f"close a master with {k} reports: {with_reports * 1e3:6.2f} ms")
    print(f"close a case with no reports:   {without * 1e3:6.2f} ms (baseline)")
    print(f"per report closed with its master: {(with_reports - without) / k * 1e6:.1f} µs")


if __name__ == "__main__":
    main()
