"""Console panels: duplicate search while a call is typed, and the detail panel's refresh.

1. ``find_duplicates`` over N open incidents (bounding-box pre-filter, then haversine), per
   query; baseline in the same run: haversine to every incident of the category, then sort.
2. ``IncidentDetail.refresh`` for an incident with a long narrative after one note is added;
   baseline in the same run: the store applying that one NoteAdded event.

    QT_QPA_PLATFORM=offscreen python bench/panels.py [--incidents N] [--queries Q]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6 import QtWidgets

from app.console.duplicates import DUPLICATE_RADIUS_M, find_duplicates
from app.domain import events as ev
from app.domain.geo import haversine_m
from app.domain.library import default_library
from app.domain.model import NarrativeEntry
from app.store.selection import Selection
from tests.panels.scene import T0, LocalGateway, make_store, seed_incident
from widgets.detail.detail_panel import IncidentDetail

CATS = ["fire.structure", "fire.vehicle", "fire.outside", "fire.alarm"]


def naive(state, category: str, lat: float, lon: float) -> list[tuple[float, str]]:  # type: ignore[no-untyped-def]
    out = []
    for inc in state.incidents.values():
        if inc.category == category and inc.is_open():
            d = haversine_m(lat, lon, inc.location.lat, inc.location.lon)
            if d <= DUPLICATE_RADIUS_M:
                out.append((d, inc.id))
    out.sort()
    return out


def bench_duplicates(n: int, queries: int) -> None:
    rnd = random.Random(7)
    store = make_store()
    for i in range(n):
        seed_incident(
            store,
            incident_id=f"i{i}",
            number=f"2026-{i + 1:06d}",
            category=rnd.choice(CATS),
            lat=rnd.uniform(37.71, 37.81),
            lon=rnd.uniform(-122.51, -122.36),
        )
    pts = [(rnd.uniform(37.71, 37.81), rnd.uniform(-122.51, -122.36)) for _ in range(queries)]
    fast, slow = [], []
    for lat, lon in pts:
        cat = rnd.choice(CATS)
        t = time.perf_counter()
        got = find_duplicates(store.state, cat, lat, lon, limit=1000)
        fast.append(time.perf_counter() - t)
        t = time.perf_counter()
        ref = naive(store.state, cat, lat, lon)
        slow.append(time.perf_counter() - t)
        assert [c.incident_id for c in got] == [i for _, i in ref]
    f, s = statistics.median(fast) * 1e3, statistics.median(slow) * 1e3
    print(
        f"find_duplicates, {n} incidents: median {f:.2f} ms/query; "
        f"baseline full haversine scan {s:.2f} ms; ratio {s / f:.1f}x faster"
    )


def bench_detail(entries: int, rounds: int) -> None:
    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication(sys.argv)
    library = default_library()
    store = make_store()
    seed_incident(store, incident_id="inc", number="2026-000001")
    store.apply_events(
        ev.Event(
            seq=store.state.seq + k + 1,
            time=T0 + k,
            actor="dana",
            body=ev.NoteAdded(
                incident_id="inc",
                entry=NarrativeEntry(at=T0 + k, who="dana", text=f"note {k} " * 8),
            ),
        )
        for k in range(entries)
    )
    sel = Selection()
    w = IncidentDetail(store, sel, LocalGateway(store, library), library)
    w.resize(820, 1000)
    w.show()
    sel.select_incident("inc")
    app.processEvents()
    apply_t, refresh_t = [], []
    for k in range(rounds):
        e = ev.Event(
            seq=store.state.seq + 1,
            time=T0 + entries + k,
            actor="dana",
            body=ev.NoteAdded(incident_id="inc", entry=NarrativeEntry(at=T0, who="dana", text="x")),
        )
        t = time.perf_counter()
        ch = store.state.apply(e)  # the event alone, no signal
        apply_t.append(time.perf_counter() - t)
        t = time.perf_counter()
        store.emit_changes(ch)  # the detail panel refreshes from the signal
        refresh_t.append(time.perf_counter() - t)
    a, r = statistics.median(apply_t) * 1e3, statistics.median(refresh_t) * 1e3
    print(
        f"detail refresh, {entries}-entry narrative: median {r:.2f} ms; "
        f"baseline applying the event {a:.3f} ms; ratio {r / a:.0f}x the event"
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--incidents", type=int, default=100_000)
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--entries", type=int, default=300)
    args = ap.parse_args()
    bench_duplicates(args.incidents, args.queries)
    bench_detail(args.entries, 50)


if __name__ == "__main__":
    main()
