"""Units as agency-coloured markers with a heading arrow, faded when the position is stale."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Mapping

import numpy as np
from PySide6 import QtCore, QtGui

from app.domain.geo import lonlat_to_mercator
from app.domain.model import Agency, Unit, UnitStatus
from widgets.map.layer_base import Columns, Hit, nearest_hit
from widgets.map.viewport import Viewport

log = logging.getLogger(__name__)

STALE_AFTER_S = 300.0
HEADING_BINS = 24  # sprites are pre-rotated in 15 degree steps


class UnitLayer:
    """Owns unit columns, the agency colour table and rotated sprites."""

    SIDE = 26
    label_min_zoom = 16.0
    small_below_zoom = 14.0

    def __init__(self) -> None:
        self.visible = True
        self.data = Columns(
            {
                "x": np.float64,
                "y": np.float64,
                "heading": np.float32,
                "color": np.int32,
                "t": np.float64,
                "busy": bool,
                "out": bool,
            }
        )
        self._colors: list[QtGui.QColor] = []
        self._color_ix: dict[str, int] = {}
        self._sprites: dict[tuple[int, int, bool, bool, bool], QtGui.QImage] = {}
        self._font = QtGui.QFont("DejaVu Sans")
        self._font.setPixelSize(10)
        self._shown_keys: list[tuple[int, int, bool, bool]] = []  # last frame's sprite keys
        self._shown_small = False
        self._xy = np.zeros((0, 2))
        self._rows = np.zeros(0, dtype=np.int64)

    def _color_index(self, color: str) -> int:
        ix = self._color_ix.get(color)
        if ix is None:
            ix = len(self._colors)
            q = QtGui.QColor(color)
            self._colors.append(q if q.isValid() else QtGui.QColor("#888888"))
            self._color_ix[color] = ix
        return ix

    def reset(self, units: Mapping[str, Unit], agencies: Mapping[str, Agency]) -> None:
        self.data.clear()
        self.update(units, agencies, units.keys())

    def update(
        self, units: Mapping[str, Unit], agencies: Mapping[str, Agency], ids: Iterable[str]
    ) -> None:
        for uid in ids:
            u = units.get(uid)
            if u is None or (u.lat == 0.0 and u.lon == 0.0):
                self.data.remove(uid)
                continue
            try:
                x, y = lonlat_to_mercator(u.lon, u.lat)
            except ValueError:
                self.data.remove(uid)
                continue
            ag = agencies.get(u.agency)
            self.data.put(
                uid,
                x=x,
                y=y,
                heading=u.heading % 360.0,
                color=self._color_index(ag.color if ag else "#888888"),
                t=u.position_time,
                busy=u.status in (UnitStatus.DISPATCHED, UnitStatus.EN_ROUTE, UnitStatus.ON_SCENE),
                out=u.status == UnitStatus.OUT_OF_SERVICE,
            )

    def position(self, unit_id: str) -> tuple[float, float] | None:
        r = self.data.row.get(unit_id)
        if r is None:
            return None
        return float(self.data["x"][r]), float(self.data["y"][r])

    def stale_ids(self, now: float) -> set[str]:
        """Units whose last position is older than five minutes at ``now``."""
        d = self.data
        rows = np.flatnonzero(d.alive[: d.n] & ((now - d["t"]) > STALE_AFTER_S))  # type: ignore[operator]
        return {d.ids[int(r)] for r in rows}

    def _sprite(self, color: int, hbin: int, stale: bool, busy: bool, small: bool) -> QtGui.QImage:
        key = (color, hbin, stale, busy, small)
        img = self._sprites.get(key)
        if img is not None:
            return img
        s = self.SIDE
        img = QtGui.QImage(s, s, QtGui.QImage.Format.Format_ARGB32_Premultiplied)
        img.fill(QtCore.Qt.GlobalColor.transparent)
        p = QtGui.QPainter(img)
        p.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
        p.translate(s / 2, s / 2)
        col = QtGui.QColor(self._colors[color])
        edge = QtGui.QColor(10, 12, 14)
        if stale:
            col = QtGui.QColor(
                col.red() // 2 + 40, col.green() // 2 + 40, col.blue() // 2 + 40, 110
            )
            edge = QtGui.QColor(120, 120, 120, 150)
        k = 0.62 if small else 1.0
        p.save()
        p.rotate(hbin * 360.0 / HEADING_BINS)
        # Heading arrow: a chevron ahead of the body, in the agency colour with a dark rim.
        p.setPen(QtGui.QPen(edge, 1.2))
        p.setBrush(col)
        p.drawPolygon(
            QtGui.QPolygonF(
                [
                    QtCore.QPointF(0, -12.5 * k),
                    QtCore.QPointF(5.5 * k, -5 * k),
                    QtCore.QPointF(-5.5 * k, -5 * k),
                ]
            )
        )
        p.restore()
        pen = QtGui.QPen(
            QtGui.QColor(240, 244, 248) if busy and not stale else edge, 1.8 if busy else 1.4
        )
        if stale:
            pen.setStyle(QtCore.Qt.PenStyle.DotLine)
        p.setPen(pen)
        p.setBrush(col)
        p.drawRoundedRect(QtCore.QRectF(-6.5 * k, -6.5 * k, 13 * k, 13 * k), 3 * k, 3 * k)
        p.end()
        self._sprites[key] = img
        return img

    @property
    def _to_warm(self) -> list[tuple[int, int, bool, bool, bool]]:
        """Sprites of the other size for the units the last frame showed, not drawn yet."""
        other = not self._shown_small
        return [(*k, other) for k in set(self._shown_keys) if (*k, other) not in self._sprites]

    def warm_sprites(self, budget_s: float) -> bool:
        """Draw sprites the next zoom will want, within ``budget_s``; True if some are left."""
        deadline = time.perf_counter() + budget_s
        todo = self._to_warm
        while todo and time.perf_counter() < deadline:
            self._sprite(*todo.pop())
        return bool(todo)

    def paint(self, p: QtGui.QPainter, vp: Viewport, now: float, followed: str) -> None:
        d = self.data
        if not self.visible or d.n == 0:
            self._xy = np.zeros((0, 2))
            self._rows = np.zeros(0, dtype=np.int64)
            return
        sx, sy = vp.to_screen_arrays(d["x"], d["y"])  # type: ignore[arg-type]
        m = 20
        vis = d.alive[: d.n] & (sx > -m) & (sx < vp.width + m) & (sy > -m) & (sy < vp.height + m)
        rows = np.flatnonzero(vis)
        stale = (now - d["t"]) > STALE_AFTER_S  # type: ignore[operator]
        hbin = (
            np.round(d["heading"].astype(np.float64) / (360.0 / HEADING_BINS)) % HEADING_BINS
        ).astype(np.int64)
        color = d["color"]
        busy = d["busy"]
        # Stale units first so fresh positions stay on top.
        rows = rows[np.argsort(~stale[rows], kind="stable")]
        half = self.SIDE // 2
        small = vp.zoom < self.small_below_zoom
        xs = (np.rint(sx[rows]).astype(int) - half).tolist()
        ys = (np.rint(sy[rows]).astype(int) - half).tolist()
        keys = list(
            zip(
                color[rows].tolist(),
                hbin[rows].tolist(),
                stale[rows].tolist(),
                busy[rows].tolist(),
                strict=True,
            )
        )
        sprite = self._sprite
        draw = p.drawImage  # whole-pixel blits: ~10x faster than the QPointF overload
        for x, y, k in zip(xs, ys, keys, strict=True):
            draw(x, y, sprite(*k, small))
        # The other size shows after the next zoom across small_below_zoom: warm_sprites draws
        # those in idle time, from this frame's keys.
        self._shown_keys, self._shown_small = keys, small
        if vp.zoom >= self.label_min_zoom and len(rows) <= 400:
            p.setFont(self._font)
            for r in rows:
                p.setPen(QtGui.QColor(0, 0, 0, 200))
                p.drawText(QtCore.QPointF(sx[r] + 10, sy[r] + 13), d.ids[r])
                p.setPen(
                    QtGui.QColor(220, 226, 232) if not stale[r] else QtGui.QColor(140, 140, 140)
                )
                p.drawText(QtCore.QPointF(sx[r] + 9, sy[r] + 12), d.ids[r])
        fr = d.row.get(followed, -1)
        if fr >= 0 and vis[fr]:
            p.setPen(QtGui.QPen(QtGui.QColor(120, 220, 255), 2.0, QtCore.Qt.PenStyle.DashLine))
            p.setBrush(QtCore.Qt.BrushStyle.NoBrush)
            p.drawEllipse(QtCore.QPointF(sx[fr], sy[fr]), 15, 15)
        self._xy = np.column_stack([sx[rows], sy[rows]])
        self._rows = rows

    def hit(self, sx: float, sy: float, radius: float = 10.0) -> Hit | None:
        return nearest_hit("unit", self._xy, self._rows, self.data.ids, sx, sy, radius)
