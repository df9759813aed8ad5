"""Public warnings on the map: the polygons and circles of every active alert (not cancelled,
not expired), filled faintly in the colour of its severity and outlined, under the incidents."""

from __future__ import annotations

import logging
import math
from collections.abc import Iterable

from PySide6 import QtCore, QtGui

from app.domain.alerts import Alert
from app.geo.projection import metres_per_pixel
from widgets.map.viewport import Viewport

log = logging.getLogger(__name__)

SEVERITY_COLOURS = {
    "Extreme": "#FF4D4D",
    "Severe": "#FF9F1C",
    "Moderate": "#FFD23F",
    "Minor": "#4DA6FF",
}


class AlertLayer:
    """Owns the active alerts' shapes (few: drawn from lat/lon every frame)."""

    def __init__(self) -> None:
        self.visible = True
        self._alerts: list[Alert] = []

    def set_alerts(self, alerts: Iterable[Alert]) -> None:
        self._alerts = [a for a in alerts if not a.cancelled and a.areas]

    def shown(self, now: float) -> list[Alert]:
        """The alerts drawn at ``now`` (expiry is checked at paint time: no event marks it)."""
        return [a for a in self._alerts if not (a.expires_at and a.expires_at < now)]

    def paint(self, p: QtGui.QPainter, vp: Viewport, now: float) -> None:
        shown = self.shown(now) if self.visible else []
        if not shown:
            return
        p.save()
        p.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
        for alert in shown:
            colour = QtGui.QColor(SEVERITY_COLOURS.get(alert.severity, "#C0C8D4"))
            fill = QtGui.QColor(colour)
            fill.setAlpha(38)
            pen = QtGui.QPen(colour, 2.0)
            pen.setCosmetic(True)
            p.setPen(pen)
            p.setBrush(fill)
            for area in alert.areas:
                for ring in area.polygons:
                    pts = [QtCore.QPointF(*vp.screen_of_latlon(la, lo)) for la, lo in ring]
                    p.drawPolygon(QtGui.QPolygonF(pts))
                for c in area.circles:
                    # Mercator metres per ground metre grow as 1 / cos(latitude).
                    px_per_m = 1.0 / math.cos(math.radians(c.lat)) / metres_per_pixel(vp.zoom)
                    r = c.radius_km * 1000.0 * px_per_m
                    x, y = vp.screen_of_latlon(c.lat, c.lon)
                    p.drawEllipse(QtCore.QPointF(x, y), r, r)
        p.restore()
