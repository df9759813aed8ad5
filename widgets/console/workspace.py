"""The docking workspace: panels as QtAds docks, layouts per workstation and screen arrangement.

Layouts are saved in QSettings under keys that include the workstation, the screen arrangement and
the Qt version (a state saved by another Qt build is not restored). A window whose screen is gone
is brought back onto a present screen.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import PySide6QtAds as ads
from PySide6 import QtCore, QtGui, QtWidgets

from widgets.console.desk_layout import (
    Placer,
    monitor_groups,
    one_monitor,
    ordered_screens,
    other_monitor,
    primary_monitor,
)

log = logging.getLogger(__name__)

PRESETS = ("dispatcher", "supervisor", "video wall")
A = ads.DockWidgetArea


def screen_signature() -> str:
    """The arrangement of the screens present now, e.g. ``1920x1080+0+0_1920x1080+1920+0``."""
    geos = sorted(
        (s.geometry().x(), s.geometry().y(), s.geometry().width(), s.geometry().height())
        for s in QtGui.QGuiApplication.screens()
    )
    return "_".join(f"{w}x{h}+{x}+{y}" for x, y, w, h in geos) or "none"


def layout_key(workstation: str, name: str = "current") -> str:
    qt = QtCore.qVersion().replace(".", "_")
    return f"layout/{workstation or 'default'}/{screen_signature()}/qt{qt}/{name}"


class Workspace(QtCore.QObject):
    """Owns the dock manager of a main window and every panel dock in it."""

    def __init__(
        self, window: QtWidgets.QMainWindow, settings: QtCore.QSettings, workstation: str
    ) -> None:
        super().__init__(window)
        self.window = window
        self.settings = settings
        self.workstation = workstation
        ads.CDockManager.setConfigFlag(ads.CDockManager.eConfigFlag.FocusHighlighting, True)
        ads.CDockManager.setConfigFlag(ads.CDockManager.eConfigFlag.OpaqueSplitterResize, True)
        ads.CDockManager.setConfigFlag(ads.CDockManager.eConfigFlag.XmlCompressionEnabled, False)
        ads.CDockManager.setConfigFlag(ads.CDockManager.eConfigFlag.DockAreaHasUndockButton, True)
        # Full tab titles (Police and Power both elided to "P…" looked the same); a crowded
        # area scrolls its tabs and lists them in its tabs menu instead.
        ads.CDockManager.setConfigFlag(ads.CDockManager.eConfigFlag.DisableTabTextEliding, True)
        self.manager = ads.CDockManager(window)
        self.manager.setObjectName("DockManager")
        self.docks: dict[str, ads.CDockWidget] = {}
        self._last_focused = ""
        self.preset = "dispatcher"
        self.manager.focusedDockWidgetChanged.connect(self._focused)

    # --- panels -----------------------------------------------------------------------------------
    def add_panel(self, key: str, title: str, widget: QtWidgets.QWidget) -> ads.CDockWidget:
        dock = ads.CDockWidget(self.manager, title)
        dock.setObjectName(f"dock-{key}")
        dock.setWidget(widget)
        dock.setFeature(ads.CDockWidget.DockWidgetFeature.DockWidgetDeleteOnClose, False)
        self.docks[key] = dock
        return dock

    def dock(self, key: str) -> ads.CDockWidget | None:
        return self.docks.get(key)

    def _focused(self, _old: ads.CDockWidget | None, new: ads.CDockWidget | None) -> None:
        if new is not None:
            for key, d in self.docks.items():
                if d is new:
                    self._last_focused = key

    @property
    def current_key(self) -> str:
        return self._last_focused

    # --- presets ----------------------------------------------------------------------------------
    def apply_preset(self, name: str) -> None:
        """Arrange the docks for a role (dispatcher, supervisor or video wall) over the monitors
        present: one, two or three (more are left for "send to monitor N")."""
        m = self.manager
        for d in self.docks.values():
            if d.dockAreaWidget() is not None:
                m.removeDockWidget(d)
        for fw in list(m.floatingWidgets()):
            if not fw.dockWidgets():
                fw.hide()  # an emptied window of the previous arrangement
        screens = ordered_screens()
        monitors = max(1, min(3, len(screens)))
        groups = monitor_groups(name, monitors, list(self.docks))
        placer = Placer(m, self.docks)
        if monitors == 1:
            w = max(1200, self.window.width())
            h = max(700, self.window.height() - 120)
            one_monitor(placer, name, w, h)
        else:
            avail = screens[0].availableGeometry()
            self.window.setGeometry(avail)
            primary_monitor(placer, groups[0], name, avail.width(), avail.height() - 120)
            for screen, keys in zip(screens[1:monitors], groups[1:], strict=False):
                other_monitor(placer, keys, name, screen.availableGeometry())
        if "timeline" in self.docks:
            placer.put("timeline", A.TopDockWidgetArea)
        # Every panel stays registered with the manager (so the View menu and saved layouts
        # know it), even one a preset does not show.
        for d in self.docks.values():
            if d.dockAreaWidget() is None:
                m.addDockWidget(A.CenterDockWidgetArea, d)
                d.toggleView(False)
        self.preset = name
        self.settings.setValue(f"preset/{self.workstation}", name)
        self.fit_to_screens()

    def fit_to_screens(self) -> list[QtWidgets.QWidget]:
        """Shrink every window that is larger than the monitor it is on back into that monitor
        (returns the windows changed)."""
        changed: list[QtWidgets.QWidget] = []
        for w in [self.window, *self.manager.floatingWidgets()]:
            screen = QtGui.QGuiApplication.screenAt(w.frameGeometry().center()) or w.screen()
            if screen is None:
                continue
            avail = screen.availableGeometry()
            geo = w.geometry()
            if avail.contains(geo):
                continue
            size = geo.size().boundedTo(avail.size())
            x = min(max(geo.x(), avail.left()), avail.right() + 1 - size.width())
            y = min(max(geo.y(), avail.top()), avail.bottom() + 1 - size.height())
            w.setGeometry(QtCore.QRect(QtCore.QPoint(x, y), size))
            changed.append(w)
        return changed

    # --- persistence ------------------------------------------------------------------------------
    def save(self, name: str = "current") -> str:
        key = layout_key(self.workstation, name)
        self.settings.setValue(key + "/docks", self.manager.saveState())
        self.settings.setValue(key + "/window", self.window.saveGeometry())
        # Remember the newest layout too: used when this screen arrangement has none of its own.
        self.settings.setValue(f"layout/{self.workstation or 'default'}/newest/{name}", key)
        self.settings.sync()
        log.info("layout saved under %s", key)
        return key

    def restore(self, name: str = "current") -> bool:
        key = layout_key(self.workstation, name)
        if self.settings.value(key + "/docks") is None:
            newest = self.settings.value(f"layout/{self.workstation or 'default'}/newest/{name}")
            qt_part = layout_key(self.workstation, name).split("/")[-2]
            if not newest or f"/{qt_part}/" not in str(newest):
                return False  # nothing saved, or saved by another Qt version
            key = str(newest)
            log.info("no layout for this screen arrangement; using %s", key)
        docks = self.settings.value(key + "/docks")
        geom = self.settings.value(key + "/window")
        if docks is None:
            return False
        if geom is not None:
            self.window.restoreGeometry(QtCore.QByteArray(geom))
        ok = bool(self.manager.restoreState(QtCore.QByteArray(docks)))
        self.ensure_on_screen()
        return ok

    def ensure_on_screen(self) -> list[QtWidgets.QWidget]:
        """Move every top-level window whose centre is on no screen onto the primary screen."""
        moved: list[QtWidgets.QWidget] = []
        tops: list[QtWidgets.QWidget] = [self.window, *self.manager.floatingWidgets()]
        primary = QtGui.QGuiApplication.primaryScreen()
        if primary is None:
            return moved
        avail = primary.availableGeometry()
        for w in tops:
            center = w.frameGeometry().center()
            if QtGui.QGuiApplication.screenAt(center) is None:
                size = w.size().boundedTo(avail.size())
                w.resize(size)
                w.move(avail.center() - QtCore.QPoint(size.width() // 2, size.height() // 2))
                moved.append(w)
                log.info(
                    "window %s was on a screen that is gone; moved to the primary screen",
                    w.objectName(),
                )
        return moved

    # --- monitors ---------------------------------------------------------------------------------
    def send_to_monitor(self, key: str, index: int) -> bool:
        """Show the panel ``key`` on monitor ``index`` (0-based, primary first).

        A monitor that already shows panels gets this one tiled beside them (the largest panel
        there is split along its longer side); an empty monitor gets a new window filling it.
        """
        screens = ordered_screens()
        dock = self.docks.get(key)
        if dock is None or not 0 <= index < len(screens):
            return False
        screen = screens[index]
        dock.toggleView(True)
        host = self._container_on(screen, exclude=dock)
        m = self.manager
        if host is None:
            container = dock.floatingDockContainer()
            if container is None or len(container.dockWidgets()) > 1:
                m.removeDockWidget(dock)
                container = m.addDockWidgetFloating(dock)
            container.setGeometry(screen.availableGeometry())
            container.show()
            return True
        areas = [a for a in host.openedDockAreas() if dock not in a.dockWidgets()]
        if not areas:
            return False
        target = max(areas, key=lambda a: a.width() * a.height())
        side = (
            A.RightDockWidgetArea if target.width() >= target.height() else A.BottomDockWidgetArea
        )
        m.removeDockWidget(dock)
        m.addDockWidget(side, dock, target)
        dock.toggleView(True)
        self.fit_to_screens()
        return True

    def _container_on(
        self, screen: QtGui.QScreen, exclude: ads.CDockWidget
    ) -> ads.CDockContainerWidget | None:
        """The dock container already showing panels on ``screen`` (main window or floating)."""
        candidates: list[tuple[QtWidgets.QWidget, ads.CDockContainerWidget]] = [
            (self.window, self.manager)
        ]
        for fw in self.manager.floatingWidgets():
            if fw.isVisible():
                candidates.append((fw, fw.dockContainer()))
        for top, container in candidates:
            others = [d for d in container.openedDockWidgets() if d is not exclude]
            if others and QtGui.QGuiApplication.screenAt(top.frameGeometry().center()) is screen:
                return container
        return None

    def monitor_actions(self, parent: QtWidgets.QMenu, current: Callable[[], str]) -> None:
        for n, screen in enumerate(ordered_screens()):
            act = parent.addAction(
                self.tr("Send current panel to monitor %1 (%2)")
                .replace("%1", str(n + 1))
                .replace("%2", screen.name())
            )
            act.setShortcut(QtGui.QKeySequence(f"Ctrl+Shift+{n + 1}"))
            act.triggered.connect(lambda _c=False, i=n: self.send_to_monitor(current(), i))
