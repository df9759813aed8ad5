"""The drive of the selected recommended unit to its incident, drawn over the streets."""

from __future__ import annotations

import logging
from collections.abc import Sequence

import numpy as np
from PySide6 import QtCore, QtGui

from app.geo.projection import lonlat_to_mercator_arrays, mercator_to_lonlat_arrays
from widgets.map.viewport import Viewport

log = logging.getLogger(__name__)

ROUTE_COLOR = QtGui.QColor("#3fd0ff")  # cyan: apart from roads, priorities and cameras
CASING_COLOR = QtGui.QColor(5, 8, 12, 220)


class RouteLayer:
    """Owns one polyline (Mercator metres) and its label; empty draws nothing."""

    def __init__(self) -> None:
        self._x = np.zeros(0)
        self._y = np.zeros(0)
        self.label = ""

    @property
    def shown(self) -> bool:
        return len(self._x) >= 2

    def set_path(self, path: Sequence[tuple[float, float]], label: str = "") -> None:
        """``path`` as (lat, lon) points from the unit to the incident; [] clears."""
        if len(path) < 2:
            self._x = self._y = np.zeros(0)
            self.label = ""
            return
        arr = np.asarray(path, dtype=np.float64)
        self._x, self._y = lonlat_to_mercator_arrays(arr[:, 1], arr[:, 0])
        self.label = label

    def bounds_latlon(self) -> tuple[float, float, float, float] | None:
        """The route's box (lat0, lon0, lat1, lon1), to fit the view to it."""
        if not self.shown:
            return None
        lon, lat = mercator_to_lonlat_arrays(self._x, self._y)
        return float(lat.min()), float(lon.min()), float(lat.max()), float(lon.max())

    def paint(self, p: QtGui.QPainter, vp: Viewport) -> None:
        if not self.shown:
            return
        sx, sy = vp.to_screen_arrays(self._x, self._y)
        pts = [QtCore.QPointF(float(a), float(b)) for a, b in zip(sx, sy, strict=True)]
        poly = QtGui.QPolygonF(pts)
        width = max(3.0, min(7.0, 1.5 + vp.zoom - 12.0))
        p.save()
        for color, w in ((CASING_COLOR, width + 3.0), (ROUTE_COLOR, width)):
            pen = QtGui.QPen(color, w)
            pen.setCapStyle(QtCore.Qt.PenCapStyle.RoundCap)
            pen.setJoinStyle(QtCore.Qt.PenJoinStyle.RoundJoin)
            p.setPen(pen)
            p.drawPolyline(poly)
        # The unit's end: a ring, so the direction of travel reads at a glance.
        p.setPen(QtGui.QPen(ROUTE_COLOR, 2.5))
        p.setBrush(CASING_COLOR)
        p.drawEllipse(pts[0], width + 2.0, width + 2.0)
        if self.label:
            font = QtGui.QFont("DejaVu Sans")
            font.setPixelSize(13)
            font.setBold(True)
            p.setFont(font)
            fm = QtGui.QFontMetricsF(font)
            box = fm.boundingRect(self.label).adjusted(-6, -3, 6, 3)
            box.moveTopLeft(pts[0] + QtCore.QPointF(width + 6.0, -box.height() / 2))
            p.setPen(QtCore.Qt.PenStyle.NoPen)
            p.setBrush(CASING_COLOR)
            p.drawRoundedRect(box, 4, 4)
            p.setPen(ROUTE_COLOR)
            p.drawText(box, QtCore.Qt.AlignmentFlag.AlignCenter, self.label)
        p.restore()
