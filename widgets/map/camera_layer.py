"""Cameras with their field-of-view cones (heading clockwise from north, fov degrees, range)."""

from __future__ import annotations

import logging
import math
from collections.abc import Iterable, Mapping

import numpy as np
from PySide6 import QtCore, QtGui

from app.domain.geo import lonlat_to_mercator
from app.domain.model import Camera
from app.geo.projection import metres_per_pixel
from widgets.map.layer_base import Columns, Hit, nearest_hit
from widgets.map.style import MapStyle
from widgets.map.viewport import Viewport

log = logging.getLogger(__name__)


class CameraLayer:
    """Owns camera columns; cones draw from ``cone_min_zoom``, dots below it."""

    cone_min_zoom = 14.5
    min_zoom = 14.0

    def __init__(self, style: MapStyle) -> None:
        self.style = style
        self.visible = True
        self.data = Columns(
            {
                "x": np.float64,
                "y": np.float64,
                "heading": np.float32,
                "fov": np.float32,
                "range": np.float32,
                "online": bool,
            }
        )
        self.highlighted: set[str] = set()
        self._xy = np.zeros((0, 2))
        self._rows = np.zeros(0, dtype=np.int64)

    def reset(self, cameras: Mapping[str, Camera]) -> None:
        self.data.clear()
        self.update(cameras, cameras.keys())

    def update(self, cameras: Mapping[str, Camera], ids: Iterable[str]) -> None:
        for cid in ids:
            c = cameras.get(cid)
            if c is None:
                self.data.remove(cid)
                continue
            try:
                x, y = lonlat_to_mercator(c.lon, c.lat)
            except ValueError:
                self.data.remove(cid)
                continue
            self.data.put(
                cid,
                x=x,
                y=y,
                heading=c.heading,
                fov=max(1.0, min(360.0, c.fov)),
                range=max(0.0, c.range_m),
                online=c.status == "online",
            )

    def paint(self, p: QtGui.QPainter, vp: Viewport) -> None:
        d = self.data
        self._xy = np.zeros((0, 2))
        self._rows = np.zeros(0, dtype=np.int64)
        if not self.visible or d.n == 0 or vp.zoom < self.min_zoom:
            return
        sx, sy = vp.to_screen_arrays(d["x"], d["y"])  # type: ignore[arg-type]
        # A cone reaches range_m ground metres: in Mercator metres that is range / cos(lat).
        lat_scale = 1.0 / math.cos(math.radians(37.76))
        px_per_m = lat_scale / metres_per_pixel(vp.zoom)
        reach = d["range"].astype(np.float64) * px_per_m
        m = np.maximum(reach, 10)
        vis = d.alive[: d.n] & (sx > -m) & (sx < vp.width + m) & (sy > -m) & (sy < vp.height + m)
        rows = np.flatnonzero(vis)
        cones = vp.zoom >= self.cone_min_zoom
        online = d["online"]
        for r in rows:
            hl = d.ids[r] in self.highlighted
            base = self.style.camera if online[r] else self.style.camera_offline
            if cones and reach[r] > 4:
                fill = QtGui.QColor(base)
                fill.setAlpha(70 if hl else 34)
                edge = QtGui.QColor(base)
                edge.setAlpha(200 if hl else 90)
                p.setPen(QtGui.QPen(edge, 1.0))
                p.setBrush(fill)
                rr = float(reach[r])
                # Qt angles run counter-clockwise from 3 o'clock in 1/16 degree.
                start = 90.0 - float(d["heading"][r]) - float(d["fov"][r]) / 2
                p.drawPie(
                    QtCore.QRectF(sx[r] - rr, sy[r] - rr, 2 * rr, 2 * rr),
                    int(start * 16),
                    int(float(d["fov"][r]) * 16),
                )
            p.setPen(QtGui.QPen(QtGui.QColor(8, 10, 12), 1.2))
            p.setBrush(QtGui.QColor(255, 255, 255) if hl else base)
            p.drawRect(QtCore.QRectF(sx[r] - 3.5, sy[r] - 3.5, 7, 7))
        self._xy = np.column_stack([sx[rows], sy[rows]])
        self._rows = rows

    def hit(self, sx: float, sy: float, radius: float = 8.0) -> Hit | None:
        return nearest_hit("camera", self._xy, self._rows, self.data.ids, sx, sy, radius)
