"""Open incidents as markers: colour by priority, shape by status, halo when a clock is overdue.

At low zoom (or when too many are visible) markers merge into counted clusters on a grid of
screen cells anchored to world pixels, so clusters do not jump while the map pans.
"""

from __future__ import annotations

import logging
import math
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
    members_sorted: npt.NDArray[np.int64]
    starts: npt.NDArray[np.int64]
    ends: npt.NDArray[np.int64]
    singles: npt.NDArray[np.int64]


class IncidentLayer:
    """Owns the incident columns, the marker sprites and the last frame's hit targets."""

    MARKER = 22  # sprite side in pixels (readable from across the room)
    CELL = 56  # cluster cell side in pixels
    cluster_below_zoom = 15.0
    max_individual = 2500  # above this many visible, cluster at any zoom

    def __init__(self, style: MapStyle) -> None:
        self.style = style
        self.visible = True
        self.data = Columns(
            {"x": np.float64, "y": np.float64, "prio": np.int8, "shape": np.int8, "overdue": bool}
        )
        self._sprites: dict[tuple[int, int, bool], QtGui.QImage] = {}
        self._halos: list[QtGui.QImage] = []
        self._bubbles: dict[tuple[int, int, int], QtGui.QImage] = {}
        self._badges: list[QtGui.QImage] = []
        self._font = QtGui.QFont("DejaVu Sans")
        self._font.setPixelSize(11)
        self._font.setBold(True)
        # Last frame, for hit tests: single markers and clusters in screen pixels.
        self._single_xy = np.zeros((0, 2))
        self._single_rows = np.zeros(0, dtype=np.int64)
        self._cluster_xy = np.zeros((0, 2))
        self._cluster_r = np.zeros(0)
        self._cluster_members: list[npt.NDArray[np.int64]] = []
        self.last_clusters: list[tuple[float, float, int]] = []  # (sx, sy, count), for tests
        self.any_overdue_visible = False
        self._version = 0  # bumped on every data change; keys the cluster cache
        self._grid_key: tuple[float, int] = (0.0, -1)
        self._grid_cache: _Grid | None = None

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

    def _bubble(self, prio: int, r: int, count: int) -> QtGui.QImage:
        """Cluster body: neutral disc with the count, ring in the most urgent priority.

        A city of red bubbles reads as noise, so only the ring carries the priority colour.
        """
        key = (prio, r, count)
        img = self._bubbles.get(key)
        if img is not None:
            return img
        if len(self._bubbles) > 4000:
            self._bubbles.clear()
        side = 2 * r + 6
        img = QtGui.QImage(side, side, QtGui.QImage.Format.Format_ARGB32_Premultiplied)
        img.fill(QtCore.Qt.GlobalColor.transparent)
        p = QtGui.QPainter(img)
        p.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
        c = side / 2
        p.setPen(QtGui.QPen(self.style.priority_color(prio), 3.0))
        p.setBrush(QtGui.QColor(24, 31, 40, 235))
        p.drawEllipse(QtCore.QPointF(c, c), r, r)
        p.setFont(self._font)
        p.setPen(QtGui.QColor(236, 240, 244))
        p.drawText(
            QtCore.QRectF(c - r, c - r, 2 * r, 2 * r),
            QtCore.Qt.AlignmentFlag.AlignCenter,
            str(count),
        )
        p.end()
        self._bubbles[key] = img
        return img

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
            self._cluster_members = []
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
            self._cluster_members = []
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
        key = (vp.zoom, self._version)
        if self._grid_cache is not None and self._grid_key == key:
            return self._grid_cache
        d = self.data
        rows = np.flatnonzero(d.alive[: d.n])
        s = vp.scale
        wx = (d["x"][rows] + MERCATOR_MAX_XY) * s  # type: ignore[operator]
        wy = (MERCATOR_MAX_XY - d["y"][rows]) * s  # type: ignore[operator]
        gx = np.floor(wx / self.CELL).astype(np.int64)
        gy = np.floor(wy / self.CELL).astype(np.int64)
        _, inv, counts = np.unique(gx * 4_000_003 + gy, return_inverse=True, return_counts=True)
        order = np.argsort(inv, kind="stable")
        bounds = np.concatenate([[0], np.cumsum(counts)])
        # Per-cluster reductions over the members grouped by cell (ufunc.at is far slower).
        top = np.minimum.reduceat(prio[rows][order], bounds[:-1]) if len(rows) else counts
        hot = np.maximum.reduceat(overdue[rows][order], bounds[:-1]) if len(rows) else counts > 0
        multi = np.flatnonzero(counts > 1)
        grid = _Grid(
            wx=(np.bincount(inv, weights=wx) / counts)[multi] if len(rows) else np.zeros(0),
            wy=(np.bincount(inv, weights=wy) / counts)[multi] if len(rows) else np.zeros(0),
            count=counts[multi],
            top=top[multi],
            hot=hot[multi].astype(bool),
            radius=(11.0 + 4.0 * np.log10(np.maximum(counts, 1)))[multi],
            members_sorted=rows[order],
            starts=bounds[:-1][multi],
            ends=bounds[1:][multi],
            singles=rows[counts[inv] == 1],
        )
        self._grid_key, self._grid_cache = key, grid
        return grid

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
        for k, x, y in zip(vis.tolist(), cx[vis].tolist(), cy[vis].tolist(), strict=True):
            r = round(g.radius[k])
            img = self._bubble(int(g.top[k]), r, int(g.count[k]))
            h = img.width() // 2
            ix, iy = round(x), round(y)
            p.drawImage(ix - h, iy - h, img)
            if g.hot[k]:
                p.drawImage(ix + round(r * 0.72) - 10, iy - round(r * 0.72) - 10, badge)
        if len(vis) and bool(g.hot[vis].any()):
            self.any_overdue_visible = True
        self._cluster_xy = np.column_stack([cx[vis], cy[vis]])
        self._cluster_r = g.radius[vis]
        self._cluster_members = [g.members_sorted[g.starts[k] : g.ends[k]] for k in vis.tolist()]
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
                ids = [self.data.ids[int(r)] for r in self._cluster_members[k]]
                x, y = self._cluster_xy[k]
                return Hit("cluster", "", float(x), float(y), ids=ids)
        return None
