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

log = logging.getLogger(__name__)

PRESETS = ("dispatcher", "supervisor", "video wall")


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
        """Arrange the docks for a role: dispatcher, supervisor or video wall."""
        m = self.manager
        A = ads.DockWidgetArea
        present = {k: d for k, d in self.docks.items()}
        for d in present.values():
            if d.dockAreaWidget() is not None:
                m.removeDockWidget(d)

        def put(
            key: str, area: ads.DockWidgetArea, target: ads.CDockAreaWidget | None = None
        ) -> ads.CDockAreaWidget | None:
            d = present.get(key)
            if d is None:
                return target
            d.toggleView(True)
            return (
                m.addDockWidget(area, d, target) if target is not None else m.addDockWidget(area, d)
            )

        def tab(key: str, target: ads.CDockAreaWidget | None) -> None:
            d = present.get(key)
            if d is not None and target is not None:
                d.toggleView(True)
                m.addDockWidgetTabToArea(d, target)

        resource_keys = [k for k in present if k.startswith("resources-")]
        w = max(1200, self.window.width())
        h = max(700, self.window.height() - 120)
        if name == "video wall":
            # One monitor of video: the wall fills it; queue and detail on a narrow side column.
            wall = put("video", A.CenterDockWidgetArea)
            side = put("queue", A.RightDockWidgetArea)
            put("map", A.BottomDockWidgetArea, side)
            tab("detail", side)
            for k in (
                "intake",
                "recommend",
                "evaluation",
                "dashboard",
                "refusals",
                "board",
                "audit",
                *resource_keys,
            ):
                d = present.get(k)
                if d is not None and side is not None:
                    m.addDockWidgetTabToArea(d, side)
                    d.toggleView(False)  # closed, still in the View menu
            self._sizes(wall, [int(w * 0.72), int(w * 0.28)])
        elif name == "supervisor":
            # Overview: queue and map side by side, detail and every agency below.
            queue = put("queue", A.CenterDockWidgetArea)
            right = put("map", A.RightDockWidgetArea)
            bottom = put("detail", A.BottomDockWidgetArea, queue)
            for k in (
                "recommend",
                *resource_keys,
                "evaluation",
                "dashboard",
                "refusals",
                "board",
                "audit",
                "intake",
            ):
                tab(k, bottom)
            below_map = put("video", A.BottomDockWidgetArea, right)
            self._sizes(queue, [int(h * 0.55), int(h * 0.45)])
            self._sizes(right, [int(h * 0.6), int(h * 0.4)])
            self._root([int(w * 0.55), int(w * 0.45)])
            del below_map
        else:
            # Dispatcher: intake and detail left, queue and resources centre, map and video right.
            queue = put("queue", A.CenterDockWidgetArea)
            left = put("intake", A.LeftDockWidgetArea)
            detail = put("detail", A.BottomDockWidgetArea, left)
            bottom = put("recommend", A.BottomDockWidgetArea, queue)
            for k in (
                *resource_keys,
                "evaluation",
                "dashboard",
                "refusals",
                "board",
                "audit",
                "admin",
            ):
                tab(k, bottom)
            right = put("map", A.RightDockWidgetArea)
            put("video", A.BottomDockWidgetArea, right)
            self._sizes(queue, [int(h * 0.55), int(h * 0.45)])
            self._sizes(right, [int(h * 0.58), int(h * 0.42)])
            self._sizes(left, [int(h * 0.42), int(h * 0.58)])
            self._root([int(w * 0.25), int(w * 0.40), int(w * 0.35)])
            del detail
            if bottom is not None and present.get("recommend") is not None:
                bottom.setCurrentDockWidget(present["recommend"])
        if "timeline" in present:
            put("timeline", A.TopDockWidgetArea)
        # Every panel stays registered with the manager (so the View menu and saved layouts
        # know it), even one a preset does not show.
        for d in present.values():
            if d.dockAreaWidget() is None:
                m.addDockWidget(A.CenterDockWidgetArea, d)
                d.toggleView(False)
        self.preset = name
        self.settings.setValue(f"preset/{self.workstation}", name)

    def _sizes(self, area: ads.CDockAreaWidget | None, sizes: list[int]) -> None:
        if area is not None:
            self.manager.setSplitterSizes(area, sizes)

    def _root(self, sizes: list[int]) -> None:
        root = self.manager.rootSplitter()
        if root is not None and root.count() == len(sizes):
            root.setSizes(sizes)

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
        """Float the panel ``key`` and fill monitor ``index`` (0-based) with it."""
        screens = QtGui.QGuiApplication.screens()
        dock = self.docks.get(key)
        if dock is None or not 0 <= index < len(screens):
            return False
        dock.toggleView(True)
        if not dock.isFloating():
            dock.setFloating()
        container = dock.floatingDockContainer()
        if container is None:
            return False
        geo = screens[index].availableGeometry()
        container.setGeometry(geo)
        container.show()
        return True

    def monitor_actions(self, parent: QtWidgets.QMenu, current: Callable[[], str]) -> None:
        for n, screen in enumerate(QtGui.QGuiApplication.screens()):
            act = parent.addAction(f"Send current panel to monitor {n + 1} ({screen.name()})")
            act.setShortcut(QtGui.QKeySequence(f"Ctrl+Shift+{n + 1}"))
            act.triggered.connect(lambda _c=False, i=n: self.send_to_monitor(current(), i))
