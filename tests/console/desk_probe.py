"""Run under a real X display (Xvfb with RandR monitors) by test_layout_screens.py.

    python -m tests.console.desk_probe SETTINGS.ini

Applies every preset on the monitors present, sends panels to the last monitor, posts a very
long status message, and prints as JSON where every shown panel ended up (monitor and global
rectangle) and the geometry of every window.
"""

from __future__ import annotations

import json
import sys

from PySide6 import QtCore, QtGui, QtWidgets

from app.domain.library import default_library
from app.store.selection import Selection
from tests.panels.scene import make_store
from widgets.console.assemble import Services, build_console
from widgets.console.main_window import MainWindow
from widgets.console.workspace import PRESETS


def settle(app: QtWidgets.QApplication) -> None:
    for _ in range(30):
        app.processEvents()


def rect(r: QtCore.QRect) -> list[int]:
    return [r.x(), r.y(), r.width(), r.height()]


def panels(window: MainWindow) -> dict[str, dict[str, object]]:
    out: dict[str, dict[str, object]] = {}
    for key, dock in window.workspace.docks.items():
        w = dock.widget()
        if dock.isClosed() or w is None or not w.isVisible():
            continue
        top_left = w.mapToGlobal(QtCore.QPoint(0, 0))
        r = QtCore.QRect(top_left, w.size())
        screen = QtGui.QGuiApplication.screenAt(r.center())
        out[key] = {"screen": screen.name() if screen else "", "rect": rect(r)}
    return out


def windows(window: MainWindow) -> list[dict[str, object]]:
    tops: list[QtWidgets.QWidget] = [window, *window.workspace.manager.floatingWidgets()]
    out: list[dict[str, object]] = []
    for w in tops:
        if not w.isVisible():
            continue
        screen = QtGui.QGuiApplication.screenAt(w.frameGeometry().center())
        out.append(
            {
                "rect": rect(w.frameGeometry()),
                "screen": screen.name() if screen else "",
                "screen_rect": rect(screen.geometry()) if screen else [],
            }
        )
    return out


def shoot(folder: str, name: str) -> None:
    """One PNG per monitor, as the X server shows it (every window on it)."""
    if not folder:
        return
    for n, screen in enumerate(QtGui.QGuiApplication.screens(), start=1):
        g = screen.geometry()
        pix = screen.grabWindow(0, 0, 0, g.width(), g.height())
        pix.save(f"{folder}/{name.replace(' ', '-')}-monitor{n}.png")


def main() -> int:
    ini = sys.argv[1]
    shots = sys.argv[2] if len(sys.argv) > 2 else ""
    app = QtWidgets.QApplication(sys.argv[:1])
    settings = QtCore.QSettings(ini, QtCore.QSettings.Format.IniFormat)
    services = Services(make_store(), Selection(), default_library(), settings, "desk-probe")
    window = build_console(services, mute=True)
    window.show()
    settle(app)
    result: dict[str, object] = {
        "screens": [s.name() for s in QtGui.QGuiApplication.screens()],
        "primary": QtGui.QGuiApplication.primaryScreen().name(),
    }
    ws = window.workspace
    for name in PRESETS:
        ws.apply_preset(name)
        settle(app)
        result[name] = {"panels": panels(window), "windows": windows(window)}
        shoot(shots, name)
    # Two panels sent to the last monitor one after the other: tiled, not stacked.
    ws.apply_preset("dispatcher")
    settle(app)
    last = len(QtGui.QGuiApplication.screens()) - 1
    sent = [ws.send_to_monitor("detail", last), ws.send_to_monitor("recommend", last)]
    settle(app)
    shoot(shots, "sent")
    result["sent"] = {"ok": sent, "panels": panels(window), "windows": windows(window)}
    width = window.frameGeometry().width()
    window.status.announce("refused: " + "a very long message that does not fit " * 12)
    window.command_line._say("sent: " + "D 123 E12 M4 " * 40, ok=True)
    settle(app)
    result["announce"] = {"before": width, "after": window.frameGeometry().width()}
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
