"""The video wall's toolbar: layout buttons, Fill wall (F), presets, send to monitor."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6 import QtCore, QtGui, QtWidgets

from widgets.video.presets import LAYOUTS

if TYPE_CHECKING:
    from widgets.video.wall import VideoWall

log = logging.getLogger(__name__)

TOOLBAR_STYLE = (
    "QToolBar{background:#14181d;border:0;spacing:4px}"
    "QToolButton{color:#f5f7fa;padding:2px 6px;background:transparent}"
    "QToolButton:hover{background:#2a313a}"
    "QToolButton:checked{background:#2ea8ff;color:#000;font-weight:bold}"
    "QComboBox{background:#0b0d10;color:#f5f7fa;border:1px solid #3a4350;padding:1px 4px}"
    "QComboBox QAbstractItemView{background:#0b0d10;color:#f5f7fa}"
)


@dataclass
class WallToolbar:
    toolbar: QtWidgets.QToolBar
    layout_actions: dict[int, QtGui.QAction]
    fill_action: QtGui.QAction
    preset_box: QtWidgets.QComboBox


def build_toolbar(wall: VideoWall) -> WallToolbar:
    tb = QtWidgets.QToolBar(QtCore.QCoreApplication.translate("VideoWall", "Video wall"), wall)
    tb.setObjectName("videoWallToolbar")
    tb.setStyleSheet(TOOLBAR_STYLE)
    layout_actions: dict[int, QtGui.QAction] = {}
    group = QtGui.QActionGroup(tb)
    for n in LAYOUTS:
        act = tb.addAction(f"{n}")
        act.setCheckable(True)
        act.setToolTip(
            QtCore.QCoreApplication.translate("VideoWall", "Show %1 tile(s)").replace("%1", str(n))
        )
        act.triggered.connect(lambda _=False, n=n: wall.set_layout(n))
        group.addAction(act)
        layout_actions[n] = act
    tb.addSeparator()
    fill = tb.addAction(QtCore.QCoreApplication.translate("VideoWall", "Fill wall"))
    fill.setObjectName("fillWallAction")
    fill.setShortcut(QtGui.QKeySequence("F"))
    fill.setShortcutContext(QtCore.Qt.ShortcutContext.WidgetWithChildrenShortcut)
    fill.triggered.connect(wall.fill_from_incident)
    tb.addSeparator()
    box = QtWidgets.QComboBox(tb)
    box.setObjectName("presetBox")
    box.setEditable(True)
    box.setMinimumWidth(120)
    edit = box.lineEdit()
    if edit is not None:
        edit.setPlaceholderText(QtCore.QCoreApplication.translate("VideoWall", "Preset name"))
    tb.addWidget(box)
    tb.addAction(
        QtCore.QCoreApplication.translate("VideoWall", "Load"),
        lambda: wall.run_safely(wall.load_preset, box.currentText()),
    )
    tb.addAction(
        QtCore.QCoreApplication.translate("VideoWall", "Save"),
        lambda: wall.run_safely(wall.save_preset, box.currentText()),
    )
    tb.addAction(
        QtCore.QCoreApplication.translate("VideoWall", "Delete"),
        lambda: wall.run_safely(wall.delete_preset, box.currentText()),
    )
    tb.addSeparator()
    monitor = QtWidgets.QToolButton(tb)
    monitor.setText(QtCore.QCoreApplication.translate("VideoWall", "Send to monitor"))
    monitor.setPopupMode(QtWidgets.QToolButton.ToolButtonPopupMode.InstantPopup)
    menu = QtWidgets.QMenu(monitor)
    menu.aboutToShow.connect(lambda: _fill_monitor_menu(wall, menu))
    monitor.setMenu(menu)
    tb.addWidget(monitor)
    return WallToolbar(tb, layout_actions, fill, box)


def _fill_monitor_menu(wall: VideoWall, menu: QtWidgets.QMenu) -> None:
    menu.clear()
    for i, screen in enumerate(QtGui.QGuiApplication.screens()):
        g = screen.geometry()
        text = QtCore.QCoreApplication.translate("VideoWall", "Monitor %1: %2 (%3x%4)")
        act = menu.addAction(
            text.replace("%1", str(i + 1))
            .replace("%2", screen.name())
            .replace("%3", str(g.width()))
            .replace("%4", str(g.height()))
        )
        act.triggered.connect(lambda _=False, i=i: wall.run_safely(wall.send_to_screen, i))
    if wall.home is not None:
        menu.addSeparator()
        menu.addAction(
            QtCore.QCoreApplication.translate("VideoWall", "Back to console (Esc)"),
            wall.return_from_screen,
        )
