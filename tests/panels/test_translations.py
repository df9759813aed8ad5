"""The Chinese catalogue loads and translates the console's strings; switching back restores
English; the catalogue holds every tr() string (scripts/i18n.py check)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6 import QtCore, QtWidgets

from app.console.i18n import Translations
from app.store.selection import Selection
from tests.panels.scene import LocalGateway
from widgets.refusals.refusal_inbox import RefusalInbox

ROOT = Path(__file__).resolve().parents[2]


def test_chinese_and_back(qtbot, store, gateway: LocalGateway) -> None:
    subprocess.run([sys.executable, "scripts/i18n.py", "release"], cwd=ROOT, check=True)
    app = QtWidgets.QApplication.instance()
    assert app is not None
    tr = Translations(app)
    try:
        assert tr.set_language("zh_CN")
        inbox = RefusalInbox(store, Selection(), gateway)
        qtbot.addWidget(inbox)
        assert inbox.dismiss_all.text() == "全部忽略"
        assert QtCore.QCoreApplication.translate("Panels", "Command board") == "指挥看板"
        assert QtCore.QLocale().name() == "zh_CN"
    finally:
        assert tr.set_language("en")
    assert QtCore.QCoreApplication.translate("Panels", "Command board") == "Command board"


def test_every_tr_string_is_in_the_catalogue() -> None:
    out = subprocess.run(
        [sys.executable, "scripts/i18n.py", "check"], cwd=ROOT, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert "strings translated" in out.stdout
