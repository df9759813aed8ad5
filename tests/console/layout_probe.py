"""Run under a real X display (Xvfb with RandR monitors) by test_layout_screens.py.

    python -m tests.console.layout_probe SETTINGS.ini save|restore

save: float the map panel onto the right-hand monitor and save the layout.
restore: restore the layout and print, as JSON, the screen each window is on.
"""

from __future__ import annotations

import json
import sys

from PySide6 import QtCore, QtGui, QtWidgets

from app.domain.library import default_library
from app.store.selection import Selection
from app.store.store import Store
from widgets.console.assemble import Services, build_console


def main() -> int:
    ini, mode = sys.argv[1], sys.argv[2]
    app = QtWidgets.QApplication(sys.argv[:1])
    settings = QtCore.QSettings(ini, QtCore.QSettings.Format.IniFormat)
    services = Services(Store(), Selection(), default_library(), settings, "probe-desk")
    window = build_console(services, mute=True)
    window.show()
    app.processEvents()
    ws = window.workspace
    if mode == "save":
        screens = QtGui.QGuiApplication.screens()
        ok = ws.send_to_monitor("queue", len(screens) - 1)
        for _ in range(20):
            app.processEvents()
        ws.save()
        dock = ws.dock("queue")
        assert dock is not None
        container = dock.floatingDockContainer()
        screen = container.screen().name() if container is not None else ""
        print(
            json.dumps({"sent": ok, "screens": [s.name() for s in screens], "queue_screen": screen})
        )
        return 0
    restored = ws.restore()
    for _ in range(20):
        app.processEvents()
    moved = ws.ensure_on_screen()
    dock = ws.dock("queue")
    assert dock is not None
    container = dock.floatingDockContainer()
    center = container.frameGeometry().center() if container is not None else QtCore.QPoint()
    on = QtGui.QGuiApplication.screenAt(center)
    print(
        json.dumps(
            {
                "restored": restored,
                # In a window of its own or tiled with others in a window on that monitor.
                "floating": bool(dock.dockContainer() and dock.dockContainer().isFloating()),
                "screens": [s.name() for s in QtGui.QGuiApplication.screens()],
                "queue_screen": on.name() if on is not None else "",
                "moved": len(moved),
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
