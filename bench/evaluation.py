"""Evaluation indicators over a city-sized record, and the forecast's skill.

    .venv/bin/python bench/evaluation.py [--incidents 100000] [--updates 2000] [--no-forecast]

1. Synthetic events of the domain's own types (about ten per incident: created, registered,
   unit assigned, dispatched, unit en route, on scene, a note, resolved, verified, closed; some
   cases stay open, some are reworked or extended) fed through the reducer alone (the baseline)
   and through the reducer plus the evaluation tracker: the cost of keeping the indicators.
2. Full recompute of every indicator from the state (``EvaluationTracker.rebuild``), against the
   incremental update per event on the loaded record (p50 / p99 / max; target < 2 ms).
3. Reading the indicators (overall and the breakdowns a dashboard repaint reads).
4. With ../shared present: the forecast backtest on the real SF 2020 fortnight against both
   baselines (mean absolute error per cell-day, share of real cases in the top-10% cells).
"""

from __future__ import annotations

import argparse
import gc
import logging
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.domain import events as ev
from app.domain.library import default_library
from app.domain.model import (
    Incident,
    Location,
    NarrativeEntry,
    SourceChannel,
    StageClock,
    Status,
    Unit,
    UnitStatus,
)
from app.domain.state import CityState
from app.evaluation.tracker import EvaluationTracker

log = logging.getLogger(__name__)

T0 = 1_767_225_600.0  # 2026-01-01 UTC
SOURCES = list(SourceChannel)
STEPS = [
    ("register", Status.REPORTED, Status.REGISTERED, "register"),
    ("dispatch", Status.REGISTERED, Status.DISPATCHED, "dispatch"),
    ("start", Status.DISPATCHED, Status.IN_PROGRESS, ""),
    ("resolve", Status.IN_PROGRESS, Status.RESOLVED, "handle"),
    ("verify", Status.RESOLVED, Status.VERIFIED, "verify"),
    ("close", Status.VERIFIED, Status.CLOSED, ""),
]


def incident_events(rng: random.Random, n: int, units: list[str]) -> Iterator[ev.Event]:
    """About ten events per incident, incidents spread over a year (in order of creation)."""
    cats = default_library().categories
    for i in range(n):
        t = T0 + i * (365 * 86400 / n)
        cat = rng.choice(cats)
        iid = f"b-{i}"
        inc = Incident(
            id=iid,
            number=f"2026-{i:06d}",
            kind=cat.kind,
            category=cat.code,
            priority=rng.randint(1, 4),
            status=Status.REPORTED,
            location=Location(
                lat=37.7 + rng.random() * 0.1,
                lon=-122.5 + rng.random() * 0.1,
                grid_cell=f"G-{rng.randrange(28):02d}-{rng.randrange(28):02d}",
                neighbourhood=f"N{rng.randrange(41)}",
            ),
            source=rng.choice(SOURCES),
            department=cat.department,
            created_at=t,
            clocks={"register": StageClock(started=t, due=t + 600)},
        )
        yield ev.Event(seq=0, time=t, actor="calltaker", body=ev.IncidentCreated(incident=inc))
        clocks = dict(inc.clocks)
        last = 6 if rng.random() < 0.9 else rng.randint(1, 5)  # 10% still open
        unit = rng.choice(units)
        for k, (action, a, b, stage) in enumerate(STEPS[:last]):
            t += rng.expovariate(1 / (90 if k < 2 else 1200))
            if stage:
                old = clocks.get(stage, StageClock(started=t - 300, due=t + 600))
                clocks[stage] = StageClock(started=old.started, due=old.due, done=t)
            nxt = {"register": "dispatch", "dispatch": "handle", "resolve": "verify"}.get(action)
            if nxt:
                clocks[nxt] = StageClock(started=t, due=t + rng.choice([600, 3600, 86400]))
            if action == "dispatch":
                yield ev.Event(
                    seq=0,
                    time=t,
                    actor="dana",
                    body=ev.UnitAssigned(incident_id=iid, unit_id=unit),
                )
            body = ev.IncidentTransitioned(
                incident_id=iid,
                action=action,
                from_status=a,
                to_status=b,
                clocks=dict(clocks),
                rework_count=1 if rng.random() < 0.03 else 0,
            )
            yield ev.Event(seq=0, time=t, actor="dana", body=body)
            if action == "dispatch":
                yield ev.Event(
                    seq=0,
                    time=t + 30,
                    actor="dana",
                    body=ev.UnitStatusChanged(
                        unit_id=unit, status=UnitStatus.EN_ROUTE, incident_id=iid
                    ),
                )
            if action == "start":
                note = NarrativeEntry(at=t, who="dana", text="on scene, working")
                yield ev.Event(
                    seq=0, time=t, actor="dana", body=ev.NoteAdded(incident_id=iid, entry=note)
                )


def reference_events(n_units: int) -> tuple[list[ev.Event], list[str]]:
    units = [f"U{i}" for i in range(n_units)]
    bodies = [ev.UnitUpserted(unit=Unit(id=u, agency="fire", type="engine")) for u in units]
    return [ev.Event(seq=0, time=T0, actor="system", body=b) for b in bodies], units


def pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(q / 100 * len(xs)))]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--incidents", type=int, default=100_000)
    ap.add_argument("--updates", type=int, default=2000)
    ap.add_argument("--no-forecast", action="store_true")
    ap.add_argument("--no-dashboard", action="store_true")
    ap.add_argument("--only-forecast", action="store_true")
    ap.add_argument("--only-dashboard", action="store_true")
    ap.add_argument(
        "--shared",
        type=Path,
        default=Path(__file__).resolve().parent.parent.parent / "shared",
        help="the real-data folder (default: ../shared beside the repository)",
    )
    args = ap.parse_args()
    if args.only_forecast:
        forecast_skill(args.shared)
        return
    rng = random.Random(17)
    ref, units = reference_events(500)
    print(f"generating events for {args.incidents:,} incidents ...", flush=True)
    events = ref + list(incident_events(rng, args.incidents, units))
    n = len(events)
    print(f"{n:,} events ({n / args.incidents:.1f} per incident)")
    # The generated events are held for both passes: keep the cyclic collector from walking them
    # again and again (the console freezes what it loaded the same way).
    gc.collect()
    gc.freeze()

    # 1. the reducer alone (baseline) vs the reducer plus the tracker
    st = CityState()
    t0 = time.perf_counter()
    for e in events:
        st.apply(e)
    base = time.perf_counter() - t0
    if args.only_dashboard:
        del events
        gc.collect()
        gc.freeze()
        done = [i for i, inc in st.incidents.items() if inc.status == Status.CLOSED]
        dashboard_repaint(st, done, T0 + 366 * 86400.0)
        return
    tracker = EvaluationTracker()
    t0 = time.perf_counter()
    for e in events:
        tracker.apply(e)
    full = time.perf_counter() - t0
    print(
        f"replay, reducer only (baseline): {base:.1f} s ({n / base:,.0f} events/s)\n"
        f"replay, reducer + tracker:       {full:.1f} s ({n / full:,.0f} events/s) "
        f"-> tracker adds {(full - base) / n * 1e6:.1f} µs per event ({full / base:.2f}x)"
    )

    # 2. full recompute from the state vs incremental per event. As the console does after
    # loading (widgets/console/launcher.py), the loaded record is moved out of the collector's
    # reach, so a cyclic collection over a million objects does not land inside one update.
    del events, st
    gc.collect()
    gc.freeze()
    now = T0 + 366 * 86400.0
    t0 = time.perf_counter()
    tracker.rebuild()
    rebuild = time.perf_counter() - t0
    # The console freezes what it built at start, the tracker's case records included.
    gc.collect()
    gc.freeze()
    ids = [i for i, inc in tracker.state.incidents.items() if inc.is_open()]
    closed = [i for i, inc in tracker.state.incidents.items() if inc.status == Status.CLOSED]
    lat: list[float] = []
    t = now
    for k in range(args.updates):
        t += 1.0
        if k % 2 and ids:
            iid = ids[k % len(ids)]
            inc = tracker.state.incidents[iid]
            body: ev.EventBody = ev.IncidentUpdated(
                incident_id=iid, changes=ev.IncidentChanges(priority=1 + k % 4)
            )
        else:
            iid = closed[k % len(closed)]
            inc = tracker.state.incidents[iid]
            body = ev.IncidentTransitioned(
                incident_id=iid,
                action="reopen",
                from_status=inc.status,
                to_status=Status.DISPATCHED,
                clocks=dict(inc.clocks),
                rework_count=inc.rework_count + 1,
            )
        e = ev.Event(seq=0, time=t, actor="sam", body=body)
        t0 = time.perf_counter()
        tracker.apply(e)
        lat.append(time.perf_counter() - t0)
    p50, p99, mx = (statistics.median(lat), pct(lat, 99), max(lat))
    print(
        f"full recompute of every indicator ({len(tracker.state.incidents):,} incidents): "
        f"{rebuild * 1e3:,.0f} ms\n"
        f"incremental update per event ({args.updates:,} events that change the figures): "
        f"p50 {p50 * 1e3:.3f} ms, p99 {p99 * 1e3:.3f} ms, max {mx * 1e3:.2f} ms "
        f"(target < 2 ms) -> {rebuild / p50:,.0f}x faster than recomputing"
    )
    check = EvaluationTracker(tracker.state)
    check.rebuild()
    same = check.breakdown("department", now) == tracker.breakdown("department", now)
    print(f"incremental figures equal a recount from scratch: {same}")

    # 3. reading: what a dashboard repaint asks for
    t0 = time.perf_counter()
    overdue = tracker.overdue_ids(now)
    tracker.overall(now, overdue)
    for dim in ("department", "priority", "source", "emergency_priority", "day"):
        tracker.breakdown(dim, now, overdue)
    read1 = time.perf_counter() - t0
    t0 = time.perf_counter()
    cells = tracker.breakdown("cell", now, overdue)
    read2 = time.perf_counter() - t0
    print(
        f"read overall + 5 breakdowns: {read1 * 1e3:.1f} ms; "
        f"by grid cell ({len(cells)} cells): {read2 * 1e3:.1f} ms"
    )

    if not args.no_dashboard:
        dashboard_repaint(tracker.state, closed, now)
    if not args.no_forecast:
        forecast_skill(args.shared)


def dashboard_repaint(state: CityState, closed: list[str], now: float, seconds: int = 10) -> None:
    """GUI stall (lateness of a 5 ms probe timer, as bench/queue.py) while 100 events a second
    reach the store, with the dashboard open (it repaints every 2 s) and, as the baseline in the
    same run, without it (the store alone)."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6 import QtCore, QtWidgets

    from app.store.selection import Selection
    from app.store.store import Store
    from widgets.evaluation.dashboard import EvaluationDashboard
    from widgets.theme import apply_theme

    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication([])
    assert isinstance(app, QtWidgets.QApplication)
    apply_theme(app)
    clock = [now]
    store = Store(clock=lambda: clock[0])
    store.replace_state(state)
    k = [0]

    def feed() -> None:
        iid = closed[(k[0] * 7919) % len(closed)]
        k[0] += 1
        inc = state.incidents[iid]
        clock[0] += 0.01
        body = ev.IncidentTransitioned(
            incident_id=iid,
            action="reopen",
            from_status=inc.status,
            to_status=Status.DISPATCHED,
            clocks=dict(inc.clocks),
            rework_count=inc.rework_count + 1,
        )
        store.apply_events([ev.Event(seq=0, time=clock[0], actor="sam", body=body)])

    def run() -> tuple[float, float, float]:
        lateness: list[float] = []
        last = [time.perf_counter()]

        def on_probe() -> None:
            t = time.perf_counter()
            lateness.append(max(0.0, (t - last[0]) * 1000 - 5))
            last[0] = t

        probe = QtCore.QTimer(interval=5)
        probe.setTimerType(QtCore.Qt.TimerType.PreciseTimer)
        probe.timeout.connect(on_probe)
        feeder = QtCore.QTimer(interval=10)
        feeder.setTimerType(QtCore.Qt.TimerType.PreciseTimer)
        feeder.timeout.connect(feed)
        probe.start()
        feeder.start()
        loop = QtCore.QEventLoop()
        QtCore.QTimer.singleShot(seconds * 1000, loop.quit)
        loop.exec()
        probe.stop()
        feeder.stop()
        q = statistics.quantiles(lateness, n=100)
        return statistics.median(lateness), q[98], max(lateness)

    base = run()
    t0 = time.perf_counter()
    dash = EvaluationDashboard(store, Selection())
    build = time.perf_counter() - t0
    dash.resize(1920, 1080)
    dash.show()
    app.processEvents()
    # As the console does once its window is built (widgets/console/launcher.py).
    gc.collect()
    gc.freeze()
    t0 = time.perf_counter()
    dash.refresh()
    app.processEvents()
    one = time.perf_counter() - t0
    ours = run()
    print(
        f"dashboard, 100 events/s for {seconds} s ({len(state.incidents):,} incidents; opening "
        f"it with its full count {build:.1f} s; one whole repaint {one * 1e3:.0f} ms):\n"
        f"  GUI stall with the dashboard: p50 {ours[0]:.2f} ms, p99 {ours[1]:.2f} ms, "
        f"max {ours[2]:.0f} ms (target p99 < 16 ms)\n"
        f"  baseline, the store alone:    p50 {base[0]:.2f} ms, p99 {base[1]:.2f} ms, "
        f"max {base[2]:.0f} ms"
    )
    dash.close()


def forecast_skill(shared: Path) -> None:
    csv_path = shared / "data/incidents/sf_fire_calls_citywide_2020-04-07_to_2020-04-20.csv"
    if not csv_path.is_file():
        print(f"forecast skill: skipped ({csv_path} absent)")
        return
    from app.evaluation.forecast import backtest_replay
    from app.replay.importer import import_csv

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "sf2020.replay"
        import_csv(csv_path, out)
        t0 = time.perf_counter()
        res = backtest_replay(out)
        took = time.perf_counter() - t0
    print(
        f"forecast backtest, SF 2020 ({res['cases']:,} calls, {res['cells']} cells, "
        f"{len(res['groups'])} groups; {took:.2f} s)"
    )
    for scope in ("same_days", "all_days"):
        label = (
            f"days {res['same_days']['forecast_days'][0]}..{res['same_days']['forecast_days'][-1]}"
            if scope == "same_days"
            else "every day from the second"
        )
        print(f"  {label}:")
        for m, s in res[scope].items():
            if isinstance(s, dict):
                print(
                    f"    {m:24s} MAE/cell-day {s['mae_cell']:.4f}  MAE/cell-group-day "
                    f"{s['mae_cell_group']:.4f}  RMSE/cell-day {s['rmse_cell']:.3f}  "
                    f"top-10% cells hold {100 * s['top10_share']:.1f}% of calls"
                )


if __name__ == "__main__":
    main()
