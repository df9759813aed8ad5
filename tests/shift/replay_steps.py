"""The replay and training parts of the shift (tasks 7 and 8) on the shipped demo replay."""

from __future__ import annotations

import time
from typing import Any

from PySide6 import QtCore, QtWidgets

from app.domain.model import Status
from tests.shift.desk import CTRL, Desk, Key, check, child
from widgets.console.assemble import Services


def _timeline(desk: Desk) -> Any:
    return desk.window.panels["timeline"].widget


async def _clock_after(desk: Desk, seconds: float) -> tuple[float, float]:
    """Replay seconds and wall seconds that passed while waiting ``seconds``."""
    player = _timeline(desk).player
    t0, w0 = player.clock, time.monotonic()
    await desk.until(lambda: time.monotonic() - w0 >= seconds, "time passes", seconds + 5)
    return player.clock - t0, time.monotonic() - w0


async def replay(desk: Desk, services: Services) -> None:
    await desk.step("replay-1x-600x-seek", lambda: _replay(desk, services))


async def _replay(desk: Desk, services: Services) -> dict[str, Any]:
    d = desk
    tl = _timeline(d)
    check(d.screen_of(tl) == "LEFT", f"the timeline is on {d.screen_of(tl)!r}")
    await d.choose(tl.speed_box, "1x")
    await d.click(tl.play_button)
    await d.until(lambda: tl.driver.is_playing(), "playing after a click on play")
    ran1, wall1 = await _clock_after(d, 2.0)
    check(0.3 * wall1 <= ran1 <= 1.5 * wall1 + 1, f"1x: {ran1:.1f} s of replay in {wall1:.1f} s")
    await d.choose(tl.speed_box, "600x")
    ran600, wall600 = await _clock_after(d, 2.0)
    # Ticks drift on a busy machine; the pace is far beyond 1x and at most 600x.
    check(100 * wall600 <= ran600 <= 700 * wall600, f"600x: {ran600:.0f} s in {wall600:.1f} s")
    await d.click(tl.play_button)
    await d.until(lambda: not tl.driver.is_playing(), "paused after a second click")
    # Seek: a click on the slider's track three quarters along jumps there.
    slider = tl.slider
    span = tl.player.end - tl.player.start
    x = slider.width() * 3 // 4
    await d.click(slider, QtCore.QPoint(x, slider.height() // 2), settle=0.8)
    at = (tl.player.clock - tl.player.start) / span
    check(0.65 <= at <= 0.85, f"the click at 75% sought to {at:.0%}")
    timeline_text = tl.time_label.text()
    status = child(d.window.status, QtWidgets.QLabel, "CityClock").text()
    hhmm = timeline_text.split()[2][:5]
    check(hhmm in status, f"status bar clock {status!r}, timeline {timeline_text!r}")
    rows = d.window.queue.model.rowCount()
    check(rows > 0, "the queue is empty at the sought time")
    return {
        "1x": f"{ran1:.1f} s in {wall1:.1f} s",
        "600x": f"{ran600:.0f} s in {wall600:.1f} s",
        "sought": f"{at:.0%}",
        "timeline": timeline_text,
        "status_clock": status,
        "queue_rows": rows,
    }


async def training(desk: Desk, services: Services) -> None:
    await desk.step("training-run-with-score", lambda: _training(desk, services))


async def _training(desk: Desk, services: Services) -> dict[str, Any]:
    d, store = desk, services.store
    tl = _timeline(d)
    check(
        tl.speed_box.currentText() == "1x", f"a scored run starts at {tl.speed_box.currentText()}"
    )

    def waiting() -> list[Any]:
        return [
            i
            for i in store.state.incidents.values()
            if i.exercise and i.status in (Status.REPORTED, Status.REGISTERED)
        ]

    # Calls come in at their recorded times: 60x until one waits for the trainee.
    await d.choose(tl.speed_box, "60x")
    await d.click(tl.play_button)
    await d.until(lambda: waiting(), "a call waiting for the trainee", 60)
    await d.click(tl.play_button)
    await d.until(lambda: not tl.driver.is_playing(), "paused")
    call = waiting()[0]
    queue = d.window.queue
    await d.until(lambda: queue.model.row_of(call.id) >= 0, "the call in the queue")
    index = queue.model.index(queue.model.row_of(call.id), 0)
    queue.table.scrollTo(index)
    await d.click(queue.table.viewport(), queue.table.visualRect(index).center())
    check(services.selection.incident_id == call.id, "the click did not select the call")
    recommend: Any = d.window.panels["recommend"].widget
    await d.until(lambda: recommend.dispatch_top.isEnabled(), "Dispatch top enabled")
    await d.click(recommend.view.viewport(), QtCore.QPoint(20, 10))
    await d.key(Key.Key_Return, CTRL, settle=0.5)
    await d.until(lambda: store.state.incidents[call.id].assigned_units, "units sent", 15)
    units = list(store.state.incidents[call.id].assigned_units)
    await d.click(tl.score_button, settle=1.0)
    dialogs = [
        w
        for w in QtWidgets.QApplication.topLevelWidgets()
        if w.objectName() == "trainingScore" and w.isVisible()
    ]
    check(dialogs, "no score shown after a click on Score…")
    dialog: Any = dialogs[-1]
    total = child(dialog, QtWidgets.QLabel, "scoreTotal").text()
    check(total.endswith("/ 100"), f"score reads {total!r}")
    model = dialog.model
    rows = [
        [str(model.data(model.index(r, c))) for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]
    mine = [r for r in rows if r[0] == call.number]
    check(mine, f"the dispatched call {call.number} is not in the score: {rows[:3]}")
    return {"call": call.number, "units": units, "total": total, "row": mine[0]}
