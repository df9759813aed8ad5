"""Percentile gauges: per priority, the share of calls within a target time, against the
standard's share (NFPA 1225: 90% of calls from answer to first unit dispatched within 60 s)."""

from __future__ import annotations

import logging
from collections.abc import Sequence

import pyqtgraph as pg
from PySide6 import QtCore, QtWidgets

from widgets.evaluation.chart_style import TARGET, share_colour, style_plot
from widgets.theme import TEXT

log = logging.getLogger(__name__)


class GaugeRow:
    """One gauge: a group's name, its share within the target and its p50 / p90."""

    def __init__(
        self, label: str, share: float | None, p50: float | None, p90: float | None, n: int
    ) -> None:
        self.label, self.share, self.p50, self.p90, self.n = label, share, p50, p90, n


def _s(x: float | None) -> str:
    return "—" if x is None else f"{x:.0f} s"


class ResponseGauges(pg.PlotWidget):
    """Horizontal bullet gauges (0-100%) with the target share as a line."""

    def __init__(
        self,
        title: str,
        target_s: float,
        target_pct: float,
        parent: QtWidgets.QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        style_plot(self, title)
        self.target_s = target_s
        self.target_pct = target_pct
        self.rows: list[GaugeRow] = []
        self._shown: list[tuple[str, float | None, float | None, float | None, int]] | None = None
        self._items: list[tuple[pg.BarGraphItem, pg.TextItem]] = []
        self.getPlotItem().showGrid(x=True, y=False, alpha=0.15)
        self.getPlotItem().setLabel(
            "bottom",
            QtCore.QCoreApplication.translate("Chart", "% of calls within {0:.0f} s").format(
                target_s
            ),
        )

    def set_rows(self, rows: Sequence[GaugeRow]) -> None:
        """Show ``rows``; with as many rows as before, the items are updated in place (a rebuild
        of the bars and labels cost tens of milliseconds of GUI time on every repaint)."""
        shown = [(r.label, r.share, r.p50, r.p90, r.n) for r in rows]
        if shown == self._shown:
            return
        self._shown = shown
        self.rows = list(rows)
        if len(self._items) != len(self.rows):
            self._rebuild()
        for r, (bar, text) in zip(self.rows, self._items, strict=True):
            colour = share_colour(r.share, self.target_pct)
            bar.setOpts(width=r.share or 0.0, brush=colour)
            bar.setVisible(r.share is not None)
            share = "—" if r.share is None else f"{r.share:.0f}%"
            line = (
                QtCore.QCoreApplication.translate("Chart", "%1  %2   p50 %3 · p90 %4  (n=%5)")
                .replace("%1", r.label)
                .replace("%2", share)
                .replace("%3", _s(r.p50))
                .replace("%4", _s(r.p90))
                .replace("%5", str(r.n))
            )
            text.setText(line)

    def _rebuild(self) -> None:
        self.clear()
        self._items = []
        n = len(self.rows)
        for i in range(n):
            y = n - 1 - i
            # The track (0-100%), then the share in its colour: green when the target is met.
            self.addItem(
                pg.BarGraphItem(x0=0, y=y, height=0.6, width=100, brush="#1f2a36", pen=None)
            )
            bar = pg.BarGraphItem(x0=0, y=y, height=0.6, width=0.0, brush="#1f2a36", pen=None)
            self.addItem(bar)
            text = pg.TextItem("", color=TEXT, anchor=(0, 0.5))
            text.setPos(1, y + 0.45)
            self.addItem(text)
            self._items.append((bar, text))
        self.addItem(
            pg.InfiniteLine(
                pos=self.target_pct,
                angle=90,
                pen=pg.mkPen(TARGET, width=2, style=QtCore.Qt.PenStyle.DashLine),
                label=f"{self.target_pct:.0f}%",
                labelOpts={"color": TARGET, "position": 0.93},
            )
        )
        self.getPlotItem().getAxis("left").setTicks([[]])
        self.setXRange(0, 100, padding=0.01)
        self.setYRange(-0.5, max(n, 1) + 0.4, padding=0)
