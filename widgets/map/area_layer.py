"""Grid cells (with an optional heat map of open or overdue cases) and neighbourhood outlines."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Mapping

import numpy as np
from PySide6 import QtCore, QtGui

from app.domain.model import GridCell, Incident
from app.geo.basemap import Basemap
from app.geo.projection import MERCATOR_MAX_XY, lonlat_to_mercator_arrays
from widgets.map.qpath import path_from_parts
from widgets.map.style import MapStyle
from widgets.map.viewport import Viewport

log = logging.getLogger(__name__)

HEAT_OFF, HEAT_OPEN, HEAT_OVERDUE, HEAT_FORECAST = "off", "open", "overdue", "forecast"


def world_pixel_transform(zoom: float, x0: float, y0: float) -> QtGui.QTransform:
    """Transform from Mercator metres relative to ``(x0, y0)`` to world pixels at ``zoom``."""
    s = 256.0 * 2.0**zoom / (2.0 * MERCATOR_MAX_XY)
    return QtGui.QTransform(s, 0, 0, -s, (x0 + MERCATOR_MAX_XY) * s, (MERCATOR_MAX_XY - y0) * s)


def _cosmetic(color: QtGui.QColor, dashed: bool = False) -> QtGui.QPen:
    """A 1-pixel cosmetic pen: Qt's fast thin-line stroker (a 1.2 px pen costs ~100x more here)."""
    pen = QtGui.QPen(
        color, 1.0, QtCore.Qt.PenStyle.DashLine if dashed else QtCore.Qt.PenStyle.SolidLine
    )
    pen.setCosmetic(True)
    return pen


class AreaLayer:
    """Owns the cell and neighbourhood paths (built once per grid) and the per-cell counts."""

    def __init__(self, style: MapStyle, basemap: Basemap | None) -> None:
        self.style = style
        self.basemap = basemap
        self.show_grid = False
        self.show_hoods = True
        self.heat = HEAT_OFF
        self._x0, self._y0 = (basemap.bounds[0], basemap.bounds[1]) if basemap else (0.0, 0.0)
        self._cells: dict[str, QtGui.QPainterPath] = {}
        self._grid_path = QtGui.QPainterPath()
        self._open: Counter[str] = Counter()
        self._overdue: Counter[str] = Counter()
        self._cell_of: dict[str, tuple[str, bool]] = {}
        self.forecast: dict[str, float] = {}  # expected cases per cell (the hotspot forecast)
        # Paths pre-scaled to world pixels per zoom step: a frame then only translates them.
        # (Letting the painter scale metre paths costs ~100x more with dashed pens.)
        self._scaled: dict[tuple[str, float], QtGui.QPainterPath] = {}
        self._hood_labels: list[tuple[str, float, float]] = []
        self._label_cache: dict[str, QtGui.QImage] = {}
        self._font = QtGui.QFont("DejaVu Sans")
        self._font.setPixelSize(12)
        self._font.setCapitalization(QtGui.QFont.Capitalization.AllUppercase)
        self._font.setLetterSpacing(QtGui.QFont.SpacingType.AbsoluteSpacing, 1.0)
        if basemap is not None:
            self._build_hood_labels(basemap)

    def _build_hood_labels(self, bm: Basemap) -> None:
        pl = bm.layers["hoods"][-1]
        best: dict[int, tuple[float, float, float]] = {}
        for k in range(len(pl)):
            xy = pl.xy[pl.off[k] : pl.off[k + 1]]
            b = pl.bbox[k]
            area = (b[2] - b[0]) * (b[3] - b[1])
            nid = int(pl.name[k])
            if nid not in best or area > best[nid][0]:
                best[nid] = (area, float(xy[:, 0].mean()), float(xy[:, 1].mean()))
        self._hood_labels = [(bm.names[n], x, y) for n, (_, x, y) in best.items()]

    def _px(self, name: str, zoom: float, path: QtGui.QPainterPath) -> QtGui.QPainterPath:
        key = (name, zoom)
        out = self._scaled.get(key)
        if out is None:
            if len(self._scaled) > 400:
                self._scaled.clear()
            out = world_pixel_transform(zoom, self._x0, self._y0).map(path)
            self._scaled[key] = out
        return out

    def cell_px(self, cell_id: str, zoom: float) -> QtGui.QPainterPath | None:
        """A cell's outline in world pixels at ``zoom`` (None for an unknown cell); cached."""
        path = self._cells.get(cell_id)
        return None if path is None else self._px("cell:" + cell_id, zoom, path)

    def set_cells(self, cells: Mapping[str, GridCell]) -> None:
        self._cells.clear()
        self._scaled.clear()
        xs: list[np.ndarray] = []
        ys: list[np.ndarray] = []
        for cid, cell in cells.items():
            if len(cell.polygon) < 3:
                continue
            ring = np.asarray(cell.polygon, dtype=np.float64)
            x, y = lonlat_to_mercator_arrays(ring[:, 0], ring[:, 1])
            x, y = x - self._x0, y - self._y0
            path = path_from_parts(x, y, np.array([0, len(x)]))
            path.closeSubpath()
            self._cells[cid] = path
            xs.append(np.append(x, x[0]))
            ys.append(np.append(y, y[0]))
        if xs:
            off = np.concatenate([[0], np.cumsum([len(a) for a in xs])])
            self._grid_path = path_from_parts(np.concatenate(xs), np.concatenate(ys), off)
        else:
            self._grid_path = QtGui.QPainterPath()

    def reset_counts(self, incidents: Mapping[str, Incident]) -> None:
        self._open.clear()
        self._overdue.clear()
        self._cell_of.clear()
        self.update_counts(incidents, list(incidents))

    def update_counts(self, incidents: Mapping[str, Incident], ids: list[str]) -> None:
        for iid in ids:
            old = self._cell_of.pop(iid, None)
            if old:
                self._open[old[0]] -= 1
                if old[1]:
                    self._overdue[old[0]] -= 1
            inc = incidents.get(iid)
            if inc is None or not inc.is_open() or not inc.location.grid_cell:
                continue
            od = any(c.overdue for c in inc.clocks.values())
            cell = inc.location.grid_cell
            self._cell_of[iid] = (cell, od)
            self._open[cell] += 1
            if od:
                self._overdue[cell] += 1

    def count(self, cell_id: str, overdue: bool = False) -> int:
        return (self._overdue if overdue else self._open)[cell_id]

    def paint(self, p: QtGui.QPainter, vp: Viewport) -> None:
        """Heat fill, grid lines and neighbourhood names (their outlines are in the basemap tiles)."""
        if not (self.show_grid or self.show_hoods or self.heat != HEAT_OFF):
            return
        p.save()
        ox, oy = vp.origin
        p.translate(-ox, -oy)
        z = vp.zoom
        if self.heat != HEAT_OFF and self._cells:
            counts: Mapping[str, float]
            if self.heat == HEAT_FORECAST:
                counts = self.forecast
            else:
                counts = self._overdue if self.heat == HEAT_OVERDUE else self._open
            top = max(counts.values(), default=0)
            # The forecast gives every cell a little; the faintest would only tint the whole city.
            floor = 0.05 * top if self.heat == HEAT_FORECAST else 0.0
            if top > 0:
                p.setPen(QtCore.Qt.PenStyle.NoPen)
                for cid, n in counts.items():
                    path = self._cells.get(cid)
                    if path is None or n <= 0 or n < floor:
                        continue
                    c = QtGui.QColor(self.style.heat)
                    c.setAlpha(int(30 + 150 * (n / top) ** 0.6))
                    p.setBrush(c)
                    p.drawPath(self._px("cell:" + cid, z, path))
        p.setBrush(QtCore.Qt.BrushStyle.NoBrush)
        if self.show_grid and self._cells:
            p.setPen(_cosmetic(self.style.grid_line))
            p.drawPath(self._px("grid", z, self._grid_path))
        p.restore()
        if self.show_hoods and 11.5 <= vp.zoom <= 14.75:
            for name, x, y in self._hood_labels:
                sx, sy = vp.to_screen(x, y)
                if -150 < sx < vp.width + 150 and -20 < sy < vp.height + 20:
                    img = self._hood_label(name)
                    p.drawImage(round(sx) - img.width() // 2, round(sy) - img.height() // 2, img)

    def _hood_label(self, name: str) -> QtGui.QImage:
        """Neighbourhood name with a soft shadow, rendered once (spaced capitals shape slowly)."""
        img = self._label_cache.get(name)
        if img is not None:
            return img
        fm = QtGui.QFontMetricsF(self._font)
        w = int(fm.horizontalAdvance(name.upper())) + 8
        h = int(fm.height()) + 4
        img = QtGui.QImage(w, h, QtGui.QImage.Format.Format_ARGB32_Premultiplied)
        img.fill(QtCore.Qt.GlobalColor.transparent)
        p = QtGui.QPainter(img)
        p.setRenderHint(QtGui.QPainter.RenderHint.TextAntialiasing)
        p.setFont(self._font)
        base = 2 + fm.ascent()
        p.setPen(QtGui.QColor(0, 0, 0, 170))
        p.drawText(QtCore.QPointF(5, base + 1), name)
        p.setPen(self.style.hood_text)
        p.drawText(QtCore.QPointF(4, base), name)
        p.end()
        self._label_cache[name] = img
        return img
