"""Pre-rendered images of the incident layer: markers, cluster bubbles, halos and badges.

Every image is drawn once and blitted afterwards; a frame never typesets or strokes a marker.
"""

from __future__ import annotations

import logging
import math

from PySide6 import QtCore, QtGui

from widgets.map.style import MapStyle

log = logging.getLogger(__name__)

SHAPE_CIRCLE, SHAPE_DIAMOND, SHAPE_SQUARE = 0, 1, 2


class IncidentSprites:
    """Owns the incident layer's image caches."""

    MARKER = 22  # marker side in pixels (readable from across the room)
    BUBBLE_CACHE = 4000  # composed cluster images kept

    def __init__(self, style: MapStyle) -> None:
        self.style = style
        self._sprites: dict[tuple[int, int, bool], QtGui.QImage] = {}
        self._halos: list[QtGui.QImage] = []
        self._bodies: dict[tuple[int, int], QtGui.QImage] = {}
        self._bubbles: dict[tuple[int, int, int], QtGui.QImage] = {}
        self._digit_imgs: list[QtGui.QImage] = []
        self._digit_w = 0
        self._badges: list[QtGui.QImage] = []
        self._font = QtGui.QFont("DejaVu Sans")
        self._font.setPixelSize(11)
        self._font.setBold(True)

    def marker(self, prio: int, shape: int, selected: bool) -> QtGui.QImage:
        key = (prio, shape, selected)
        img = self._sprites.get(key)
        if img is not None:
            return img
        side = self.MARKER + (8 if selected else 0)
        img = QtGui.QImage(side, side, QtGui.QImage.Format.Format_ARGB32_Premultiplied)
        img.fill(QtCore.Qt.GlobalColor.transparent)
        p = QtGui.QPainter(img)
        p.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
        c = side / 2
        r = 7.5 if not selected else 9.5
        p.setPen(QtGui.QPen(QtGui.QColor(8, 10, 12), 2.0))
        p.setBrush(self.style.priority_color(prio))
        if shape == SHAPE_CIRCLE:
            p.drawEllipse(QtCore.QPointF(c, c), r, r)
        elif shape == SHAPE_DIAMOND:
            k = r * 1.25
            p.drawPolygon(
                QtGui.QPolygonF(
                    [
                        QtCore.QPointF(c, c - k),
                        QtCore.QPointF(c + k, c),
                        QtCore.QPointF(c, c + k),
                        QtCore.QPointF(c - k, c),
                    ]
                )
            )
        else:
            p.drawRect(QtCore.QRectF(c - r * 0.9, c - r * 0.9, r * 1.8, r * 1.8))
        if selected:
            p.setBrush(QtCore.Qt.BrushStyle.NoBrush)
            p.setPen(QtGui.QPen(self.style.selection, 2.0))
            p.drawEllipse(QtCore.QPointF(c, c), c - 1.5, c - 1.5)
        p.end()
        self._sprites[key] = img
        return img

    def body(self, prio: int, r: int) -> QtGui.QImage:
        """Cluster body: a neutral disc ringed in the most urgent priority's colour.

        A city of red bubbles reads as noise, so only the ring carries the priority colour. The
        count is a separate label blitted on top: each zoom step brings counts not seen before,
        and typesetting a new bubble for each would cost more than the second blit.
        """
        key = (prio, r)
        img = self._bodies.get(key)
        if img is not None:
            return img
        side = 2 * r + 6
        img = QtGui.QImage(side, side, QtGui.QImage.Format.Format_ARGB32_Premultiplied)
        img.fill(QtCore.Qt.GlobalColor.transparent)
        p = QtGui.QPainter(img)
        p.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
        c = side / 2
        p.setPen(QtGui.QPen(self.style.priority_color(prio), 3.0))
        p.setBrush(QtGui.QColor(24, 31, 40, 235))
        p.drawEllipse(QtCore.QPointF(c, c), r, r)
        p.end()
        self._bodies[key] = img
        return img

    def bubble(self, prio: int, r: int, count: int) -> QtGui.QImage:
        """Body and count in one image, composed by blits (no typesetting) and kept, so a
        frame draws each cluster with a single blit."""
        key = (prio, r, count)
        img = self._bubbles.get(key)
        if img is not None:
            return img
        if len(self._bubbles) >= self.BUBBLE_CACHE:
            self._bubbles.clear()
        img = self.body(prio, r).copy()
        p = QtGui.QPainter(img)
        c = img.width() // 2
        self.draw_count(p, c, c, count)
        p.end()
        self._bubbles[key] = img
        return img

    def digits(self) -> list[QtGui.QImage]:
        """Glyphs 0-9 in white on transparent, drawn once.

        Counts are blitted digit by digit: every zoom step brings counts not seen before, and
        typesetting a label for each new one costs more than a few blits. DejaVu's digits share
        one advance, so the result matches what drawText would produce.
        """
        if not self._digit_imgs:
            fm = QtGui.QFontMetrics(self._font)
            self._digit_w = fm.horizontalAdvance("0")
            h = fm.height()
            for k in range(10):
                img = QtGui.QImage(
                    self._digit_w, h, QtGui.QImage.Format.Format_ARGB32_Premultiplied
                )
                img.fill(QtCore.Qt.GlobalColor.transparent)
                p = QtGui.QPainter(img)
                p.setFont(self._font)
                p.setPen(QtGui.QColor(236, 240, 244))
                p.drawText(0, fm.ascent(), str(k))
                p.end()
                self._digit_imgs.append(img)
        return self._digit_imgs

    def draw_count(self, p: QtGui.QPainter, x: int, y: int, count: int) -> None:
        """Draw ``count`` centred on (x, y)."""
        digits = self.digits()
        text = str(count)
        w = self._digit_w
        x0 = x - (w * len(text)) // 2
        y0 = y - digits[0].height() // 2
        for i, ch in enumerate(text):
            p.drawImage(x0 + i * w, y0, digits[ord(ch) - 48])

    def badge(self, phase: float) -> QtGui.QImage:
        """The pulsing red 'overdue inside' badge of a cluster (eight phases, drawn once)."""
        if not self._badges:
            for k in range(8):
                glow = 0.4 + 0.6 * (0.5 + 0.5 * math.cos(2 * math.pi * k / 8))
                img = QtGui.QImage(20, 20, QtGui.QImage.Format.Format_ARGB32_Premultiplied)
                img.fill(QtCore.Qt.GlobalColor.transparent)
                p = QtGui.QPainter(img)
                p.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
                g = QtGui.QRadialGradient(10, 10, 9)
                g.setColorAt(0.0, QtGui.QColor(255, 60, 60, int(230 * glow)))
                g.setColorAt(1.0, QtGui.QColor(255, 0, 0, 0))
                p.setPen(QtCore.Qt.PenStyle.NoPen)
                p.setBrush(QtGui.QBrush(g))
                p.drawEllipse(QtCore.QPointF(10, 10), 9, 9)
                p.setPen(QtGui.QPen(QtGui.QColor(10, 12, 14), 1.5))
                p.setBrush(QtGui.QColor(255, 59, 59))
                p.drawEllipse(QtCore.QPointF(10, 10), 4.0, 4.0)
                p.end()
                self._badges.append(img)
        return self._badges[int(phase * 8) % 8]

    def halo(self, phase: float) -> QtGui.QImage:
        if not self._halos:
            for k in range(8):
                a = 0.35 + 0.65 * (0.5 + 0.5 * math.cos(2 * math.pi * k / 8))
                side = 40
                img = QtGui.QImage(side, side, QtGui.QImage.Format.Format_ARGB32_Premultiplied)
                img.fill(QtCore.Qt.GlobalColor.transparent)
                p = QtGui.QPainter(img)
                p.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
                g = QtGui.QRadialGradient(side / 2, side / 2, side / 2)
                g.setColorAt(0.0, QtGui.QColor(255, 60, 60, int(230 * a)))
                g.setColorAt(0.45, QtGui.QColor(255, 40, 40, int(150 * a)))
                g.setColorAt(1.0, QtGui.QColor(255, 0, 0, 0))
                p.setPen(QtCore.Qt.PenStyle.NoPen)
                p.setBrush(QtGui.QBrush(g))
                p.drawEllipse(0, 0, side, side)
                p.end()
                self._halos.append(img)
        return self._halos[int(phase * 8) % 8]
