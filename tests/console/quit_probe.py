"""Run by test_quit.py: start the console like ``python main.py`` (embedded city, demo driver),
wait until the city is on screen, press Ctrl+Q in the focused widget, and exit with main()'s code.

    python -m tests.console.quit_probe DATA_DIR
"""

from __future__ import annotations

import sys


def run(data_dir: str) -> int:
    from PySide6 import QtCore, QtWidgets
    from PySide6.QtTest import QTest

    import main as console_main
    import widgets.console.launcher as launcher
    from widgets.console.assemble import Services
    from widgets.console.main_window import MainWindow

    build = launcher.build_console

    def build_and_quit_later(services: Services, mute: bool = False) -> MainWindow:
        window = build(services, mute)

        def poll() -> None:
            if not services.store.state.incidents or not window.isVisible():
                QtCore.QTimer.singleShot(200, poll)
                return
            print("quitting with Ctrl+Q", flush=True)
            target = QtWidgets.QApplication.focusWidget() or window
            QTest.keyClick(target, QtCore.Qt.Key.Key_Q, QtCore.Qt.KeyboardModifier.ControlModifier)

        QtCore.QTimer.singleShot(500, poll)
        return window

    launcher.build_console = build_and_quit_later  # type: ignore[assignment]
    return console_main.main(["--data-dir", data_dir, "--mute"])


if __name__ == "__main__":
    import multiprocessing

    multiprocessing.freeze_support()  # the video decoder process starts from this module
    sys.exit(run(sys.argv[1]))
