"""Screenshots of the duty officer's desk on two monitors, for docs/ and the README.

    scripts/xvfb-run.sh .venv/bin/python scripts/desk_screenshots.py [OUT_DIR]

Starts the console as ``./run.sh`` does (embedded city, demo driver) on the two-monitor virtual
display, selects the most urgent open incident, fills the video wall with its cameras, waits for
the pictures, writes one PNG per monitor (desk-monitor1.png, desk-monitor2.png) and quits with
Ctrl+Q.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def run(out: Path) -> int:
    import tempfile

    from PySide6 import QtCore, QtGui, QtWidgets
    from PySide6.QtTest import QTest

    import main as console_main
    import widgets.console.launcher as launcher
    from widgets.console.assemble import Services
    from widgets.console.main_window import MainWindow

    build = launcher.build_console
    out.mkdir(parents=True, exist_ok=True)

    def build_and_shoot(services: Services, mute: bool = False) -> MainWindow:
        window = build(services, mute)
        started = time.monotonic()

        def poll() -> None:
            state = services.store.state
            if len(state.incidents) < 10 and time.monotonic() - started < 60:
                QtCore.QTimer.singleShot(250, poll)
                return
            urgent = sorted(
                (i for i in state.incidents.values() if i.is_open()),
                key=lambda i: (i.priority, -i.created_at),
            )
            if urgent:
                services.selection.select_incident(urgent[0].id)
                detail: Any = window.panels["detail"].widget
                detail.relations.request_cameras()
            QtCore.QTimer.singleShot(12000, shoot)

        def shoot() -> None:
            for n, screen in enumerate(QtGui.QGuiApplication.screens(), start=1):
                g = screen.geometry()
                pix = screen.grabWindow(0, 0, 0, g.width(), g.height())
                path = out / f"desk-monitor{n}.png"
                pix.save(str(path))
                print(path, flush=True)
            target = QtWidgets.QApplication.focusWidget() or window
            QTest.keyClick(target, QtCore.Qt.Key.Key_Q, QtCore.Qt.KeyboardModifier.ControlModifier)

        QtCore.QTimer.singleShot(500, poll)
        return window

    launcher.build_console = build_and_shoot  # type: ignore[assignment]
    data = tempfile.mkdtemp(prefix="cityops-shots-")
    return console_main.main(["--data-dir", data, "--mute", "--workstation", "desk-shots"])


if __name__ == "__main__":
    import multiprocessing

    multiprocessing.freeze_support()
    sys.exit(run(Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "docs"))
