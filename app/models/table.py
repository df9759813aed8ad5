"""A flat table model with fixed column headers (QtCore only)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6 import QtCore

_ROOT = QtCore.QModelIndex()
_DISPLAY = QtCore.Qt.ItemDataRole.DisplayRole


class HeaderedTableModel(QtCore.QAbstractTableModel):
    """Rows from ``row_total()``, columns from ``headers``: what every flat table here shares."""

    headers: Sequence[str] = ()
    # Headers are marked with QT_TRANSLATE_NOOP(header_context, ...) where they are listed and
    # translated here, when a view asks: a language switch re-asks (headerDataChanged).
    header_context = "Tables"

    def row_total(self) -> int:
        return 0

    def rowCount(self, parent: QtCore.QModelIndex | QtCore.QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else self.row_total()

    def columnCount(self, parent: QtCore.QModelIndex | QtCore.QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def headerData(
        self, section: int, orientation: QtCore.Qt.Orientation, role: int = _DISPLAY
    ) -> Any:
        if orientation == QtCore.Qt.Orientation.Horizontal and role == _DISPLAY:
            return QtCore.QCoreApplication.translate(self.header_context, self.headers[section])
        return None
