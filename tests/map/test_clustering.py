"""Incident clustering against a plain per-cell grouping, on both of its index paths."""

from __future__ import annotations

import random
from collections import defaultdict

import numpy as np
import pytest
from PySide6 import QtWidgets

from app.domain.geo import lonlat_to_mercator
from app.geo.projection import MERCATOR_MAX_XY
from widgets.map.incident_layer import IncidentLayer
from widgets.map.style import DARK
from widgets.map.viewport import Viewport


def _layer(n: int, seed: int) -> IncidentLayer:
    rng = random.Random(seed)
    layer = IncidentLayer(DARK)
    for i in range(n):
        # A dense downtown and a sparse spread, so cells hold from one to hundreds of incidents.
        if i % 3:
            lat, lon = 37.79 + rng.gauss(0, 0.004), -122.40 + rng.gauss(0, 0.004)
        else:
            lat, lon = rng.uniform(37.70, 37.81), rng.uniform(-122.51, -122.37)
        x, y = lonlat_to_mercator(lon, lat)
        layer.data.put(
            f"i{i}", x=x, y=y, prio=rng.randint(1, 4), shape=0, overdue=rng.random() < 0.05
        )
    for i in range(0, n, 7):
        layer.data.remove(f"i{i}")  # dead rows must not count
    layer._version += 1
    return layer


def _expected(layer: IncidentLayer, vp: Viewport) -> dict[tuple[int, int], list[int]]:
    d = layer.data
    cells: dict[tuple[int, int], list[int]] = defaultdict(list)
    for row in range(d.n):
        if not d.alive[row]:
            continue
        wx = (float(d["x"][row]) + MERCATOR_MAX_XY) * vp.scale
        wy = (MERCATOR_MAX_XY - float(d["y"][row])) * vp.scale
        cells[(int(wx // layer.CELL), int(wy // layer.CELL))].append(row)
    return cells


@pytest.mark.parametrize("dense_cells", [1 << 18, 0], ids=["dense", "compacted"])
@pytest.mark.parametrize("zoom", [11.0, 13.25, 14.75])
def test_clusters_match_a_plain_grouping(qapp: QtWidgets.QApplication, dense_cells, zoom) -> None:
    layer = _layer(3000, seed=int(zoom * 4))
    layer.DENSE_CELLS = dense_cells
    x, y = lonlat_to_mercator(-122.43, 37.76)
    vp = Viewport(x, y, zoom, 1920, 1080)
    d = layer.data
    g = layer._grid(vp, d["prio"].astype(np.int64), d["overdue"].astype(bool))
    expected = _expected(layer, vp)
    multi = {k: v for k, v in expected.items() if len(v) > 1}
    assert len(g.count) == len(multi)
    assert sorted(g.singles.tolist()) == sorted(v[0] for v in expected.values() if len(v) == 1)
    by_members = {tuple(sorted(v)): v for v in multi.values()}
    for k in range(len(g.count)):
        members = sorted(g.members(k).tolist())
        assert tuple(members) in by_members
        assert g.count[k] == len(members)
        assert g.top[k] == min(int(d["prio"][r]) for r in members)
        assert bool(g.hot[k]) == any(bool(d["overdue"][r]) for r in members)
        xs = [(float(d["x"][r]) + MERCATOR_MAX_XY) * vp.scale for r in members]
        assert g.wx[k] == pytest.approx(sum(xs) / len(xs))
    assert sum(g.count) + len(g.singles) == sum(bool(a) for a in d.alive[: d.n])


def test_clustering_is_cached_per_zoom_until_the_data_changes(qapp) -> None:
    layer = _layer(500, seed=1)
    x, y = lonlat_to_mercator(-122.43, 37.76)
    d = layer.data
    prio, overdue = d["prio"].astype(np.int64), d["overdue"].astype(bool)
    a = Viewport(x, y, 12.0, 800, 600)
    b = Viewport(x, y, 12.25, 800, 600)
    ga, gb = layer._grid(a, prio, overdue), layer._grid(b, prio, overdue)
    assert layer._grid(a, prio, overdue) is ga and layer._grid(b, prio, overdue) is gb
    layer._version += 1
    assert layer._grid(a, prio, overdue) is not ga
