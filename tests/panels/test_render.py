"""Each panel renders, filled with the demo scene, to a non-blank PNG (the visual-check path)."""

from __future__ import annotations

from pathlib import Path

from PySide6 import QtGui

from tests.panels.render import render_all


def test_panels_render_to_png(qtbot, tmp_path: Path) -> None:
    paths = render_all(tmp_path)
    assert {p.stem for p in paths} == {
        "detail",
        "intake",
        "resources_fire",
        "recommendations",
        "queue_narrow_filtered",
    }
    for p in paths:
        img = QtGui.QImage(str(p))
        assert img.width() >= 540 and img.height() >= 300, p
        # Not blank: a panel full of text and badges has many distinct colours.
        colours = {
            img.pixel(x, y) for x in range(0, img.width(), 7) for y in range(0, img.height(), 7)
        }
        assert len(colours) > 20, p
