"""Incident queue under load: 100,000 incidents, 1,000 updates/s for 10 s.

Measures the GUI event-loop stall (lateness of a 5 ms probe timer) while the store applies
events and the queue model (sorted and filtered in place) moves rows in a visible table view.
Baseline in the same run: a bare QAbstractTableModel over the same ids, answering only the
number column, fed the same updates with one dataChanged per changed row.

    QT_QPA_PLATFORM=offscreen python bench/queue.py [--incidents N] [--rate R] [--seconds S]
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6 import QtCore, QtWidgets

from app.domain import events as ev
from app.domain.library import default_library
from app.domain.model import (
    Incident,
    IncidentKind,
    Location,
    SourceChannel,
    StageClock,
    Status,
)
from app.domain.state import CityState
from app.store.selection import Selection
from app.store.store import Store
from widgets.queue.queue_view import QueueView


def make_state(n: int, rng: random.Random) -> CityState:
    lib = default_library()
    cats = lib.categories
    state = CityState()
    now = time.time()
    statuses = [
        Status.REPORTED,
        Status.REGISTERED,
        Status.DISPATCHED,
        Status.IN_PROGRESS,
        Status.RESOLVED,
    ]
    for i in range(n):
        cat = cats[i % len(cats)]
        st = statuses[i % len(statuses)]
        created = now - rng.random() * 86400
        inc = Incident(
            id=f"i{i}",
            number=f"2026-{i + 1:06d}",
            kind=IncidentKind(cat.kind),
            category=cat.code,
            priority=1 + i % 4,
            status=st,
            location=Location(
                lat=37.7 + rng.random() * 0.1,
                lon=-122.5 + rng.random() * 0.1,
                address=f"{i} Market St",
                grid_cell=f"G-{i % 20:02d}-{i % 17:02d}",
            ),
            source=SourceChannel.HOTLINE,
            department=cat.department,
            clocks={"handle": StageClock(started=created, due=created + 3600)},
            created_at=created,
            updated_at=created,
        )
        state.incidents[inc.id] = inc
    state.seq = n
    return state


def update_events(n_incidents: int, count: int, rng: random.Random, seq0: int) -> list[ev.Event]:
    """Priority changes (they move rows in a priority-sorted queue) and notes (they do not)."""
    out = []
    for k in range(count):
        iid = f"i{rng.randrange(n_incidents)}"
        if k % 2:
            body: ev.EventBody = ev.IncidentUpdated(
                incident_id=iid, changes=ev.IncidentChanges(priority=1 + rng.randrange(4))
            )
        else:
            body = ev.NoteAdded(
                incident_id=iid, entry=ev.NarrativeEntry(at=time.time(), who="bench", text="update")
            )
        out.append(ev.Event(seq=seq0 + k + 1, time=time.time(), actor="bench", body=body))
    return out


class BareModel(QtCore.QAbstractTableModel):
    """Baseline: ids in insertion order, the number column only, no sort, no filter."""

    def __init__(self, store: Store) -> None:
        super().__init__()
        self._store = store
        self._ids = list(store.state.incidents)
        self._row = {iid: r for r, iid in enumerate(self._ids)}
        store.incidentsChanged.connect(self._changed)

    def rowCount(self, parent: Any = QtCore.QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Any = QtCore.QModelIndex()) -> int:
        return 0 if parent.isValid() else 10

    def data(self, index: Any, role: int = QtCore.Qt.ItemDataRole.DisplayRole) -> Any:
        if role == QtCore.Qt.ItemDataRole.DisplayRole and index.column() == 0:
            return self._store.state.incidents[self._ids[index.row()]].number
        return None

    def _changed(self, ids: list[str]) -> None:
        for iid in ids:
            r = self._row[iid]
            self.dataChanged.emit(self.index(r, 0), self.index(r, 9))


def run(kind: str, app: QtWidgets.QApplication, args: argparse.Namespace) -> dict[str, float]:
    rng = random.Random(42)
    store = Store()
    t0 = time.perf_counter()
    store.replace_state(make_state(args.incidents, rng))
    if kind == "cityops":
        view: QtWidgets.QWidget = QueueView(store, Selection(), default_library())
    else:
        table = QtWidgets.QTableView()
        table.setModel(BareModel(store))
        view = table
    view.resize(1920, 1080)
    view.show()
    app.processEvents()
    load_s = time.perf_counter() - t0
    # As the console does after loading the city: long-lived state leaves the collector's scans.
    gc.collect()
    gc.freeze()
    batch_ms = 10
    total = args.rate * args.seconds
    events = update_events(args.incidents, total, rng, store.state.seq)
    lateness: list[float] = []
    sent = 0
    last = time.perf_counter()
    probe = QtCore.QTimer(interval=5)
    probe.setTimerType(QtCore.Qt.TimerType.PreciseTimer)

    def on_probe() -> None:
        nonlocal last
        now = time.perf_counter()
        lateness.append(max(0.0, (now - last) * 1000 - 5))
        last = now

    feeder = QtCore.QTimer(interval=batch_ms)
    feeder.setTimerType(QtCore.Qt.TimerType.PreciseTimer)
    start = time.perf_counter()

    def on_feed() -> None:
        nonlocal sent
        due = min(total, int((time.perf_counter() - start) * args.rate))
        if due > sent:
            store.apply_events(events[sent:due])
            sent = due

    probe.timeout.connect(on_probe)
    feeder.timeout.connect(on_feed)
    probe.start()
    feeder.start()
    loop = QtCore.QEventLoop()
    QtCore.QTimer.singleShot(args.seconds * 1000, loop.quit)
    loop.exec()
    probe.stop()
    feeder.stop()
    elapsed = time.perf_counter() - start
    view.close()
    gc.unfreeze()
    q = statistics.quantiles(lateness, n=100)
    return {
        "load_s": load_s,
        "updates_per_s": sent / elapsed,
        "stall_p50_ms": statistics.median(lateness),
        "stall_p99_ms": q[98],
        "stall_max_ms": max(lateness),
    }


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--incidents", type=int, default=100_000)
    p.add_argument("--rate", type=int, default=1000)
    p.add_argument("--seconds", type=int, default=10)
    args = p.parse_args()
    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication([])
    assert isinstance(app, QtWidgets.QApplication)
    base = run("bare", app, args)
    ours = run("cityops", app, args)
    print(f"incidents={args.incidents:,} updates={args.rate}/s for {args.seconds}s")
    for name, r in (("baseline bare model", base), ("CityOps queue", ours)):
        print(
            f"{name:22s} load {r['load_s']:.2f} s | delivered {r['updates_per_s']:.0f} upd/s | "
            f"stall p50 {r['stall_p50_ms']:.2f} ms p99 {r['stall_p99_ms']:.2f} ms max {r['stall_max_ms']:.1f} ms"
        )
    ratio = (
        ours["stall_p99_ms"] / base["stall_p99_ms"] if base["stall_p99_ms"] > 0 else float("inf")
    )
    print(f"ratio p99 stall CityOps/baseline = {ratio:.2f}  (target: CityOps p99 < 16 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
