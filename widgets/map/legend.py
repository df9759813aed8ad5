"""The map legend: what the marker colours and shapes mean (top left; L shows or hides it)."""

from __future__ import annotations

import logging

from PySide6 import QtCore, QtGui

from widgets.map.style import MapStyle

log = logging.getLogger(__name__)

LEGEND_KEY = "L"


def _font(px: int, bold: bool = False) -> QtGui.QFont:
    f = QtGui.QFont("DejaVu Sans")
    f.setPixelSize(px)
    f.setBold(bold)
    return f


def legend_lines() -> list[tuple[str, str]]:
    """(symbol kind, text) rows, for painting and for tests."""
    return [
        ("head", QtCore.QCoreApplication.translate("MapLegend", "Incidents (colour = priority)")),
        ("prio", "P1  P2  P3  P4"),
        (
            "circle",
            QtCore.QCoreApplication.translate("MapLegend", "waiting: reported / registered"),
        ),
        (
            "diamond",
            QtCore.QCoreApplication.translate("MapLegend", "with crews: dispatched / handling"),
        ),
        ("square", QtCore.QCoreApplication.translate("MapLegend", "awaiting verification")),
        (
            "overdue",
            QtCore.QCoreApplication.translate("MapLegend", "pulsing ring: a stage is overdue"),
        ),
        ("head", QtCore.QCoreApplication.translate("MapLegend", "Units (colour = department)")),
        ("unit", QtCore.QCoreApplication.translate("MapLegend", "arrow points the way it heads")),
        ("busy", QtCore.QCoreApplication.translate("MapLegend", "white rim: on a job")),
        ("stale", QtCore.QCoreApplication.translate("MapLegend", "faded: no position for 5 min")),
        ("camera", QtCore.QCoreApplication.translate("MapLegend", "camera and its view")),
        ("hint", QtCore.QCoreApplication.translate("MapLegend", "L hides this legend")),
    ]


def legend_size() -> QtCore.QSizeF:
    body, head = _font(11), _font(11, bold=True)
    lines = legend_lines()
    row_h = QtGui.QFontMetricsF(body).height() + 3
    w = max(QtGui.QFontMetricsF(head).horizontalAdvance(t) for _k, t in lines) + 44
    return QtCore.QSizeF(w, row_h * len(lines) + 10)


def draw_legend_chip(p: QtGui.QPainter, st: MapStyle, x: float = 10.0, y: float = 10.0) -> None:
    """A small map has no room for the legend: a hint that it exists."""
    f = _font(11)
    text = QtCore.QCoreApplication.translate("MapLegend", "Legend: L")
    fm = QtGui.QFontMetricsF(f)
    rect = QtCore.QRectF(x, y, fm.horizontalAdvance(text) + 12, fm.height() + 6)
    p.setPen(QtCore.Qt.PenStyle.NoPen)
    p.setBrush(st.overlay_bg)
    p.drawRoundedRect(rect, 3, 3)
    p.setFont(f)
    p.setPen(st.overlay_text)
    p.drawText(rect, QtCore.Qt.AlignmentFlag.AlignCenter, text)


def draw_legend(p: QtGui.QPainter, st: MapStyle, x: float = 10.0, y: float = 10.0) -> QtCore.QRectF:
    body, head = _font(11), _font(11, bold=True)
    fm = QtGui.QFontMetricsF(body)
    lines = legend_lines()
    row_h = fm.height() + 3
    text_x = x + 30
    rect = QtCore.QRectF(QtCore.QPointF(x, y), legend_size())
    p.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing, True)
    p.setPen(QtCore.Qt.PenStyle.NoPen)
    p.setBrush(st.overlay_bg)
    p.drawRoundedRect(rect, 4, 4)
    edge = QtGui.QPen(QtGui.QColor(8, 10, 12), 1.5)
    cy = y + 5 + row_h / 2
    for kind, text in lines:
        c = QtCore.QPointF(x + 16, cy)
        grey = QtGui.QColor("#9aa6b2")
        p.setPen(edge)
        p.setBrush(grey)
        if kind == "prio":
            p.setFont(head)
            for n in range(4):
                px = text_x + n * 34
                p.setPen(edge)
                p.setBrush(st.priority_color(n + 1))
                p.drawEllipse(QtCore.QPointF(px, cy), 6, 6)
                p.setPen(st.overlay_text)
                p.drawText(QtCore.QPointF(px + 9, cy + fm.ascent() / 2 - 1), f"P{n + 1}")
            cy += row_h
            continue
        if kind == "circle":
            p.drawEllipse(c, 6, 6)
        elif kind == "diamond":
            p.drawPolygon(
                QtGui.QPolygonF(
                    [
                        c + QtCore.QPointF(0, -7),
                        c + QtCore.QPointF(7, 0),
                        c + QtCore.QPointF(0, 7),
                        c + QtCore.QPointF(-7, 0),
                    ]
                )
            )
        elif kind == "square":
            p.drawRect(QtCore.QRectF(c.x() - 5.5, c.y() - 5.5, 11, 11))
        elif kind == "overdue":
            p.setBrush(QtCore.Qt.BrushStyle.NoBrush)
            p.setPen(QtGui.QPen(st.priority_color(1), 2.0))
            p.drawEllipse(c, 8, 8)
        elif kind in ("unit", "busy", "stale"):
            col = QtGui.QColor("#5fb3ff")
            if kind == "stale":
                col.setAlpha(110)
            p.setBrush(col)
            p.setPen(QtGui.QPen(QtGui.QColor(240, 244, 248), 1.8) if kind == "busy" else edge)
            p.drawPolygon(
                QtGui.QPolygonF(
                    [c + QtCore.QPointF(0, -8), c + QtCore.QPointF(6, 6), c + QtCore.QPointF(-6, 6)]
                )
            )
        elif kind == "camera":
            p.setPen(QtCore.Qt.PenStyle.NoPen)
            fov = QtGui.QColor(st.camera)
            fov.setAlpha(90)
            p.setBrush(fov)
            p.drawPie(QtCore.QRectF(c.x() - 9, c.y() - 9, 18, 18), 60 * 16, 60 * 16)
            p.setBrush(st.camera)
            p.drawRect(QtCore.QRectF(c.x() - 3, c.y() - 3, 6, 6))
        p.setFont(head if kind == "head" else body)
        p.setPen(QtGui.QColor("#8fa0b2") if kind == "hint" else st.overlay_text)
        tx = x + 8 if kind == "head" else text_x
        p.drawText(QtCore.QPointF(tx, cy + fm.ascent() / 2 - 1), text)
        cy += row_h
    return rect
