"""Open incidents as markers: colour by priority, shape by status, halo when a clock is overdue.

At low zoom (or when too many are visible) markers merge into counted clusters on a grid of
screen cells anchored to world pixels, so clusters do not jump while the map pans.
"""

from __future__ import annotations

import logging
import math
from collections import OrderedDict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from PySide6 import QtCore, QtGui

from app.domain.geo import lonlat_to_mercator
from app.domain.model import Incident, Status
from app.geo.projection import MERCATOR_MAX_XY
from widgets.map.layer_base import Columns, Hit
from widgets.map.style import MapStyle
from widgets.map.viewport import Viewport

log = logging.getLogger(__name__)

SHAPE_CIRCLE, SHAPE_DIAMOND, SHAPE_SQUARE = 0, 1, 2


def shape_of(status: Status) -> int:
    """Pending (reported, registered): circle; with a department: diamond; awaiting checks: square."""
    if status in (Status.REPORTED, Status.REGISTERED):
        return SHAPE_CIRCLE
    if status in (Status.RESOLVED, Status.VERIFIED):
        return SHAPE_SQUARE
    return SHAPE_DIAMOND


@dataclass
class _Grid:
    """Cached clustering of one zoom level: clusters in world pixels and the lone incidents."""

    wx: npt.NDArray[np.float64]
    wy: npt.NDArray[np.float64]
    count: npt.NDArray[np.int64]
    top: npt.NDArray[np.int64]
    hot: npt.NDArray[np.bool_]
    radius: npt.NDArray[np.float64]
    cell: npt.NDArray[np.int64]  # cell index of each cluster
    rows: npt.NDArray[np.int64]  # every clustered row ...
    row_cell: npt.NDArray[np.int64]  # ... and its cell index (members are found on a click)
    singles: npt.NDArray[np.int64]

    def members(self, k: int) -> npt.NDArray[np.int64]:
        return self.rows[self.row_cell == self.cell[k]]


class IncidentLayer:
    """Owns the incident columns, the marker sprites and the last frame's hit targets."""

    MARKER = 22  # sprite side in pixels (readable from across the room)
    CELL = 56  # cluster cell side in pixels
    cluster_below_zoom = 15.0
    max_individual = 2500  # above this many visible, cluster at any zoom
    GRID_CACHE = 12  # zoom steps whose clustering is kept
    DENSE_CELLS = 1 << 18  # cluster through dense per-cell arrays up to this many cells
    BUBBLE_CACHE = 4000  # composed cluster images kept

    def __init__(self, style: MapStyle) -> None:
        self.style = style
        self.visible = True
        self.data = Columns(
            {"x": np.float64, "y": np.float64, "prio": np.int8, "shape": np.int8, "overdue": bool}
        )
        self._sprites: dict[tuple[int, int, bool], QtGui.QImage] = {}
        self._halos: list[QtGui.QImage] = []
        self._bodies: dict[tuple[int, int], QtGui.QImage] = {}
        self._bubbles: dict[tuple[int, int, int], QtGui.QImage] = {}
        self._digit_imgs: list[QtGui.QImage] = []
        self._digit_w = 0
        self._badges: list[QtGui.QImage] = []
        self._font = QtGui.QFont("DejaVu Sans")
        self._font.setPixelSize(11)
        self._font.setBold(True)
        # Last frame, for hit tests: single markers and clusters in screen pixels.
        self._single_xy = np.zeros((0, 2))
        self._single_rows = np.zeros(0, dtype=np.int64)
        self._cluster_xy = np.zeros((0, 2))
        self._cluster_r = np.zeros(0)
        self._cluster_grid: _Grid | None = None
        self._cluster_index = np.zeros(0, dtype=np.int64)  # visible clusters' indices in the grid
        self.last_clusters: list[tuple[float, float, int]] = []  # (sx, sy, count), for tests
        self.any_overdue_visible = False
        self._version = 0  # bumped on every data change; keys the cluster cache
        # Clusterings of recent zoom steps for the current data version: zooming back and forth
        # (the usual wheel habit) reuses them instead of clustering the city again.
        self._grids: OrderedDict[float, _Grid] = OrderedDict()
        self._grids_version = -1

    # --- data -----------------------------------------------------------------------------------
    def reset(self, incidents: Mapping[str, Incident]) -> None:
        self.data.clear()
        self.update(incidents, incidents.keys())

    def update(self, incidents: Mapping[str, Incident], ids: Iterable[str]) -> None:
        self._version += 1
        for iid in ids:
            inc = incidents.get(iid)
            if inc is None or not inc.is_open():
                self.data.remove(iid)
                continue
            if inc.location.lat == 0.0 and inc.location.lon == 0.0:
                self.data.remove(iid)  # no location yet: nothing to put on the map
                continue
            try:
                x, y = lonlat_to_mercator(inc.location.lon, inc.location.lat)
            except ValueError:
                log.warning("incident %s has no usable position (%s)", iid, inc.location)
                self.data.remove(iid)
                continue
            self.data.put(
                iid,
                x=x,
                y=y,
                prio=min(max(inc.priority, 1), 4),
                shape=shape_of(inc.status),
                overdue=any(c.overdue for c in inc.clocks.values()),
            )

    def position(self, incident_id: str) -> tuple[float, float] | None:
        r = self.data.row.get(incident_id)
        if r is None:
            return None
        return float(self.data["x"][r]), float(self.data["y"][r])

    # --- sprites --------------------------------------------------------------------------------
    def _sprite(self, prio: int, shape: int, selected: bool) -> QtGui.QImage:
        key = (prio, shape, selected)
        img = self._sprites.get(key)
        if img is not None:
            return img
        side = self.MARKER + (8 if selected else 0)
        img = QtGui.QImage(side, side, QtGui.QImage.Format.Format_ARGB32_Premultiplied)
        img.fill(QtCore.Qt.GlobalColor.transparent)
        p = QtGui.QPainter(img)
        p.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
        c = side / 2
        r = 7.5 if not selected else 9.5
        p.setPen(QtGui.QPen(QtGui.QColor(8, 10, 12), 2.0))
        p.setBrush(self.style.priority_color(prio))
        if shape == SHAPE_CIRCLE:
            p.drawEllipse(QtCore.QPointF(c, c), r, r)
        elif shape == SHAPE_DIAMOND:
            k = r * 1.25
            p.drawPolygon(
                QtGui.QPolygonF(
                    [
                        QtCore.QPointF(c, c - k),
                        QtCore.QPointF(c + k, c),
                        QtCore.QPointF(c, c + k),
                        QtCore.QPointF(c - k, c),
                    ]
                )
            )
        else:
            p.drawRect(QtCore.QRectF(c - r * 0.9, c - r * 0.9, r * 1.8, r * 1.8))
        if selected:
            p.setBrush(QtCore.Qt.BrushStyle.NoBrush)
            p.setPen(QtGui.QPen(self.style.selection, 2.0))
            p.drawEllipse(QtCore.QPointF(c, c), c - 1.5, c - 1.5)
        p.end()
        self._sprites[key] = img
        return img

    def _body(self, prio: int, r: int) -> QtGui.QImage:
        """Cluster body: a neutral disc ringed in the most urgent priority's colour.

        A city of red bubbles reads as noise, so only the ring carries the priority colour. The
        count is a separate label blitted on top: each zoom step brings counts not seen before,
        and typesetting a new bubble for each would cost more than the second blit.
        """
        key = (prio, r)
        img = self._bodies.get(key)
        if img is not None:
            return img
        side = 2 * r + 6
        img = QtGui.QImage(side, side, QtGui.QImage.Format.Format_ARGB32_Premultiplied)
        img.fill(QtCore.Qt.GlobalColor.transparent)
        p = QtGui.QPainter(img)
        p.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
        c = side / 2
        p.setPen(QtGui.QPen(self.style.priority_color(prio), 3.0))
        p.setBrush(QtGui.QColor(24, 31, 40, 235))
        p.drawEllipse(QtCore.QPointF(c, c), r, r)
        p.end()
        self._bodies[key] = img
        return img

    def _bubble(self, prio: int, r: int, count: int) -> QtGui.QImage:
        """Body and count in one image, composed by blits (no typesetting) and kept, so a
        frame draws each cluster with a single blit."""
        key = (prio, r, count)
        img = self._bubbles.get(key)
        if img is not None:
            return img
        if len(self._bubbles) >= self.BUBBLE_CACHE:
            self._bubbles.clear()
        img = self._body(prio, r).copy()
        p = QtGui.QPainter(img)
        c = img.width() // 2
        self._draw_count(p, c, c, count)
        p.end()
        self._bubbles[key] = img
        return img

    def _digits(self) -> list[QtGui.QImage]:
        """Glyphs 0-9 in white on transparent, drawn once.

        Counts are blitted digit by digit: every zoom step brings counts not seen before, and
        typesetting a label for each new one costs more than a few blits. DejaVu's digits share
        one advance, so the result matches what drawText would produce.
        """
        if not self._digit_imgs:
            fm = QtGui.QFontMetrics(self._font)
            self._digit_w = fm.horizontalAdvance("0")
            h = fm.height()
            for k in range(10):
                img = QtGui.QImage(
                    self._digit_w, h, QtGui.QImage.Format.Format_ARGB32_Premultiplied
                )
                img.fill(QtCore.Qt.GlobalColor.transparent)
                p = QtGui.QPainter(img)
                p.setFont(self._font)
                p.setPen(QtGui.QColor(236, 240, 244))
                p.drawText(0, fm.ascent(), str(k))
                p.end()
                self._digit_imgs.append(img)
        return self._digit_imgs

    def _draw_count(self, p: QtGui.QPainter, x: int, y: int, count: int) -> None:
        """Draw ``count`` centred on (x, y)."""
        digits = self._digits()
        text = str(count)
        w = self._digit_w
        x0 = x - (w * len(text)) // 2
        y0 = y - digits[0].height() // 2
        for i, ch in enumerate(text):
            p.drawImage(x0 + i * w, y0, digits[ord(ch) - 48])

    def _badge(self, phase: float) -> QtGui.QImage:
        """The pulsing red 'overdue inside' badge of a cluster (eight phases, drawn once)."""
        if not self._badges:
            for k in range(8):
                glow = 0.4 + 0.6 * (0.5 + 0.5 * math.cos(2 * math.pi * k / 8))
                img = QtGui.QImage(20, 20, QtGui.QImage.Format.Format_ARGB32_Premultiplied)
                img.fill(QtCore.Qt.GlobalColor.transparent)
                p = QtGui.QPainter(img)
                p.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
                g = QtGui.QRadialGradient(10, 10, 9)
                g.setColorAt(0.0, QtGui.QColor(255, 60, 60, int(230 * glow)))
                g.setColorAt(1.0, QtGui.QColor(255, 0, 0, 0))
                p.setPen(QtCore.Qt.PenStyle.NoPen)
                p.setBrush(QtGui.QBrush(g))
                p.drawEllipse(QtCore.QPointF(10, 10), 9, 9)
                p.setPen(QtGui.QPen(QtGui.QColor(10, 12, 14), 1.5))
                p.setBrush(QtGui.QColor(255, 59, 59))
                p.drawEllipse(QtCore.QPointF(10, 10), 4.0, 4.0)
                p.end()
                self._badges.append(img)
        return self._badges[int(phase * 8) % 8]

    def _halo(self, phase: float) -> QtGui.QImage:
        if not self._halos:
            for k in range(8):
                a = 0.35 + 0.65 * (0.5 + 0.5 * math.cos(2 * math.pi * k / 8))
                side = 40
                img = QtGui.QImage(side, side, QtGui.QImage.Format.Format_ARGB32_Premultiplied)
                img.fill(QtCore.Qt.GlobalColor.transparent)
                p = QtGui.QPainter(img)
                p.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
                g = QtGui.QRadialGradient(side / 2, side / 2, side / 2)
                g.setColorAt(0.0, QtGui.QColor(255, 60, 60, int(230 * a)))
                g.setColorAt(0.45, QtGui.QColor(255, 40, 40, int(150 * a)))
                g.setColorAt(1.0, QtGui.QColor(255, 0, 0, 0))
                p.setPen(QtCore.Qt.PenStyle.NoPen)
                p.setBrush(QtGui.QBrush(g))
                p.drawEllipse(0, 0, side, side)
                p.end()
                self._halos.append(img)
        return self._halos[int(phase * 8) % 8]

    # --- frame ----------------------------------------------------------------------------------
    def paint(self, p: QtGui.QPainter, vp: Viewport, selected: str, phase: float) -> None:
        d = self.data
        self.any_overdue_visible = False
        if not self.visible or d.n == 0:
            self._single_xy = np.zeros((0, 2))
            self._single_rows = np.zeros(0, dtype=np.int64)
            self._cluster_xy = np.zeros((0, 2))
            self._cluster_grid = None
            self.last_clusters = []
            return
        sx, sy = vp.to_screen_arrays(d["x"], d["y"])  # type: ignore[arg-type]
        m = 24
        vis = d.alive[: d.n] & (sx > -m) & (sx < vp.width + m) & (sy > -m) & (sy < vp.height + m)
        rows = np.flatnonzero(vis)
        prio = d["prio"].astype(np.int64)
        shape = d["shape"].astype(np.int64)
        overdue = d["overdue"].astype(bool)
        sel_row = d.row.get(selected, -1)
        if vp.zoom < self.cluster_below_zoom or len(rows) > self.max_individual:
            singles = self._cluster(p, vp, rows, prio, overdue, phase)
        else:
            singles = rows
            self._cluster_xy = np.zeros((0, 2))
            self._cluster_grid = None
            self.last_clusters = []
        # Draw P4 first and P1 last so the most urgent markers stay on top.
        singles = singles[np.argsort(-prio[singles], kind="stable")]
        # Whole-pixel blits: drawImage(int, int) skips the sub-pixel path and is ~10x faster.
        half = self.MARKER // 2
        od = singles[overdue[singles]]
        if len(od):
            self.any_overdue_visible = True
            halo = self._halo(phase)
            hh = halo.width() // 2
            for x, y in zip(
                np.rint(sx[od]).astype(int).tolist(),
                np.rint(sy[od]).astype(int).tolist(),
                strict=True,
            ):
                p.drawImage(x - hh, y - hh, halo)
        keep = singles[singles != sel_row]
        xs = (np.rint(sx[keep]).astype(int) - half).tolist()
        ys = (np.rint(sy[keep]).astype(int) - half).tolist()
        sprite_key = (prio[keep] * 4 + shape[keep]).tolist()
        sprites = {k: self._sprite(k // 4, k % 4, False) for k in set(sprite_key)}
        draw = p.drawImage
        for x, y, k in zip(xs, ys, sprite_key, strict=True):
            draw(x, y, sprites[k])
        self._single_xy = np.column_stack([sx[singles], sy[singles]])
        self._single_rows = singles
        # The selected incident always shows as itself, on top, even inside a cluster.
        if sel_row >= 0 and d.alive[sel_row]:
            img = self._sprite(int(prio[sel_row]), int(shape[sel_row]), True)
            h2 = img.width() // 2
            p.drawImage(round(sx[sel_row]) - h2, round(sy[sel_row]) - h2, img)

    def _grid(
        self, vp: Viewport, prio: npt.NDArray[np.int64], overdue: npt.NDArray[np.bool_]
    ) -> _Grid:
        """Clusters of all open incidents on a world-pixel grid, cached per zoom and data version.

        Anchoring cells to world pixels means a pan reuses the clusters unchanged: only the
        screen offset moves, so a panning frame does no clustering work at all.
        """
        if self._grids_version != self._version:
            self._grids.clear()
            self._grids_version = self._version
        cached = self._grids.get(vp.zoom)
        if cached is not None:
            self._grids.move_to_end(vp.zoom)
            return cached
        d = self.data
        rows = np.flatnonzero(d.alive[: d.n])
        s = vp.scale
        wx = (d["x"][rows] + MERCATOR_MAX_XY) * s  # type: ignore[operator]
        wy = (MERCATOR_MAX_XY - d["y"][rows]) * s  # type: ignore[operator]
        cell, n_cells = self._cells(wx, wy)
        # Every reduction is a bincount over cell indices: no sort, a few linear passes.
        cnt = np.bincount(cell, minlength=n_cells)
        multi = np.flatnonzero(cnt > 1)
        count = cnt[multi]
        prio_r = prio[rows]
        top = np.full(len(multi), 4, dtype=np.int64)
        for level in (3, 2, 1):  # the most urgent member wins, so lower levels overwrite
            has = np.bincount(cell[prio_r == level], minlength=n_cells)[multi] > 0
            top[has] = level
        grid = _Grid(
            wx=np.bincount(cell, weights=wx, minlength=n_cells)[multi] / count,
            wy=np.bincount(cell, weights=wy, minlength=n_cells)[multi] / count,
            count=count,
            top=top,
            hot=np.bincount(cell[overdue[rows]], minlength=n_cells)[multi] > 0,
            radius=11.0 + 4.0 * np.log10(count),
            cell=multi,
            rows=rows,
            row_cell=cell,
            singles=rows[cnt[cell] == 1],
        )
        self._grids[vp.zoom] = grid
        if len(self._grids) > self.GRID_CACHE:
            self._grids.popitem(last=False)
        return grid

    def _cells(
        self, wx: npt.NDArray[np.float64], wy: npt.NDArray[np.float64]
    ) -> tuple[npt.NDArray[np.int64], int]:
        """Cell index of each point and the number of indices: dense over the points' box while
        that box is small (the usual case at clustering zooms), compacted through a sort beyond."""
        gx = np.floor(wx / self.CELL).astype(np.int64)
        gy = np.floor(wy / self.CELL).astype(np.int64)
        if not len(gx):
            return gx, 0
        gx -= gx.min()
        gy -= gy.min()
        h = int(gy.max()) + 1
        n = (int(gx.max()) + 1) * h
        if n <= self.DENSE_CELLS:
            return gx * h + gy, n
        _, inv = np.unique(gx * h + gy, return_inverse=True)
        return inv.astype(np.int64).ravel(), int(inv.max()) + 1

    def _cluster(
        self,
        p: QtGui.QPainter,
        vp: Viewport,
        rows: npt.NDArray[np.int64],
        prio: npt.NDArray[np.int64],
        overdue: npt.NDArray[np.bool_],
        phase: float,
    ) -> npt.NDArray[np.int64]:
        """Draw the visible clusters; return the visible rows that stand alone in their cell."""
        g = self._grid(vp, prio, overdue)
        ox, oy = vp.origin
        cx, cy = g.wx - ox, g.wy - oy
        m = g.radius + 4
        vis = np.flatnonzero((cx > -m) & (cx < vp.width + m) & (cy > -m) & (cy < vp.height + m))
        badge = self._badge(phase)
        draw = p.drawImage
        for x, y, r, top, count, hot in zip(
            np.rint(cx[vis]).astype(int).tolist(),
            np.rint(cy[vis]).astype(int).tolist(),
            np.rint(g.radius[vis]).astype(int).tolist(),
            g.top[vis].tolist(),
            g.count[vis].tolist(),
            g.hot[vis].tolist(),
            strict=True,
        ):
            bubble = self._bubble(top, r, count)
            h = bubble.width() // 2
            draw(x - h, y - h, bubble)
            if hot:
                draw(x + round(r * 0.72) - 10, y - round(r * 0.72) - 10, badge)
        if len(vis) and bool(g.hot[vis].any()):
            self.any_overdue_visible = True
        self._cluster_xy = np.column_stack([cx[vis], cy[vis]])
        self._cluster_r = g.radius[vis]
        self._cluster_grid = g
        self._cluster_index = vis
        flags = np.zeros(self.data.n, dtype=bool)
        flags[rows] = True
        singles = g.singles[flags[g.singles]]
        self.last_clusters = [
            (float(cx[k]), float(cy[k]), int(g.count[k])) for k in vis.tolist()
        ] + [(0.0, 0.0, 1)] * len(singles)
        return singles

    # --- hit test -------------------------------------------------------------------------------
    def hit(self, sx: float, sy: float, radius: float = 10.0) -> Hit | None:
        if len(self._single_xy):
            d = np.hypot(self._single_xy[:, 0] - sx, self._single_xy[:, 1] - sy)
            # Among overlapping markers pick the most urgent (drawn on top), then the nearest.
            near = np.flatnonzero(d <= radius)
            if len(near):
                pr = self.data["prio"][self._single_rows[near]]
                k = near[np.lexsort((d[near], pr))[0]]
                row = int(self._single_rows[k])
                x, y = self._single_xy[k]
                return Hit("incident", self.data.ids[row], float(x), float(y))
        if len(self._cluster_xy):
            d = np.hypot(self._cluster_xy[:, 0] - sx, self._cluster_xy[:, 1] - sy)
            k = int(np.argmin(d))
            if d[k] <= self._cluster_r[k] + 2:
                g = self._cluster_grid
                members: Iterable[int] = (
                    g.members(int(self._cluster_index[k])).tolist() if g is not None else []
                )
                ids = [self.data.ids[int(r)] for r in members]
                x, y = self._cluster_xy[k]
                return Hit("cluster", "", float(x), float(y), ids=ids)
        return None
