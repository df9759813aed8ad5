"""Field inspectors on the map: every inspector on duty as a small diamond at the last fix,
and for the inspector chosen in the Inspectors panel the track of the duty spell, the last fix
and today's checkpoints (a circle of the tick radius: green ticked, orange still to visit)."""

from __future__ import annotations

import logging
import math

from PySide6 import QtCore, QtGui

from app.domain.round_summary import todays_rounds
from app.domain.rounds import local_day, round_key
from app.geo.projection import metres_per_pixel
from app.store.store import Store
from widgets.map.viewport import Viewport

log = logging.getLogger(__name__)

TRACK = "#3FD0E0"
TICKED = "#3CC06B"
TO_VISIT = "#F29A34"


class InspectorLayer:
    """Reads the store's state at paint time (inspectors are few; a track is at most 480 fixes)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.visible = True
        self.selected = ""

    def select(self, username: str) -> None:
        self.selected = username

    def focus(self, now: float) -> tuple[float, float] | None:
        """Where the chosen inspector is: the last fix, else the first checkpoint of today."""
        st = self.store.state.inspectors.get(self.selected)
        if st is not None and st.position_at:
            return st.lat, st.lon
        for rnd in todays_rounds(self.store.state, now):
            if rnd.inspector == self.selected and rnd.checkpoints:
                return rnd.checkpoints[0].lat, rnd.checkpoints[0].lon
        return None

    def paint(self, p: QtGui.QPainter, vp: Viewport, now: float) -> None:
        if not self.visible:
            return
        state = self.store.state
        p.save()
        p.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
        if self.selected:
            rnd = state.rounds.get(round_key(self.selected, local_day(state.rules(), now)))
            if rnd is not None:
                for cp in rnd.checkpoints:
                    x, y = vp.screen_of_latlon(cp.lat, cp.lon)
                    px_per_m = 1.0 / math.cos(math.radians(cp.lat)) / metres_per_pixel(vp.zoom)
                    r = max(4.0, cp.radius_m * px_per_m)
                    colour = QtGui.QColor(TICKED if cp.id in rnd.ticks else TO_VISIT)
                    fill = QtGui.QColor(colour)
                    fill.setAlpha(60)
                    pen = QtGui.QPen(colour, 2.0)
                    pen.setCosmetic(True)
                    p.setPen(pen)
                    p.setBrush(fill)
                    p.drawEllipse(QtCore.QPointF(x, y), r, r)
            st = state.inspectors.get(self.selected)
            if st is not None and len(st.track) > 1:
                pen = QtGui.QPen(QtGui.QColor(TRACK), 3.0)
                pen.setCosmetic(True)
                pen.setJoinStyle(QtCore.Qt.PenJoinStyle.RoundJoin)
                p.setPen(pen)
                p.setBrush(QtCore.Qt.BrushStyle.NoBrush)
                pts = [QtCore.QPointF(*vp.screen_of_latlon(t.lat, t.lon)) for t in st.track]
                p.drawPolyline(QtGui.QPolygonF(pts))
        font = QtGui.QFont(p.font())
        font.setPointSizeF(max(8.0, font.pointSizeF()))
        font.setBold(True)
        p.setFont(font)
        for st in state.inspectors.values():
            if not st.position_at or not (st.on_duty or st.username == self.selected):
                continue
            x, y = vp.screen_of_latlon(st.lat, st.lon)
            size = 9.0 if st.username == self.selected else 6.0
            diamond = QtGui.QPolygonF(
                [
                    QtCore.QPointF(x, y - size),
                    QtCore.QPointF(x + size, y),
                    QtCore.QPointF(x, y + size),
                    QtCore.QPointF(x - size, y),
                ]
            )
            p.setPen(QtGui.QPen(QtGui.QColor("#0B1016"), 1.5))
            p.setBrush(QtGui.QColor(TRACK if st.on_duty else "#8A96A6"))
            p.drawPolygon(diamond)
            p.setPen(QtGui.QColor("#E8EEF5"))
            p.drawText(QtCore.QPointF(x + size + 3, y + 4), st.display_name or st.username)
        p.restore()
