"""Tooltips that give the whole text of a table cell the view had to elide ("2026-000…").

Installed on a view's viewport: for an elided cell the tooltip starts with the cell's full text,
followed by the model's own tooltip for the row, if any.
"""

from __future__ import annotations

import logging

from PySide6 import QtCore, QtGui, QtWidgets

log = logging.getLogger(__name__)

PADDING = 12  # the cell's text margins in the views that use it


class ElidedCellTips(QtCore.QObject):
    """Owned by the view it serves."""

    def __init__(self, view: QtWidgets.QAbstractItemView) -> None:
        super().__init__(view)
        self._view = view
        view.viewport().installEventFilter(self)

    def tip_at(self, pos: QtCore.QPoint) -> str:
        view = self._view
        index = view.indexAt(pos)
        if not index.isValid():
            return ""
        text = str(index.data(QtCore.Qt.ItemDataRole.DisplayRole) or "")
        own = str(index.data(QtCore.Qt.ItemDataRole.ToolTipRole) or "")
        font = index.data(QtCore.Qt.ItemDataRole.FontRole)
        fm = QtGui.QFontMetrics(font if isinstance(font, QtGui.QFont) else view.font())
        room = view.visualRect(index).width() - PADDING
        if text and fm.horizontalAdvance(text) > room:
            return f"{text}\n\n{own}" if own and own != text else text
        return own

    def eventFilter(self, obj: QtCore.QObject, event: QtCore.QEvent) -> bool:
        if event.type() == QtCore.QEvent.Type.ToolTip and obj is self._view.viewport():
            assert isinstance(event, QtGui.QHelpEvent)
            tip = self.tip_at(event.pos())
            if tip:
                QtWidgets.QToolTip.showText(event.globalPos(), tip, self._view.viewport())
            else:
                QtWidgets.QToolTip.hideText()
            return True
        return super().eventFilter(obj, event)
