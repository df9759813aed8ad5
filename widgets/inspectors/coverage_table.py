"""Round coverage per grid cell (today's rounds): the inspectors whose round names the cell,
checkpoints visited of those in it, and the share, coloured as on the map."""

from __future__ import annotations

import logging

from PySide6 import QtCore, QtGui, QtWidgets

from app.domain.round_summary import CellCoverage
from widgets.map.round_coverage_layer import coverage_colour

log = logging.getLogger(__name__)


class CoverageTable(QtWidgets.QTableWidget):
    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(0, 4, parent)
        self.setObjectName("CoverageTable")
        self.setHorizontalHeaderLabels(
            [self.tr("Cell"), self.tr("Inspectors"), self.tr("Visited"), self.tr("Share")]
        )
        self.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.NoSelection)
        self.verticalHeader().setVisible(False)
        self.horizontalHeader().setStretchLastSection(True)

    def show_rows(self, rows: list[CellCoverage]) -> None:
        self.setRowCount(len(rows))
        for n, row in enumerate(rows):
            share = row.share
            texts = (
                row.cell,
                ", ".join(row.inspectors),
                f"{row.visited} / {row.total}",
                f"{share * 100:.0f} %" if share is not None else self.tr("no checkpoint"),
            )
            for col, text in enumerate(texts):
                item = QtWidgets.QTableWidgetItem(text)
                if col == 3:
                    colour = coverage_colour(share)
                    item.setBackground(QtGui.QBrush(colour.darker(170)))
                    item.setForeground(QtGui.QBrush(QtGui.QColor("#FFFFFF")))
                    item.setData(QtCore.Qt.ItemDataRole.UserRole, share)
                self.setItem(n, col, item)
        self.resizeColumnsToContents()
