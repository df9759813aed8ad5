"""A note is struck out from the narrative's context menu with a reason, through the real sync
engine and the embedded server: it stays, struck through, with who struck it, when and why, on
every desk and in the printed report; others are refused."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

from PySide6 import QtCore, QtGui, QtPdf

from app.console.runtime import EmbeddedCity
from app.domain import commands as c
from app.net.client import Connection
from app.protocol import ErrorMsg
from tests.console.conftest import Console, until
from widgets.detail.detail_panel import IncidentDetail
from widgets.detail.narrative_view import NarrativeView

REASON = "typed on the wrong incident"


def note_point(view: NarrativeView, note_id: str) -> QtCore.QPoint:
    """Where the note's line is shown, in the view's viewport coordinates."""
    doc = view.document()
    block = doc.begin()
    while block.isValid():
        cursor = QtGui.QTextCursor(block)
        cursor.movePosition(QtGui.QTextCursor.MoveOperation.NextCharacter)
        if f"note:{note_id}" in cursor.charFormat().anchorNames():
            return view.cursorRect(cursor).center()
        block = block.next()
    raise AssertionError(f"note {note_id} is not shown")


def panel(desk: Console) -> IncidentDetail:
    widget = desk.window.panels["detail"].widget
    assert isinstance(widget, IncidentDetail)
    return widget


def strike_action(view: NarrativeView, note_id: str) -> QtGui.QAction:
    menu = view.context_menu_at(note_point(view, note_id))
    found = [a for a in menu.actions() if a.objectName() == "StrikeOutNote"]
    assert len(found) == 1, [a.text() for a in menu.actions()]
    return found[0]


def pdf_text(path: Path) -> str:
    doc = QtPdf.QPdfDocument()
    assert doc.load(str(path)) == QtPdf.QPdfDocument.Error.None_
    text = " ".join(doc.getAllText(p).text() for p in range(doc.pageCount()))
    return " ".join(text.split())  # the table wraps its cells: compare words


def test_strike_out_a_note_from_the_narrative(
    aloop: asyncio.AbstractEventLoop,
    make_console: Callable[..., Console],
    city: EmbeddedCity,
    qtbot: object,
    tmp_path: Path,
) -> None:
    desk = make_console()
    other = make_console("desk-2", ("calltaker", "demo-calltaker"))
    detail = panel(desk)
    view = detail.narrative

    async def scenario() -> None:
        desk.engine.submit(
            c.CreateIncident(
                incident_id="strike-1",
                category="fire.structure",
                lat=37.7815,
                lon=-122.4105,
                address="1 Market St",
                description="smoke",
            )
        )
        await until(lambda: "strike-1" in desk.store.state.incidents)
        desk.selection.select_incident("strike-1")
        # The note is added by Ctrl+Enter, as an operator does.
        detail.note.setFocus()
        qtbot.keyClicks(detail.note, "caller says third floor")  # type: ignore[attr-defined]
        qtbot.keyClick(  # type: ignore[attr-defined]
            detail.note, QtCore.Qt.Key.Key_Return, QtCore.Qt.KeyboardModifier.ControlModifier
        )
        await until(lambda: not desk.store.is_pending("strike-1"))
        inc = desk.store.state.incidents["strike-1"]
        note = next(e for e in inc.narrative if e.kind == "note")
        assert note.id and note.who == "dispatcher"  # the desk chose the id; the server kept it
        server_inc = city.server.server.state.incidents["strike-1"]  # type: ignore[union-attr]
        assert next(e for e in server_inc.narrative if e.kind == "note").id == note.id

        # The call-taker's desk offers no strike on the dispatcher's note, and says why.
        await until(lambda: "strike-1" in other.store.state.incidents)
        other.selection.select_incident("strike-1")
        await until(
            lambda: (
                panel(other).narrative.note_at(note_point(panel(other).narrative, note.id))
                is not None
            )
        )
        theirs = strike_action(panel(other).narrative, note.id)
        assert not theirs.isEnabled()
        assert "dispatcher" in theirs.toolTip() and "supervisor" in theirs.toolTip()

        # The author strikes it out: context menu, reason, Enter.
        mine = strike_action(view, note.id)
        assert mine.isEnabled(), mine.toolTip()
        mine.trigger()
        assert detail.prompt.isVisible()
        assert detail.prompt.label.toolTip() == "caller says third floor"
        qtbot.keyClicks(detail.prompt.edit, REASON)  # type: ignore[attr-defined]
        qtbot.keyClick(detail.prompt.edit, QtCore.Qt.Key.Key_Return)  # type: ignore[attr-defined]

        def struck_on_server() -> bool:
            s = city.server.server.state.incidents["strike-1"]  # type: ignore[union-attr]
            return any(e.struck is not None for e in s.narrative)

        await until(struck_on_server)
        await until(lambda: not desk.store.is_pending("strike-1"))
        kept = next(e for e in desk.store.state.incidents["strike-1"].narrative if e.id == note.id)
        assert kept.text == "caller says third floor"  # nothing deleted
        assert kept.struck is not None
        assert (kept.struck.who, kept.struck.reason) == ("dispatcher", REASON)

        # Shown struck through, with who struck it and why, on both desks.
        for v in (view, panel(other).narrative):
            await until(lambda v=v: REASON in v.toPlainText())  # type: ignore[misc]
            assert "Struck out by dispatcher" in v.toPlainText()
            assert "caller says third floor" in v.toPlainText()
            found = v.document().find("caller says third floor")
            assert found.charFormat().fontStrikeOut()
        again = strike_action(view, note.id)
        assert not again.isEnabled() and "dispatcher" in again.toolTip()

        # Bypassing the desk, the server refuses another account, a second strike, no reason.
        conn = await Connection.connect(city.url, "calltaker", "demo-calltaker", "probe")
        try:
            for payload, code in (
                ({"note_id": note.id, "reason": "mine now"}, "forbidden"),
                ({"note_id": "no-such-note", "reason": "x"}, "unknown_id"),
            ):
                ans = await conn.send_command("strike_note", {"incident_id": "strike-1", **payload})
                assert isinstance(ans, ErrorMsg) and ans.code == code, ans
        finally:
            await conn.close()
        sup = await Connection.connect(city.url, "supervisor", "demo-supervisor", "probe-2")
        try:
            ans = await sup.send_command(
                "strike_note", {"incident_id": "strike-1", "note_id": note.id, "reason": "x"}
            )
            assert isinstance(ans, ErrorMsg) and ans.code == "no_change", ans
        finally:
            await sup.close()

        # The printed report shows the note struck through with the reason.
        dialog = detail.open_history()
        assert dialog is not None
        qtbot.addWidget(dialog)  # type: ignore[attr-defined]
        assert REASON in dialog.view.toPlainText()
        pdf = tmp_path / "report.pdf"
        assert dialog.save_pdf(pdf)
        text = pdf_text(pdf)
        assert "caller says third floor" in text
        assert REASON in text and "Struck out by dispatcher" in text

    aloop.run_until_complete(scenario())
