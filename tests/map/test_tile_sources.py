"""Optional raster base layers: an MBTiles file and an XYZ template with a disk cache."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6 import QtCore, QtGui

from app.geo.mbtiles import MBTilesError, MBTilesReader
from app.geo.projection import TILE_SIZE
from app.geo.xyz import XyzTileSource
from app.paths import data_dir


def png(color: str) -> bytes:
    img = QtGui.QImage(TILE_SIZE, TILE_SIZE, QtGui.QImage.Format.Format_RGB32)
    img.fill(QtGui.QColor(color))
    buf = QtCore.QBuffer()
    buf.open(QtCore.QIODevice.OpenModeFlag.WriteOnly)
    img.save(buf, "PNG")  # type: ignore[call-overload]
    return bytes(buf.data().data())


def tiny_mbtiles(path: Path, z: int, x: int, y: int, color: str) -> Path:
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE metadata (name TEXT, value TEXT)")
    db.execute("CREATE TABLE tiles (zoom_level INT, tile_column INT, tile_row INT, tile_data BLOB)")
    db.executemany("INSERT INTO metadata VALUES (?, ?)", [("name", "test"), ("format", "png")])
    tms_row = (1 << z) - 1 - y
    db.execute("INSERT INTO tiles VALUES (?, ?, ?, ?)", (z, x, tms_row, png(color)))
    db.commit()
    db.close()
    return path


def test_mbtiles_reads_a_tile_in_xyz_numbering(qapp, tmp_path: Path) -> None:
    r = MBTilesReader(tiny_mbtiles(tmp_path / "t.mbtiles", 12, 655, 1583, "#ff0000"))
    assert r.metadata()["name"] == "test"
    data = r.tile(12, 655, 1583)
    assert data is not None and data.startswith(b"\x89PNG")
    assert QtGui.QImage.fromData(data).pixelColor(5, 5) == QtGui.QColor("#ff0000")
    assert r.tile(12, 655, 1584) is None
    assert r.zoom_range() == (12, 12)
    r.close()


def test_mbtiles_refuses_what_it_cannot_read(tmp_path: Path) -> None:
    with pytest.raises(MBTilesError, match="does not exist"):
        MBTilesReader(tmp_path / "missing.mbtiles")
    junk = tmp_path / "junk.mbtiles"
    junk.write_bytes(b"definitely not sqlite" * 100)
    with pytest.raises(MBTilesError, match="not an SQLite database"):
        MBTilesReader(junk)
    other = tmp_path / "other.mbtiles"
    sqlite3.connect(other).execute("CREATE TABLE x (a)").connection.close()
    with pytest.raises(MBTilesError, match="no 'tiles' table"):
        MBTilesReader(other)


def test_map_draws_an_mbtiles_base_layer(qtbot, store, selection, tmp_path: Path) -> None:
    from widgets.map import MapWidget

    # Zoom 12 tile holding Market & 5th: x = 655, y = 1583.
    r = MBTilesReader(tiny_mbtiles(tmp_path / "t.mbtiles", 12, 655, 1583, "#00ff00"))
    w = MapWidget(store, selection)
    qtbot.addWidget(w)
    w.resize(400, 300)
    w.center_on(37.7837, -122.4075, 12.0)
    w.set_base_tiles(r)
    w.set_layer_visible("incidents", False)
    w.set_layer_visible("units", False)
    w.set_layer_visible("neighbourhoods", False)
    img = w.grab().toImage()
    assert img.pixelColor(200, 150) == QtGui.QColor("#00ff00")
    w.set_base_tiles(None)
    img = w.grab().toImage()
    assert img.pixelColor(200, 150) != QtGui.QColor("#00ff00")


def test_xyz_source_fetches_once_and_caches_on_disk(qtbot, tmp_path: Path) -> None:
    # A file:// template goes through the same Qt network stack as http(s) without a network.
    root = tmp_path / "server"
    (root / "3" / "1").mkdir(parents=True)
    (root / "3" / "1" / "2.png").write_bytes(png("#3366ff"))
    src = XyzTileSource(QtCore.QUrl.fromLocalFile(str(root)).toString() + "/{z}/{x}/{y}.png")
    assert src.cache_dir.is_relative_to(data_dir())
    ready: list[tuple[int, int, int]] = []
    failed: list[tuple[int, int, int, str]] = []
    # Plain connections + waitUntil: pytest-qt's waitSignal on this signal crashes PySide6 6.11
    # at the next garbage collection.
    src.tileReady.connect(lambda z, x, y: ready.append((z, x, y)))
    src.tileFailed.connect(lambda z, x, y, msg: failed.append((z, x, y, msg)))
    assert src.tile(3, 1, 2) is None  # not cached yet: a request starts
    qtbot.waitUntil(lambda: bool(ready), timeout=3000)
    assert ready == [(3, 1, 2)]
    data = src.tile(3, 1, 2)
    assert data is not None and QtGui.QImage.fromData(data).pixelColor(0, 0) == QtGui.QColor(
        "#3366ff"
    )
    assert (src.cache_dir / "3" / "1" / "2.tile").read_bytes() == data
    # A new source on the same template finds the tile on disk without fetching.
    again = XyzTileSource(src.template)
    assert again.tile(3, 1, 2) == data
    assert src.tile(3, 0, 0) is None
    qtbot.waitUntil(lambda: bool(failed), timeout=3000)
    assert failed[0][:3] == (3, 0, 0)
    assert src.tile(3, 0, 0) is None and len(failed) == 1  # a failed tile is not asked again
    with pytest.raises(ValueError, match="must contain"):
        XyzTileSource("https://example.invalid/tiles.png")
