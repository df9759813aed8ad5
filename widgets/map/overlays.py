"""Screen-fixed map furniture: scale bar, cursor read-out, credits and the pick-mode banner."""

from __future__ import annotations

import logging
import math

from PySide6 import QtCore, QtGui

from app.geo.projection import ground_resolution_m
from widgets.map.style import MapStyle
from widgets.map.viewport import Viewport

log = logging.getLogger(__name__)

CREDITS = ("Data: City and County of San Francisco", "© OpenStreetMap contributors, ODbL")


def _font(px: int, bold: bool = False) -> QtGui.QFont:
    f = QtGui.QFont("DejaVu Sans")
    f.setPixelSize(px)
    f.setBold(bold)
    return f


def nice_distance(max_m: float) -> float:
    """The largest 1, 2 or 5 x 10^n metres not above ``max_m``."""
    if max_m <= 0:
        return 0.0
    e = 10 ** math.floor(math.log10(max_m))
    for k in (5, 2, 1):
        if k * e <= max_m:
            return float(k * e)
    return float(e)


def scale_bar(vp: Viewport, lat: float, max_px: float = 140.0) -> tuple[float, str]:
    """Pixel length and label of a round-distance scale bar at latitude ``lat``."""
    mpp = ground_resolution_m(vp.zoom, lat)
    dist = nice_distance(max_px * mpp)
    label = f"{dist / 1000:g} km" if dist >= 1000 else f"{dist:g} m"
    return dist / mpp, label


def draw_panel_text(
    p: QtGui.QPainter, st: MapStyle, x: float, y: float, lines: list[str], right: bool = False
) -> QtCore.QRectF:
    f = _font(11)
    fm = QtGui.QFontMetricsF(f)
    w = max((fm.horizontalAdvance(s) for s in lines), default=0) + 12
    h = fm.height() * len(lines) + 8
    rect = QtCore.QRectF(x - w if right else x, y - h, w, h)
    p.setPen(QtCore.Qt.PenStyle.NoPen)
    p.setBrush(st.overlay_bg)
    p.drawRoundedRect(rect, 3, 3)
    p.setFont(f)
    p.setPen(st.overlay_text)
    for i, s in enumerate(lines):
        p.drawText(
            QtCore.QPointF(rect.left() + 6, rect.top() + 4 + fm.ascent() + i * fm.height()), s
        )
    return rect


def draw_overlays(
    p: QtGui.QPainter,
    vp: Viewport,
    st: MapStyle,
    readout: list[str],
    pick_mode: bool,
    credits: tuple[str, ...] = CREDITS,
) -> None:
    p.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing, True)
    # Scale bar, bottom left.
    lat = vp.lonlat_at(vp.width / 2, vp.height / 2)[1]
    length, label = scale_bar(vp, lat)
    x0, y0 = 14.0, vp.height - 16.0
    p.setPen(QtCore.Qt.PenStyle.NoPen)
    p.setBrush(st.overlay_bg)
    p.drawRoundedRect(QtCore.QRectF(x0 - 6, y0 - 24, length + 12, 32), 3, 3)
    pen = QtGui.QPen(st.overlay_text, 2.0)
    p.setPen(pen)
    p.drawLine(QtCore.QPointF(x0, y0), QtCore.QPointF(x0 + length, y0))
    p.drawLine(QtCore.QPointF(x0, y0 - 5), QtCore.QPointF(x0, y0 + 2))
    p.drawLine(QtCore.QPointF(x0 + length, y0 - 5), QtCore.QPointF(x0 + length, y0 + 2))
    p.setFont(_font(11))
    p.drawText(QtCore.QPointF(x0, y0 - 9), label)
    # Cursor read-out above the scale bar.
    if readout:
        draw_panel_text(p, st, 8.0, vp.height - 48.0, readout)
    # Credits, bottom right.
    f = _font(10)
    fm = QtGui.QFontMetricsF(f)
    text = "  ·  ".join(credits)
    w = fm.horizontalAdvance(text) + 12
    rect = QtCore.QRectF(vp.width - w - 4, vp.height - fm.height() - 8, w, fm.height() + 6)
    p.setPen(QtCore.Qt.PenStyle.NoPen)
    p.setBrush(st.overlay_bg)
    p.drawRect(rect)
    p.setFont(f)
    p.setPen(QtGui.QColor(150, 160, 170))
    p.drawText(rect, QtCore.Qt.AlignmentFlag.AlignCenter, text)
    if pick_mode:
        f2 = _font(13, bold=True)
        fm2 = QtGui.QFontMetricsF(f2)
        msg = "Click the map to pick the incident location  (Esc to cancel)"
        w2 = fm2.horizontalAdvance(msg) + 24
        r2 = QtCore.QRectF((vp.width - w2) / 2, 12, w2, fm2.height() + 12)
        p.setPen(QtGui.QPen(QtGui.QColor(120, 220, 255), 1.5))
        p.setBrush(QtGui.QColor(8, 30, 44, 225))
        p.drawRoundedRect(r2, 4, 4)
        p.setFont(f2)
        p.setPen(QtGui.QColor(200, 240, 255))
        p.drawText(r2, QtCore.Qt.AlignmentFlag.AlignCenter, msg)
