"""Colours, widths and zoom thresholds of the dark control-room map (one place to tune the look)."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from PySide6 import QtGui

log = logging.getLogger(__name__)


def _c(hex_rgb: str, alpha: int = 255) -> QtGui.QColor:
    c = QtGui.QColor(hex_rgb)
    c.setAlpha(alpha)
    return c


@dataclass
class MapStyle:
    """The map's palette; road colours and widths are indexed by road class (0 service .. 6 motorway)."""

    water: QtGui.QColor = field(default_factory=lambda: _c("#07090d"))
    land: QtGui.QColor = field(default_factory=lambda: _c("#1a1d22"))
    shore: QtGui.QColor = field(default_factory=lambda: _c("#2f3946"))
    park: QtGui.QColor = field(default_factory=lambda: _c("#1b2a21"))
    road: tuple[QtGui.QColor, ...] = field(
        default_factory=lambda: (
            _c("#2b3038"),  # service
            _c("#353b44"),  # residential
            _c("#485059"),  # tertiary
            _c("#5b6570"),  # secondary
            _c("#76808c"),  # primary
            _c("#8c8470"),  # trunk
            _c("#a88b55"),  # motorway
        )
    )
    # Width in pixels at zoom 16; other zooms scale by 2**((z-16)*0.55), floored at 0.5 px.
    road_width: tuple[float, ...] = (1.6, 2.4, 3.2, 4.0, 5.0, 5.4, 6.0)
    # Smallest zoom at which each class draws.
    road_min_zoom: tuple[float, ...] = (14.5, 12.0, 11.0, 10.0, 9.0, 8.0, 8.0)
    label: QtGui.QColor = field(default_factory=lambda: _c("#b7c0ca"))
    label_major: QtGui.QColor = field(default_factory=lambda: _c("#d6dde5"))
    label_halo: QtGui.QColor = field(default_factory=lambda: _c("#0d0f12", 230))
    label_min_zoom_major: float = 15.0  # tertiary and above
    label_min_zoom_minor: float = 16.5
    hood_line: QtGui.QColor = field(default_factory=lambda: _c("#5f7c99", 120))
    hood_text: QtGui.QColor = field(default_factory=lambda: _c("#8fa7bf", 170))
    grid_line: QtGui.QColor = field(default_factory=lambda: _c("#4d6a86", 70))
    heat: QtGui.QColor = field(default_factory=lambda: _c("#ff5a36"))
    overlay_text: QtGui.QColor = field(default_factory=lambda: _c("#c9d1d9"))
    overlay_bg: QtGui.QColor = field(default_factory=lambda: _c("#0b0d10", 200))
    priority: tuple[QtGui.QColor, ...] = field(
        default_factory=lambda: (
            _c("#ff3b3b"),  # P1
            _c("#ff8c1a"),  # P2
            _c("#f5d33b"),  # P3
            _c("#4ea3ff"),  # P4
        )
    )
    selection: QtGui.QColor = field(default_factory=lambda: _c("#ffffff"))
    camera: QtGui.QColor = field(default_factory=lambda: _c("#7fd1c7"))
    camera_offline: QtGui.QColor = field(default_factory=lambda: _c("#6b7280"))

    def road_px(self, cls: int, zoom: float) -> float:
        return max(0.5, self.road_width[cls] * 2.0 ** ((zoom - 16.0) * 0.55))

    def priority_color(self, priority: int) -> QtGui.QColor:
        return self.priority[min(max(priority, 1), 4) - 1]


DARK = MapStyle()
