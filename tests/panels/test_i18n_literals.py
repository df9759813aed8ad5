"""The literal checker: user-visible strings that bypass tr() are found, with their place;
translated strings, non-words and marked proper names are not; the check fails on a directory
with more untranslated literals than its ceiling."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

from i18n_literals import is_word, report, scan  # noqa: E402

SAMPLE = """
from PySide6 import QtCore, QtWidgets
from app.console.i18n import QT_TRANSLATE_NOOP

HEADERS = ["Unit", QT_TRANSLATE_NOOP("Tables", "Status"), "#"]
SHORTCUTS = [("Ctrl+K", "Focus the command line")]


class Panel(QtWidgets.QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.ok = QtWidgets.QPushButton(self.tr("Dispatch"))
        self.bad = QtWidgets.QPushButton("Dispatch all")
        self.bad.setToolTip(f"Send {3} units")
        self.label = QtWidgets.QLabel("12 %")
        self.title = QtWidgets.QLabel("CityOps")  # i18n: ignore
        self.setWindowTitle("{}: {}".format(1, 2))
        self.n = QtWidgets.QLabel(QtCore.QCoreApplication.translate("Ctx", "fine"))

    def headerData(self, section: int) -> str:
        return "Camera"
"""


def test_finds_untranslated_literals_with_their_places(tmp_path: Path) -> None:
    src = tmp_path / "panel.py"
    src.write_text(SAMPLE, encoding="utf-8")
    found, done = scan([str(src)])
    texts = {(f.text, f.sink) for f in found}
    assert texts == {
        ("Unit", "header"),
        ("Focus the command line", "header"),
        ("Dispatch all", "QPushButton"),
        ("Send {} units", "setToolTip"),
        ("Camera", "headerData"),
    }
    lines = {f.text: f.line for f in found}
    assert lines["Dispatch all"] == 13
    assert done == 3  # tr("Dispatch"), translate("Ctx", "fine"), the NOOP header
    text = report(found, done)
    assert "3 of 8 through tr() (37.5%), 5 untranslated" in text
    assert f"{src}:13: QPushButton: 'Dispatch all'" in text


def test_non_words_are_not_reported() -> None:
    for text in ("#", "—", "12", "{}: {}", "%1 / %2", "Ctrl+K", "F5", " km", "P", ""):
        assert not is_word(text), text
    for text in ("Map", "Dispatch %1", "地图", "Fill wall"):
        assert is_word(text), text


def test_check_reports_coverage_and_holds_the_ceiling() -> None:
    out = subprocess.run(
        [sys.executable, "scripts/i18n.py", "check"], cwd=ROOT, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert "user-visible literals:" in out.stdout and "through tr()" in out.stdout
    ceiling = (ROOT / "i18n" / "untranslated-ceiling.txt").read_text(encoding="utf-8")
    # The directories this console's translation covers have no untranslated literal left.
    for area in ("widgets/console", "widgets/queue", "widgets/video", "app/models"):
        assert f"\n{area} " not in ceiling, area
