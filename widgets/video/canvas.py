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
        self._gaps: QtGui.QRegion | None = None  # canvas minus the tiles, cached per layout

    def invalidate_gaps(self) -> None:
        """Call when tiles move or change size."""
        self._gaps = None
        self.update()

    def resizeEvent(self, event: QtGui.QResizeEvent) -> None:
        super().resizeEvent(event)
        self._gaps = None

    def paintEvent(self, event: QtGui.QPaintEvent) -> None:
        p = QtGui.QPainter(self)
        region = event.region()
        tiles = self._shown()
        if self._gaps is None:
            gaps = QtGui.QRegion(self.rect())
            for tile in tiles:
                gaps = gaps.subtracted(QtGui.QRegion(tile.geometry()))
            self._gaps = gaps
        dirty_gaps = self._gaps.intersected(region)
        if not dirty_gaps.isEmpty():
            # Only the thin gaps: the tiles cover the rest, and filling the whole dirty
            # rectangle each refresh was a large share of the GUI thread's time.
            p.setClipRegion(dirty_gaps)
            p.fillRect(event.rect(), GAP)
            p.setClipping(False)
        for tile in tiles:
            if region.intersects(tile.geometry()):
                tile.paint_into(p)
        p.end()
