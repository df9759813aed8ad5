"""A duty officer's shift, scripted: run by tests/shift/test_shift.py on a virtual X display with
two RandR monitors.

    python -m tests.shift.shift_probe live OUT_DIR DATA_DIR
    python -m tests.shift.shift_probe replay OUT_DIR DATA_DIR REPLAY_FILE
    python -m tests.shift.shift_probe training OUT_DIR DATA_DIR REPLAY_FILE

Starts the console exactly as ``./run.sh`` does (``main.main``: the embedded server, the San
Francisco demo city and its scenario driver; or ``--replay FILE [--training]``), then drives it
with key and mouse events only. Each task prints one JSON line (see tests/shift/desk.py) and
leaves one PNG per monitor in OUT_DIR; the console is closed with Ctrl+Q at the end.
"""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path

from PySide6 import QtWidgets
from PySide6.QtTest import QTest

from tests.shift.desk import CTRL, Desk, Key, outside_task


def main() -> int:
    mode, out, data = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    out.mkdir(parents=True, exist_ok=True)

    import main as console_main
    import widgets.console.launcher as launcher
    from widgets.console.assemble import Services
    from widgets.console.main_window import MainWindow

    build = launcher.build_console
    tasks: list[asyncio.Task[None]] = []

    def build_and_drive(services: Services, mute: bool = False) -> MainWindow:
        window = build(services, mute)
        desk = Desk(window, out, prefix={"live": "", "replay": "7-", "training": "8-"}[mode])

        async def drive() -> None:
            try:
                await asyncio.sleep(0.5)  # the launcher shows the window after building it
                if mode == "live":
                    from tests.shift.live_steps import shift

                    await shift(desk, services)
                else:
                    from tests.shift.replay_steps import replay, training

                    await (replay if mode == "replay" else training)(desk, services)
            except Exception as exc:  # the shift itself broke: say so, then close the console
                print(json.dumps({"step": "script", "ok": False, "error": repr(exc)}), flush=True)
            finally:
                # Ctrl+Q, typed wherever the focus is, closes the console as an officer would.
                await outside_task(lambda: quit_key(QtWidgets.QApplication.focusWidget() or window))
                await asyncio.sleep(0.5)
                if window.isVisible():
                    print(json.dumps({"step": "quit", "ok": False, "error": "Ctrl+Q"}), flush=True)
                    window.close()

        tasks.append(asyncio.ensure_future(drive()))
        return window

    launcher.build_console = build_and_drive  # type: ignore[assignment]
    args = ["--data-dir", str(data), "--mute", "--workstation", f"shift-{mode}"]
    if mode == "live":
        # The embedded server with the San Francisco demo city (its units, stations, cameras),
        # without the scenario driver: every call and dispatch on screen is the shift's own,
        # so what each step leaves is known (the driver's colleagues would race for units).
        args.append("--no-demo")
    else:
        args += ["--replay", sys.argv[4]]
    if mode == "training":
        args.append("--training")
    return console_main.main(args)


def quit_key(target: QtWidgets.QWidget) -> None:
    QTest.keyClick(target, Key.Key_Q, CTRL)


if __name__ == "__main__":
    import multiprocessing

    multiprocessing.freeze_support()
    sys.exit(main())
