"""The bundled basemap: size, layers, the grid index, tile rendering, the builder's geometry."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PySide6 import QtGui

from app.geo import geometry as b
from app.geo.basemap import BasemapError, GridIndex, load_basemap
from app.paths import resource_path


def test_resources_are_small_and_credited() -> None:
    geo = resource_path("geo")
    total = sum(f.stat().st_size for f in geo.iterdir())
    assert total < 6 * 1024 * 1024
    readme = (geo / "README.md").read_text()
    assert "Data: City and County of San Francisco" in readme
    assert "OpenStreetMap contributors" in readme and "ODbL" in readme


def test_basemap_has_every_layer_inside_the_city() -> None:
    bm = load_basemap()
    for name in ("land", "shore", "parks", "hoods", "streets"):
        assert len(bm.layers[name][-1]) > 0, name
    streets = bm.layers["streets"][-1]
    assert len(streets) >= 15_000  # every city centreline
    # Road classes from OSM exist in the north-east: some primary or bigger roads.
    assert (streets.cls >= 4).sum() > 100
    named = {bm.names[i] for i in streets.name[streets.name >= 0]}
    assert {"Market Street", "Mission Street", "Van Ness Avenue"} <= named
    assert len(bm.labels.xy) > 500


def test_missing_basemap_says_how_to_build_it(tmp_path: Path) -> None:
    with pytest.raises(BasemapError, match=r"build_basemap\.py"):
        load_basemap(tmp_path / "nope.npz")
    bad = tmp_path / "bad.npz"
    bad.write_bytes(b"not a zip")
    with pytest.raises(BasemapError, match="unreadable"):
        load_basemap(bad)


def test_grid_index_returns_every_part_touching_a_box() -> None:
    rng = np.random.default_rng(3)
    lo = rng.uniform(0, 9000, (400, 2))
    boxes = np.column_stack([lo, lo + rng.uniform(1, 2500, (400, 2))])
    idx = GridIndex.build(boxes, 0, 0, 12000, 12000, 700)
    for _ in range(50):
        q0 = rng.uniform(-500, 11000, 2)
        q = (q0[0], q0[1], q0[0] + rng.uniform(10, 3000), q0[1] + rng.uniform(10, 3000))
        got = set(idx.query(*q).tolist())
        truth = {
            i
            for i, b in enumerate(boxes)
            if b[2] >= q[0] and b[0] <= q[2] and b[3] >= q[1] and b[1] <= q[3]
        }
        assert truth <= got


def test_tile_renders_land_water_and_streets(qapp) -> None:
    from app.domain.geo import lonlat_to_mercator
    from widgets.map.style import DARK
    from widgets.map.tiles import BasemapTiles
    from widgets.map.viewport import Viewport

    tiles = BasemapTiles(load_basemap(), DARK)
    cx, cy = lonlat_to_mercator(-122.395, 37.795)  # the Ferry Building: land, water, streets
    vp = Viewport(cx, cy, 15.0, 512, 512)
    img = QtGui.QImage(512, 512, QtGui.QImage.Format.Format_RGB32)
    p = QtGui.QPainter(img)
    assert tiles.paint(p, vp, budget_s=None) == 0
    p.end()
    colours = {img.pixel(x, y) for x in range(0, 512, 4) for y in range(0, 512, 4)}
    assert len(colours) > 30
    assert QtGui.QColor(DARK.water).rgb() in colours and QtGui.QColor(DARK.land).rgb() in colours
    assert tiles.rendered > 0 and len(tiles) == tiles.rendered


def test_builder_geometry_helpers() -> None:
    line = np.array([[0, 0], [1, 0.01], [2, 0], [3, 5], [4, 0]], dtype=float)
    s = b.simplify(line, 0.5)
    assert s.tolist() == [[0, 0], [2, 0], [3, 5], [4, 0]]
    square = np.array([[0, 0], [10, 0], [10, 10], [0, 10]], dtype=float)
    clipped = b.clip_ring(square, (5, -1, 20, 20))
    assert clipped[:, 0].min() == 5 and abs(b.ring_area(clipped)) == 50
    # Splitting a big ring keeps its area and bounds each piece's size.
    t = np.linspace(0, 2 * np.pi, 1200, endpoint=False)
    circle = [(1000 * np.cos(a), 1000 * np.sin(a)) for a in t]
    pieces = b.split_ring(circle, (-1000, -1000, 1000, 1000), max_pts=200)
    assert len(pieces) > 4 and all(len(pc) <= 260 for pc in pieces)
    total = sum(abs(b.ring_area(pc)) for pc in pieces)
    assert abs(total - abs(b.ring_area(np.asarray(circle)))) < 1.0
    # Ways sharing end points chain into one line (in either direction).
    w1 = np.array([[0, 0], [1, 0]], dtype=float)
    w2 = np.array([[2, 0], [1, 0]], dtype=float)
    chains = b.chain_ways([w1, w2])
    assert len(chains) == 1 and len(chains[0]) == 3
