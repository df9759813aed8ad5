"""A translucent overlay listing every shortcut and command-line verb (F1)."""

from __future__ import annotations

from PySide6 import QtCore, QtGui, QtWidgets


class HelpOverlay(QtWidgets.QWidget):
    """Covers its parent window; any key or click closes it."""

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

    def entries(self) -> list[tuple[str, str]]:
        return [e for _title, items in self._sections for e in items]

    def paintEvent(self, _event: QtGui.QPaintEvent) -> None:
        p = QtGui.QPainter(self)
        p.fillRect(self.rect(), QtGui.QColor(5, 8, 12, 235))
        title = QtGui.QFont(self.font())
        title.setPointSize(20)
        title.setBold(True)
        head = QtGui.QFont(self.font())
        head.setPointSize(13)
        head.setBold(True)
        body = QtGui.QFont(self.font())
        body.setPointSize(12)
        p.setPen(QtGui.QColor("#ffffff"))
        p.setFont(title)
        p.drawText(40, 56, "CityOps — keys and commands   (F1 or Esc to close)")
        # As many columns as fit; sections flow top to bottom, then to the next column.
        col_w = max(440, (self.width() - 80) // 3)
        x, y = 40, 100
        line_h = 23
        for name, items in self._sections:
            needed = line_h * (len(items) + 2)
            if y + needed > self.height() - 20 and x + col_w < self.width():
                x += col_w
                y = 100
            p.setFont(head)
            p.setPen(QtGui.QColor("#2f9bff"))
            p.drawText(x, y, name)
            y += line_h + 4
            p.setFont(body)
            for key, what in items:
                p.setPen(QtGui.QColor("#ffd84d"))
                p.drawText(x, y, key)
                p.setPen(QtGui.QColor("#e8eef5"))
                p.drawText(x + 170, y, what)
                y += line_h
            y += 12
        p.end()

    def keyPressEvent(self, _event: QtGui.QKeyEvent) -> None:
        self.hide()

    def mousePressEvent(self, _event: QtGui.QMouseEvent) -> None:
        self.hide()
