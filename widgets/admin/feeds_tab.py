"""Alert feeds: the health of the CAP feeds the server polls (its ``--cap-feed`` URLs), read with
the admin request ``cap_feeds``: what was recorded, what failed and why."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from typing import Any

from PySide6 import QtGui, QtWidgets

from app.domain.commands import CommandError
from app.models.audit_model import Request
from widgets.util import named

log = logging.getLogger(__name__)

FAILING = QtGui.QColor("#ff8a80")


def _clock(t: float) -> str:
    if not t:
        return "—"
    return dt.datetime.fromtimestamp(t).strftime("%H:%M:%S")


class FeedsTab(QtWidgets.QWidget):
    """Owns the feed table; Refresh asks the server again."""

    def __init__(self, request: Request | None, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self._request = request
        self.table = named(QtWidgets.QTableWidget(0, 6), "FeedsTable")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Feed"),
                self.tr("State"),
                self.tr("Recorded"),
                self.tr("Failures"),
                self.tr("Last success"),
                self.tr("Last error"),
            ]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.refresh = named(QtWidgets.QPushButton(self.tr("Refresh")), "Feeds-refresh")
        self.refresh.clicked.connect(lambda: self.run())
        self.status = named(QtWidgets.QLabel(), "FeedsStatus")
        self.status.setWordWrap(True)
        row = QtWidgets.QHBoxLayout()
        row.addWidget(self.status, 1)
        row.addWidget(self.refresh)
        lay = QtWidgets.QVBoxLayout(self)
        lay.addWidget(self.table, 1)
        lay.addLayout(row)

    def run(self) -> asyncio.Task[None]:
        """Ask the server; the returned task ends when the answer is shown."""
        return asyncio.ensure_future(self._run())

    async def _run(self) -> None:
        if self._request is None:
            self.status.setText(self.tr("Alert feeds are polled by the server: not available here"))
            return
        try:
            feeds = await self._request("cap_feeds", {})
        except (CommandError, ConnectionError, TimeoutError) as exc:
            self.status.setText(
                self.tr("Refused: %1").replace("%1", getattr(exc, "message", str(exc)))
            )
            return
        self.show_feeds(feeds)

    def show_feeds(self, feeds: list[dict[str, Any]]) -> None:
        self.table.setRowCount(len(feeds))
        failing = 0
        for i, f in enumerate(feeds):
            if f["failing"]:
                failing += 1
                state = self.tr("failing (%1 in a row)").replace("%1", str(f["failing"]))
            elif f["polls"]:
                state = self.tr("healthy")
            else:
                state = self.tr("not polled yet")
            cells = (
                f["url"],
                state,
                str(f["imported"]),
                str(f["failures"]),
                _clock(f["last_ok"]),
                f["last_error"] if f["failing"] else "",
            )
            for col, text in enumerate(cells):
                item = QtWidgets.QTableWidgetItem(text)
                item.setToolTip(f["last_error"] if col == 5 else text)
                if f["failing"] and col in (1, 5):
                    item.setForeground(FAILING)
                self.table.setItem(i, col, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(
            0, QtWidgets.QHeaderView.ResizeMode.Interactive
        )
        self.table.setColumnWidth(0, min(self.table.columnWidth(0), 320))
        if not feeds:
            text = self.tr("No alert feed is configured (the server's --cap-feed URL option)")
        else:
            text = (
                self.tr("%1 feed(s), %2 failing")
                .replace("%1", str(len(feeds)))
                .replace("%2", str(failing))
            )
        self.status.setText(text)
        self.status.setProperty("alarm", bool(failing))
        self.status.style().unpolish(self.status)
        self.status.style().polish(self.status)
