"""A small map of one alert's areas: its polygons and circles, and the incidents (squares) and
units (dots) inside them, on an equirectangular projection fitted to the area."""

from __future__ import annotations

import logging
import math

from PySide6 import QtCore, QtGui, QtWidgets

from app.domain.alerts import Alert

log = logging.getLogger(__name__)

SEVERITY_COLOURS = {
    "Extreme": "#FF4D4D",
    "Severe": "#FF9F1C",
    "Moderate": "#FFD23F",
    "Minor": "#4DA6FF",
}


class AlertAreaView(QtWidgets.QWidget):
    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("AlertAreaView")
        self.setMinimumSize(220, 160)
        self._alert: Alert | None = None
        self._incidents: list[tuple[float, float]] = []
        self._units: list[tuple[float, float]] = []

    def show_alert(
        self,
        alert: Alert | None,
        incidents: list[tuple[float, float]],
        units: list[tuple[float, float]],
    ) -> None:
        self._alert, self._incidents, self._units = alert, incidents, units
        self.update()

    def _points(self) -> list[tuple[float, float]]:
        assert self._alert is not None
        pts: list[tuple[float, float]] = []
        for area in self._alert.areas:
            for ring in area.polygons:
                pts.extend(ring)
            for c in area.circles:
                dlat = c.radius_km / 111.2
                dlon = dlat / max(0.1, math.cos(math.radians(c.lat)))
                pts += [(c.lat - dlat, c.lon - dlon), (c.lat + dlat, c.lon + dlon)]
        return pts

    def paintEvent(self, event: QtGui.QPaintEvent) -> None:
        p = QtGui.QPainter(self)
        p.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), QtGui.QColor("#14181F"))
        pts = self._points() if self._alert is not None else []
        if not pts:
            p.setPen(QtGui.QColor("#9AA4B2"))
            text = (
                self.tr("No alert selected")
                if self._alert is None
                else self.tr("This alert names places by code only (no drawable area)")
            )
            p.drawText(self.rect(), QtCore.Qt.AlignmentFlag.AlignCenter, text)
            return
        assert self._alert is not None
        lats, lons = [a for a, _ in pts], [b for _, b in pts]
        mid = math.cos(math.radians((min(lats) + max(lats)) / 2))
        w = max(1e-6, (max(lons) - min(lons)) * mid)
        h = max(1e-6, max(lats) - min(lats))
        margin = 14
        scale = min((self.width() - 2 * margin) / w, (self.height() - 2 * margin) / h)
        cx, cy = (min(lons) + max(lons)) / 2, (min(lats) + max(lats)) / 2

        def xy(lat: float, lon: float) -> QtCore.QPointF:
            return QtCore.QPointF(
                self.width() / 2 + (lon - cx) * mid * scale,
                self.height() / 2 - (lat - cy) * scale,
            )

        colour = QtGui.QColor(SEVERITY_COLOURS.get(self._alert.severity, "#C0C8D4"))
        fill = QtGui.QColor(colour)
        fill.setAlpha(50 if not self._alert.cancelled else 15)
        pen = QtGui.QPen(colour, 2.0)
        if self._alert.cancelled:
            pen.setStyle(QtCore.Qt.PenStyle.DashLine)
        p.setPen(pen)
        p.setBrush(fill)
        for area in self._alert.areas:
            for ring in area.polygons:
                p.drawPolygon(QtGui.QPolygonF([xy(la, lo) for la, lo in ring]))
            for c in area.circles:
                r = c.radius_km / 111.2 * scale
                p.drawEllipse(xy(c.lat, c.lon), r, r)
        p.setPen(QtGui.QPen(QtGui.QColor("#FFFFFF"), 1.0))
        p.setBrush(QtGui.QColor("#4DA6FF"))
        for lat, lon in self._units:
            p.drawEllipse(xy(lat, lon), 3.5, 3.5)
        p.setBrush(QtGui.QColor("#FF4D4D"))
        for lat, lon in self._incidents:
            pt = xy(lat, lon)
            p.drawRect(QtCore.QRectF(pt.x() - 4, pt.y() - 4, 8, 8))
