"""The hands and eyes of the scripted shift: keys and mouse clicks sent as QTest events to the
widget that has the focus (as a keyboard would), waits on conditions with the console's loop
running, where panels and windows are on the monitors, and one PNG per monitor after each step.

Steps are recorded as JSON lines on stdout; the test reads them back and fails with the step's
name. A step that fails stops the shift (later steps build on it)."""

from __future__ import annotations

import asyncio
import json
import time
import traceback
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, TypeVar

from PySide6 import QtCore, QtGui, QtWidgets
from PySide6.QtTest import QTest

from widgets.console.main_window import MainWindow

Key = QtCore.Qt.Key
Mod = QtCore.Qt.KeyboardModifier
NONE = Mod.NoModifier
CTRL = Mod.ControlModifier
ALT = Mod.AltModifier
SHIFT = Mod.ShiftModifier
LEFT_BUTTON = QtCore.Qt.MouseButton.LeftButton


class StepFailed(AssertionError):
    pass


T = TypeVar("T")


async def outside_task(fn: Callable[[], T]) -> T:
    """Run ``fn`` as a plain loop callback and await its result.

    A key press or a click may make Qt process events (a window activated, a dialog shown),
    and the console's sync engine steps its tasks from those events: inside an asyncio task
    that would be a task entered from another task. A plain callback is outside any task, as a
    real key press is.
    """
    loop = asyncio.get_running_loop()
    done: asyncio.Future[T] = loop.create_future()

    def run() -> None:
        try:
            done.set_result(fn())
        except BaseException as exc:
            done.set_exception(exc)

    loop.call_soon(run)
    return await done


def check(ok: object, what: str) -> None:
    """A check of what is on screen; the message says what was expected and what was seen."""
    if not ok:
        raise StepFailed(what)


W = TypeVar("W", bound=QtCore.QObject)


def child(parent: QtCore.QObject, cls: type[W], name: str) -> W:
    """The named child widget, which must exist."""
    found = parent.findChild(cls, name)
    check(found is not None, f"{parent.objectName()} has no {cls.__name__} {name!r}")
    assert found is not None
    return found


def rect(r: QtCore.QRect) -> list[int]:
    return [r.x(), r.y(), r.width(), r.height()]


def overlap(a: list[int], b: list[int]) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


class Desk:
    """One console window under test on the display's monitors."""

    def __init__(self, window: MainWindow, out: Path, prefix: str) -> None:
        self.window = window
        self.out = out
        self.prefix = prefix
        self.n = 0
        self.failed = False

    # --- the keyboard and the mouse ------------------------------------------------------------
    def focused(self) -> QtWidgets.QWidget:
        w = QtWidgets.QApplication.focusWidget()
        check(w is not None, "no widget has the keyboard focus")
        assert w is not None
        return w

    async def key(self, k: Key, mod: Mod = NONE, settle: float = 0.15) -> None:
        await outside_task(lambda: QTest.keyClick(self.focused(), k, mod))
        await asyncio.sleep(settle)

    async def type(self, text: str, settle: float = 0.15) -> None:
        def keys() -> None:
            for ch in text:
                QTest.keyClicks(self.focused(), ch)

        await outside_task(keys)
        await asyncio.sleep(settle)

    async def click(
        self, widget: QtWidgets.QWidget, pos: QtCore.QPoint | None = None, settle: float = 0.2
    ) -> None:
        check(widget.isVisible(), f"{widget.objectName() or type(widget).__name__} is not shown")
        at = pos if pos is not None else widget.rect().center()
        top = widget.window()
        if not top.isActiveWindow() and not isinstance(top, QtWidgets.QMenu | QtWidgets.QFrame):
            # What a window manager does with a click in another window: activate it (Xvfb
            # runs none). Drop-downs are popups and never become the active window.
            top.activateWindow()
            await self.until(top.isActiveWindow, f"{top.objectName()} activated by the click", 5)
        await outside_task(lambda: QTest.mouseClick(widget, LEFT_BUTTON, NONE, at))
        await asyncio.sleep(settle)

    async def choose(self, combo: QtWidgets.QComboBox, text: str) -> None:
        """Open the drop-down with a click and click the (first) item containing ``text``."""
        index = combo.findText(text, QtCore.Qt.MatchFlag.MatchContains)
        check(index >= 0, f"{combo.objectName()} has no item {text!r}")
        text = combo.itemText(index)
        await self.click(combo, settle=0.4)
        view = combo.view()
        await self.until(lambda: view.isVisible(), f"{combo.objectName()} drop-down open", 5)
        model_index = view.model().index(index, combo.modelColumn())
        view.scrollTo(model_index)
        await asyncio.sleep(0.1)
        await self.click(view.viewport(), view.visualRect(model_index).center(), settle=0.3)
        check(combo.currentText() == text, f"{combo.objectName()} reads {combo.currentText()!r}")

    async def command(self, line: str, settle: float = 0.3) -> str:
        """F2, the line, Enter; returns what the command line answered."""
        await self.key(Key.Key_F2)
        check(
            self.focused().objectName() == "CommandLineEdit",
            f"F2 put the focus on {self.focused().objectName()!r}, not the command line",
        )
        await self.type(line, settle=0.05)
        await self.key(Key.Key_Return, settle=settle)
        feedback: Any = self.window.command_line.feedback
        return str(feedback.toolTip() or feedback.text())

    # --- waiting -------------------------------------------------------------------------------
    async def until(
        self,
        predicate: Callable[[], object],
        what: str,
        timeout: float = 15.0,
        seen: Callable[[], object] | None = None,
    ) -> None:
        """Wait for ``predicate``; on time-out fail with ``what`` (and what ``seen`` returns)."""
        deadline = time.monotonic() + timeout
        while not predicate():
            if time.monotonic() > deadline:
                extra = f" (seen: {seen()})" if seen is not None else ""
                raise StepFailed(f"not within {timeout:.0f} s: {what}{extra}")
            await asyncio.sleep(0.05)

    # --- where things are ----------------------------------------------------------------------
    @staticmethod
    def screen_of(widget: QtWidgets.QWidget) -> str:
        top_left = widget.mapToGlobal(QtCore.QPoint(0, 0))
        center = QtCore.QRect(top_left, widget.size()).center()
        screen = QtGui.QGuiApplication.screenAt(center)
        return screen.name() if screen is not None else ""

    def panels(self) -> dict[str, dict[str, Any]]:
        """Every shown panel: its monitor and global rectangle."""
        out: dict[str, dict[str, Any]] = {}
        for key, dock in self.window.workspace.docks.items():
            w = dock.widget()
            area = dock.dockAreaWidget()
            if dock.isClosed() or w is None or area is None or not w.isVisible():
                continue
            # The area the panel is shown in (a scrolled panel's widget is taller than that).
            r = QtCore.QRect(area.mapToGlobal(QtCore.QPoint(0, 0)), area.size())
            out[key] = {"screen": self.screen_of(area), "rect": rect(r)}
        return out

    def windows_fit(self) -> list[str]:
        """Windows larger than, or off, the monitor they are on (should be none)."""
        bad = []
        tops = [self.window, *self.window.workspace.manager.floatingWidgets()]
        for w in tops:
            if not w.isVisible():
                continue
            g = w.frameGeometry()
            screen = QtGui.QGuiApplication.screenAt(g.center())
            if screen is None or not screen.geometry().contains(g):
                bad.append(f"{w.objectName() or type(w).__name__} {rect(g)}")
        return bad

    def overlapping(self, panels: dict[str, dict[str, Any]]) -> list[tuple[str, str]]:
        items = list(panels.items())
        return [
            (ka, kb)
            for i, (ka, a) in enumerate(items)
            for kb, b in items[i + 1 :]
            if overlap(a["rect"], b["rect"])
        ]

    # --- pictures ------------------------------------------------------------------------------
    async def shoot(self, name: str) -> list[str]:
        return await outside_task(lambda: self._shoot(name))

    def _shoot(self, name: str) -> list[str]:
        """One PNG per monitor, as the X server shows it (every window on it)."""
        QtWidgets.QApplication.processEvents()
        paths = []
        for m, screen in enumerate(QtGui.QGuiApplication.screens(), start=1):
            g = screen.geometry()
            pix = screen.grabWindow(0, 0, 0, g.width(), g.height())
            path = self.out / f"{self.prefix}{self.n:02d}-{name}-monitor{m}.png"
            pix.save(str(path))
            paths.append(str(path))
        return paths

    # --- steps ---------------------------------------------------------------------------------
    async def step(self, name: str, body: Callable[[], Awaitable[dict[str, Any] | None]]) -> bool:
        """Run one task of the shift; print its result as a JSON line; False when it failed."""
        if self.failed:
            return False
        self.n += 1
        started = time.monotonic()
        record: dict[str, Any] = {"step": name, "ok": True}
        try:
            seen = await body()
            record["seen"] = seen or {}
        except Exception as exc:
            self.failed = True
            record["ok"] = False
            record["error"] = f"{type(exc).__name__}: {exc}"
            record["trace"] = traceback.format_exc()[-2500:]
        record["seconds"] = round(time.monotonic() - started, 1)
        record["shots"] = await self.shoot(name)
        print(json.dumps(record, default=str), flush=True)
        return bool(record["ok"])
