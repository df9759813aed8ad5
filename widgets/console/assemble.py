"""Builds the console window from the runtime services: every panel gets the same store,
selection and command path."""

from __future__ import annotations

import base64
import logging
import uuid
from dataclasses import dataclass
from typing import Any

from PySide6 import QtCore, QtWidgets

from app.console.cmdline import CommandLineParser
from app.console.i18n import QT_TRANSLATE_NOOP
from app.console.words import agency_name
from app.domain import commands as c
from app.domain.commands import CommandError
from app.domain.library import Library
from app.domain.runner import Command, command_incident, to_payload, type_name
from app.models.escalation_watch import EscalationWatch
from app.store.gateway import CommandGateway
from app.store.refusal import Refusal
from app.store.selection import Selection
from app.store.store import Store
from widgets.console.alert_player import AlertPlayer
from widgets.console.command_line import CommandLine
from widgets.console.main_window import MainWindow, Panel
from widgets.console.status_bar import ConsoleStatusBar
from widgets.queue.queue_view import QueueView

log = logging.getLogger(__name__)


class _ReadOnlyGateway:
    """Used when nothing may be changed (a plain replay): every command goes to the inbox."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def submit(self, command: Command, expected_version: int | None = None) -> str:
        command_id = str(uuid.uuid4())
        self._store.refusals.add(
            Refusal(
                command_id=command_id,
                at=self._store.now(),
                incident_id=command_incident(command, self._store.state),
                type=type_name(command),
                payload=to_payload(command),
                code="read_only",
                message="this console is read-only (replay)",  # translated where shown
                where="local",
            )
        )
        return command_id

    def refusal(self, *commands: Command) -> CommandError | None:
        return CommandError("read_only", "this console is read-only (replay)")


@dataclass
class Services:
    store: Store
    selection: Selection
    library: Library
    settings: QtCore.QSettings
    workstation: str
    gateway: CommandGateway | None = None
    status: Any = None  # app.sync.status.ConnectionStatus (None in a replay)
    locator: Any = None  # anything with locate(lat, lon); default: the state's own locator
    replay: Any = None  # app.replay session
    mode: str = ""  # REPLAY / TRAINING banner text


def build_console(services: Services, mute: bool = False) -> MainWindow:
    store, selection, library = services.store, services.selection, services.library
    gateway = services.gateway or _ReadOnlyGateway(store)
    gazetteer = _gazetteer(services)

    def geocode(text: str) -> tuple[float, float, str] | None:
        if gazetteer is None:
            return None
        hits = gazetteer.search(text, limit=1)
        return (hits[0].lat, hits[0].lon, hits[0].label) if hits else None

    def reverse(lat: float, lon: float) -> str:
        return gazetteer.reverse(lat, lon).label if gazetteer is not None else ""

    parser = CommandLineParser(
        lambda: store.state,
        library,
        selected_fn=lambda: selection.incident_id,
        geocode=geocode,
        reverse=reverse,
    )
    queue = QueueView(store, selection, library)
    command_line = CommandLine(parser, gateway, selection)
    status_bar = ConsoleStatusBar(store, services.status, mode=services.mode)
    locator = services.locator or StateLocator(store)
    common: dict[str, Any] = {"gazetteer": gazetteer, "locator": locator}
    panels = _panels(services, gateway, common)
    alerts = AlertPlayer(muted=mute)
    window = MainWindow(
        store,
        selection,
        queue,
        command_line,
        status_bar,
        panels,
        services.settings,
        services.workstation,
        alerts=alerts,
        title=QtCore.QCoreApplication.translate("Console", "CityOps — Replay")
        if services.replay is not None
        else "",
    )
    _wire(window, services, gateway)
    return window


def _panels(services: Services, gateway: CommandGateway, common: dict[str, Any]) -> list[Panel]:
    from widgets.detail.detail_panel import SHORTCUTS as DETAIL_KEYS
    from widgets.detail.detail_panel import IncidentDetail
    from widgets.intake.intake_panel import IntakePanel
    from widgets.intake.keys import SHORTCUTS as INTAKE_KEYS
    from widgets.map.map_widget import MapWidget
    from widgets.resources.recommendation_panel import SHORTCUTS as RECOMMEND_KEYS
    from widgets.resources.recommendation_panel import RecommendationPanel
    from widgets.resources.resource_panel import SHORTCUTS as RESOURCE_KEYS
    from widgets.resources.resource_panel import ResourcePanel
    from widgets.video.panel import VideoPanel

    store, selection, library = services.store, services.selection, services.library
    args = (store, selection, gateway, library)
    map_widget = MapWidget(store, selection)
    out = [
        Panel("map", QtCore.QCoreApplication.translate("Panels", "Map"), map_widget, MAP_KEYS),
        Panel(
            "detail",
            QtCore.QCoreApplication.translate("Panels", "Incident detail"),
            IncidentDetail(*args, **common),
            DETAIL_KEYS,
        ),
        Panel(
            "intake",
            QtCore.QCoreApplication.translate("Panels", "Intake (new call)"),
            IntakePanel(*args, **common),
            INTAKE_KEYS,
        ),
        Panel(
            "recommend",
            QtCore.QCoreApplication.translate("Panels", "Recommended units"),
            RecommendationPanel(*args, **common),
            RECOMMEND_KEYS,
        ),
    ]
    for n, agency in enumerate(sorted(store.state.agencies.values(), key=lambda a: a.id)):
        out.append(
            Panel(
                f"resources-{agency.id}",
                agency_name(agency.id),
                ResourcePanel(*args, agency.id, **common),
                RESOURCE_KEYS if n == 0 else [],
                # The keys work in every department's panel: not under the first one's name.
                section=QtCore.QCoreApplication.translate(
                    "Console", "Agency panels (every department)"
                ),
            )
        )
    from widgets.audit.audit_viewer import SHORTCUTS as AUDIT_KEYS
    from widgets.audit.audit_viewer import AuditViewer
    from widgets.command.command_board import CommandBoard
    from widgets.evaluation.evaluation_panel import EvaluationPanel
    from widgets.refusals.refusal_inbox import SHORTCUTS as INBOX_KEYS
    from widgets.refusals.refusal_inbox import RefusalInbox

    out.append(
        Panel(
            "refusals",
            QtCore.QCoreApplication.translate("Panels", "Refusals"),
            RefusalInbox(store, selection, gateway),
            INBOX_KEYS,
        )
    )
    out.append(
        Panel(
            "board",
            QtCore.QCoreApplication.translate("Panels", "Command board"),
            CommandBoard(store, selection, gateway),
            [],
        )
    )
    # The audit trail lives on the server: live desks ask it (the server checks the role).
    request = getattr(services.gateway, "admin", None) if services.replay is None else None
    out.append(
        Panel(
            "audit",
            QtCore.QCoreApplication.translate("Panels", "Audit"),
            AuditViewer(store, request),
            AUDIT_KEYS,
        )
    )
    from widgets.admin.admin_panel import AdminPanel

    out.append(
        Panel(
            "admin",
            QtCore.QCoreApplication.translate("Panels", "Administration"),
            AdminPanel(store, gateway, request),
            [],
        )
    )

    from widgets.alerts.alert_panel import AlertPanel

    out.append(
        Panel(
            "alerts",
            QtCore.QCoreApplication.translate("Panels", "Public warnings"),
            AlertPanel(store, selection, gateway),
            [],
        )
    )
    from widgets.inspectors.inspector_panel import InspectorPanel
    from widgets.inspectors.map_link import link_map

    inspectors = InspectorPanel(store, gateway)
    link_map(inspectors, map_widget)  # tracks and round coverage on the map
    title = QtCore.QCoreApplication.translate("Panels", "Inspectors")
    out.append(Panel("inspectors", title, inspectors, []))
    out.append(
        Panel(
            "evaluation",
            QtCore.QCoreApplication.translate("Panels", "Evaluation"),
            EvaluationPanel(store),
            [],
        )
    )
    from widgets.evaluation.dashboard import EvaluationDashboard

    dashboard = EvaluationDashboard(store, selection, gateway)
    dashboard.forecastShown.connect(map_widget.show_forecast)  # the hotspot layer
    dashboard.coverage.uncoveredShown.connect(map_widget.show_coverage)  # the coverage layer
    out.append(
        Panel(
            "dashboard",
            QtCore.QCoreApplication.translate("Panels", "Evaluation dashboard"),
            dashboard,
            [],
        )
    )
    replay_video = getattr(services.replay, "video", None)  # a replay shows recordings
    video = VideoPanel(
        store,
        selection,
        services.settings,
        _snapshot_sender(store, gateway),
        **({"streams": replay_video.choice} if replay_video is not None else {}),
    )
    out.append(
        Panel("video", QtCore.QCoreApplication.translate("Panels", "Video wall"), video, VIDEO_KEYS)
    )
    if services.replay is not None:
        from widgets.replay.timeline import TimelineWidget

        out.append(
            Panel(
                "timeline",
                QtCore.QCoreApplication.translate("Panels", "Replay timeline"),
                TimelineWidget(services.replay),
                REPLAY_KEYS,
            )
        )
    return out


MAP_KEYS: list[tuple[str, str]] = [
    (
        QT_TRANSLATE_NOOP("Keys", "Drag / arrows"),
        QT_TRANSLATE_NOOP("Keys", "Map: pan"),
    ),
    (
        QT_TRANSLATE_NOOP("Keys", "Wheel / + / -"),
        QT_TRANSLATE_NOOP("Keys", "Map: zoom around the cursor"),
    ),
    (
        QT_TRANSLATE_NOOP("Keys", "Right-click"),
        QT_TRANSLATE_NOOP(
            "Keys", "Map: new incident here, dispatch nearest unit, cameras covering a point"
        ),
    ),
    (
        QT_TRANSLATE_NOOP("Keys", "Click"),
        QT_TRANSLATE_NOOP("Keys", "Map: select an incident (queue and detail follow)"),
    ),
    (
        "L",
        QT_TRANSLATE_NOOP("Keys", "Map: show / hide the legend"),
    ),
    (
        "Ctrl+F",
        QT_TRANSLATE_NOOP("Keys", "Map: find an address, corner or landmark; Enter centres on it"),
    ),
]
VIDEO_KEYS: list[tuple[str, str]] = [
    (
        "F",
        QT_TRANSLATE_NOOP(
            "Keys", "Video: fill the wall with the cameras covering the selected incident"
        ),
    ),
    (
        QT_TRANSLATE_NOOP("Keys", "Double-click"),
        QT_TRANSLATE_NOOP("Keys", "Video: maximise a tile / back to the grid"),
    ),
    (
        QT_TRANSLATE_NOOP("Keys", "Drag a camera"),
        QT_TRANSLATE_NOOP("Keys", "Video: from the camera list onto a tile"),
    ),
]
REPLAY_KEYS: list[tuple[str, str]] = [
    (
        "Space",
        QT_TRANSLATE_NOOP("Keys", "Replay: play / pause (timeline focused)"),
    ),
    (
        "Right",
        QT_TRANSLATE_NOOP("Keys", "Replay: step to the next event"),
    ),
]


def _snapshot_sender(store: Store, gateway: CommandGateway) -> Any:
    def send(incident_id: str, camera_id: str, png: bytes) -> None:
        cam = store.state.cameras.get(camera_id)
        name = cam.name if cam else camera_id
        gateway.submit(
            c.AddNote(
                incident_id=incident_id,
                text=QtCore.QCoreApplication.translate("Console", "Snapshot from %1").replace(
                    "%1", name
                ),
                kind="snapshot",
                attachment=base64.b64encode(png).decode("ascii"),
            ),
        )

    return send


def _wire(window: MainWindow, services: Services, gateway: CommandGateway) -> None:
    if services.replay is not None:
        # One clock: the status bar follows the replay's ticks (at 600x a 1 s refresh would lag
        # ten minutes behind the timeline).
        services.replay.driver.clockChanged.connect(lambda _t: window.status.refresh_clock())
        # Recordings start at the replay's time: again when it plays on after a pause.
        video_panel = window.panels.get("video")
        if video_panel is not None:
            wall = video_panel.widget.wall  # type: ignore[attr-defined]
            services.replay.driver.playingChanged.connect(lambda on: on and wall.resync())
    window.status.inboxRequested.connect(lambda: window.focus_panel("refusals"))
    watch = EscalationWatch(services.store, window)

    def escalated(incident_id: str, stage: str, level: int) -> None:
        # Only the people the notice names get here (EscalationWatch filters): sound + status.
        inc = services.store.state.incidents.get(incident_id)
        number = inc.number if inc is not None else incident_id
        text = QtCore.QCoreApplication.translate("Console", "⚠ Escalation L%1 on %2 (%3)")
        window.status.announce(
            text.replace("%1", str(level)).replace("%2", number).replace("%3", stage),
            "#ffd84d",
        )
        window.alerts.play()

    watch.noticed.connect(escalated)
    """Connect the panels' intents: map <-> intake, detail/map -> video wall, map -> dispatch."""
    from app.console.resources import recommend_units
    from app.video.coverage import cameras_covering

    store, selection, library = services.store, services.selection, services.library
    panels = window.panels
    map_w = panels["map"].widget
    intake = panels["intake"].widget
    detail = panels["detail"].widget
    video = panels["video"].widget

    def to_intake(lat: float, lon: float) -> None:
        intake.set_location(lat, lon, "")  # type: ignore[attr-defined]
        window.focus_panel("intake")

    def pick() -> None:
        map_w.set_pick_mode(True)  # type: ignore[attr-defined]
        window.focus_panel("map")

    def picked(lat: float, lon: float) -> None:
        intake.set_location(lat, lon, "")  # type: ignore[attr-defined]
        window.focus_panel("intake")

    def fill_wall(ids: list[str]) -> None:
        if ids:
            video.wall.fill_with(list(ids))  # type: ignore[attr-defined]
            window.focus_panel("video")

    def cameras_at(lat: float, lon: float) -> None:
        hits = cameras_covering(lat, lon, list(store.state.cameras.values()), 16)
        if hits:
            fill_wall([c.id for c, _d in hits])
        else:
            window.status.announce(
                QtCore.QCoreApplication.translate("Console", "no camera covers that point")
            )

    def dispatch_nearest(lat: float, lon: float) -> None:
        inc = store.state.incidents.get(selection.incident_id)
        if inc is None or not inc.is_open():
            window.status.announce(
                QtCore.QCoreApplication.translate(
                    "Console", "select an open incident first, then dispatch the nearest unit"
                )
            )
            return
        cat = library.by_code.get(inc.category)
        # Nearest by road (one routed search from the point), straight line where unreachable.
        recs = recommend_units(
            store.state, cat.capabilities if cat else [], lat, lon, store.now(), top_n=1
        )
        if not recs:
            window.status.announce(
                QtCore.QCoreApplication.translate(
                    "Console", "no available unit with the required capability"
                )
            )
            return
        gateway.submit(c.AssignUnits(incident_id=inc.id, unit_ids=[recs[0].unit_id]))
        text = QtCore.QCoreApplication.translate("Console", "dispatching %1")
        window.status.announce(text.replace("%1", recs[0].reason))

    wall = video.wall  # type: ignore[attr-defined]
    if not any(wall.assignments()) and store.state.cameras:
        # A wall is never blank on start: the first cameras until an incident asks for others.
        first = sorted(store.state.cameras.values(), key=lambda c: c.name)[: wall.layout_count]
        wall.fill_with([c.id for c in first])
    map_w.newIncidentRequested.connect(to_intake)  # type: ignore[attr-defined]
    if "recommend" in panels:
        # The selected recommendation's drive to the incident, drawn on the map.
        panels["recommend"].widget.routeChanged.connect(map_w.set_route)  # type: ignore[attr-defined]
    map_w.locationPicked.connect(picked)  # type: ignore[attr-defined]
    map_w.camerasAtRequested.connect(cameras_at)  # type: ignore[attr-defined]
    map_w.dispatchNearestRequested.connect(dispatch_nearest)  # type: ignore[attr-defined]
    intake.pickOnMapRequested.connect(pick)  # type: ignore[attr-defined]
    detail.camerasRequested.connect(fill_wall)  # type: ignore[attr-defined]
    QtWidgets.QApplication.instance().aboutToQuit.connect(video.shutdown)  # type: ignore[attr-defined, union-attr]


class StateLocator:
    """The state's one locator (from its ``grid_loaded`` reference data), as the server uses it."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def locate(self, lat: float, lon: float) -> tuple[str, str]:
        return self._store.state.rules().locate(lat, lon)


def _gazetteer(services: Services) -> Any:
    try:
        from app.geo.gazetteer import Gazetteer

        return Gazetteer(locator=services.locator or StateLocator(services.store))
    except Exception as exc:
        log.warning("address search unavailable: %s", exc)
        return None
