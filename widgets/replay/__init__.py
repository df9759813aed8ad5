"""Replay widgets: the timeline / transport bar and the training score dialog."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6 import QtWidgets

log = logging.getLogger(__name__)


def render_png(widget: QtWidgets.QWidget, path: Path | str) -> Path:
    """Render ``widget`` (shown or not) to a PNG file, e.g. for ``main.py --screenshot``."""
    path = Path(path)
    widget.ensurePolished()
    if not widget.isVisible():
        widget.adjustSize()
    pixmap = widget.grab()
    if not pixmap.save(str(path), "PNG"):
        raise OSError(f"could not write {path}")
    return path
