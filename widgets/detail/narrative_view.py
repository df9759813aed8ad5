"""The incident's narrative log: who did or said what and when, with snapshot thumbnails."""

from __future__ import annotations

import base64
import binascii
import html
import logging

from PySide6 import QtCore, QtGui, QtWidgets

from app.console.history import entry_text, full_time
from app.domain.model import NarrativeEntry
from widgets import theme

log = logging.getLogger(__name__)

THUMB_W = 200
FIRST_RENDER = 150  # newest entries rendered when an incident is shown; the rest on request
KIND_COLORS = {
    "transition": theme.ACCENT,
    "system": theme.TEXT_DIM,
    "snapshot": theme.WARN,
    "stage": theme.OK,  # a device cleared the case: the operator decides what follows
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
    """Renders narrative entries newest first.

    Narratives only grow, so a new entry is inserted at the top instead of re-laying out the
    whole document (a full re-render of a few hundred entries costs a noticeable fraction of a
    second); a different incident or a shorter list renders from scratch.
    """

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("NarrativeView")
        self.setOpenLinks(False)
        self.setMinimumHeight(160)
        self.anchorClicked.connect(self._on_anchor)
        self._incident = ""
        self._count = 0
        self._entries: list[NarrativeEntry] = []
        self._now = 0.0
        self.thumbnails = 0  # images shown

    def set_entries(self, incident_id: str, entries: list[NarrativeEntry], now: float) -> None:
        self._now = now
        if incident_id == self._incident and len(entries) == self._count:
            return
        if incident_id == self._incident and 0 < self._count < len(entries):
            self._prepend(entries, self._count)
        else:
            self._incident = incident_id
            self._render(entries, FIRST_RENDER)
        self._entries = list(entries)
        self._count = len(entries)

    def _entry_html(self, i: int, e: NarrativeEntry) -> str:
        color = KIND_COLORS.get(e.kind, theme.TEXT)
        text = html.escape(entry_text(e)).replace("\n", "<br>")
        img = ""
        if e.kind == "snapshot" and e.attachment:
            thumb = decode_thumbnail(e.attachment)
            if thumb is not None:
                url = QtCore.QUrl(f"snapshot:{self._incident}/{i}")
                self.document().addResource(
                    QtGui.QTextDocument.ResourceType.ImageResource, url, thumb
                )
                img = f'<br><img src="{url.toString()}" width="{thumb.width()}">'
                self.thumbnails += 1
            else:
                img = f'<br><span style="color:{theme.DANGER}">[snapshot unreadable]</span>'
        return (
            f'<p style="margin-top:2px; margin-bottom:4px">'
            f'<span style="color:{theme.TEXT_DIM}">{full_time(e.at)}</span>'
            f'&nbsp;&nbsp;<span style="color:{theme.TEXT_DIM}; font-weight:bold">'
            f"{html.escape(e.who)}</span>&nbsp;&nbsp;"
            f'<span style="color:{color}">{text}</span>{img}</p>'
        )

    def _render(self, entries: list[NarrativeEntry], limit: int) -> None:
        self.thumbnails = 0
        shown = list(enumerate(entries))[-limit:] if limit else list(enumerate(entries))
        parts = [self._entry_html(i, e) for i, e in reversed(shown)]
        older = len(entries) - len(shown)
        if older:
            parts.append(
                f'<p><a style="color:{theme.ACCENT}" href="narrative:all">'
                f"Show {older} older entries</a></p>"
            )
        if not parts:
            parts.append(f'<p style="color:{theme.TEXT_DIM}">No entries yet.</p>')
        self.setHtml("".join(parts))

    def _prepend(self, entries: list[NarrativeEntry], start: int) -> None:
        cursor = QtGui.QTextCursor(self.document())
        for i in range(start, len(entries)):
            cursor.movePosition(QtGui.QTextCursor.MoveOperation.Start)
            cursor.insertBlock()
            cursor.movePosition(QtGui.QTextCursor.MoveOperation.Start)
            cursor.insertHtml(self._entry_html(i, entries[i]))
        self.verticalScrollBar().setValue(0)

    def _on_anchor(self, url: QtCore.QUrl) -> None:
        if url.toString() == "narrative:all":
            self._render(self._entries, 0)
