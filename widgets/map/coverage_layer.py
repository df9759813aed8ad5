"""Uncovered grid cells of one agency: red where no available unit reaches within 8 minutes,
amber where one reaches within 8 but not 4 (cells without expected demand stay clear).

The cell outlines are the area layer's (built once per grid, pre-scaled per zoom), so a frame
only fills the paths it already has; a caption in the top right names the agency.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

from PySide6 import QtCore, QtGui

from widgets.map.area_layer import AreaLayer
from widgets.map.overlays import draw_panel_text
from widgets.map.style import MapStyle
from widgets.map.viewport import Viewport

log = logging.getLogger(__name__)

UNCOVERED = QtGui.QColor(255, 59, 59, 120)
PARTLY = QtGui.QColor(255, 176, 32, 70)


class CoverageLayer:
    """What :meth:`show` was given: the agency's label and each cell's reach (0, 1, 2)."""

    def __init__(self, areas: AreaLayer, style: MapStyle) -> None:
        self.areas = areas
        self.style = style
        self.label = ""
        self.reach: dict[str, int] = {}

    @property
    def visible(self) -> bool:
        return bool(self.reach)

    def show(self, label: str, reach: Mapping[str, int]) -> None:
        self.label = label
        self.reach = dict(reach)

    def counts(self) -> tuple[int, int]:
        """Cells not reached within 8 minutes, and reached within 8 but not 4."""
        vals = list(self.reach.values())
        return vals.count(0), vals.count(1)

    def paint(self, p: QtGui.QPainter, vp: Viewport) -> None:
        if not self.reach:
            return
        p.save()
        ox, oy = vp.origin
        p.translate(-ox, -oy)
        p.setPen(QtCore.Qt.PenStyle.NoPen)
        for level, colour in ((0, UNCOVERED), (1, PARTLY)):
            p.setBrush(colour)
            for cid, reach in self.reach.items():
                if reach != level:
                    continue
                path = self.areas.cell_px(cid, vp.zoom)
                if path is not None:
                    p.drawPath(path)
        p.restore()
        none, part = self.counts()
        draw_panel_text(
            p,
            self.style,
            vp.width - 10.0,
            62.0,
            [
                QtCore.QCoreApplication.translate("CoverageLayer", "Coverage: {0}").format(
                    self.label
                ),
                QtCore.QCoreApplication.translate(
                    "CoverageLayer", "red: {0} cells beyond 8 min"
                ).format(none),
                QtCore.QCoreApplication.translate(
                    "CoverageLayer", "amber: {0} cells 4–8 min"
                ).format(part),
            ],
            right=True,
        )
