"""Drawing of a tile's overlay (name bar, status badge, stats bar, centre message).

The overlay changes about once a second, so the tile renders it into a cached transparent
image and only blits the painted rectangles with each video frame.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6 import QtCore, QtGui

log = logging.getLogger(__name__)

FG = QtGui.QColor("#f5f7fa")
BG = QtGui.QColor("#0b0d10")
STALE = QtGui.QColor(11, 13, 16, 170)  # over a frozen picture: still visible, clearly old
BAR = QtGui.QColor(0, 0, 0, 170)
BOX = QtGui.QColor(0, 0, 0, 200)
_CENTER = QtCore.Qt.AlignmentFlag.AlignCenter
_VCENTER = QtCore.Qt.AlignmentFlag.AlignVCenter
_ELIDE = QtCore.Qt.TextElideMode.ElideRight
_PREMUL = QtGui.QImage.Format.Format_ARGB32_Premultiplied


@dataclass(frozen=True)
class Badge:
    text: str
    bg: QtGui.QColor
    fg: QtGui.QColor


@dataclass(frozen=True)
class Centre:
    title: str
    detail: str
    color: QtGui.QColor
    scale: float  # title size in units of the bar font


@dataclass(frozen=True)
class OverlayInfo:
    name: str  # '' for an empty tile: no bars
    badge: Badge | None
    stats: str
    centre: Centre | None


def unit_px(height: int) -> float:
    """Bar font size: grows with the tile, readable at a distance, never tiny."""
    # 13 px at least: the 10 px captions of a 4 x 4 wall could not be read from the desk.
    return max(13.0, min(20.0, height / 16.0))


def render(
    size: QtCore.QSize,
    dpr: float,
    base: QtGui.QFont,
    info: OverlayInfo,
    picture: QtCore.QRectF | None,
    dim: bool,
    edge: QtGui.QPen | None,
    reuse: QtGui.QImage | None = None,
) -> tuple[QtGui.QImage, list[QtCore.QRectF]]:
    """Everything of a tile except the video picture, as one image to blit over it.

    Outside ``picture`` (the letterbox, or all of it when there is no picture) it is the
    opaque background; ``dim`` darkens a stale picture. Blitting this one image after the frame
    keeps a tile's paint to a few draw calls however much text it shows. Also returns the
    rectangles worth blitting: where there is something over or around the picture.
    ``reuse`` is the tile's previous overlay, painted over when it has the right size.
    """
    w, h = max(1, round(size.width() * dpr)), max(1, round(size.height() * dpr))
    if reuse is not None and reuse.width() == w and reuse.height() == h:
        img = reuse  # repainted in place: no half-megabyte allocation every second per tile
    else:
        img = QtGui.QImage(w, h, _PREMUL)
    img.setDevicePixelRatio(dpr)
    img.fill(BG)
    p = QtGui.QPainter(img)
    r = QtCore.QRect(QtCore.QPoint(0, 0), size)
    if picture is not None:
        p.setCompositionMode(QtGui.QPainter.CompositionMode.CompositionMode_Source)
        p.fillRect(picture, STALE if dim else QtCore.Qt.GlobalColor.transparent)
        p.setCompositionMode(QtGui.QPainter.CompositionMode.CompositionMode_SourceOver)
    unit = unit_px(r.height())
    full = QtCore.QRectF(r)
    rects: list[QtCore.QRectF] = []
    if info.name:
        rects += [QtCore.QRectF(b) for b in _bars(p, r, base, unit, info)]
    if info.centre is not None:
        rects.append(QtCore.QRectF(_centre(p, r, base, unit, info.centre)))
    if edge is not None:
        p.setPen(edge)
        p.drawRect(r.adjusted(0, 0, -1, -1))
    p.end()
    if picture is None or dim or edge is not None:
        return img, [full]
    rects += _bands(full, picture)
    kept = [a for a in rects if not any(b is not a and b.contains(a) for b in rects)]
    return img, kept


def _bands(full: QtCore.QRectF, pic: QtCore.QRectF) -> list[QtCore.QRectF]:
    """The letterbox: parts of ``full`` outside ``pic`` (empty ones left out)."""
    bands = [
        QtCore.QRectF(full.left(), full.top(), full.width(), pic.top() - full.top()),
        QtCore.QRectF(full.left(), pic.bottom(), full.width(), full.bottom() - pic.bottom()),
        QtCore.QRectF(full.left(), pic.top(), pic.left() - full.left(), pic.height()),
        QtCore.QRectF(pic.right(), pic.top(), full.right() - pic.right(), pic.height()),
    ]
    return [b for b in bands if b.width() > 0 and b.height() > 0]


def _bars(
    p: QtGui.QPainter, r: QtCore.QRect, base: QtGui.QFont, unit: float, info: OverlayInfo
) -> list[QtCore.QRect]:
    bar_h = round(unit * 1.8)
    font = QtGui.QFont(base)
    font.setPixelSize(round(unit))
    font.setBold(True)
    p.setFont(font)
    fm = QtGui.QFontMetrics(font)
    top = QtCore.QRect(0, 0, r.width(), bar_h)
    p.fillRect(top, BAR)
    name_w = r.width() - 12
    if info.badge is not None:
        bw = fm.horizontalAdvance(info.badge.text) + round(unit)
        badge = QtCore.QRect(r.width() - bw - 4, 3, bw, bar_h - 6)
        p.fillRect(badge, info.badge.bg)
        p.setPen(info.badge.fg)
        p.drawText(badge, _CENTER, info.badge.text)
        name_w = badge.left() - 12
    p.setPen(FG)
    p.drawText(top.adjusted(8, 0, 0, 0), _VCENTER, fm.elidedText(info.name, _ELIDE, name_w))
    bottom = QtCore.QRect(0, r.height() - bar_h, r.width(), bar_h)
    p.fillRect(bottom, BAR)
    font.setBold(False)
    p.setFont(font)
    p.drawText(bottom.adjusted(8, 0, 0, 0), _VCENTER, info.stats)
    return [top, bottom]


def _centre(
    p: QtGui.QPainter, r: QtCore.QRect, base: QtGui.QFont, unit: float, c: Centre
) -> QtCore.QRect:
    px = unit * c.scale
    font = QtGui.QFont(base)
    font.setPixelSize(round(px))
    font.setBold(True)
    p.setFont(font)
    fm = QtGui.QFontMetrics(font)
    box = QtCore.QRect(0, 0, min(r.width() - 8, fm.horizontalAdvance(c.title) + round(px)), 0)
    box.setHeight(round(px * 1.6))
    box.moveCenter(r.center())
    p.fillRect(box, BOX)
    p.setPen(c.color)
    p.drawText(box, _CENTER, c.title)
    covered = QtCore.QRect(box)
    if c.detail:
        small = QtGui.QFont(font)
        small.setBold(False)
        small.setPixelSize(max(12, round(px * 0.5)))
        p.setFont(small)
        sm = QtGui.QFontMetrics(small)
        text = sm.elidedText(c.detail, _ELIDE, r.width() - 16)
        below = QtCore.QRect(8, box.bottom() + 4, r.width() - 16, sm.height() + 4)
        p.fillRect(below.adjusted(-2, 0, 2, 0), QtGui.QColor(0, 0, 0, 160))
        p.setPen(FG)
        p.drawText(below, _CENTER, text)
        covered = covered.united(below.adjusted(-2, 0, 2, 0))
    return covered
