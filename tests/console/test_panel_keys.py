"""Panel keys inside the full console window: Alt+F (fulfil) and Alt+Q (request) reach the
agency panel instead of clashing with a menu mnemonic, and "fulfilled" needs a unit of the
agency on the incident."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6 import QtCore, QtWidgets

from app.domain import commands as c
from app.domain.library import default_library
from tests.panels.render import demo_scene
from widgets.console.assemble import Services, build_console

ALT = QtCore.Qt.KeyboardModifier.AltModifier


def test_linkage_keys_in_the_console(qtbot: Any, tmp_path: Path) -> None:
    library = default_library()
    store, sel, gw, _clock = demo_scene(library)
    settings = QtCore.QSettings(str(tmp_path / "c.ini"), QtCore.QSettings.Format.IniFormat)
    window = build_console(Services(store, sel, library, settings, "keys", gateway=gw), mute=True)
    qtbot.addWidget(window)
    window.resize(1920, 1080)
    window.show()
    window.workspace.apply_preset("dispatcher")
    qtbot.waitExposed(window)
    sel.select_incident("inc-1")
    window.focus_panel("resources-medical")
    panel: Any = window.panels["resources-medical"].widget
    panel.linkages.select_request("lk-2")  # accepted by medical; no medical unit sent yet
    panel.linkages.view.setFocus()
    qtbot.waitUntil(
        lambda: (
            getattr(QtWidgets.QApplication.focusWidget(), "objectName", str)()
            == "LinkageTable-medical"
        )
    )
    fulfil = panel.linkages.buttons["fulfil"]
    assert not fulfil.isEnabled() and "Dispatch a unit" in fulfil.toolTip()

    gw.submit(c.AssignUnits(incident_id="inc-1", unit_ids=["M4"]))
    qtbot.waitUntil(fulfil.isEnabled)
    sent = len(gw.submitted)
    qtbot.keyClick(panel.linkages.view, QtCore.Qt.Key.Key_F, ALT)
    assert gw.types()[sent:] == ["answer_linkage"]
    assert store.state.linkages["lk-2"].state.value == "fulfilled"
    assert QtWidgets.QApplication.activePopupWidget() is None  # the File menu did not open

    sent = len(gw.submitted)
    qtbot.keyClick(panel.linkages.view, QtCore.Qt.Key.Key_Q, ALT)
    assert gw.types()[sent:] == ["request_linkage"]
