"""Rendered basemap tiles: draws the vector basemap into 256-pixel images, cached per zoom step.

A frame only blits cached images, stretching the nearest cached zoom's tiles over any gaps; the
missing tiles are rendered between frames in short slices, so a frame never waits for fresh tiles.
"""

from __future__ import annotations

import logging
import math
import time
from collections import OrderedDict

import numpy as np
import numpy.typing as npt
from PySide6 import QtCore, QtGui

from app.geo.basemap import Basemap, PartLayer
from app.geo.projection import MERCATOR_MAX_XY
from widgets.map.qpath import path_from_parts
from widgets.map.style import MapStyle
from widgets.map.viewport import ZOOM_STEP, Viewport, tile_key_zoom

log = logging.getLogger(__name__)

TILE_PX = 256  # small tiles bound the cost of one idle rendering slice
TileKey = tuple[int, int, int]  # (zoom step, tx, ty)


class BasemapTiles:
    """Owns the tile image cache (LRU) and draws tiles of the basemap on demand."""

    def __init__(self, basemap: Basemap, style: MapStyle, max_tiles: int = 320) -> None:
        self.basemap = basemap
        self.style = style
        self.max_tiles = max_tiles
        self._cache: OrderedDict[TileKey, QtGui.QImage] = OrderedDict()
        self._by_zoom: dict[int, set[tuple[int, int]]] = {}
        self.rendered = 0  # tiles drawn so far (for the benchmark and tests)
        # Neighbourhood outlines are static: drawn into the tiles, not over every frame.
        self.hoods = True
        self._font = QtGui.QFont("DejaVu Sans")
        self._font.setPixelSize(12)
        self._font_major = QtGui.QFont("DejaVu Sans")
        self._font_major.setPixelSize(13)
        self._font_major.setBold(True)
        self._fm = QtGui.QFontMetricsF(self._font)
        self._fm_major = QtGui.QFontMetricsF(self._font_major)
        self._widths: dict[tuple[int, bool], float] = {}
        self._cost: dict[int, float] = {}  # recent seconds per tile, by zoom step

    def set_hoods(self, on: bool) -> None:
        if on != self.hoods:
            self.hoods = on
            self.clear()

    def clear(self) -> None:
        self._cache.clear()
        self._by_zoom.clear()

    def __len__(self) -> int:
        return len(self._cache)

    # --- frame ----------------------------------------------------------------------------------
    def paint(self, p: QtGui.QPainter, vp: Viewport, budget_s: float | None = 0.0) -> int:
        """Blit the visible tiles, first rendering missing ones within ``budget_s`` (None: all).

        Frames pass no budget: tiles are rendered between frames (``fill``), and a frame shows
        the nearest cached zoom's tiles stretched over the gaps. Returns how many visible tiles
        are still missing.
        """
        if budget_s is None or budget_s > 0:
            self.fill(vp, budget_s)
        zq = tile_key_zoom(vp.zoom)
        ox, oy = vp.origin
        gaps: list[QtCore.QRect] = []
        ready: list[tuple[int, int, QtGui.QImage]] = []
        for tx, ty in self._visible(vp):
            key = (zq, tx, ty)
            img = self._cache.get(key)
            if img is None:
                gaps.append(
                    QtCore.QRect(int(tx * TILE_PX - ox), int(ty * TILE_PX - oy), TILE_PX, TILE_PX)
                )
                continue
            self._cache.move_to_end(key)
            ready.append((tx, ty, img))
        if gaps:
            self._paint_stand_in(p, vp, zq, gaps)
        for tx, ty, img in ready:
            p.drawImage(int(tx * TILE_PX - ox), int(ty * TILE_PX - oy), img)
        return len(gaps)

    def fill(self, vp: Viewport, budget_s: float | None) -> int:
        """Render missing visible tiles, centre first, within ``budget_s`` (None: all of them).

        Returns how many visible tiles are still missing.
        """
        zq = tile_key_zoom(vp.zoom)
        deadline = None if budget_s is None else time.perf_counter() + budget_s
        missing = 0
        rendered_here = 0
        for tx, ty in self._visible(vp):
            key = (zq, tx, ty)
            if key in self._cache:
                continue
            if not self._fits(zq, deadline, rendered_here):
                missing += 1
                continue
            t0 = time.perf_counter()
            img = self.render(zq, tx, ty)
            self._learn(zq, time.perf_counter() - t0)
            self._store(key, img)
            rendered_here += 1
        return missing

    def _visible(self, vp: Viewport) -> list[tuple[int, int]]:
        """Visible tile indices, centre tiles first (they matter most when time runs out)."""
        tx0, ty0, tx1, ty1 = vp.tile_range(TILE_PX)
        cxt, cyt = (tx0 + tx1) / 2, (ty0 + ty1) / 2
        return sorted(
            ((tx, ty) for tx in range(tx0, tx1 + 1) for ty in range(ty0, ty1 + 1)),
            key=lambda t: (t[0] - cxt) ** 2 + (t[1] - cyt) ** 2,
        )

    def _fits(self, zq: int, deadline: float | None, rendered_here: int) -> bool:
        """Whether one more tile of step ``zq`` fits before ``deadline``.

        Judged by the recent cost of that step's tiles, so a frame does not start a tile it would
        overrun by a whole tile; the first tile of a frame always goes, so rendering progresses.
        """
        if deadline is None:
            return True
        left = deadline - time.perf_counter()
        if left <= 0:
            return False
        return rendered_here == 0 or self._cost.get(zq, 0.0) <= left

    def _learn(self, zq: int, seconds: float) -> None:
        old = self._cost.get(zq)
        self._cost[zq] = seconds if old is None else 0.7 * old + 0.3 * seconds

    def prefetch(
        self, vp: Viewport, steps: tuple[int, ...] = (0, 2, -2), budget_s: float = 0.006
    ) -> int:
        """Render, within ``budget_s``, tiles the next moves will want: a one-tile ring around the
        view and the view at the zoom a wheel notch away. Returns how many are still missing."""
        zq0 = tile_key_zoom(vp.zoom)
        deadline = time.perf_counter() + budget_s
        missing = 0
        for step in steps:
            zq = zq0 + step
            f = 2.0 ** (step * ZOOM_STEP)
            ox, oy = vp.origin
            cx, cy = (ox + vp.width / 2) * f, (oy + vp.height / 2) * f
            ring = 1 if step == 0 else 0
            tx0 = math.floor((cx - vp.width / 2) / TILE_PX) - ring
            tx1 = math.floor((cx + vp.width / 2 - 1) / TILE_PX) + ring
            ty0 = math.floor((cy - vp.height / 2) / TILE_PX) - ring
            ty1 = math.floor((cy + vp.height / 2 - 1) / TILE_PX) + ring
            for tx in range(tx0, tx1 + 1):
                for ty in range(ty0, ty1 + 1):
                    if (zq, tx, ty) in self._cache:
                        continue
                    if time.perf_counter() >= deadline or len(self._cache) >= self.max_tiles - 8:
                        missing += 1
                        continue
                    self._store((zq, tx, ty), self.render(zq, tx, ty))
        return missing

    def _store(self, key: TileKey, img: QtGui.QImage) -> None:
        self._cache[key] = img
        self._by_zoom.setdefault(key[0], set()).add((key[1], key[2]))
        while len(self._cache) > self.max_tiles:
            old, _ = self._cache.popitem(last=False)
            self._by_zoom.get(old[0], set()).discard((old[1], old[2]))

    def _paint_stand_in(
        self, p: QtGui.QPainter, vp: Viewport, zq: int, gaps: list[QtCore.QRect]
    ) -> None:
        """Cover the ``gaps`` (missing tiles, in screen pixels) with the nearest cached zoom
        step's tiles, stretched. Only source tiles that reach a gap are drawn; the current
        step's tiles are drawn over any overlap afterwards."""
        for r in gaps:
            p.fillRect(r, self.style.water)
        others = sorted(
            (z for z, have in self._by_zoom.items() if have and z != zq), key=lambda z: abs(z - zq)
        )
        if not others:
            return
        z2 = others[0]
        f = 2.0 ** ((z2 - zq) * ZOOM_STEP)  # z2 pixels per current pixel
        ox, oy = vp.origin
        side = TILE_PX / f
        have = self._by_zoom[z2]
        wanted: set[tuple[int, int]] = set()
        for r in gaps:
            a0 = math.floor((ox + max(0, r.left())) * f / TILE_PX)
            a1 = math.floor((ox + min(vp.width, r.right() + 1)) * f / TILE_PX)
            b0 = math.floor((oy + max(0, r.top())) * f / TILE_PX)
            b1 = math.floor((oy + min(vp.height, r.bottom() + 1)) * f / TILE_PX)
            wanted.update(
                (a, b) for a in range(a0, a1 + 1) for b in range(b0, b1 + 1) if (a, b) in have
            )
        p.save()
        # Nearest-pixel scaling into whole-pixel rects: Qt's plain scaled blit, on this thread.
        # Bilinear scaling hands each tile taller than 96 rows to Qt's GUI thread pool and waits
        # for it; on a busy 2-core machine that wait measured 8-70 ms per frame (median) where
        # the blit itself takes 2-4 ms. The stand-in shows only until the zoom rests.
        p.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing, False)
        p.setRenderHint(QtGui.QPainter.RenderHint.SmoothPixmapTransform, False)
        for a, b in wanted:
            x0, x1 = round(a * side - ox), round((a + 1) * side - ox)
            y0, y1 = round(b * side - oy), round((b + 1) * side - oy)
            p.drawImage(QtCore.QRect(x0, y0, x1 - x0, y1 - y0), self._cache[(z2, a, b)])
        p.restore()

    # --- drawing one tile -------------------------------------------------------------------------
    def render(self, zq: int, tx: int, ty: int) -> QtGui.QImage:
        """Draw tile ``(tx, ty)`` of zoom step ``zq``."""
        zoom = zq * ZOOM_STEP
        st = self.style
        bm = self.basemap
        scale = 256.0 * 2.0**zoom / (2.0 * MERCATOR_MAX_XY)  # pixels per Mercator metre
        minx = tx * TILE_PX / scale - MERCATOR_MAX_XY
        maxy = MERCATOR_MAX_XY - ty * TILE_PX / scale
        span = TILE_PX / scale
        pad = 24.0 / scale
        box = (minx - pad, maxy - span - pad, minx + span + pad, maxy + pad)

        img = QtGui.QImage(TILE_PX, TILE_PX, QtGui.QImage.Format.Format_RGB32)
        img.fill(st.water)
        p = QtGui.QPainter(img)
        p.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing, True)

        def visible(layer: str) -> tuple[PartLayer, npt.NDArray[np.int32]]:
            pl = bm.layer(layer, zoom)
            ids = pl.index.query(*box)
            if len(ids):
                b = pl.bbox[ids]
                keep = (
                    (b[:, 2] >= box[0])
                    & (b[:, 0] <= box[2])
                    & (b[:, 3] >= box[1])
                    & (b[:, 1] <= box[3])
                )
                ids = ids[keep]
            return pl, ids

        def path(pl: PartLayer, ids: npt.NDArray[np.int32]) -> QtGui.QPainterPath:
            xy, off = pl.gather(ids)
            return path_from_parts((xy[:, 0] - minx) * scale, (maxy - xy[:, 1]) * scale, off)

        p.setPen(QtCore.Qt.PenStyle.NoPen)
        p.setBrush(st.land)
        p.drawPath(path(*visible("land")))
        if zoom >= 11.0:
            p.setBrush(st.park)
            p.drawPath(path(*visible("parks")))
        p.setBrush(QtCore.Qt.BrushStyle.NoBrush)
        streets, street_ids = visible("streets")
        street_cls = streets.cls[street_ids]
        for cls in range(len(st.road)):
            if zoom < st.road_min_zoom[cls]:
                continue
            ids = street_ids[street_cls == cls]
            if not len(ids):
                continue
            width = st.road_px(cls, zoom)
            if width < 1.75:
                # Thin roads: Qt's cosmetic 1 px stroker is ~30x faster than a 1.1 px AA stroke;
                # fading the colour by the width keeps the visual weight.
                col = QtGui.QColor(st.road[cls])
                col.setAlphaF(min(1.0, width * 0.8))
                pen = QtGui.QPen(col, 1.0)
                pen.setCosmetic(True)
            else:
                pen = QtGui.QPen(st.road[cls], width)
            pen.setCapStyle(QtCore.Qt.PenCapStyle.SquareCap)  # round caps cost 20x with AA
            pen.setJoinStyle(QtCore.Qt.PenJoinStyle.BevelJoin)
            p.setPen(pen)
            p.drawPath(path(streets, ids))
        shore_pen = QtGui.QPen(st.shore, 1.0 if zoom < 15 else 1.6)
        shore_pen.setCosmetic(zoom < 15)
        p.setPen(shore_pen)
        p.drawPath(path(*visible("shore")))
        if self.hoods:
            hood_pen = QtGui.QPen(st.hood_line, 1.0, QtCore.Qt.PenStyle.DashLine)
            hood_pen.setCosmetic(True)
            p.setPen(hood_pen)
            p.drawPath(path(*visible("hoods")))
        if zoom >= st.label_min_zoom_major:
            self._labels(p, zoom, scale, minx, maxy)
        p.end()
        self.rendered += 1
        return img

    def _labels(
        self, p: QtGui.QPainter, zoom: float, scale: float, minx: float, maxy: float
    ) -> None:
        """Street names along their street, upright, fully inside the tile and never overlapping."""
        st = self.style
        lab = self.basemap.labels
        span = TILE_PX / scale
        ids = lab.index.query(minx, maxy - span, minx + span, maxy)
        if not len(ids):
            return
        min_cls = 2 if zoom < st.label_min_zoom_minor else 0
        ids = ids[lab.cls[ids] >= min_cls]
        # Bigger roads claim space first; then longer straight runs.
        ids = ids[np.lexsort((-lab.run[ids], -lab.cls[ids].astype(np.int32)))]
        placed: list[QtCore.QRectF] = []
        seen_names: set[int] = set()
        for i in ids:
            name_id = int(lab.name[i])
            if name_id in seen_names:
                continue
            name = self.basemap.names[name_id]
            major = int(lab.cls[i]) >= 3
            fm = self._fm_major if major else self._fm
            w = self._widths.get((name_id, major))
            if w is None:
                w = self._widths[(name_id, major)] = fm.horizontalAdvance(name)
            if lab.run[i] * scale < w + 8:
                continue  # the straight stretch is shorter than the text
            x = (lab.xy[i, 0] - minx) * scale
            y = (maxy - lab.xy[i, 1]) * scale
            ang = -float(lab.angle[i])  # screen y points down
            if ang > 90:
                ang -= 180
            elif ang < -90:
                ang += 180
            tr = QtGui.QTransform()
            tr.translate(x, y)
            tr.rotate(ang)
            h = fm.height()
            local = QtCore.QRectF(-w / 2 - 2, -h / 2 - 1, w + 4, h + 2)
            bound = tr.mapRect(local)
            if (
                bound.left() < 1
                or bound.top() < 1
                or bound.right() > TILE_PX - 1
                or bound.bottom() > TILE_PX - 1
            ):
                continue
            if any(bound.intersects(r) for r in placed):
                continue
            placed.append(bound)
            seen_names.add(name_id)
            # Halo by offset copies: glyph-cached drawText is far cheaper than stroking text paths.
            p.setTransform(tr)
            p.setFont(self._font_major if major else self._font)
            tx, ty = -w / 2, fm.ascent() - h / 2
            p.setPen(st.label_halo)
            for dx, dy in (
                (-1, -1),
                (1, -1),
                (-1, 1),
                (1, 1),
                (0, -1.4),
                (0, 1.4),
                (-1.4, 0),
                (1.4, 0),
            ):
                p.drawText(QtCore.QPointF(tx + dx, ty + dy), name)
            p.setPen(st.label_major if major else st.label)
            p.drawText(QtCore.QPointF(tx, ty), name)
        p.resetTransform()
