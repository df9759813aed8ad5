"""The surface under the wall's tiles: paints every shown tile in one pass."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6 import QtCore, QtGui, QtWidgets

from widgets.video.tile import VideoTile

log = logging.getLogger(__name__)

GAP = QtGui.QColor("#050607")


class WallCanvas(QtWidgets.QWidget):
    """Owns no state: asks ``shown()`` for the visible tiles and paints them where they sit.

    The tiles are child widgets for input (drops, double-clicks, the snapshot button) but do
    not paint; one paintEvent here draws all of them, whatever the number of streams.
    """

    def __init__(
        self, shown: Callable[[], list[VideoTile]], parent: QtWidgets.QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("videoWallCanvas")
        self.setAttribute(QtCore.Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self._shown = shown

    def paintEvent(self, event: QtGui.QPaintEvent) -> None:
        p = QtGui.QPainter(self)
        region = event.region()
        p.fillRect(event.rect(), GAP)  # the gaps between tiles
        for tile in self._shown():
            geo = tile.geometry()
            if not region.intersects(geo):
                continue
            p.save()
            p.translate(geo.topLeft())
            p.setClipRect(QtCore.QRect(QtCore.QPoint(0, 0), geo.size()))
            tile.paint_into(p)
            p.restore()
        p.end()
