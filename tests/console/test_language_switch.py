"""The console starts in Chinese and switches to English and back while it runs (View >
Language): menus, dock titles, buttons, table headers, the status bar and the F1 help change;
the choice is kept in the desk settings. A real main window on the embedded city server."""

from __future__ import annotations

import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6 import QtCore, QtGui, QtWidgets

from app.console.i18n import Translations
from app.domain import commands as c
from tests.console.conftest import Console, wait
from widgets.console.language import LanguageSwitch, saved_language

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def translations(qapp: Any) -> Iterator[Translations]:
    subprocess.run([sys.executable, "scripts/i18n.py", "release"], cwd=ROOT, check=True)
    tr = Translations(qapp)
    assert tr.set_language("zh_CN")
    yield tr
    tr.set_language("en")


def _menu_titles(window: QtWidgets.QMainWindow) -> list[str]:
    return [a.text() for a in window.menuBar().actions()]


def _texts(console: Console) -> dict[str, str]:
    w = console.window
    queue = w.panels["queue"].widget
    recommend = w.panels["recommend"].widget
    header = queue.findChild(QtWidgets.QTableView).model()  # type: ignore[union-attr]
    return {
        "title": w.windowTitle(),
        "menus": " ".join(_menu_titles(w)),
        "map dock": w.workspace.docks["map"].windowTitle(),
        "refusals dock": w.workspace.docks["refusals"].windowTitle(),
        "dispatch button": recommend.dispatch_selected.text(),  # type: ignore[attr-defined]
        "queue header": str(header.headerData(2, QtCore.Qt.Orientation.Horizontal)),
        "user": w.status.user.text(),
        "help": " ".join(t for t, _items in w.help.sections()),
    }


def test_start_in_chinese_switch_to_english_and_back(
    translations: Translations, make_console: Callable[..., Console], aloop: Any
) -> None:
    console = make_console()
    window = console.window
    settings = console.services.settings
    switch = LanguageSwitch(translations, settings)
    switch.attach(window)

    zh = _texts(console)
    assert zh["title"] == "CityOps — 城市运行指挥台"
    assert "视图" in zh["menus"] or "事件" in zh["menus"], zh["menus"]
    assert zh["map dock"] == "地图"
    assert zh["dispatch button"].startswith("派遣")
    assert zh["user"].startswith("用户：")
    assert "指挥台" in zh["help"]

    # The menu entry a person would click: View > Language > English.
    english = window.findChild(QtGui.QAction, "language-en")
    assert english is not None
    english.trigger()
    en = _texts(console)
    assert translations.language == "en"
    assert en["title"] == "CityOps — Urban Operations Console"
    assert "View" in en["menus"] and "Incident" in en["menus"], en["menus"]
    assert en["map dock"] == "Map"
    assert en["refusals dock"] == "Refusals"
    assert en["dispatch button"] == "Dispatch selected (Enter / D)"
    assert en["user"].startswith("User: ")
    assert "Console" in en["help"]
    assert en["queue header"] != zh["queue header"]
    assert saved_language(settings) == "en"

    chinese = window.findChild(QtGui.QAction, "language-zh_CN")
    assert chinese is not None
    chinese.trigger()
    again = _texts(console)
    assert again == zh, {k: (zh[k], again[k]) for k in zh if zh[k] != again[k]}
    assert saved_language(settings) == "zh_CN"
    assert QtCore.QLocale().name() == "zh_CN"
    # The switch re-announces every table's rows; the evaluation dashboard repaints in stages
    # (one per event-loop turn): let them finish before the window goes.
    dashboard = window.panels["dashboard"].widget
    wait(aloop, lambda: not getattr(dashboard, "_pending", None))


def test_queue_shows_chinese_category_and_status_names(
    translations: Translations, make_console: Callable[..., Console], aloop: Any
) -> None:
    console = make_console()
    cmd = c.CreateIncident(
        incident_id=str(uuid.uuid4()),
        category="fire.structure",
        priority=2,
        lat=37.781,
        lon=-122.411,
        address="Market St",
        description="smoke",
    )
    console.engine.submit(cmd)
    loop = aloop
    wait(loop, lambda: cmd.incident_id in console.store.state.incidents)
    model = console.window.queue.model
    wait(loop, lambda: model.row_of(cmd.incident_id) >= 0)
    row = model.row_of(cmd.incident_id)
    cat = console.services.library.by_code["fire.structure"]
    texts = [str(model.index(row, col).data()) for col in range(model.columnCount())]
    assert cat.name_zh in texts, texts
    assert any(t in ("已上报", "已立案") for t in texts), texts
