"""Style pieces shared by the console panels (on top of the app-wide dark theme)."""

from __future__ import annotations

import logging

from PySide6 import QtWidgets

from widgets import theme

log = logging.getLogger(__name__)

# Disabled actions must look disabled at a distance, whatever their role colour.
DISABLED_QSS = (
    'QPushButton[role="primary"]:disabled, QPushButton[role="danger"]:disabled,'
    " QPushButton:disabled { background: #10151c; border: 1px dashed #2a3644; color: #4d5a68; }"
)


def section_label(title: str) -> QtWidgets.QLabel:
    """A small upper-case heading with a rule under it."""
    lab = QtWidgets.QLabel(title.upper())
    lab.setStyleSheet(
        f"color: {theme.TEXT_DIM}; font-weight: bold; letter-spacing: 1px;"
        f" border-bottom: 1px solid {theme.BORDER}; padding-top: 4px;"
    )
    return lab
