"""A one-line label that elides its text to the width it is given instead of demanding it.

A plain QLabel asks for the width of its whole text as its minimum, so a long status message
widens the window that holds it, past the edge of its monitor. This one asks for a few characters
and shows the rest as "…" with the full text in the tooltip.
"""

from __future__ import annotations

import logging

from PySide6 import QtCore, QtGui, QtWidgets

log = logging.getLogger(__name__)


class ElidedLabel(QtWidgets.QLabel):
    """``text()`` keeps the full text; the painted text is elided on the right."""

    def __init__(self, text: str = "", parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setSizePolicy(
            QtWidgets.QSizePolicy.Policy.Ignored, QtWidgets.QSizePolicy.Policy.Preferred
        )
        self._own_tip = ""

    def setText(self, text: str) -> None:
        super().setText(text)
        self._sync_tip()

    def setToolTip(self, tip: str) -> None:
        self._own_tip = tip
        super().setToolTip(tip)

    def _sync_tip(self) -> None:
        # The full text is one hover away whenever it does not fit.
        if not self._own_tip:
            full = self.text()
            fits = self.fontMetrics().horizontalAdvance(full) <= self.contentsRect().width()
            super().setToolTip("" if fits else full)

    def minimumSizeHint(self) -> QtCore.QSize:
        hint = super().minimumSizeHint()
        return QtCore.QSize(
            min(hint.width(), self.fontMetrics().averageCharWidth() * 6), hint.height()
        )

    def sizeHint(self) -> QtCore.QSize:
        hint = super().sizeHint()
        return QtCore.QSize(min(hint.width(), 480), hint.height())

    def resizeEvent(self, event: QtGui.QResizeEvent) -> None:
        super().resizeEvent(event)
        self._sync_tip()

    def paintEvent(self, event: QtGui.QPaintEvent) -> None:
        del event
        painter = QtGui.QPainter(self)
        opt = QtWidgets.QStyleOption()
        opt.initFrom(self)
        # Background and border from the style sheet (a notice can be a coloured badge).
        self.style().drawPrimitive(QtWidgets.QStyle.PrimitiveElement.PE_Widget, opt, painter, self)
        rect = self.contentsRect()
        shown = self.fontMetrics().elidedText(
            self.text(), QtCore.Qt.TextElideMode.ElideRight, rect.width()
        )
        self.style().drawItemText(
            painter,
            rect,
            int(self.alignment()),
            self.palette(),
            self.isEnabled(),
            shown,
            QtGui.QPalette.ColorRole.WindowText,
        )
