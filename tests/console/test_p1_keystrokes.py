"""A priority-1 call goes from intake to units dispatched in at most 10 keys and clicks once
the caller has said where (here: picked on the map), in the real console against a real server."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from PySide6 import QtCore, QtWidgets

from app.domain.model import Status
from tests.console.conftest import Console, wait

Key = QtCore.Qt.Key
CTRL = QtCore.Qt.KeyboardModifier.ControlModifier
ALT = QtCore.Qt.KeyboardModifier.AltModifier


def test_priority_one_from_intake_to_dispatched_in_ten_actions(
    aloop: asyncio.AbstractEventLoop, make_console: Callable[..., Console], qtbot: Any
) -> None:
    c = make_console()
    window = c.window
    window.resize(1920, 1080)
    window.workspace.apply_preset("dispatcher")
    intake: Any = window.panels["intake"].widget
    map_w: Any = window.panels["map"].widget
    actions = 0

    def key(
        widget: QtWidgets.QWidget,
        k: QtCore.Qt.Key,
        mod: Any = QtCore.Qt.KeyboardModifier.NoModifier,
    ) -> None:
        nonlocal actions
        actions += 1
        qtbot.keyClick(widget, k, mod)

    def keys(widget: QtWidgets.QWidget, text: str) -> None:
        nonlocal actions
        actions += len(text)
        qtbot.keyClicks(widget, text)

    async def go() -> None:
        nonlocal actions
        lat, lon = 37.78394, -122.40782  # Market St & 5th St
        map_w.center_on(lat, lon, 17.0)
        intake.category.edit.setFocus()
        key(intake, Key.Key_M, CTRL)  # pick the location on the map
        assert map_w.pick_mode
        actions += 1
        qtbot.mouseClick(map_w, QtCore.Qt.MouseButton.LeftButton, pos=map_w.rect().center())
        await asyncio.sleep(0.2)
        assert intake.location.edit.text(), "the map click filled the location"
        key(intake, Key.Key_C, ALT)  # to the category search
        keys(intake.category.edit, "stru")
        key(intake.category.edit, Key.Key_Return)
        assert (
            intake.category.category is not None
            and intake.category.category.code == "fire.structure"
        )
        assert intake.dispatch_button.isEnabled(), intake.dispatch_button.toolTip()
        key(intake.category.edit, Key.Key_Return, CTRL)  # create + dispatch recommended units

    aloop.run_until_complete(go())
    assert actions <= 10, f"{actions} keys and clicks"
    iid = c.selection.incident_id
    wait(aloop, lambda: iid in c.store.state.incidents and not c.store.is_pending(iid))
    inc = c.store.state.incidents[iid]
    assert inc.priority == 1 and inc.status == Status.DISPATCHED and inc.assigned_units
    assert inc.location.address
