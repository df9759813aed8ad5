"""Helpers the administration tabs share: a read-only table, filling it, and submitting one
command with the reason shown when the runner on this desk would refuse it."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from PySide6 import QtCore, QtWidgets

from app.domain.runner import Command
from app.store.gateway import CommandGateway
from app.store.store import Store
from widgets.detail.access import why_not
from widgets.util import named

log = logging.getLogger(__name__)


def table(headers: Sequence[str], name: str) -> QtWidgets.QTableWidget:
    t = named(QtWidgets.QTableWidget(0, len(headers)), name)
    t.setHorizontalHeaderLabels(list(headers))
    t.verticalHeader().setVisible(False)
    t.horizontalHeader().setStretchLastSection(True)
    t.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.SingleSelection)
    t.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
    return t


def fill(t: QtWidgets.QTableWidget, rows: Sequence[Sequence[object]]) -> None:
    """Replace the rows, keeping the selected first-column key selected."""
    keep = selected_key(t)
    t.setRowCount(len(rows))
    for i, row in enumerate(rows):
        for col, value in enumerate(row):
            t.setItem(i, col, QtWidgets.QTableWidgetItem(str(value)))
    t.resizeColumnsToContents()
    if keep:
        select_key(t, keep)


def selected_key(t: QtWidgets.QTableWidget) -> str:
    rows = t.selectionModel().selectedRows()
    item = t.item(rows[0].row(), 0) if rows else None
    return item.text() if item is not None else ""


def select_key(t: QtWidgets.QTableWidget, key: str) -> bool:
    for i in range(t.rowCount()):
        item = t.item(i, 0)
        if item is not None and item.text() == key:
            t.blockSignals(True)
            t.selectRow(i)
            t.blockSignals(False)
            return True
    return False


def submit(
    store: Store, gateway: CommandGateway, cmd: Command, status: QtWidgets.QLabel, done: str
) -> bool:
    """Submit ``cmd`` unless this desk's runner refuses it; the status line says which."""
    why = why_not(store, gateway, cmd)
    if why:
        status.setText(
            QtCore.QCoreApplication.translate("AdminForm", "Not saved: %1").replace("%1", why)
        )
        return False
    gateway.submit(cmd)
    status.setText(done)
    return True


def spin(
    lo: float, hi: float, decimals: int, name: str, suffix: str = ""
) -> QtWidgets.QDoubleSpinBox:
    s = named(QtWidgets.QDoubleSpinBox(), name)
    s.setRange(lo, hi)
    s.setDecimals(decimals)
    if suffix:
        s.setSuffix(suffix)
    return s
