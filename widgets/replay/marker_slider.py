"""A horizontal seek slider that marks points of interest (priority-1 calls) on its groove."""

from __future__ import annotations

import logging

from PySide6 import QtCore, QtGui, QtWidgets

log = logging.getLogger(__name__)


class MarkerSlider(QtWidgets.QSlider):
    jumped = QtCore.Signal(int)  # a click on the track moved the slider to this value

    """Shows markers at slider values, each with a label shown as a tooltip near it."""

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(QtCore.Qt.Orientation.Horizontal, parent)
        self._markers: list[tuple[int, str]] = []
        self.setMouseTracking(True)
        self.setMinimumHeight(28)

    def mousePressEvent(self, event: QtGui.QMouseEvent) -> None:
        """A click on the track jumps to that point (the style's default only pages towards it)."""
        if event.button() == QtCore.Qt.MouseButton.LeftButton and self.orientation() == (
            QtCore.Qt.Orientation.Horizontal
        ):
            opt = QtWidgets.QStyleOptionSlider()
            self.initStyleOption(opt)
            handle = self.style().subControlRect(
                QtWidgets.QStyle.ComplexControl.CC_Slider,
                opt,
                QtWidgets.QStyle.SubControl.SC_SliderHandle,
                self,
            )
            if not handle.contains(event.position().toPoint()):
                groove = self.style().subControlRect(
                    QtWidgets.QStyle.ComplexControl.CC_Slider,
                    opt,
                    QtWidgets.QStyle.SubControl.SC_SliderGroove,
                    self,
                )
                span = max(1, groove.width() - handle.width())
                x = int(event.position().x()) - groove.x() - handle.width() // 2
                value = QtWidgets.QStyle.sliderValueFromPosition(
                    self.minimum(), self.maximum(), x, span, opt.upsideDown
                )
                self.setValue(value)
                self.jumped.emit(value)
                event.accept()
                return
        super().mousePressEvent(event)

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
        # Track, progress and handle drawn over the style's: some dark palettes leave the
        # groove and handle nearly invisible.
        p = QtGui.QPainter(self)
        p.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        mid = self.height() / 2
        x0, x1 = self._x(self.minimum()), self._x(self.maximum())
        xv = self._x(self.value())
        p.setPen(QtCore.Qt.PenStyle.NoPen)
        p.setBrush(QtGui.QColor(128, 128, 128, 170))  # mid grey: visible on light and dark
        p.drawRoundedRect(QtCore.QRectF(x0, mid - 2, max(1, x1 - x0), 4), 2, 2)
        highlight = pal.color(QtGui.QPalette.ColorRole.Highlight)
        p.setBrush(highlight)
        p.drawRoundedRect(QtCore.QRectF(x0, mid - 2, max(1, xv - x0), 4), 2, 2)
        p.setPen(QtGui.QPen(QtGui.QColor("#e53935"), 2))
        h = self.height()
        for value, _ in self._markers:
            x = self._x(value)
            p.drawLine(x, 1, x, h // 4)
            p.drawLine(x, h - h // 4, x, h - 2)
        p.setPen(QtGui.QPen(pal.color(QtGui.QPalette.ColorRole.Window), 2))
        p.setBrush(QtGui.QColor("#f5f5f5"))
        p.drawEllipse(QtCore.QPointF(xv, mid), 7, 7)
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
