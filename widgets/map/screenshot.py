"""Grab the map to a PNG without a window (used by ``main.py --screenshot`` and for reviews)."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6 import QtGui

from app.store.selection import Selection
from app.store.store import Store
from widgets.map.map_widget import MapWidget

log = logging.getLogger(__name__)


def render_map_png(
    store: Store,
    path: Path | str,
    size: tuple[int, int] = (1600, 1000),
    center: tuple[float, float] | None = None,
    zoom: float | None = None,
    selection: Selection | None = None,
) -> Path:
    """Render the map of ``store`` at ``size`` to ``path`` (PNG) with every tile complete.

    ``center`` is ``(lat, lon)``; without it the view fits the open incidents (or the city).
    Needs a running QApplication (offscreen is fine).
    """
    out = Path(path)
    w = MapWidget(store, selection or Selection())
    try:
        w.resize(*size)
        w.vp.width, w.vp.height = size
        w.flush_now()
        if center is not None:
            w.center_on(center[0], center[1], zoom)
        elif zoom is not None:
            w.center_on(*w.center_latlon(), zoom)
        else:
            w.center_on(37.7615, -122.4440, 13.0 if size[0] >= 1400 else 12.5)
        w.render_complete()
        img = QtGui.QImage(size[0], size[1], QtGui.QImage.Format.Format_RGB32)
        p = QtGui.QPainter(img)
        w.paint_map(p)
        p.end()
        out.parent.mkdir(parents=True, exist_ok=True)
        if not img.save(str(out), "PNG"):  # type: ignore[call-overload]
            raise OSError(f"could not write PNG {out}")
        log.info("map screenshot %s (%dx%d)", out, *size)
        return out
    finally:
        w.deleteLater()
