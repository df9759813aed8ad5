"""Shared look of the evaluation charts: the console's dark theme applied to pyqtgraph."""

from __future__ import annotations

import logging

import pyqtgraph as pg
from PySide6 import QtGui

from widgets.theme import ACCENT, BORDER, DANGER, OK, PANEL, TEXT, TEXT_DIM, WARN

log = logging.getLogger(__name__)

BAR = ACCENT
GOOD, AMBER, BAD = OK, WARN, DANGER
TARGET = "#ffffff"
LABEL_PT = 10


def style_plot(plot: pg.PlotWidget, title: str = "") -> None:
    """Dark background, readable axes, no mouse zoom (a wall chart is read, not explored)."""
    plot.setBackground(PANEL)
    item = plot.getPlotItem()
    if title:
        item.setTitle(title, color=TEXT, size=f"{LABEL_PT + 1}pt")
    font = QtGui.QFont()
    font.setPointSize(LABEL_PT)
    for name in ("left", "bottom", "right"):
        axis = item.getAxis(name)
        axis.setPen(pg.mkPen(BORDER))
        axis.setTextPen(pg.mkPen(TEXT_DIM))
        axis.setStyle(tickFont=font)
    item.setMenuEnabled(False)
    item.hideButtons()
    plot.setMouseEnabled(x=False, y=False)
    item.showGrid(x=False, y=True, alpha=0.15)


def share_colour(pct: float | None, target: float) -> str:
    """Green at or above the target share, amber within 20 points, red below."""
    if pct is None:
        return TEXT_DIM
    if pct >= target:
        return GOOD
    return AMBER if pct >= target - 20 else BAD
