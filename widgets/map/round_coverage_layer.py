"""Round coverage on the map: the grid cells of today's rounds, filled by the share of their
checkpoints ticked off (red none, amber half, green all; grey: a cell with no checkpoint).
Off until the Inspectors panel turns it on."""

from __future__ import annotations

import logging

from PySide6 import QtCore, QtGui

from app.domain.round_summary import coverage
from app.store.store import Store
from widgets.map.viewport import Viewport

log = logging.getLogger(__name__)

NO_CHECKPOINT = "#7A8696"


def coverage_colour(share: float | None) -> QtGui.QColor:
    """Red (0) through amber (0.5) to green (1); grey for no checkpoint."""
    if share is None:
        return QtGui.QColor(NO_CHECKPOINT)
    s = min(1.0, max(0.0, share))
    red, amber, green = (0xE5, 0x48, 0x4D), (0xF2, 0xB1, 0x34), (0x3C, 0xC0, 0x6B)
    a, b, f = (red, amber, s * 2) if s < 0.5 else (amber, green, (s - 0.5) * 2)
    return QtGui.QColor(*(round(x + (y - x) * f) for x, y in zip(a, b, strict=True)))


class RoundCoverageLayer:
    """Reads the store's state at paint time (a few dozen cells at most)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.visible = False

    def paint(self, p: QtGui.QPainter, vp: Viewport, now: float) -> None:
        if not self.visible:
            return
        state = self.store.state
        rows = coverage(state, now)
        if not rows:
            return
        p.save()
        p.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
        for row in rows:
            cell = state.grid_cells.get(row.cell)
            if cell is None:
                continue
            colour = coverage_colour(row.share)
            fill = QtGui.QColor(colour)
            fill.setAlpha(90)
            pen = QtGui.QPen(colour, 2.0)
            pen.setCosmetic(True)
            p.setPen(pen)
            p.setBrush(fill)
            pts = [QtCore.QPointF(*vp.screen_of_latlon(la, lo)) for lo, la in cell.polygon]
            p.drawPolygon(QtGui.QPolygonF(pts))
        p.restore()
