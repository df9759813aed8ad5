"""The dark control-room theme: one palette, one style sheet, shared colours for every view."""

from __future__ import annotations

import logging

from PySide6 import QtGui, QtWidgets

from app.paths import resource_path

log = logging.getLogger(__name__)

BG = "#0b0f14"  # window background
PANEL = "#121821"  # panels, tables
PANEL_ALT = "#161e29"  # alternate rows
BORDER = "#2a3644"
TEXT = "#e8eef5"
TEXT_DIM = "#9fb0c2"
ACCENT = "#2f9bff"  # selection, focus
OK = "#35c46a"
WARN = "#ffb020"
DANGER = "#ff4d4f"
PENDING = "#b78cff"  # unacknowledged local changes

PRIORITY_COLORS: dict[int, str] = {1: "#ff3b3b", 2: "#ff9f1a", 3: "#ffd84d", 4: "#5fb3ff"}
PRIORITY_TEXT: dict[int, str] = {1: "#ffffff", 2: "#111111", 3: "#111111", 4: "#0b0f14"}

UNIT_STATUS_COLORS: dict[str, str] = {
    "available": "#35c46a",
    "dispatched": "#ffb020",
    "en_route": "#ffd84d",
    "on_scene": "#ff4d4f",
    "returning": "#5fb3ff",
    "out_of_service": "#6b7785",
}

BASE_POINT_SIZE = 11  # readable at a distance


def apply_theme(app: QtWidgets.QApplication) -> None:
    """Fusion style, dark palette and the control-room style sheet."""
    app.setStyle("Fusion")
    pal = QtGui.QPalette()
    c = QtGui.QColor
    pal.setColor(QtGui.QPalette.ColorRole.Window, c(BG))
    pal.setColor(QtGui.QPalette.ColorRole.WindowText, c(TEXT))
    pal.setColor(QtGui.QPalette.ColorRole.Base, c(PANEL))
    pal.setColor(QtGui.QPalette.ColorRole.AlternateBase, c(PANEL_ALT))
    pal.setColor(QtGui.QPalette.ColorRole.Text, c(TEXT))
    pal.setColor(QtGui.QPalette.ColorRole.Button, c("#1b2430"))
    pal.setColor(QtGui.QPalette.ColorRole.ButtonText, c(TEXT))
    pal.setColor(QtGui.QPalette.ColorRole.Highlight, c(ACCENT))
    pal.setColor(QtGui.QPalette.ColorRole.HighlightedText, c("#ffffff"))
    pal.setColor(QtGui.QPalette.ColorRole.ToolTipBase, c("#1b2430"))
    pal.setColor(QtGui.QPalette.ColorRole.ToolTipText, c(TEXT))
    pal.setColor(QtGui.QPalette.ColorRole.PlaceholderText, c(TEXT_DIM))
    pal.setColor(QtGui.QPalette.ColorRole.Link, c(ACCENT))
    for role in (QtGui.QPalette.ColorRole.Text, QtGui.QPalette.ColorRole.ButtonText):
        pal.setColor(QtGui.QPalette.ColorGroup.Disabled, role, c("#5d6b7a"))
    app.setPalette(pal)
    font = app.font()
    font.setPointSize(BASE_POINT_SIZE)
    app.setFont(font)
    qss = resource_path("theme", "dark.qss")
    try:
        app.setStyleSheet(qss.read_text(encoding="utf-8"))
    except OSError as exc:
        log.warning("style sheet %s not loaded: %s", qss, exc)
