"""The incident's narrative log: who did or said what and when, with snapshot thumbnails."""

from __future__ import annotations

import base64
import binascii
import html
import logging

from PySide6 import QtCore, QtGui, QtWidgets

from app.domain.model import NarrativeEntry
from widgets import theme
from widgets.detail.timefmt import clock_time, full_time

log = logging.getLogger(__name__)

THUMB_W = 200
KIND_COLORS = {
    "transition": theme.ACCENT,
    "system": theme.TEXT_DIM,
    "snapshot": theme.WARN,
    "note": theme.TEXT,
}


def decode_thumbnail(attachment: str, width: int = THUMB_W) -> QtGui.QImage | None:
    """The PNG of a snapshot note scaled to ``width``; None when it is not a readable image."""
    data = attachment.split(",", 1)[1] if attachment.startswith("data:") else attachment
    try:
        raw = base64.b64decode(data, validate=False)
    except (binascii.Error, ValueError):
        return None
    img = QtGui.QImage()
    if not img.loadFromData(raw):
        return None
    if img.width() > width:
        img = img.scaledToWidth(width, QtCore.Qt.TransformationMode.SmoothTransformation)
    return img


class NarrativeView(QtWidgets.QTextBrowser):
    """Renders narrative entries newest first; re-rendered when the incident changes."""

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("NarrativeView")
        self.setOpenLinks(False)
        self.setMinimumHeight(160)
        self._count = -1
        self._key: tuple[str, int] = ("", -1)
        self.thumbnails = 0  # images shown in the last render

    def set_entries(self, incident_id: str, entries: list[NarrativeEntry], now: float) -> None:
        key = (incident_id, len(entries))
        if key == self._key:
            return
        self._key = key
        doc = self.document()
        self.thumbnails = 0
        rows: list[str] = []
        for i, e in reversed(list(enumerate(entries))):
            color = KIND_COLORS.get(e.kind, theme.TEXT)
            text = html.escape(e.text).replace("\n", "<br>")
            img = ""
            if e.kind == "snapshot" and e.attachment:
                thumb = decode_thumbnail(e.attachment)
                if thumb is not None:
                    url = QtCore.QUrl(f"snapshot:{incident_id}/{i}")
                    doc.addResource(QtGui.QTextDocument.ResourceType.ImageResource, url, thumb)
                    img = f'<br><img src="{url.toString()}" width="{thumb.width()}">'
                    self.thumbnails += 1
                else:
                    img = f'<br><span style="color:{theme.DANGER}">[snapshot unreadable]</span>'
            rows.append(
                "<tr>"
                f'<td style="color:{theme.TEXT_DIM}; padding-right:10px; white-space:nowrap" '
                f'title="{full_time(e.at)}">{clock_time(e.at, now)}</td>'
                f'<td style="color:{theme.TEXT_DIM}; padding-right:10px; white-space:nowrap">'
                f"{html.escape(e.who)}</td>"
                f'<td style="color:{color}">{text}{img}</td>'
                "</tr>"
            )
        if not rows:
            rows.append(f'<tr><td style="color:{theme.TEXT_DIM}">No entries yet.</td></tr>')
        self.setHtml(f'<table cellspacing="0" cellpadding="3" width="100%">{"".join(rows)}</table>')
