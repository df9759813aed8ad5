"""Merged reports at the desk, through the real gateway (the sync engine) to a real server: the
intake's duplicate suggestion merges the new call, the detail panel shows "Merged into" and the
master's reports, and Unmerge asks for the reason."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path
from typing import Any

from PySide6 import QtCore, QtWidgets

from app.domain import commands as c
from app.domain.model import SourceChannel
from app.store.selection import Selection
from app.sync.engine import SyncEngine
from tests.sync.conftest import PASSWORD, LiveServer, make_engine
from widgets.detail.detail_panel import IncidentDetail
from widgets.intake.intake_panel import IntakePanel
from widgets.theme import apply_theme

TRASH = "event.exposed_garbage"
SPOT = (37.7793, -122.4193)


def report(ident: str, source: SourceChannel, dlat: float = 0.0) -> c.CreateIncident:
    return c.CreateIncident(
        incident_id=ident,
        category=TRASH,
        source=source,
        lat=SPOT[0] + dlat,
        lon=SPOT[1],
        address="1 Dr Carlton B Goodlett Pl",
        description="bags on the sidewalk",
        register=True,
    )


async def signed_in(server: LiveServer, tmp_path: Path, user: str, ws: str) -> SyncEngine:
    engine = make_engine(server.url, ws, tmp_path / f"{ws}.sqlite")
    engine.start(user, PASSWORD)
    await engine.wait_until(engine.synced)
    return engine


def test_detail_shows_the_merge_both_ways_and_unmerges_with_a_reason(
    aloop: asyncio.AbstractEventLoop, server: LiveServer, tmp_path: Path, qtbot: Any
) -> None:
    async def scenario() -> None:
        desk = await signed_in(server, tmp_path, "dana", "ws-1")
        try:
            desk.submit(report("m", SourceChannel.HOTLINE))
            desk.submit(report("r", SourceChannel.CITIZEN, 0.0001))
            await desk.wait_until(lambda: "r" in server.state.incidents)
            desk.submit(c.MergeReports(master_id="m", report_ids=["r"], reason="same bags"))
            await desk.wait_until(
                lambda: (
                    server.state.incidents["r"].merged_into == "m"
                    and not desk.store.pending_count()
                )
            )
            state = desk.store.state
            master, rep = state.incidents["m"], state.incidents["r"]
            selection = Selection()
            library = state.rules().library
            w = IncidentDetail(desk.store, selection, desk, library)
            qtbot.addWidget(w)
            w.resize(820, 1000)
            w.show()
            qtbot.waitExposed(w)
            # The report: "Merged into #N", a link that selects the master.
            apply_theme(QtWidgets.QApplication.instance())  # type: ignore[arg-type]
            selection.select_incident("r")
            sec = w.merge
            QtWidgets.QApplication.processEvents()  # rows added to a shown layout show queued
            w.grab().save(str(tmp_path / "detail-report.png"))
            assert sec.isVisible()
            assert "Merged into" in sec.title.text() and f"#{master.number}" in sec.title.text()
            href = re.search(r'href="([^"]+)"', sec.title.text())
            assert href is not None
            sec.title.linkActivated.emit(href.group(1))
            assert selection.incident_id == "m"
            # The master: its reports with channel and time, each with Unmerge.
            assert "(1)" in sec.title.text()
            label = sec.report_labels["r"].text()
            assert rep.number in label and "citizen report" in label
            button = sec.unmerge_buttons["r"]
            assert button.isEnabled(), button.toolTip()
            QtWidgets.QApplication.processEvents()
            assert button.isVisible()
            w.grab().save(str(tmp_path / "detail-master.png"))
            qtbot.mouseClick(button, QtCore.Qt.MouseButton.LeftButton)
            assert w.prompt.isVisible() and rep.number in w.prompt.label.text()
            assert not w.prompt.ok.isEnabled()  # no reason, no unmerge
            qtbot.keyClicks(w.prompt.edit, "another pile round the corner")
            qtbot.keyClick(w.prompt.edit, QtCore.Qt.Key.Key_Return)
            await desk.wait_until(lambda: not server.state.incidents["r"].merged_into)
            await desk.wait_until(lambda: not desk.store.state.incidents["m"].merged)
            assert not sec.isVisible()  # the master holds no report any more
            assert server.state.incidents["r"].is_open()
        finally:
            await desk.stop()

    aloop.run_until_complete(scenario())


def test_intake_merges_the_new_call_into_the_suggested_case(
    aloop: asyncio.AbstractEventLoop, server: LiveServer, tmp_path: Path, qtbot: Any
) -> None:
    async def scenario() -> None:
        desk = await signed_in(server, tmp_path, "dana", "ws-1")
        taker = await signed_in(server, tmp_path, "carl", "ws-2")
        try:
            desk.submit(report("m", SourceChannel.CITIZEN))
            await desk.wait_until(
                lambda: "m" in server.state.incidents and not desk.store.pending_count()
            )
            await taker.wait_until(lambda: "m" in taker.store.state.incidents)
            library = desk.store.state.rules().library
            selection = Selection()
            panel = IntakePanel(desk.store, selection, desk, library)
            qtbot.addWidget(panel)
            panel.resize(700, 800)
            panel.show()
            qtbot.waitExposed(panel)
            panel.category.set_category(TRASH)
            panel.set_location(SPOT[0] + 0.0002, SPOT[1], "Civic Center")
            panel.address.setText("Polk St & Grove St")
            panel.description.setPlainText("More bags, the same pile")
            panel.contact.setText("+1 415 555 0199")
            dup = panel.duplicates
            assert dup.current_incident_id() == "m"
            assert dup.merge_button.isEnabled(), dup.merge_button.toolTip()
            apply_theme(QtWidgets.QApplication.instance())  # type: ignore[arg-type]
            panel.grab().save(str(tmp_path / "intake-merge.png"))
            before = set(server.state.incidents)
            qtbot.mouseClick(dup.merge_button, QtCore.Qt.MouseButton.LeftButton)
            await desk.wait_until(lambda: len(server.state.incidents) == len(before) + 1)
            (new,) = set(server.state.incidents) - before
            await desk.wait_until(lambda: server.state.incidents[new].merged_into == "m")
            inc = server.state.incidents[new]
            assert inc.reporter_contact == "+1 415 555 0199" and inc.source == SourceChannel.HOTLINE
            assert [e.incident_id for e in server.state.incidents["m"].merged] == [new]
            assert selection.incident_id == "m"
            assert "merged it into" in panel.feedback.text()
            # A call-taker's desk offers Merge greyed out, with the server's reason.
            other = IntakePanel(taker.store, Selection(), taker, library)
            qtbot.addWidget(other)
            other.category.set_category(TRASH)
            other.set_location(SPOT[0] + 0.0002, SPOT[1], "Civic Center")
            other.address.setText("Polk St & Grove St")
            other.description.setPlainText("bags")
            assert other.duplicates.current_incident_id() == "m"
            assert not other.duplicates.merge_button.isEnabled()
            assert "call-taker" in other.duplicates.merge_button.toolTip()
            assert other.merge_into("m") == ""  # refused on the desk: nothing sent
        finally:
            await taker.stop()
            await desk.stop()

    aloop.run_until_complete(scenario())
