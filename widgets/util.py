"""Small helpers shared by the views."""

from __future__ import annotations

from typing import TypeVar

from PySide6 import QtCore

W = TypeVar("W", bound=QtCore.QObject)


def named(widget: W, name: str) -> W:
    """Give a widget its stable objectName (layouts, tests and style sheets find it by name)."""
    widget.setObjectName(name)
    return widget
