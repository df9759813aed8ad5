"""The drag-and-drop format for cameras: ``application/x-cityops-camera``.

Any view that lets a camera be dragged (the camera list, the map) puts the camera id, UTF-8
encoded, under this MIME type; the video wall accepts it on a tile. Text is set as well so a
drop on a plain text field shows the id.
"""

from __future__ import annotations

import logging

from PySide6 import QtCore

log = logging.getLogger(__name__)

CAMERA_MIME = "application/x-cityops-camera"


def camera_mime_data(camera_id: str) -> QtCore.QMimeData:
    """Mime data for dragging the camera ``camera_id``."""
    if not camera_id:
        raise ValueError("a camera drag needs a camera id")
    md = QtCore.QMimeData()
    md.setData(CAMERA_MIME, QtCore.QByteArray(camera_id.encode("utf-8")))
    md.setText(camera_id)
    return md


def camera_id_from_mime(md: QtCore.QMimeData | None) -> str | None:
    """The dragged camera id, or None when the data is not a camera."""
    if md is None or not md.hasFormat(CAMERA_MIME):
        return None
    raw = bytes(md.data(CAMERA_MIME).data()).decode("utf-8", errors="replace").strip()
    return raw or None
