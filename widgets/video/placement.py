"""Moving a widget out of the console onto a monitor of its own, and back where it was."""

from __future__ import annotations

import logging

from PySide6 import QtCore, QtGui, QtWidgets

log = logging.getLogger(__name__)

Home = tuple[QtWidgets.QWidget | None, int]  # former parent, position in it (-1 unknown)


def home_of(widget: QtWidgets.QWidget) -> Home:
    parent = widget.parentWidget()
    if isinstance(parent, QtWidgets.QSplitter):
        return parent, parent.indexOf(widget)
    lay = parent.layout() if parent is not None else None
    return parent, (lay.indexOf(widget) if lay is not None else -1)


def show_full_screen_on(widget: QtWidgets.QWidget, index: int, title: str) -> None:
    """Make ``widget`` a full-screen top-level window on ``QGuiApplication.screens()[index]``."""
    screens = QtGui.QGuiApplication.screens()
    if not 0 <= index < len(screens):
        raise ValueError(f"monitor {index + 1} does not exist; {len(screens)} connected")
    if not widget.isWindow():
        widget.setParent(None, QtCore.Qt.WindowType.Window)
    screen = screens[index]
    widget.setWindowTitle(title)
    widget.setScreen(screen)
    widget.setGeometry(screen.geometry())
    widget.showFullScreen()


def put_back(widget: QtWidgets.QWidget, home: Home) -> None:
    """Return ``widget`` (a top-level window now) to ``home``."""
    parent, pos = home
    widget.showNormal()
    if parent is None:
        widget.setParent(None, QtCore.Qt.WindowType.Widget)
    elif isinstance(parent, QtWidgets.QSplitter):
        parent.insertWidget(pos if pos >= 0 else parent.count(), widget)
    elif hasattr(parent, "setWidget"):
        parent.setWidget(widget)  # dock widgets and scroll areas
    else:
        widget.setParent(parent, QtCore.Qt.WindowType.Widget)
        lay = parent.layout()
        if isinstance(lay, QtWidgets.QBoxLayout) and pos >= 0:
            lay.insertWidget(pos, widget)
        elif lay is not None:
            lay.addWidget(widget)
    widget.show()
