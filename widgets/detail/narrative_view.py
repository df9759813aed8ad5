"""The incident's narrative log: who did or said what and when, with snapshot thumbnails."""

from __future__ import annotations

import base64
import binascii
import html
import logging
from collections.abc import Callable

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


def _struck_count(entries: list[NarrativeEntry]) -> int:
    return sum(1 for e in entries if e.struck is not None)


class NarrativeView(QtWidgets.QTextBrowser):
    """Renders narrative entries newest first.

    Narratives only grow, so a new entry is inserted at the top instead of re-laying out the
    whole document (a full re-render of a few hundred entries costs a noticeable fraction of a
    second); a different incident, a shorter list or a note struck out renders from scratch.

    A note is struck out from its context menu ("Strike out…"): the view names the note by its
    id (``strikeRequested``); the panel asks for the reason and submits the command.
    """

    strikeRequested = QtCore.Signal(str)  # the note's id

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("NarrativeView")
        self.setOpenLinks(False)
        self.setMinimumHeight(160)
        self.anchorClicked.connect(self._on_anchor)
        self._incident = ""
        self._count = 0
        self._struck = 0
        self._limit = FIRST_RENDER
        self._entries: list[NarrativeEntry] = []
        self._now = 0.0
        self.thumbnails = 0  # images shown
        # Why the operator may not strike a note out ('' : they may); the panel sets it.
        self.strike_check: Callable[[str], str] = lambda _note_id: ""

    def set_entries(self, incident_id: str, entries: list[NarrativeEntry], now: float) -> None:
        self._now = now
        struck = _struck_count(entries)
        same = incident_id == self._incident and struck == self._struck
        if same and len(entries) == self._count:
            return
        if same and 0 < self._count < len(entries):
            self._prepend(entries, self._count)
        else:
            if incident_id != self._incident:
                self._limit = FIRST_RENDER
            self._incident = incident_id
            self._render(entries, self._limit)
        self._entries = list(entries)
        self._count = len(entries)
        self._struck = struck

    def _entry_html(self, i: int, e: NarrativeEntry) -> str:
        color = KIND_COLORS.get(e.kind, theme.TEXT)
        text = html.escape(entry_text(e)).replace("\n", "<br>")
        when = full_time(e.at)
        if e.id:  # the note's id on its first characters: what the context menu finds
            when = f'<a name="note:{html.escape(e.id)}">{when}</a>'
        strike = ""
        if e.struck is not None:
            color = theme.TEXT_DIM
            text = f"<s>{text}</s>"
            line = (
                self.tr("Struck out by %1 at %2: %3")
                .replace("%1", html.escape(e.struck.who))
                .replace("%2", full_time(e.struck.at))
                .replace("%3", html.escape(e.struck.reason))
            )
            strike = f'<br><span style="color:{theme.WARN}">{line}</span>'
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
            f'<span style="color:{theme.TEXT_DIM}">{when}</span>'
            f'&nbsp;&nbsp;<span style="color:{theme.TEXT_DIM}; font-weight:bold">'
            f"{html.escape(e.who)}</span>&nbsp;&nbsp;"
            f'<span style="color:{color}">{text}</span>{strike}{img}</p>'
        )

    def _render(self, entries: list[NarrativeEntry], limit: int) -> None:
        self.thumbnails = 0
        shown = list(enumerate(entries))[-limit:] if limit else list(enumerate(entries))
        parts = [self._entry_html(i, e) for i, e in reversed(shown)]
        older = len(entries) - len(shown)
        if older:
            more = self.tr("Show %1 older entries").replace("%1", str(older))
            parts.append(f'<p><a style="color:{theme.ACCENT}" href="narrative:all">{more}</a></p>')
        if not parts:
            none = self.tr("No entries yet.")
            parts.append(f'<p style="color:{theme.TEXT_DIM}">{none}</p>')
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
            self._limit = 0
            self._render(self._entries, 0)

    # --- striking a note out --------------------------------------------------------------------
    def note_at(self, pos: QtCore.QPoint) -> NarrativeEntry | None:
        """The note under ``pos`` (viewport coordinates); None over a line that is not a note."""
        cursor = self.cursorForPosition(pos)
        cursor.movePosition(QtGui.QTextCursor.MoveOperation.StartOfBlock)
        cursor.movePosition(QtGui.QTextCursor.MoveOperation.NextCharacter)
        for name in cursor.charFormat().anchorNames():
            if name.startswith("note:"):
                note_id = name[len("note:") :]
                return next((e for e in self._entries if e.id == note_id), None)
        return None

    def context_menu_at(self, pos: QtCore.QPoint) -> QtWidgets.QMenu:
        """The standard menu (copy, select all) and, over a note, "Strike out…"."""
        offset = QtCore.QPoint(self.horizontalScrollBar().value(), self.verticalScrollBar().value())
        menu = self.createStandardContextMenu(pos + offset)  # document coordinates
        note = self.note_at(pos)
        if note is None:
            return menu
        menu.addSeparator()
        action = menu.addAction(self.tr("Strike out…"))
        action.setObjectName("StrikeOutNote")
        menu.setToolTipsVisible(True)
        if note.struck is not None:
            why = self.tr("Struck out already by %1").replace("%1", note.struck.who)
        else:
            why = self.strike_check(note.id)
        action.setEnabled(not why)
        action.setToolTip(why or self.tr("Strike this note out with a reason; it stays visible"))
        note_id = note.id
        action.triggered.connect(lambda: self.strikeRequested.emit(note_id))
        return menu

    def contextMenuEvent(self, event: QtGui.QContextMenuEvent) -> None:
        menu = self.context_menu_at(event.pos())
        menu.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(event.globalPos())
