"""Run under a real X display (Xvfb with RandR monitors) by test_layout_screens.py.

    python -m tests.console.keys_probe SETTINGS.ini

Two-monitor dispatcher desk with the incident detail sent to monitor 2; keys are typed into
whatever widget has the focus, as a keyboard would: a note typed in the detail panel on monitor 2
with plain Enter, then F2 and a command, F3 and Down, F1. Prints what each left, as JSON.
"""

from __future__ import annotations

import json
import sys
import time

from PySide6 import QtCore, QtGui, QtWidgets
from PySide6.QtTest import QTest

from app.domain.library import default_library
from app.store.selection import Selection
from tests.panels.scene import DISPATCHER, LocalGateway, make_store, seed_incident
from widgets.console.assemble import Services, build_console

Key = QtCore.Qt.Key


def settle(app: QtWidgets.QApplication, until: float = 0.3) -> None:
    end = time.monotonic() + until
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def focused() -> QtWidgets.QWidget:
    w = QtWidgets.QApplication.focusWidget()
    assert w is not None, "no widget has the keyboard focus"
    return w


def type_keys(app: QtWidgets.QApplication, text: str) -> None:
    for ch in text:
        QTest.keyClicks(focused(), ch)
    settle(app, 0.1)


def press(app: QtWidgets.QApplication, key: Key) -> None:
    QTest.keyClick(focused(), key)
    settle(app, 0.3)


def screen_name(point: QtCore.QPoint) -> str:
    screen = QtGui.QGuiApplication.screenAt(point)
    return screen.name() if screen is not None else ""


def main() -> int:
    ini = sys.argv[1]
    app = QtWidgets.QApplication(sys.argv[:1])
    settings = QtCore.QSettings(ini, QtCore.QSettings.Format.IniFormat)
    library = default_library()
    store = make_store(DISPATCHER)
    for n in range(5):
        seed_incident(store, incident_id=f"k-{n}", number=f"2026-00020{n}", priority=1 + n % 3)
    gateway = LocalGateway(store, library)
    services = Services(store, Selection(), library, settings, "keys-probe", gateway=gateway)
    window = build_console(services, mute=True)
    window.show()
    settle(app)
    ws = window.workspace
    ws.apply_preset("dispatcher")
    settle(app)
    services.selection.select_incident("k-0")
    ws.send_to_monitor("detail", 1)
    settle(app)
    detail = window.panels["detail"].widget
    note = detail.findChild(QtWidgets.QLineEdit, "NoteEdit")
    assert note is not None
    note.window().activateWindow()
    note.setFocus()
    settle(app, 0.5)
    out: dict[str, object] = {
        "detail_screen": screen_name(detail.mapToGlobal(detail.rect().center())),
        "note_window_is_main": note.window() is window,
        "note_focused": focused() is note,
    }
    narrative = len(store.state.incidents["k-0"].narrative)
    type_keys(app, "D 201 E1")
    press(app, Key.Key_Return)  # meant for the command line: must not become a note
    out["notes_after_enter"] = len(store.state.incidents["k-0"].narrative) - narrative

    press(app, Key.Key_F2)
    out["f2_focus"] = focused().objectName()
    out["f2_active_is_main"] = QtWidgets.QApplication.activeWindow() is window
    note.clear()

    press(app, Key.Key_F3)
    out["f3_focus"] = focused().objectName()
    before = services.selection.incident_id
    press(app, Key.Key_Down)
    out["down_moved"] = services.selection.incident_id != before and bool(
        services.selection.incident_id
    )

    press(app, Key.Key_F1)
    overlay = window.help
    out["f1_visible"] = overlay.isVisible()
    items, _scale = overlay.layout_items()
    rects = [(i.kind, i.text, i.rect) for i in items]
    clashes = [
        (a[1], b[1]) for n, a in enumerate(rects) for b in rects[n + 1 :] if a[2].intersects(b[2])
    ]
    out["f1_clashes"] = clashes[:5]
    out["f1_outside"] = [t for _k, t, r in rects if not overlay.rect().contains(r)][:5]
    out["f1_sections"] = {t: [k for k, _w in items] for t, items in overlay.sections()}
    if len(sys.argv) > 2:
        window.grab().save(f"{sys.argv[2]}/help-overlay.png")
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
