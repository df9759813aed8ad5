"""Histogram of a response interval with its target as a vertical line."""

from __future__ import annotations

import logging
from collections.abc import Iterable

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtWidgets
from sortedcontainers import SortedList

from widgets.evaluation.chart_style import BAR, TARGET, style_plot

log = logging.getLogger(__name__)


class HistogramChart(pg.PlotWidget):
    """Counts per ``bin_s`` seconds up to ``max_s`` (the last bin holds everything longer)."""

    def __init__(
        self,
        title: str,
        target_s: float,
        bin_s: float = 15.0,
        max_s: float = 600.0,
        parent: QtWidgets.QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        style_plot(self, title)
        self.target_s = target_s
        self.bin_s = bin_s
        self.max_s = max_s
        self.counts: list[int] = []
        self._steps: pg.PlotDataItem | None = None
        self.getPlotItem().setLabel("bottom", QtCore.QCoreApplication.translate("Chart", "s"))

    def set_values(self, values: Iterable[float]) -> None:
        edges = np.arange(0.0, self.max_s + self.bin_s, self.bin_s)
        if isinstance(values, SortedList):
            # Already sorted (the tracker keeps them so): one bisection per bin edge instead of
            # copying 100,000 times into an array on every repaint. Same bins as below: [a, b),
            # the last one open-ended, negatives left out.
            idx = [values.bisect_left(e) for e in edges[:-1]] + [len(values)]
            counts = np.diff(np.asarray(idx))
        else:
            clipped = np.minimum(np.fromiter(values, dtype=float), self.max_s - 1e-9)
            counts, _ = np.histogram(clipped, bins=edges)
        new = [int(c) for c in counts]
        if new == self.counts and self._steps is not None:
            return
        self.counts = new
        if self._steps is None:
            self._steps = pg.PlotDataItem(
                edges,
                counts,
                stepMode="center",
                fillLevel=0,
                brush=pg.mkBrush(BAR),
                pen=pg.mkPen(BAR),
            )
            self.addItem(self._steps)
            self.addItem(
                pg.InfiniteLine(
                    pos=self.target_s,
                    angle=90,
                    pen=pg.mkPen(TARGET, width=2, style=QtCore.Qt.PenStyle.DashLine),
                    label=f"{self.target_s:.0f} s",
                    labelOpts={"color": TARGET, "position": 0.92},
                )
            )
        else:
            self._steps.setData(edges, counts)  # in place: no item rebuilt per repaint
        self.setXRange(0, self.max_s, padding=0.02)
        self.setYRange(0, max(self.counts, default=1) * 1.1 or 1.0, padding=0)
