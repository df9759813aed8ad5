"""A bar chart of one indicator over the groups of a breakdown; a click drills down."""

from __future__ import annotations

import logging
from collections.abc import Sequence

import pyqtgraph as pg
from PySide6 import QtCore, QtGui, QtWidgets

from widgets.evaluation.chart_style import BAR, style_plot

log = logging.getLogger(__name__)


class BarChart(pg.PlotWidget):
    """Vertical bars, one per group; ``barClicked(key)`` on a click on a bar."""

    barClicked = QtCore.Signal(str)

    def __init__(self, title: str = "", parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        style_plot(self, title)
        self.keys: list[str] = []
        self.values: list[float] = []
        self._bars: pg.BarGraphItem | None = None
        self._shown: tuple[tuple[object, ...], ...] | tuple[object, ...] = ((), (), (), (), "")
        self._shown_width = -1
        self._brushes: dict[str, QtGui.QBrush] = {}
        self.scene().sigMouseClicked.connect(self._clicked)

    def set_bars(
        self,
        keys: Sequence[str],
        labels: Sequence[str],
        values: Sequence[float | None],
        colours: Sequence[str] | None = None,
        y_label: str = "",
    ) -> None:
        """Undefined values (None) get no bar: an empty slot, not a zero.

        Nothing is done when nothing shown changed, and the one bar item is updated in place:
        rebuilding pyqtgraph items on every repaint cost tens of milliseconds of GUI time."""
        shown = (tuple(keys), tuple(labels), tuple(values), tuple(colours or ()), y_label)
        width = self.width()
        if shown == self._shown and width == self._shown_width:
            return
        ticks_changed = shown[1] != self._shown[1] or width != self._shown_width
        self._shown, self._shown_width = shown, width
        self.keys = list(keys)
        self.values = [v if v is not None else 0.0 for v in values]
        xs = [i for i, v in enumerate(values) if v is not None]
        heights = [float(v) for v in values if v is not None]
        brushes = [
            self._brush(colours[i] if colours else BAR)
            for i, v in enumerate(values)
            if v is not None
        ]
        if self._bars is None:
            self._bars = pg.BarGraphItem(
                x=xs, height=heights, width=0.7, brushes=brushes, pens=None
            )
            self.addItem(self._bars)
        else:
            self._bars.setOpts(x=xs, height=heights, brushes=brushes)
        if ticks_changed:
            # Every bar labelled while a label has ~40 px (cut to fit), else every n-th label.
            per_bar = (width - 60) / max(1, len(labels))
            if per_bar >= 40:
                cut = max(4, int(per_bar / 6.5))
                ticks = [(i, self._short(t, cut)) for i, t in enumerate(labels)]
            else:
                step = max(1, -(-len(labels) * 100 // max(1, width - 60)))
                ticks = [(i, self._short(t)) for i, t in enumerate(labels) if i % step == 0]
            self.getPlotItem().getAxis("bottom").setTicks([ticks])
            self.getPlotItem().setLabel("left", y_label)
        self.setXRange(-0.6, max(len(keys), 1) - 0.4, padding=0)
        top = max(heights, default=1.0)
        self.setYRange(0, top * 1.08 if top > 0 else 1.0, padding=0)

    def _brush(self, colour: str) -> QtGui.QBrush:
        brush = self._brushes.get(colour)
        if brush is None:
            brush = self._brushes[colour] = pg.mkBrush(colour)
        return brush

    @staticmethod
    def _short(text: str, n: int = 12) -> str:
        return text if len(text) <= n else text[: n - 1] + "…"

    def key_at(self, scene_pos: QtCore.QPointF) -> str | None:
        """The group under a point of the scene (None between bars)."""
        vb = self.getPlotItem().vb
        if not vb.sceneBoundingRect().contains(scene_pos):
            return None
        p = vb.mapSceneToView(scene_pos)
        i = round(p.x())
        if 0 <= i < len(self.keys) and abs(p.x() - i) <= 0.35 and 0 <= p.y() <= self.values[i]:
            return self.keys[i]
        return None

    def bar_centre(self, key: str) -> QtCore.QPoint:
        """Where a bar is on the widget (for tests and tooltips)."""
        i = self.keys.index(key)
        vb = self.getPlotItem().vb
        scene = vb.mapViewToScene(QtCore.QPointF(i, self.values[i] / 2))
        return self.mapFromScene(scene)

    def _clicked(self, event: object) -> None:
        key = self.key_at(event.scenePos())  # type: ignore[attr-defined]
        if key is not None:
            self.barClicked.emit(key)
