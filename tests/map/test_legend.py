"""The map has a legend for its marker colours and shapes; L hides and shows it."""

from __future__ import annotations

from typing import Any

from PySide6 import QtCore, QtGui

from widgets.map.legend import draw_legend, legend_lines
from widgets.map.style import DARK


def test_legend_explains_every_marker_and_toggles(qtbot: Any, map_widget: Any) -> None:
    kinds = {k for k, _t in legend_lines()}
    assert {"prio", "circle", "diamond", "square", "overdue", "unit", "stale", "camera"} <= kinds
    img = QtGui.QImage(400, 400, QtGui.QImage.Format.Format_ARGB32)
    img.fill(QtGui.QColor("black"))
    p = QtGui.QPainter(img)
    rect = draw_legend(p, DARK)
    p.end()
    assert rect.width() > 150 and rect.height() > 150
    # The priority swatches are painted in the map's priority colours.
    colours = {
        QtGui.QColor(img.pixel(x, y)).name()
        for x in range(int(rect.left()), int(rect.right()))
        for y in range(int(rect.top()), int(rect.bottom()))
    }
    assert DARK.priority_color(1).name() in colours

    map_widget.resize(1400, 900)
    qtbot.waitUntil(lambda: map_widget.width() == 1400)
    assert map_widget.legend_visible
    shown = map_widget.grab().toImage()
    # Drawn in full, and not under the place search box in the same corner.
    assert not map_widget.legend_rect.isEmpty()
    assert not map_widget.legend_rect.intersects(map_widget.search.geometry())
    map_widget.setFocus()
    qtbot.keyClick(map_widget, QtCore.Qt.Key.Key_L)
    assert not map_widget.legend_visible
    hidden = map_widget.grab().toImage()
    corner = QtCore.QRect(10, 10, int(rect.width()), int(rect.height()))
    assert shown.copy(corner) != hidden.copy(corner)
