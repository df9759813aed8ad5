"""A horizontal seek slider that marks points of interest (priority-1 calls) on its groove."""

from __future__ import annotations

import logging

from PySide6 import QtCore, QtGui, QtWidgets

log = logging.getLogger(__name__)


class MarkerSlider(QtWidgets.QSlider):
    """Shows markers at slider values, each with a label shown as a tooltip near it."""

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(QtCore.Qt.Orientation.Horizontal, parent)
        self._markers: list[tuple[int, str]] = []
        self.setMouseTracking(True)
        self.setMinimumHeight(28)

    def set_markers(self, markers: list[tuple[int, str]]) -> None:
        self._markers = sorted(markers)
        self.update()

    def markers(self) -> list[tuple[int, str]]:
        return list(self._markers)

    def _x(self, value: int) -> int:
        opt = QtWidgets.QStyleOptionSlider()
        self.initStyleOption(opt)
        handle = self.style().subControlRect(
            QtWidgets.QStyle.ComplexControl.CC_Slider,
            opt,
            QtWidgets.QStyle.SubControl.SC_SliderHandle,
            self,
        )
        span = self.width() - handle.width()
        pos = QtWidgets.QStyle.sliderPositionFromValue(
            self.minimum(), self.maximum(), value, span, opt.upsideDown
        )
        return pos + handle.width() // 2

    def paintEvent(self, event: QtGui.QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._markers:
            return
        p = QtGui.QPainter(self)
        p.setPen(QtGui.QPen(QtGui.QColor("#e53935"), 2))
        h = self.height()
        for value, _ in self._markers:
            x = self._x(value)
            p.drawLine(x, 1, x, h // 4)
            p.drawLine(x, h - h // 4, x, h - 2)
        p.end()

    def mouseMoveEvent(self, event: QtGui.QMouseEvent) -> None:
        super().mouseMoveEvent(event)
        if not self._markers:
            return
        x = int(event.position().x())
        near = [label for value, label in self._markers if abs(self._x(value) - x) <= 3]
        if near:
            QtWidgets.QToolTip.showText(event.globalPosition().toPoint(), "\n".join(near[:8]), self)
        else:
            QtWidgets.QToolTip.hideText()
