"""A printable PDF report of the period on screen: headline figures, the breakdown table and
the dashboard's charts, written with Qt's PDF writer (A4 landscape)."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import QtCore, QtGui, QtWidgets

if TYPE_CHECKING:
    from widgets.evaluation.dashboard import EvaluationDashboard

log = logging.getLogger(__name__)

_T = QtCore.QCoreApplication.translate
MAX_ROWS = 28  # the table's first rows on page one; the CSV export has them all


def _chart(p: QtGui.QPainter, w: QtWidgets.QWidget, rect: QtCore.QRect) -> None:
    pix = w.grab()
    scaled = pix.scaled(
        rect.size(),
        QtCore.Qt.AspectRatioMode.KeepAspectRatio,
        QtCore.Qt.TransformationMode.SmoothTransformation,
    )
    p.drawPixmap(rect.topLeft(), scaled)


def write_report(dash: EvaluationDashboard, path: Path) -> None:
    """Page 1: title, headline figures, weights and the breakdown; page 2: the charts."""
    writer = QtGui.QPdfWriter(str(path))
    writer.setPageSize(QtGui.QPageSize(QtGui.QPageSize.PageSizeId.A4))
    writer.setPageOrientation(QtGui.QPageLayout.Orientation.Landscape)
    writer.setResolution(150)
    writer.setTitle(_T("EvaluationReport", "Evaluation report"))
    p = QtGui.QPainter(writer)
    try:
        page = writer.pageLayout().paintRectPixels(writer.resolution())
        width = page.width()
        y = 0
        title = QtGui.QFont()
        title.setPointSize(18)
        title.setBold(True)
        p.setFont(title)
        p.drawText(0, y + 40, _T("EvaluationReport", "Evaluation report"))
        body = QtGui.QFont()
        body.setPointSize(9)
        p.setFont(body)
        tz = dash.tracker.periods.tz
        now = dt.datetime.fromtimestamp(dash.now(), tz).strftime("%Y-%m-%d %H:%M")
        lines = [
            _T("EvaluationReport", "Period: {0} · measured at {1} ({2})").format(
                dash.period.currentText(), now, dash.tracker.periods.tz_name
            ),
            "  ·  ".join(
                f"{dash.kpis.TILES[i][1]}: {dash.kpis.text(k)}"
                for i, (k, _l) in enumerate(dash.kpis.TILES)
            ),
            dash.weights.text(),
        ]
        y += 70
        fm = QtGui.QFontMetrics(body, writer)
        for line in lines:
            rect = fm.boundingRect(
                QtCore.QRect(0, y, width, 400), QtCore.Qt.TextFlag.TextWordWrap, line
            )
            p.drawText(rect, QtCore.Qt.TextFlag.TextWordWrap, line)
            y += rect.height() + 8
        y += 10
        model = dash.breakdown
        cols = model.columnCount()
        col_w = [int(width * 0.22)] + [int(width * 0.78 / (cols - 1))] * (cols - 1)
        row_h = fm.height() + 6
        bold = QtGui.QFont(body)
        bold.setBold(True)
        p.setFont(bold)
        x = 0
        bold_fm = QtGui.QFontMetrics(bold, writer)
        for c in range(cols):
            head = str(model.headerData(c, QtCore.Qt.Orientation.Horizontal))
            head = bold_fm.elidedText(head, QtCore.Qt.TextElideMode.ElideRight, col_w[c] - 8)
            p.drawText(x, y + row_h - 6, head)
            x += col_w[c]
        p.setFont(body)
        y += row_h
        p.drawLine(0, y, width, y)
        for r in range(min(model.rowCount(), MAX_ROWS)):
            x = 0
            for c in range(cols):
                text = str(model.data(model.index(r, c)))
                text = fm.elidedText(text, QtCore.Qt.TextElideMode.ElideRight, col_w[c] - 8)
                p.drawText(x, y + row_h - 6, text)
                x += col_w[c]
            y += row_h
        if model.rowCount() > MAX_ROWS:
            p.drawText(
                0,
                y + row_h,
                _T("EvaluationReport", "… {0} more rows in the CSV export").format(
                    model.rowCount() - MAX_ROWS
                ),
            )
        writer.newPage()
        half_w, half_h = width // 2 - 10, page.height() // 3 - 10
        charts: list[QtWidgets.QWidget] = [
            dash.bars,
            dash.trend,
            dash.dispatch_gauges,
            dash.travel_gauges,
            dash.histogram,
        ]
        for i, chart in enumerate(charts):
            rect = QtCore.QRect((i % 2) * (half_w + 20), (i // 2) * (half_h + 10), half_w, half_h)
            _chart(p, chart, rect)
    finally:
        p.end()
