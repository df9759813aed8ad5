"""Trend over time: cases per period as bars, the share dispatched within 60 s as a line on
the right axis; a click on a bar drills down to that period's cases."""

from __future__ import annotations

import logging
from collections.abc import Sequence

import pyqtgraph as pg
import shiboken6
from PySide6 import QtCore, QtWidgets

from widgets.evaluation.bar_chart import BarChart
from widgets.theme import WARN

log = logging.getLogger(__name__)


class TrendChart(BarChart):
    """:class:`BarChart` of counts plus a second series (0-100%) on its own right axis."""

    def __init__(self, title: str = "", parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(title, parent)
        item = self.getPlotItem()
        self.share_view = pg.ViewBox()
        item.showAxis("right")
        item.scene().addItem(self.share_view)
        item.getAxis("right").linkToView(self.share_view)
        item.getAxis("right").setLabel("%", color=WARN)
        self.share_view.setXLink(item)
        self.share_view.setYRange(0, 100, padding=0.02)
        self.share_view.setMouseEnabled(x=False, y=False)
        self.share_view.setZValue(100)  # the line over the bars
        item.vb.sigResized.connect(self._sync)
        self.shares: list[float | None] = []
        self._line: pg.PlotDataItem | None = None

    def _sync(self) -> None:
        # The plot's view box also reports a resize while the window is being torn down, when
        # either box may already be gone on the C++ side: follow only live ones.
        vb = self.getPlotItem().vb
        if shiboken6.isValid(vb) and shiboken6.isValid(self.share_view):
            self.share_view.setGeometry(vb.sceneBoundingRect())

    def set_trend(
        self,
        keys: Sequence[str],
        labels: Sequence[str],
        counts: Sequence[float],
        shares: Sequence[float | None],
    ) -> None:
        self.set_bars(keys, labels, list(counts))
        if list(shares) == self.shares and self._line is not None:
            return
        self.shares = list(shares)
        xs = [i for i, s in enumerate(shares) if s is not None]
        ys = [float(s) for s in shares if s is not None]
        if self._line is None:
            self._line = pg.PlotDataItem(
                xs,
                ys,
                pen=pg.mkPen(WARN, width=3),
                symbol="o",
                symbolSize=9,
                symbolBrush=WARN,
                symbolPen=None,
            )
            self.share_view.addItem(self._line)
        else:
            self._line.setData(xs, ys)  # in place: no item rebuilt per repaint
        self.share_view.setYRange(0, 100, padding=0.02)
        self._sync()
        QtCore.QTimer.singleShot(0, self, self._sync)
