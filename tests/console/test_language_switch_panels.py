"""The detail and intake panels follow a language switch while the console runs: their fixed
captions, the captions with a key in them, the required-field marks and the texts computed for
the shown incident (stage clocks, status). A real main window on the embedded city server."""

from __future__ import annotations

import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6 import QtGui

from app.console.i18n import Translations
from app.domain import commands as c
from tests.console.conftest import Console, wait
from widgets.console.language import LanguageSwitch
from widgets.detail.detail_panel import IncidentDetail
from widgets.intake.intake_panel import IntakePanel

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def translations(qapp: Any) -> Iterator[Translations]:
    subprocess.run([sys.executable, "scripts/i18n.py", "release"], cwd=ROOT, check=True)
    tr = Translations(qapp)
    assert tr.set_language("zh_CN")
    yield tr
    tr.set_language("en")


def _texts(console: Console) -> dict[str, str]:
    detail = console.window.panels["detail"].widget
    intake = console.window.panels["intake"].widget
    assert isinstance(detail, IncidentDetail) and isinstance(intake, IntakePanel)
    return {
        "add note": detail.note_button.text(),
        "history": detail.history_button.text(),
        "register": detail.transitions.buttons["register"].text(),
        "request ext": detail.deadlines.buttons["request"].text(),
        "status": detail.header.status.text(),
        "verify clock": detail.timeline.stage_text("verify"),
        "units": detail.relations.show_cameras.text(),
        "category": intake.field_labels["category"].text(),
        "create": intake.create_button.text(),
        "priority": intake.priority.currentText(),
        "pick on map": intake.location.map_button.text(),
        "duplicates": intake.duplicates.title.text(),
        "readout": intake.location.readout.text(),
    }


def test_detail_and_intake_switch_language(
    translations: Translations, make_console: Callable[..., Console], aloop: Any
) -> None:
    console = make_console()
    window = console.window
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
    wait(aloop, lambda: cmd.incident_id in console.store.state.incidents)
    console.services.selection.select_incident(cmd.incident_id)
    switch = LanguageSwitch(translations, console.services.settings)
    switch.attach(window)

    zh = _texts(console)
    assert zh["add note"] == "添加备注"
    assert zh["history"] == "历史与报告…（Ctrl+Shift+H）"
    assert zh["register"] == "立案"
    assert zh["request ext"] == "申请延期…"
    assert zh["status"] in ("已上报", "已立案"), zh["status"]
    assert zh["verify clock"] == "未开始"
    assert zh["units"] == "在视频墙上显示"
    assert zh["category"] == "类别 *"
    assert zh["create"] == "创建（Ctrl+S）"
    assert zh["priority"] == "P3 一般"
    assert zh["pick on map"] == "在地图上选取"
    assert zh["duplicates"] == "附近没有疑似重复事件"
    assert zh["readout"] == "尚无位置"

    english = window.findChild(QtGui.QAction, "language-en")
    assert english is not None
    english.trigger()
    en = _texts(console)
    assert en == {
        "add note": "Add note",
        "history": "History and report… (Ctrl+Shift+H)",
        "register": "Register",
        "request ext": "Request extension…",
        "status": en["status"],
        "verify clock": "not started",
        "units": "Show on video wall",
        "category": "Category *",
        "create": "Create (Ctrl+S)",
        "priority": "P3 routine",
        "pick on map": "Pick on map",
        "duplicates": "No likely duplicate nearby",
        "readout": "No location yet",
    }
    assert en["status"] in ("REPORTED", "REGISTERED"), en["status"]

    chinese = window.findChild(QtGui.QAction, "language-zh_CN")
    assert chinese is not None
    chinese.trigger()
    again = _texts(console)
    assert again == zh, {k: (zh[k], again[k]) for k in zh if zh[k] != again[k]}
    dashboard = window.panels["dashboard"].widget
    wait(aloop, lambda: not getattr(dashboard, "_pending", None))
