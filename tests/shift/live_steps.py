"""The live part of the shift (tasks 1-6) on the embedded default with the demo city."""

from __future__ import annotations

import re
from functools import partial
from typing import Any

from PySide6 import QtCore, QtGui, QtWidgets

from app.domain.model import Status
from tests.shift.desk import ALT, CTRL, SHIFT, Desk, Key, check, child
from widgets.console.assemble import Services

PRIMARY = ("queue", "intake", "detail", "recommend")
SECOND = ("map", "video")


async def shift(desk: Desk, services: Services) -> None:
    s = Shift(desk, services)
    await desk.step("first-start", s.first_start)
    await desk.step("p1-call-to-dispatch", s.p1_call)
    await desk.step("two-linkage-requests", s.linkage)
    await desk.step("minor-case-rework-to-closed", s.minor_case)
    await desk.step("video-wall-to-monitor-2", s.video)
    await desk.step("department-scores", s.scores)


class Shift:
    def __init__(self, desk: Desk, services: Services) -> None:
        self.desk = desk
        self.services = services
        self.store = services.store
        self.window = desk.window
        self.p1_id = ""
        self.minor_id = ""

    def panel(self, key: str) -> Any:
        return self.window.panels[key].widget

    def queue_count(self) -> tuple[int, int]:
        label = child(self.window.queue, QtWidgets.QLabel, "QueueCount")
        m = re.fullmatch(r"([\d,]+) of ([\d,]+) shown", label.text() if label else "")
        check(m is not None, f"queue count reads {label.text() if label else None!r}")
        assert m is not None
        return int(m.group(1).replace(",", "")), int(m.group(2).replace(",", ""))

    # --- 1 ---------------------------------------------------------------------------------------
    async def first_start(self) -> dict[str, Any]:
        d, store = self.desk, self.store
        screens = [s.name() for s in QtGui.QGuiApplication.screens()]
        check(screens == ["LEFT", "RIGHT"], f"screens {screens}")
        status = self.services.status
        await d.until(lambda: status is not None and status.online, "the console is online")
        await d.until(lambda: len(store.state.units) >= 100, "the demo city's units", 30)
        await d.until(lambda: len(store.state.cameras) >= 30, "the demo city's cameras", 30)
        shown, total = self.queue_count()
        rows = self.window.queue.model.rowCount()
        check(shown == rows, f"count says {shown} shown, the table has {rows} rows")
        panels = d.panels()
        where = {k: v["screen"] for k, v in panels.items()}
        for k in PRIMARY:
            check(where.get(k) == "LEFT", f"{k} on {where.get(k)!r}, not monitor 1: {where}")
        for k in SECOND:
            check(where.get(k) == "RIGHT", f"{k} on {where.get(k)!r}, not monitor 2: {where}")
        check(
            any(k.startswith("resources-") and s == "RIGHT" for k, s in where.items()),
            f"no agency panel on monitor 2: {where}",
        )
        check(d.windows_fit() == [], f"windows outside their monitor: {d.windows_fit()}")
        check(d.overlapping(panels) == [], f"panels drawn over each other: {d.overlapping(panels)}")
        wall = self.panel("video").wall
        check(any(wall.assignments()), "the video wall starts blank")
        agency = next(k for k in where if k.startswith("resources-"))
        units = self.panel(agency).units_model.rowCount()
        check(units > 0, f"the {agency} panel lists no unit")
        online = child(self.window.status, QtWidgets.QLabel, "LinkIndicator")
        text = online.text() if online is not None else ""
        open_now = sum(1 for i in store.state.incidents.values() if i.is_open())
        return {
            "queue": f"{shown} of {total} shown",
            "open": open_now,
            "status": text,
            "wall": wall.assignments()[:4],
            f"{agency} units": units,
            "where": where,
            "dispatched": sum(
                1 for i in store.state.incidents.values() if i.status == Status.DISPATCHED
            ),
        }

    # --- 2 ---------------------------------------------------------------------------------------
    async def p1_call(self) -> dict[str, Any]:
        """F4, category, place, P1, Ctrl+Enter: created and the recommended units sent."""
        d, store = self.desk, self.store
        intake = self.panel("intake")
        before = set(store.state.incidents)
        await d.key(Key.Key_F4)
        check(intake.isAncestorOf(d.focused()), f"F4 focused {d.focused().objectName()!r}")
        await d.key(Key.Key_C, ALT)
        await d.type("structure fire")
        await d.key(Key.Key_Return)
        cat = intake.category.category
        check(cat is not None and cat.code == "fire.structure", f"category picked: {cat}")
        await d.key(Key.Key_W, ALT)
        await d.type("Market & 5th")
        await d.until(lambda: intake.location.edit.text(), "place results")
        await d.key(Key.Key_Return, settle=0.4)
        check(intake.location.location is not None, "Enter picked no place")
        await d.key(Key.Key_1, CTRL)
        await d.until(lambda: intake.dispatch_button.isEnabled(), "create + dispatch enabled")
        await d.key(Key.Key_Return, CTRL, settle=0.5)
        new = [
            i
            for i in store.state.incidents
            if i not in before and i == self.services.selection.incident_id
        ]
        check(new, f"no new incident selected; intake says {intake.feedback.text()!r}")
        iid = self.p1_id = new[0]
        gateway: Any = self.services.gateway
        outbox = gateway.outbox
        await d.until(
            lambda: not store.is_pending(iid),
            "the server confirmed the incident",
            60,
            lambda: (
                [(e.type, e.state, e.ack_seq) for e in outbox.entries],
                gateway.replica.seq,
            ),
        )
        tries = 1
        # Another desk may dispatch too: a unit recommended a moment ago may have
        # gone to another call, and the server refuses the whole dispatch. The officer then
        # sends the recommendations as they are now (Ctrl+Enter in the recommendations).
        recommend = self.panel("recommend")
        while not store.state.incidents[iid].assigned_units and tries < 4:
            tries += 1
            await d.until(lambda: recommend.dispatch_top.isEnabled(), "Dispatch top enabled")
            await d.click(recommend.view.viewport(), QtCore.QPoint(20, 10))
            await d.key(Key.Key_Return, CTRL, settle=0.5)
            await d.until(lambda: not store.is_pending(iid), "the server answered the dispatch", 60)
        check(store.state.incidents[iid].assigned_units, f"no unit sent after {tries} tries")
        inc = store.state.incidents[iid]
        check(inc.priority == 1 and inc.status == Status.DISPATCHED, f"{inc.priority} {inc.status}")
        detail = self.panel("detail")
        number = child(detail, QtWidgets.QLabel, "IncidentNumber").text()
        chip = child(detail, QtWidgets.QLabel, "StatusChip").text()
        check(number == inc.number, f"detail shows {number!r}, not {inc.number}")
        check("DISPATCHED" in chip.upper(), f"status chip reads {chip!r}")
        row = self.window.queue.model.row_of(iid)
        check(row >= 0, f"{inc.number} is not in the queue")
        return {
            "number": inc.number,
            "units": inc.assigned_units,
            "address": inc.location.address,
            "intake": intake.feedback.text(),
            "queue_row": row,
            "dispatch_tries": tries,
        }

    # --- 3 ---------------------------------------------------------------------------------------
    async def linkage(self) -> dict[str, Any]:
        """Police asked from the fire department's panel (form + Alt+Q), water from the command
        line; police accepts with Alt+A in its own panel."""
        d, store = self.desk, self.store
        inc = store.state.incidents[self.p1_id]
        fire: Any = self.window.workspace.dock("resources-fire")
        await d.click(fire.tabWidget())
        panel = self.panel("resources-fire")
        form = panel.request_form
        panel.findChild(QtWidgets.QScrollArea).ensureWidgetVisible(form)  # scrolled down
        await d.choose(form.to_agency, "Police")
        await d.until(lambda: form.button.isEnabled(), f"request enabled: {form.button.toolTip()}")
        await d.key(Key.Key_Q, ALT, settle=0.5)
        answer = await d.command(f"R {inc.number} water 2")
        check(answer.startswith("sent"), f"command line answered {answer!r}")

        def requests() -> dict[str, Any]:
            return {
                r.to_agency: r for r in store.state.linkages.values() if r.incident_id == self.p1_id
            }

        await d.until(lambda: {"police", "water"} <= set(requests()), "both requests recorded")
        police: Any = self.window.workspace.dock("resources-police")
        await d.click(police.tabWidget())
        links = self.panel("resources-police").linkages
        row = links.model.row_of(requests()["police"].id)
        check(row >= 0, "the police panel does not list the request")
        cell = links.view.visualRect(links.model.index(row, 1))
        await d.click(links.view.viewport(), cell.center())
        await d.key(Key.Key_A, ALT, settle=0.5)
        await d.until(lambda: requests()["police"].state.value == "accepted", "police accepted")
        state_cell = links.model.index(links.model.row_of(requests()["police"].id), 4)
        shown = str(links.model.data(state_cell))
        check("accepted" in shown, f"the police table shows {shown!r}")
        return {k: r.state.value for k, r in requests().items()} | {"police_row": shown}

    # --- 4 ---------------------------------------------------------------------------------------
    async def minor_case(self) -> dict[str, Any]:
        """A litter bin, from the command line: register, dispatch to the department, handled,
        resolved, verification failed (rework), handled again, verified in the detail panel
        (Alt+V), closed (Alt+L)."""
        d, store = self.desk, self.store
        answer = await d.command("N comp.litter_bin @ 24th & Mission ; P4 litter bin overflowing")
        check(answer.startswith("sent"), f"N answered {answer!r}")
        iid = self.minor_id = self.services.selection.incident_id
        check(iid in store.state.incidents, "the new case is not selected")

        def status() -> str:
            return store.state.incidents[iid].status.value

        def reached(value: str) -> bool:
            return status() == value

        for line, after in (
            ("DSP .", "dispatched"),
            ("START .", "in_progress"),
            ("RES . bin emptied", "resolved"),
            ("FAIL . still overflowing at 10:00", "dispatched"),
            ("START .", "in_progress"),
            ("RES . emptied and the lid replaced", "resolved"),
        ):
            answer = await d.command(line)
            check(answer.startswith("sent"), f"{line!r} answered {answer!r}")
            await d.until(partial(reached, after), f"{line!r} -> {after} (is {status()})")
        detail = self.panel("detail")
        # The detail panel takes the last two steps: a click in its note field, then its keys.
        await d.click(child(detail, QtWidgets.QLineEdit, "NoteEdit"))
        await d.key(Key.Key_V, ALT)
        await d.until(lambda: status() == "verified", f"Alt+V verified (is {status()})")
        await d.key(Key.Key_L, ALT)
        await d.until(lambda: status() == "closed", f"Alt+L closed (is {status()})")
        await d.until(lambda: not store.is_pending(iid), "the server confirmed the case", 60)
        inc = store.state.incidents[iid]
        check(inc.rework_count == 1, f"rework count {inc.rework_count}")
        # Closed cases are listed once the Closed group is on (F3, then Alt+3 in the queue);
        # a click on the row shows the case again.
        await d.key(Key.Key_F3)
        focus = d.focused().objectName()
        await d.key(Key.Key_3, ALT, settle=0.5)
        queue = self.window.queue
        closed = child(queue, QtWidgets.QToolButton, "QueueGroup-closed")
        check(closed.isChecked(), f"Alt+3 did not turn Closed on (focus on {focus!r})")
        await d.until(lambda: queue.model.row_of(iid) >= 0, "the closed case listed with Closed on")
        row = queue.model.row_of(iid)
        index = queue.model.index(row, 0)
        queue.table.scrollTo(index)
        await d.click(queue.table.viewport(), queue.table.visualRect(index).center())
        check(self.services.selection.incident_id == iid, "the click did not select the case")
        chip = child(detail, QtWidgets.QLabel, "StatusChip").text()
        counts = child(detail, QtWidgets.QLabel, "field-counts").text()
        check("CLOSED" in chip.upper(), f"status chip reads {chip!r}")
        check(counts.startswith("1 rework"), f"detail reads {counts!r}")
        await d.key(Key.Key_F3)
        await d.key(Key.Key_3, ALT, settle=0.3)
        return {"number": inc.number, "status": chip, "counts": counts, "queue_row": row}

    # --- 5 ---------------------------------------------------------------------------------------
    async def video(self) -> dict[str, Any]:
        """Select the P1 call in the queue with the mouse, Ctrl+Shift+V in its detail fills the
        wall with the cameras covering it, Ctrl+Shift+2 sends the wall to monitor 2."""
        d = self.desk
        queue = self.window.queue
        row = queue.model.row_of(self.p1_id)
        check(row >= 0, "the P1 call is not in the queue")
        table = queue.table
        table.scrollTo(queue.model.index(row, 0))
        await d.click(table.viewport(), table.visualRect(queue.model.index(row, 0)).center())
        check(self.services.selection.incident_id == self.p1_id, "the click did not select it")
        detail = self.panel("detail")
        await d.click(child(detail, QtWidgets.QLineEdit, "NoteEdit"))
        await d.key(Key.Key_V, CTRL | SHIFT, settle=0.5)
        wall = self.panel("video").wall
        wanted = list(detail.relations.camera_ids)
        check(wanted, "no camera covers the P1 call")
        await d.until(lambda: wall.assignments()[: len(wanted)] == wanted, "the wall shows them")
        await d.key(Key.Key_2, CTRL | SHIFT, settle=0.8)
        panels = d.panels()
        check(panels.get("video", {}).get("screen") == "RIGHT", f"video on {panels.get('video')}")
        check(d.overlapping(panels) == [], f"panels drawn over each other: {d.overlapping(panels)}")
        check(d.windows_fit() == [], f"windows outside their monitor: {d.windows_fit()}")
        tile = wall.tiles()[0]
        await d.until(lambda: tile.frames_shown > 0, "a picture in the first tile", 60)
        # Moved and resized: the tile opens its stream again at the new size.
        await d.until(lambda: tile.status_text() == "LIVE", f"tile {tile.status_text()}", 60)
        return {"cameras": wanted, "wall": wall.assignments()[:4], "frames": tile.frames_shown}

    # --- 6 ---------------------------------------------------------------------------------------
    async def scores(self) -> dict[str, Any]:
        """F6: the department scores, on monitor 2; sanitation has the closed case's score."""
        d = self.desk
        await d.key(Key.Key_F6, settle=0.5)
        panel = self.panel("evaluation")
        check(panel.isVisible(), "F6 did not show the department scores")
        check(d.screen_of(panel) == "RIGHT", f"scores on {d.screen_of(panel)!r}")
        model = panel.model
        rows = {
            str(model.data(model.index(r, 0))): [
                str(model.data(model.index(r, col))) for col in range(model.columnCount())
            ]
            for r in range(model.rowCount())
        }

        def sanitation() -> list[str]:
            for r in range(model.rowCount()):
                name = str(model.data(model.index(r, 0)))
                if "anitation" in name:
                    return [
                        str(model.data(model.index(r, col))) for col in range(model.columnCount())
                    ]
            return []

        await d.until(
            lambda: sanitation() and "—" not in sanitation()[1:3], "a sanitation score", 20
        )
        check(len(rows) >= 5, f"{len(rows)} departments listed")
        return {"sanitation": sanitation(), "departments": len(rows)}
