"""A translucent overlay listing every shortcut and command-line verb (F1)."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6 import QtCore, QtGui, QtWidgets

log = logging.getLogger(__name__)

MARGIN = 40
TOP = 84
MIN_COL_W = 440
WRAP = int(QtCore.Qt.TextFlag.TextWordWrap) | int(QtCore.Qt.AlignmentFlag.AlignLeft)


@dataclass
class _Item:
    kind: str  # "head", "key" or "what"
    text: str
    rect: QtCore.QRect


def _t(text: str) -> str:
    """Keys and their descriptions are marked with QT_TRANSLATE_NOOP("Keys", ...) where they are
    listed, and translated here, when shown."""
    return QtCore.QCoreApplication.translate("Keys", text)


class HelpOverlay(QtWidgets.QWidget):
    """Covers its parent window; any key or click closes it.

    Sections flow into as many columns as the window has room for; keys and descriptions are
    measured and wrapped, and the text shrinks (down to 60 %) rather than run into itself.
    """

    def __init__(
        self, sections: list[tuple[str, list[tuple[str, str]]]], parent: QtWidgets.QWidget
    ) -> None:
        super().__init__(parent)
        self.setObjectName("HelpOverlay")
        self._sections = sections
        self.setAttribute(QtCore.Qt.WidgetAttribute.WA_StyledBackground, False)
        self.setFocusPolicy(QtCore.Qt.FocusPolicy.StrongFocus)
        self.hide()

    def toggle(self) -> None:
        if self.isVisible():
            self.hide()
            return
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.raise_()
        self.show()
        self.setFocus()

    def set_sections(self, sections: list[tuple[str, list[tuple[str, str]]]]) -> None:
        self._sections = sections
        self.update()

    def entries(self) -> list[tuple[str, str]]:
        return [e for _title, items in self._sections for e in items]

    def sections(self) -> list[tuple[str, list[tuple[str, str]]]]:
        return [(t, list(items)) for t, items in self._sections]

    # --- layout -----------------------------------------------------------------------------------
    def _fonts(self, scale: float) -> tuple[QtGui.QFont, QtGui.QFont]:
        head = QtGui.QFont(self.font())
        head.setPointSizeF(13 * scale)
        head.setBold(True)
        body = QtGui.QFont(self.font())
        body.setPointSizeF(12 * scale)
        return head, body

    def layout_items(self) -> tuple[list[_Item], float]:
        """Where every heading, key and description goes, and the text scale used."""
        scale = 1.0
        while scale > 0.6:
            items = self._layout(scale)
            if items is not None:
                return items, scale
            scale -= 0.1
        return self._layout(0.6, force=True) or [], 0.6

    def _layout(self, scale: float, force: bool = False) -> list[_Item] | None:
        head, body = self._fonts(scale)
        hm, bm = QtGui.QFontMetrics(head), QtGui.QFontMetrics(body)
        width, bottom = self.width() - 2 * MARGIN, self.height() - 16
        cols = max(1, width // MIN_COL_W)
        col_w = width // cols
        gap = bm.averageCharWidth() * 2
        longest = max((bm.horizontalAdvance(_t(k)) for k, _ in self.entries()), default=0)
        key_w = min(longest + gap, int(col_w * 0.38))
        what_w = col_w - key_w - gap
        out: list[_Item] = []
        col, y = 0, TOP

        def next_column() -> bool:
            nonlocal col, y
            col += 1
            y = TOP
            return col < cols or force

        for name, entries in self._sections:
            if not entries:
                continue
            rows: list[tuple[str, str, int]] = []
            for key, what in ((_t(k), _t(w)) for k, w in entries):
                kr = bm.boundingRect(QtCore.QRect(0, 0, key_w - gap // 2, 10_000), WRAP, key)
                wr = bm.boundingRect(QtCore.QRect(0, 0, what_w, 10_000), WRAP, what)
                rows.append((key, what, max(kr.height(), wr.height()) + 3))
            need = hm.height() + 6 + sum(h for _k, _w, h in rows)
            # A section starts a new column when it does not fit below the last one (unless it
            # would not fit a whole column either: then it continues over the next column).
            if y > TOP and y + need > bottom and not next_column():
                return None
            x = MARGIN + col * col_w
            out.append(_Item("head", name, QtCore.QRect(x, y, col_w - gap, hm.height())))
            y += hm.height() + 6
            for key, what, h in rows:
                if y + h > bottom:
                    if not next_column():
                        return None
                    x = MARGIN + col * col_w
                out.append(_Item("key", key, QtCore.QRect(x, y, key_w - gap // 2, h)))
                out.append(_Item("what", what, QtCore.QRect(x + key_w, y, what_w, h)))
                y += h
            y += bm.height() // 2 + 4
        return out

    # --- painting ---------------------------------------------------------------------------------
    def paintEvent(self, _event: QtGui.QPaintEvent) -> None:
        p = QtGui.QPainter(self)
        p.fillRect(self.rect(), QtGui.QColor(5, 8, 12, 235))
        title = QtGui.QFont(self.font())
        title.setPointSize(20)
        title.setBold(True)
        p.setPen(QtGui.QColor("#ffffff"))
        p.setFont(title)
        p.drawText(
            MARGIN,
            56,
            self.tr("CityOps — keys and commands   (F1 or Esc to close)"),
        )
        items, scale = self.layout_items()
        head, body = self._fonts(scale)
        colours = {"head": "#2f9bff", "key": "#ffd84d", "what": "#e8eef5"}
        for item in items:
            p.setFont(head if item.kind == "head" else body)
            p.setPen(QtGui.QColor(colours[item.kind]))
            p.drawText(item.rect, WRAP, item.text)
        p.end()

    def keyPressEvent(self, _event: QtGui.QKeyEvent) -> None:
        self.hide()

    def mousePressEvent(self, _event: QtGui.QMouseEvent) -> None:
        self.hide()
