"""Where each panel goes for a preset on one, two or three monitors.

One monitor: everything in the main window. Two: queue, intake, detail and recommendations with
the command line (the main window) on the primary monitor; map, video wall and the agency panels
in a window filling the second. Three: the second monitor gets the map and the agencies, the third
the video wall. Each monitor beyond the first is one floating dock container sized to that
monitor's available area, so it behaves like a second main window (panels can be rearranged,
closed and restored with the layout).
"""

from __future__ import annotations

import logging
from typing import TypeAlias

import PySide6QtAds as ads
from PySide6 import QtCore, QtGui

log = logging.getLogger(__name__)

A = ads.DockWidgetArea
Area: TypeAlias = "ads.CDockAreaWidget | None"

PRIMARY_KEYS = ("queue", "intake", "detail", "recommend")  # i18n: ignore (panel ids)


def ordered_screens() -> list[QtGui.QScreen]:
    """The primary monitor first, then the others left to right (monitor 1, 2, 3 ...)."""
    screens = QtGui.QGuiApplication.screens()
    primary = QtGui.QGuiApplication.primaryScreen()
    rest = sorted(
        (s for s in screens if s is not primary),
        key=lambda s: (s.geometry().x(), s.geometry().y()),
    )
    return ([primary] if primary is not None else []) + rest


def monitor_groups(preset: str, monitors: int, keys: list[str]) -> list[list[str]]:
    """The panel keys for each monitor (first = the main window's). Keys a preset does not place
    (the replay timeline) stay with the main window."""
    agencies = [k for k in keys if k.startswith("resources-")]
    if monitors <= 1:
        return [list(keys)]
    primary = [k for k in keys if k in PRIMARY_KEYS or k == "timeline"]
    # The command board, department scores and audit trail tab with the agencies.
    extra = ("evaluation", "dashboard", "board", "audit", "admin", "alerts")
    if monitors == 2:
        second = [k for k in ("map", "video", *agencies, *extra) if k in keys]
        groups = [primary, second]
    else:
        second = [k for k in ("map", *agencies, *extra) if k in keys]
        third = [k for k in ("video",) if k in keys]
        groups = [primary, second, third]
    placed = {k for g in groups for k in g}
    groups[0] += [k for k in keys if k not in placed]
    return groups


class Placer:
    """Adds docks to the manager for one arrangement (helpers shared by the presets)."""

    def __init__(self, manager: ads.CDockManager, docks: dict[str, ads.CDockWidget]) -> None:
        self.m = manager
        self.docks = docks

    def put(self, key: str, area: ads.DockWidgetArea, target: Area = None) -> Area:
        d = self.docks.get(key)
        if d is None:
            return target
        d.toggleView(True)
        if target is not None:
            return self.m.addDockWidget(area, d, target)
        return self.m.addDockWidget(area, d)

    def tab(self, key: str, target: Area, shown: bool = True) -> None:
        d = self.docks.get(key)
        if d is not None and target is not None:
            d.toggleView(True)
            self.m.addDockWidgetTabToArea(d, target)
            if not shown:
                d.toggleView(False)  # closed, still in the View menu

    def float(self, key: str, geometry: QtCore.QRect) -> Area:
        """A new window for ``key`` covering ``geometry`` (a monitor's available area)."""
        d = self.docks.get(key)
        if d is None:
            return None
        d.toggleView(True)
        fw = self.m.addDockWidgetFloating(d)
        fw.setGeometry(geometry)
        fw.show()
        return d.dockAreaWidget()

    def sizes(self, area: Area, sizes: list[int]) -> None:
        if area is not None:
            self.m.setSplitterSizes(area, sizes)

    def root(self, sizes: list[int]) -> None:
        root = self.m.rootSplitter()
        if root is not None and root.count() == len(sizes):
            root.setSizes(sizes)

    def first(self, *areas: Area) -> Area:
        return next((a for a in areas if a is not None), None)


def one_monitor(p: Placer, preset: str, w: int, h: int) -> None:
    """Every panel in the main window."""
    agencies = [k for k in p.docks if k.startswith("resources-")]
    if preset == "video wall":
        # The wall fills most of the monitor; the map keeps a real share of the side column
        # (half its height) with the queue and detail tabbed below it.
        wall = p.put("video", A.CenterDockWidgetArea)
        side = p.put("map", A.RightDockWidgetArea)
        below = p.put("queue", A.BottomDockWidgetArea, side)
        p.tab("detail", below)
        for k in (
            "intake",
            "recommend",
            "evaluation",
            "dashboard",
            "refusals",
            "board",
            "audit",
            "admin",
            *agencies,
        ):
            p.tab(k, below, shown=False)
        p.sizes(wall, [int(w * 0.66), int(w * 0.34)])
        p.sizes(side, [int(h * 0.5), int(h * 0.5)])
        if below is not None and "queue" in p.docks:
            below.setCurrentDockWidget(p.docks["queue"])
    elif preset == "supervisor":
        # Overview: queue and map side by side, detail and every agency below.
        queue = p.put("queue", A.CenterDockWidgetArea)
        right = p.put("map", A.RightDockWidgetArea)
        bottom = p.put("detail", A.BottomDockWidgetArea, queue)
        for k in (
            "recommend",
            *agencies,
            "evaluation",
            "dashboard",
            "refusals",
            "board",
            "audit",
            "admin",
            "intake",
        ):
            p.tab(k, bottom)
        p.put("video", A.BottomDockWidgetArea, right)
        p.sizes(queue, [int(h * 0.55), int(h * 0.45)])
        p.sizes(right, [int(h * 0.6), int(h * 0.4)])
        p.root([int(w * 0.55), int(w * 0.45)])
    else:
        # Dispatcher: intake and detail left, queue and resources centre, map and video right.
        queue = p.put("queue", A.CenterDockWidgetArea)
        left = p.put("intake", A.LeftDockWidgetArea)
        p.put("detail", A.BottomDockWidgetArea, left)
        bottom = p.put("recommend", A.BottomDockWidgetArea, queue)
        for k in (*agencies, "evaluation", "refusals", "board", "audit", "admin"):
            p.tab(k, bottom)
        right = p.put("map", A.RightDockWidgetArea)
        p.put("video", A.BottomDockWidgetArea, right)
        p.sizes(queue, [int(h * 0.55), int(h * 0.45)])
        p.sizes(right, [int(h * 0.58), int(h * 0.42)])
        p.sizes(left, [int(h * 0.42), int(h * 0.58)])
        p.root([int(w * 0.25), int(w * 0.40), int(w * 0.35)])
        if bottom is not None and "recommend" in p.docks:
            bottom.setCurrentDockWidget(p.docks["recommend"])


def primary_monitor(p: Placer, keys: list[str], preset: str, w: int, h: int) -> None:
    """The main window when other monitors take the map, video and agencies: the case loop."""
    docks = {k: d for k, d in p.docks.items() if k in keys}
    q = Placer(p.m, docks)
    queue = q.put("queue", A.CenterDockWidgetArea)
    left = q.put("intake", A.LeftDockWidgetArea)
    detail = q.put("detail", A.BottomDockWidgetArea, left)
    bottom = q.put("recommend", A.BottomDockWidgetArea, queue)
    for k in keys:
        if k not in PRIMARY_KEYS and k != "timeline":
            q.tab(k, q.first(bottom, queue, detail))
    share = 0.55 if preset == "supervisor" else 0.6
    q.sizes(queue, [int(h * share), int(h * (1 - share))])
    q.sizes(left, [int(h * 0.45), int(h * 0.55)])
    q.root([int(w * 0.38), int(w * 0.62)])
    if bottom is not None and "recommend" in docks:
        bottom.setCurrentDockWidget(docks["recommend"])


def other_monitor(
    p: Placer, keys: list[str], preset: str, geometry: QtCore.QRect
) -> ads.CFloatingDockContainer | None:
    """One window filling ``geometry`` with ``keys`` tiled (never stacked on each other)."""
    if not keys:
        return None
    w, h = geometry.width(), geometry.height()
    agencies = [
        k
        for k in keys
        if k.startswith("resources-") or k in ("evaluation", "board", "audit", "admin")
    ]
    has = set(keys)
    if "video" in has and "map" in has:
        if preset == "video wall":
            wall = p.float("video", geometry)
            side = p.put("map", A.RightDockWidgetArea, wall)
            low = p.put(agencies[0], A.BottomDockWidgetArea, side) if agencies else None
            p.sizes(wall, [int(w * 0.66), int(w * 0.34)])
            p.sizes(side, [int(h * 0.55), int(h * 0.45)])
        else:
            map_area = p.float("map", geometry)
            right = p.put("video", A.RightDockWidgetArea, map_area)
            low = p.put(agencies[0], A.BottomDockWidgetArea, right) if agencies else None
            p.sizes(map_area, [int(w * 0.55), int(w * 0.45)])
            p.sizes(right, [int(h * 0.55), int(h * 0.45)])
    elif "map" in has:
        map_area = p.float("map", geometry)
        low = p.put(agencies[0], A.BottomDockWidgetArea, map_area) if agencies else None
        p.sizes(map_area, [int(h * 0.62), int(h * 0.38)])
    else:
        first = p.float(keys[0], geometry)
        low = first
        agencies = [k for k in agencies if k != keys[0]]
        rest = [k for k in keys[1:] if k not in agencies]
        for k in rest:
            p.put(k, A.RightDockWidgetArea, first)
    for k in agencies[1:]:
        p.tab(k, low)
    if low is not None and agencies:
        low.setCurrentIndex(0)
    anchor = p.docks.get("video" if preset == "video wall" and "video" in has else keys[0])
    if "map" in has and not (preset == "video wall" and "video" in has):
        anchor = p.docks.get("map")
    return anchor.floatingDockContainer() if anchor is not None else None
