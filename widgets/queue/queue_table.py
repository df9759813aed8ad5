"""The queue's table: paints whole rows from cached pixmaps.

A busy queue repaints ten times a second. Painting cell by cell through a Python delegate costs
one call and one text layout per cell (~350 per repaint); this view blits one cached pixmap per
visible row and renders a row again only when its record changes (new version, pending state,
flash phase, or the clock's second for the age and countdown columns).
"""

from __future__ import annotations

import logging

from PySide6 import QtCore, QtGui, QtWidgets

from app.models.incident_queue import TIME_COLUMNS, IncidentQueueModel

log = logging.getLogger(__name__)

_TEXT = QtGui.QColor("#e8eef5")
_BASE = QtGui.QColor("#121821")
_SEPARATOR = QtGui.QColor("#1f2935")
_SELECTED_BG = QtGui.QColor("#1d4f80")
_SELECTED_EDGE = QtGui.QColor("#2f9bff")
_ELIDE = QtCore.Qt.TextElideMode.ElideRight
_MAX_CACHED = 600


class QueueTable(QtWidgets.QTableView):
    """A QTableView whose rows are painted from per-row pixmaps of the model's records."""

    def __init__(self, model: IncidentQueueModel, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self._qmodel = model
        self._cache: dict[tuple[object, ...], QtGui.QPixmap] = {}
        self._geometry_key: tuple[int, ...] = ()
        self._bold = QtGui.QFont(self.font())
        self._bold.setBold(True)
        self.setModel(model)
        self.horizontalHeader().sectionResized.connect(self._drop_cache)
        self.horizontalHeader().sectionMoved.connect(self._drop_cache)

    def _drop_cache(self) -> None:
        self._cache.clear()
        self.viewport().update()

    def paintEvent(self, event: QtGui.QPaintEvent) -> None:
        model = self._qmodel
        vp = self.viewport()
        painter = QtGui.QPainter(vp)
        painter.fillRect(event.rect(), _BASE)
        rows = model.rowCount()
        if not rows:
            painter.end()
            return
        first = max(0, self.rowAt(event.rect().top()))
        last = self.rowAt(event.rect().bottom())
        if last < 0:
            last = rows - 1
        header = self.horizontalHeader()
        cols = model.columnCount()
        positions = [header.sectionViewportPosition(c) for c in range(cols)]
        widths = [header.sectionSize(c) for c in range(cols)]
        hidden = [header.isSectionHidden(c) for c in range(cols)]
        geo = (*widths, *(1 if h else 0 for h in hidden), int(self.devicePixelRatioF() * 100))
        if geo != self._geometry_key:
            self._geometry_key = geo
            self._cache.clear()
        x0 = positions[0] if positions else 0
        total = sum(w for w, h in zip(widths, hidden, strict=True) if not h)
        sel = self.selectionModel()
        current = self.currentIndex().row()
        for row in range(first, last + 1):
            rec = model.record_at(row)
            if rec is None:
                continue
            y = self.rowViewportPosition(row)
            h = self.rowHeight(row)
            selected = sel is not None and sel.isRowSelected(row, QtCore.QModelIndex())
            key = (rec[7], rec[0], selected, h)
            pix = self._cache.get(key)
            if pix is None:
                pix = self._render_row(rec, widths, hidden, total, h, selected)
                if len(self._cache) > _MAX_CACHED:
                    self._cache.clear()
                self._cache[key] = pix
            painter.drawPixmap(x0, y, pix)
            # Age and countdown change every second: drawn live over the cached row.
            iid = str(rec[7])
            for c in TIME_COLUMNS:
                if hidden[c]:
                    continue
                fg = rec[3][c]  # type: ignore[index]
                painter.setPen(fg if fg is not None else _TEXT)
                painter.setFont(self._bold if rec[4][c] is not None else self.font())  # type: ignore[index]
                cell = QtCore.QRect(positions[c] + 6, y, widths[c] - 10, h)
                painter.drawText(cell, int(rec[5][c]), model.time_text(iid, c))  # type: ignore[index]
            if row == current and self.hasFocus():
                painter.setPen(_SELECTED_EDGE)
                painter.drawRect(x0, y, total - 1, h - 1)
        painter.end()

    def _render_row(
        self,
        rec: tuple[object, ...],
        widths: list[int],
        hidden: list[bool],
        total: int,
        height: int,
        selected: bool,
    ) -> QtGui.QPixmap:
        dpr = self.devicePixelRatioF()
        pix = QtGui.QPixmap(max(1, int(total * dpr)), max(1, int(height * dpr)))
        pix.setDevicePixelRatio(dpr)
        # Opaque, with a separator line instead of alternating row colours: a row that shifts
        # by one keeps its cached pixmap, and blitting it is a plain copy.
        pix.fill(_SELECTED_BG if selected else _BASE)
        p = QtGui.QPainter(pix)
        texts, bgs, fgs, fonts, aligns = rec[1], rec[2], rec[3], rec[4], rec[5]
        assert isinstance(texts, list) and isinstance(bgs, list) and isinstance(fgs, list)
        assert isinstance(fonts, list) and isinstance(aligns, list)
        base_font = self.font()
        x = 0
        for c, w in enumerate(widths):
            if hidden[c]:
                continue
            cell = QtCore.QRect(x, 0, w, height)
            bg = bgs[c]
            if bg is not None and not (selected and c != 1):
                p.fillRect(cell, bg)
            if c in TIME_COLUMNS:  # drawn live by paintEvent
                x += w
                continue
            p.setFont(fonts[c] if fonts[c] is not None else base_font)
            fg = fgs[c]
            p.setPen(fg if fg is not None else _TEXT)
            text_rect = cell.adjusted(6, 0, -4, 0)
            text = p.fontMetrics().elidedText(str(texts[c]), _ELIDE, max(0, text_rect.width()))
            p.drawText(text_rect, int(aligns[c]), text)
            x += w
        if selected:
            p.setPen(_SELECTED_EDGE)
            p.drawLine(0, 0, total, 0)
            p.drawLine(0, height - 1, total, height - 1)
        else:
            p.setPen(_SEPARATOR)
            p.drawLine(0, height - 1, total, height - 1)
        p.end()
        return pix
