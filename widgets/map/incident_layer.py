"""Open incidents as markers: colour by priority, shape by status, halo when a clock is overdue.

At low zoom (or when too many are visible) markers merge into counted clusters on a grid of
screen cells anchored to world pixels, so clusters do not jump while the map pans.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping

import numpy as np
import numpy.typing as npt
from PySide6 import QtGui

from app.domain.geo import lonlat_to_mercator
from app.domain.model import Incident, Status
from app.geo.projection import MERCATOR_MAX_XY
from widgets.map.clusters import DENSE_CELLS, Grid, GridCache, build_grid
from widgets.map.incident_sprites import (
    SHAPE_CIRCLE,
    SHAPE_DIAMOND,
    SHAPE_SQUARE,
    IncidentSprites,
)
from widgets.map.layer_base import Columns, Hit
from widgets.map.style import MapStyle
from widgets.map.viewport import Viewport

log = logging.getLogger(__name__)


def shape_of(status: Status) -> int:
    """Pending (reported, registered): circle; with a department: diamond; awaiting checks: square."""
    if status in (Status.REPORTED, Status.REGISTERED):
        return SHAPE_CIRCLE
    if status in (Status.RESOLVED, Status.VERIFIED):
        return SHAPE_SQUARE
    return SHAPE_DIAMOND


class IncidentLayer:
    """Owns the incident columns, the marker sprites and the last frame's hit targets."""

    MARKER = IncidentSprites.MARKER
    CELL = 56  # cluster cell side in pixels
    cluster_below_zoom = 15.0
    max_individual = 2500  # above this many visible, cluster at any zoom
    GRID_CACHE = 12  # zoom steps whose clustering is kept
    DENSE_CELLS = DENSE_CELLS

    def __init__(self, style: MapStyle) -> None:
        self.style = style
        self.visible = True
        self.data = Columns(
            {"x": np.float64, "y": np.float64, "prio": np.int8, "shape": np.int8, "overdue": bool}
        )
        self.sprites = IncidentSprites(style)
        # Last frame, for hit tests: single markers and clusters in screen pixels.
        self._single_xy = np.zeros((0, 2))
        self._single_rows = np.zeros(0, dtype=np.int64)
        self._cluster_xy = np.zeros((0, 2))
        self._cluster_r = np.zeros(0)
        self._cluster_grid: Grid | None = None
        self._cluster_index = np.zeros(0, dtype=np.int64)  # visible clusters' indices in the grid
        self.last_clusters: list[tuple[float, float, int]] = []  # (sx, sy, count), for tests
        self.any_overdue_visible = False
        self._version = 0  # bumped on every data change; keys the cluster cache
        self._grids = GridCache(self.GRID_CACHE)
        # A drill-down from the evaluation dashboard: only these cases, closed ones included.
        self.only: frozenset[str] | None = None

    # --- data -----------------------------------------------------------------------------------
    def reset(self, incidents: Mapping[str, Incident]) -> None:
        self.data.clear()
        self.update(incidents, incidents.keys())

    def update(self, incidents: Mapping[str, Incident], ids: Iterable[str]) -> None:
        self._version += 1
        for iid in ids:
            inc = incidents.get(iid)
            only = self.only
            shown = inc is not None and (inc.is_open() if only is None else (iid in only))
            if inc is None or not shown:
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
            halo = self.sprites.halo(phase)
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
        sprites = {k: self.sprites.marker(k // 4, k % 4, False) for k in set(sprite_key)}
        draw = p.drawImage
        for x, y, k in zip(xs, ys, sprite_key, strict=True):
            draw(x, y, sprites[k])
        self._single_xy = np.column_stack([sx[singles], sy[singles]])
        self._single_rows = singles
        # The selected incident always shows as itself, on top, even inside a cluster.
        if sel_row >= 0 and d.alive[sel_row]:
            img = self.sprites.marker(int(prio[sel_row]), int(shape[sel_row]), True)
            h2 = img.width() // 2
            p.drawImage(round(sx[sel_row]) - h2, round(sy[sel_row]) - h2, img)

    def _grid(
        self, vp: Viewport, prio: npt.NDArray[np.int64], overdue: npt.NDArray[np.bool_]
    ) -> Grid:
        """Clusters of all open incidents at this zoom, cached per zoom and data version."""
        grid = self._grids.get(vp.zoom, self._version)
        if grid is not None:
            return grid
        d = self.data
        rows = np.flatnonzero(d.alive[: d.n])
        s = vp.scale
        wx = (d["x"][rows] + MERCATOR_MAX_XY) * s  # type: ignore[operator]
        wy = (MERCATOR_MAX_XY - d["y"][rows]) * s  # type: ignore[operator]
        grid = build_grid(rows, wx, wy, prio, overdue, self.CELL, self.DENSE_CELLS)
        self._grids.put(vp.zoom, self._version, grid)
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
        badge = self.sprites.badge(phase)
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
            bubble = self.sprites.bubble(top, r, count)
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
