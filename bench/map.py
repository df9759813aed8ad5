"""Map frame-time benchmark: full 1920x1080 repaints while panning and zooming.

    .venv/bin/python bench/map.py [--frames 200] [--incidents 10000] [--units 500]

Builds a store with 10,000 open incidents and 500 units (through real events), shows the bundled
basemap, and times a scripted sequence of pans and zoom steps rendered offscreen through the
widget's own paint path. Frames render no tiles: the missing ones are rendered between frames
in idle slices, which are timed and printed separately. Baseline in the same run: plain QPainter drawing the same number of
points and every street segment on a QImage. Prints p50/p99 for both and the ratio.
"""

from __future__ import annotations

import argparse
import logging
import os
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np
from PySide6 import QtCore, QtGui, QtWidgets

from app.domain import events as ev
from app.domain.model import (
    Agency,
    Camera,
    Incident,
    IncidentKind,
    Location,
    SourceChannel,
    StageClock,
    Status,
    Unit,
    UnitStatus,
)
from app.geo.basemap import load_basemap
from app.geo.projection import mercator_to_lonlat_arrays
from app.store.selection import Selection
from app.store.store import Store
from bench.machine import StealMeter

log = logging.getLogger("bench.map")

AGENCIES = [
    ("fire", "Fire", "#e8453c"),
    ("police", "Police", "#3d7eff"),
    ("medical", "Medical", "#f2f2f2"),
    ("sanitation", "Sanitation", "#46c46a"),
    ("traffic", "Traffic", "#f0b429"),
]
STATUSES = [
    Status.REPORTED,
    Status.REGISTERED,
    Status.DISPATCHED,
    Status.IN_PROGRESS,
    Status.RESOLVED,
]


def city_points(n: int, rng: random.Random) -> list[tuple[float, float]]:
    """``n`` (lat, lon) points on real streets of the bundled basemap, slightly jittered."""
    streets = load_basemap().layers["streets"][0].xy
    idx = np.asarray([rng.randrange(len(streets)) for _ in range(n)])
    lon, lat = mercator_to_lonlat_arrays(streets[idx, 0], streets[idx, 1])
    return [
        (float(a) + rng.uniform(-2e-4, 2e-4), float(b) + rng.uniform(-2e-4, 2e-4))
        for a, b in zip(lat, lon, strict=True)
    ]


def demo_events(
    n_incidents: int, n_units: int, n_cameras: int = 150, seed: int = 7, now: float | None = None
) -> list[ev.Event]:
    """Reference data and open incidents for a busy city, as committed events."""
    rng = random.Random(seed)
    t = time.time() if now is None else now
    out: list[ev.Event] = []

    def add(body: ev.EventBody) -> None:
        out.append(ev.Event(seq=len(out) + 1, time=t, actor="bench", body=body))

    for aid, name, color in AGENCIES:
        add(ev.AgencyUpserted(agency=Agency(id=aid, name=name, color=color)))
    for i, (lat, lon) in enumerate(city_points(n_units, rng)):
        aid = AGENCIES[i % len(AGENCIES)][0]
        stale = rng.random() < 0.1
        add(
            ev.UnitUpserted(
                unit=Unit(
                    id=f"{aid[0].upper()}{i + 1}",
                    agency=aid,
                    type="vehicle",
                    status=rng.choice(list(UnitStatus)),
                    lat=lat,
                    lon=lon,
                    heading=rng.uniform(0, 360),
                    position_time=t - (900 if stale else rng.uniform(0, 60)),
                )
            )
        )
    for i, (lat, lon) in enumerate(city_points(n_cameras, rng)):
        add(
            ev.CameraUpserted(
                camera=Camera(
                    id=f"cam{i + 1}",
                    name=f"Camera {i + 1}",
                    lat=lat,
                    lon=lon,
                    heading=rng.uniform(0, 360),
                    fov=rng.choice([60.0, 75.0, 90.0]),
                    range_m=rng.choice([60.0, 90.0, 120.0]),
                )
            )
        )
    for i, (lat, lon) in enumerate(city_points(n_incidents, rng)):
        overdue = rng.random() < 0.04
        add(
            ev.IncidentCreated(
                incident=Incident(
                    id=f"inc{i + 1}",
                    number=f"2026-{i + 1:06d}",
                    kind=IncidentKind.URBAN,
                    category=rng.choice(["fire", "medical", "traffic", "noise", "sanitation"]),
                    priority=rng.choice([1, 2, 2, 3, 3, 3, 4, 4]),
                    status=rng.choice(STATUSES),
                    location=Location(lat=lat, lon=lon),
                    source=SourceChannel.HOTLINE,
                    clocks={"handle": StageClock(started=t - 600, due=t - 60, overdue=True)}
                    if overdue
                    else {},
                    created_at=t,
                )
            )
        )
    return out


def scripted_views(frames: int) -> list[tuple[float, float, float]]:
    """(pan dx px, pan dy px, zoom step) per frame: pan the city, zoom in to the street, back out."""
    seq: list[tuple[float, float, float]] = []
    phases = [
        (0.20, (14.0, 0.0, 0.0)),  # pan east at city zoom
        (0.10, (0.0, 0.0, 0.25)),  # zoom in, one quarter step per frame
        (0.20, (-10.0, 6.0, 0.0)),  # pan at street zoom
        (0.05, (0.0, 0.0, 0.25)),
        (0.20, (8.0, -8.0, 0.0)),
        (0.25, (0.0, 0.0, -0.25)),  # zoom back out
    ]
    for share, step in phases:
        seq.extend([step] * max(1, round(frames * share)))
    return seq[:frames]


def percentile(values: list[float], q: float) -> float:
    s = sorted(values)
    k = min(len(s) - 1, max(0, round(q / 100 * (len(s) - 1))))
    return s[k]


def bench_map(store: Store, frames: int) -> dict[str, Any]:
    from widgets.map import MapWidget

    w = MapWidget(store, Selection())
    w.resize(1920, 1080)
    w.vp.width, w.vp.height = 1920, 1080
    w.flush_now()
    w.center_on(37.7615, -122.4340, 13.0)
    w.render_complete()  # the start view is what the operator has been looking at
    img = QtGui.QImage(1920, 1080, QtGui.QImage.Format.Format_RGB32)
    w.render(img)  # first frame builds the marker sprites: a one-off, not a frame time
    times: list[float] = []
    cpu: list[float] = []
    stand_in = 0
    rendered0 = w.tiles.rendered if w.tiles else 0
    groups: dict[str, list[float]] = {}
    groups_cpu: dict[str, list[float]] = {}
    slices: list[float] = []
    for dx, dy, dz in scripted_views(frames):
        if dz:
            w.zoom_by(dz)
            group = "zoom steps"
        else:
            w.pan_by(dx, dy)
            group = "pan, city zoom (<15)" if w.zoom < 15 else "pan, street zoom (>=15)"
        t0 = time.perf_counter()
        c0 = time.thread_time()
        w.render(img)
        cpu.append((time.thread_time() - c0) * 1000)
        times.append((time.perf_counter() - t0) * 1000)
        groups.setdefault(group, []).append(times[-1])
        groups_cpu.setdefault(group, []).append(cpu[-1])
        stand_in += w.tiles_missing > 0
        QtWidgets.QApplication.processEvents()
        # Between frames the widget renders missing tiles in one idle slice (its timer does this
        # in the console; the widget is not shown here, so the bench runs and times the slice).
        t0 = time.perf_counter()
        if w.render_tile_slice() > 0 or w.tiles_missing:
            slices.append((time.perf_counter() - t0) * 1000)
    w.deleteLater()
    return {
        "p50": statistics.median(times),
        "p99": percentile(times, 99),
        "max": max(times),
        "mean": statistics.fmean(times),
        "cpu_p50": statistics.median(cpu),
        "cpu_p99": percentile(cpu, 99),
        "frames": len(times),
        "stand_in_frames": stand_in,
        "tiles_rendered": (w.tiles.rendered if w.tiles else 0) - rendered0,
        "slices": slices,
        "groups": {
            k: (
                len(v),
                statistics.median(v),
                percentile(v, 99),
                statistics.median(groups_cpu[k]),
                percentile(groups_cpu[k], 99),
            )
            for k, v in groups.items()
        },
    }


def bench_tiles() -> dict[float, tuple[int, float, float]]:
    """Cold rendering of a 1920x1080 screen of basemap tiles: (tiles, CPU ms per tile, wall ms)."""
    from app.domain.geo import lonlat_to_mercator
    from widgets.map.style import DARK
    from widgets.map.tiles import TILE_PX, BasemapTiles
    from widgets.map.viewport import Viewport, tile_key_zoom

    tiles = BasemapTiles(load_basemap(), DARK, max_tiles=1000)
    x, y = lonlat_to_mercator(-122.42, 37.775)
    out = {}
    for z in (13.0, 15.0, 17.0):
        vp = Viewport(x, y, z, 1920, 1080)
        tx0, ty0, tx1, ty1 = vp.tile_range(TILE_PX)
        n = (tx1 - tx0 + 1) * (ty1 - ty0 + 1)
        c0, t0 = time.thread_time(), time.perf_counter()
        for tx in range(tx0, tx1 + 1):
            for ty in range(ty0, ty1 + 1):
                tiles.render(tile_key_zoom(z), tx, ty)
        out[z] = (n, (time.thread_time() - c0) * 1000 / n, (time.perf_counter() - t0) * 1000)
    return out


def bench_baseline(n_points: int, frames: int) -> dict[str, float]:
    """Plain QPainter: the same number of points (as small circles) plus every street segment."""
    streets = load_basemap().layers["streets"][0]
    xy = streets.xy
    x = (xy[:, 0] - xy[:, 0].min()) / (xy[:, 0].max() - xy[:, 0].min()) * 1900 + 10
    y = (xy[:, 1].max() - xy[:, 1]) / (xy[:, 1].max() - xy[:, 1].min()) * 1060 + 10
    lines: list[QtCore.QLineF] = []
    for k in range(len(streets)):
        a, b = int(streets.off[k]), int(streets.off[k + 1])
        lines.extend(QtCore.QLineF(x[i], y[i], x[i + 1], y[i + 1]) for i in range(a, b - 1))
    rng = np.random.default_rng(1)
    pts = [
        QtCore.QPointF(float(a), float(b))
        for a, b in rng.uniform([0, 0], [1920, 1080], (n_points, 2))
    ]
    img = QtGui.QImage(1920, 1080, QtGui.QImage.Format.Format_RGB32)
    times = []
    cpu = []
    for _ in range(frames):
        t0 = time.perf_counter()
        c0 = time.thread_time()
        p = QtGui.QPainter(img)
        p.fillRect(img.rect(), QtGui.QColor("#07090d"))
        p.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing, True)
        p.setPen(QtGui.QPen(QtGui.QColor("#353b44"), 1.0))
        p.drawLines(lines)
        pen = QtGui.QPen(QtGui.QColor("#ff8c1a"), 6.0)
        pen.setCapStyle(QtCore.Qt.PenCapStyle.RoundCap)  # round dots, as markers are
        p.setPen(pen)
        p.drawPoints(pts)
        p.end()
        cpu.append((time.thread_time() - c0) * 1000)
        times.append((time.perf_counter() - t0) * 1000)
    return {
        "cpu_p50": statistics.median(cpu),
        "cpu_p99": percentile(cpu, 99),
        "p50": statistics.median(times),
        "p99": percentile(times, 99),
        "segments": len(lines),
        "points": n_points,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--frames", type=int, default=200)
    ap.add_argument("--incidents", type=int, default=10_000)
    ap.add_argument("--units", type=int, default=500)
    args = ap.parse_args(argv)
    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication([])
    store = Store()
    t0 = time.perf_counter()
    store.apply_events(demo_events(args.incidents, args.units))
    steal = StealMeter()
    print(
        f"store: {args.incidents} incidents, {args.units} units in {time.perf_counter() - t0:.2f} s"
    )
    m = bench_map(store, args.frames)
    map_steal = steal.describe()
    b = bench_baseline(args.incidents + args.units, max(20, args.frames // 5))
    print(
        f"map      1920x1080, {m['frames']:.0f} frames: p50 {m['p50']:.1f} ms  p99 {m['p99']:.1f} ms  "
        f"max {m['max']:.1f} ms  mean {m['mean']:.1f} ms"
    )
    for name, (n, g50, g99, c50, c99) in m["groups"].items():
        print(
            f"         {name}: {n} frames, p50 {g50:.1f} ms  p99 {g99:.1f} ms"
            f"  (CPU p50 {c50:.1f} ms  p99 {c99:.1f} ms)"
        )
    print(
        f"         CPU time of the painting thread: p50 {m['cpu_p50']:.1f} ms  p99 {m['cpu_p99']:.1f} ms"
    )
    print(
        f"         tiles rendered during the run: {m['tiles_rendered']:.0f}; frames showing "
        f"stretched stand-in tiles: {m['stand_in_frames']:.0f}"
    )
    sl = m["slices"]
    if sl:
        print(
            f"         idle tile slices between frames: {len(sl)}, p50 {statistics.median(sl):.1f} ms"
            f"  p99 {percentile(sl, 99):.1f} ms  max {max(sl):.1f} ms"
        )
    print(
        f"baseline plain QPainter, {b['points']:.0f} points + {b['segments']:.0f} segments: "
        f"p50 {b['p50']:.1f} ms  p99 {b['p99']:.1f} ms"
    )
    print(f"         CPU time: p50 {b['cpu_p50']:.1f} ms  p99 {b['cpu_p99']:.1f} ms")
    for z, (n, per_tile, wall) in bench_tiles().items():
        print(
            f"tiles    cold screen at zoom {z:g}: {n} tiles of 256 px, {per_tile:.1f} ms CPU per tile, "
            f"{wall:.0f} ms wall for the screen"
        )
    print(f"ratio map/baseline: p50 {m['p50'] / b['p50']:.2f}x  p99 {m['p99'] / b['p99']:.2f}x")
    print(f"target p99 < 16 ms: {'met' if m['p99'] < 16 else 'NOT met'} (wall clock)")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"machine: {os.cpu_count()} CPUs, 1-minute load average {load:.1f} at the end of the run")
    print(f"         during the map frames, {map_steal}")
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
