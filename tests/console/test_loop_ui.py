"""The closed loop driven through the console's UI against a real in-process server."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from PySide6 import QtCore

from app.domain import commands as c
from app.domain.model import Status, UnitStatus
from tests.console.conftest import Console, until

# Each scenario runs as one coroutine on the console's qasync loop, as the console itself does:
# every Qt event and every sync-engine step happens with that loop running.


def type_line(qtbot: object, c: Console, line: str) -> None:
    """Type a line and press Enter (call from inside the running scenario)."""
    edit = c.window.command_line.edit
    edit.setFocus()
    edit.setText(line)
    qtbot.keyClick(edit, QtCore.Qt.Key.Key_Return)  # type: ignore[attr-defined]


def status_of(c: Console, iid: str) -> Status:
    return c.store.state.incidents[iid].status


def test_whole_loop_and_rework_through_the_command_line(
    aloop: asyncio.AbstractEventLoop, make_console: Callable[..., Console], qtbot: object
) -> None:
    c = make_console()

    async def scenario() -> None:
        type_line(qtbot, c, "N fire.structure @ 37.7815,-122.4105 P1 smoke showing")
        iid = c.selection.incident_id
        assert iid, c.window.command_line.feedback.text()
        await until(lambda: iid in c.store.state.incidents and not c.store.is_pending(iid))
        inc = c.store.state.incidents[iid]
        assert inc.priority == 1 and inc.number.startswith("20") and inc.location.grid_cell
        await until(lambda: c.window.queue.model.row_of(iid) >= 0)
        engines = [u.id for u in c.store.state.units.values() if u.type == "engine"][:1]
        medics = [u.id for u in c.store.state.units.values() if u.type == "medic"][:1]
        short = str(int(inc.number.split("-")[1]))
        type_line(qtbot, c, f"D {short} {engines[0]} {medics[0]}")
        await until(lambda: status_of(c, iid) == Status.DISPATCHED and not c.store.is_pending(iid))
        type_line(qtbot, c, f"S {engines[0]} onscene")
        await until(lambda: status_of(c, iid) == Status.IN_PROGRESS)
        assert c.store.state.units[engines[0]].status == UnitStatus.ON_SCENE
        type_line(qtbot, c, f"RES {short} knocked down")
        await until(lambda: status_of(c, iid) == Status.RESOLVED)
        type_line(qtbot, c, f"FAIL {short} hot spots remain")
        await until(lambda: status_of(c, iid) == Status.DISPATCHED)
        assert c.store.state.incidents[iid].rework_count == 1
        type_line(qtbot, c, "RES . overhaul complete")
        await until(lambda: status_of(c, iid) == Status.RESOLVED)
        type_line(qtbot, c, f"V {short}")
        await until(lambda: status_of(c, iid) == Status.VERIFIED)
        type_line(qtbot, c, f"C {short}")
        await until(lambda: status_of(c, iid) == Status.CLOSED and not c.store.is_pending(iid))
        inc = c.store.state.incidents[iid]
        assert inc.assigned_units == []
        assert {
            "reported",
            "registered",
            "dispatched",
            "in_progress",
            "resolved",
            "verified",
            "closed",
        } <= set(inc.timestamps)

    aloop.run_until_complete(scenario())


def test_refused_command_is_shown_and_invalid_line_explained(
    aloop: asyncio.AbstractEventLoop, make_console: Callable[..., Console], qtbot: object
) -> None:
    c = make_console()

    async def scenario() -> None:
        type_line(qtbot, c, "C 999999")
        assert "no incident" in c.window.command_line.feedback.text()
        type_line(qtbot, c, "N comp.manhole_sewer @ 37.77,-122.42 missing cover")
        iid = c.selection.incident_id
        await until(lambda: iid in c.store.state.incidents and not c.store.is_pending(iid))
        refused: list[tuple[str, str, str]] = []
        c.store.refusals.changed.connect(
            lambda r: refused.append((r.incident_id, r.code, r.message)) if r else None
        )
        type_line(qtbot, c, "C .")  # closing a reported case is not allowed
        await until(lambda: bool(refused))
        assert refused[0][0] == iid and refused[0][1] == "invalid_transition"
        assert "Close is not possible" in refused[0][2]
        assert status_of(c, iid) == Status.REGISTERED

    aloop.run_until_complete(scenario())


def test_change_on_one_console_appears_on_the_other(
    aloop: asyncio.AbstractEventLoop, make_console: Callable[..., Console], qtbot: object
) -> None:
    a = make_console("desk-a")
    b = make_console("desk-b")

    async def scenario() -> None:
        type_line(qtbot, a, "N event.exposed_garbage @ 37.7793,-122.4193 bags on the sidewalk")
        iid = a.selection.incident_id
        await until(lambda: iid in b.store.state.incidents)
        await until(lambda: b.window.queue.model.row_of(iid) >= 0)
        type_line(qtbot, b, f"NOTE {b.store.state.incidents[iid].number} crew informed")
        await until(
            lambda: any(n.text == "crew informed" for n in a.store.state.incidents[iid].narrative),
        )

    aloop.run_until_complete(scenario())


def test_refusal_about_no_incident_shows_in_the_status_bar(
    aloop: asyncio.AbstractEventLoop, make_console: Callable[..., Console], qtbot: object
) -> None:
    """A refused unit command (here: another desk already took the unit out of service) has no
    incident to show it on: the status bar says so, in red, with the reason."""
    a = make_console("desk-a")
    b = make_console("desk-b")

    async def scenario() -> None:
        await until(lambda: bool(a.store.state.units) and bool(b.store.state.units))
        uid = next(u.id for u in a.store.state.units.values() if u.status == UnitStatus.AVAILABLE)
        gw_a, gw_b = a.services.gateway, b.services.gateway
        assert gw_a is not None and gw_b is not None
        # Both desks act on the same picture of the unit; desk A's change lands first.
        gw_a.submit(c.SetUnitStatus(unit_id=uid, status=UnitStatus("out_of_service")))
        await until(lambda: a.store.state.units[uid].status == UnitStatus.OUT_OF_SERVICE)
        before = b.window.status.notice.text()
        refused: list[tuple[str, str, str]] = []
        b.store.refusals.changed.connect(
            lambda r: refused.append((r.incident_id, r.code, r.message)) if r else None
        )
        gw_b.submit(
            c.SetUnitStatus(unit_id=uid, status=UnitStatus("out_of_service")),
        )
        await until(lambda: bool(refused))
        assert refused[0][0] == ""  # about no incident
        text = b.window.status.notice.text()
        assert text != before and text.startswith("✖ Refused:") and refused[0][2] in text
        assert refused[0][1] in b.window.status.notice.toolTip()

    aloop.run_until_complete(scenario())
