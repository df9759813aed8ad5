"""The duty officer's main window: docking workspace, menus, command line, status bar."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from dataclasses import dataclass

from PySide6 import QtCore, QtGui, QtWidgets

from app.console.cmdline import VERBS, verb_help
from app.console.i18n import QT_TRANSLATE_NOOP
from app.store.selection import Selection
from app.store.store import Store
from widgets.console.alert_player import AlertPlayer
from widgets.console.command_line import SHORTCUTS as CMDLINE_KEYS
from widgets.console.command_line import CommandLine
from widgets.console.help_overlay import HelpOverlay
from widgets.console.language import language_menu, preset_name
from widgets.console.sound_settings import SoundSettingsDialog, load_sound_settings
from widgets.console.status_bar import ConsoleStatusBar
from widgets.console.workspace import PRESETS, Workspace
from widgets.queue.queue_view import SHORTCUTS as QUEUE_KEYS
from widgets.queue.queue_view import QueueView
from widgets.util import named

log = logging.getLogger(__name__)

# Key descriptions are marked here and translated where shown (the F1 overlay, "Keys" context).
WINDOW_KEYS: list[tuple[str, str]] = [
    ("F1", QT_TRANSLATE_NOOP("Keys", "This help")),
    ("F3", QT_TRANSLATE_NOOP("Keys", "Focus the incident queue")),
    ("F4", QT_TRANSLATE_NOOP("Keys", "Focus intake (new call)")),
    ("F5", QT_TRANSLATE_NOOP("Keys", "Focus the map")),
    ("F6", QT_TRANSLATE_NOOP("Keys", "Department scores (evaluation)")),
    ("Ctrl+Shift+N", QT_TRANSLATE_NOOP("Keys", "Send the current panel to monitor N")),
    ("Ctrl+Alt+S", QT_TRANSLATE_NOOP("Keys", "Save the layout of this workstation")),
    ("Ctrl+Q", QT_TRANSLATE_NOOP("Keys", "Quit (the layout is saved)")),
]


@dataclass
class Panel:
    key: str  # stable id: queue, map, detail, intake, recommend, resources-<agency>, video, ...
    title: str
    widget: QtWidgets.QWidget
    shortcuts: list[tuple[str, str]]
    section: str = ""  # heading of its keys in the F1 overlay (default: the title)


class MainWindow(QtWidgets.QMainWindow):
    """Hosts every panel as a dock; owns menus, the command line and the status bar."""

    closing = QtCore.Signal()  # the console window closed (Ctrl+Q, window button)
    signOutRequested = QtCore.Signal()  # File > Sign out: end the session on the server, then quit
    languageRequested = QtCore.Signal(str)  # View > Language: the owner rebuilds the console

    def __init__(
        self,
        store: Store,
        selection: Selection,
        queue: QueueView,
        command_line: CommandLine,
        status_bar: ConsoleStatusBar,
        panels: list[Panel],
        settings: QtCore.QSettings,
        workstation: str,
        alerts: AlertPlayer | None = None,
        title: str = "",
    ) -> None:
        super().__init__()
        self.setObjectName("MainWindow")
        self.setWindowTitle(title or self.tr("CityOps — Urban Operations Console"))
        self.store = store
        self.selection = selection
        self.queue = queue
        self.command_line = command_line
        self.alerts = alerts or AlertPlayer(self, muted=True)
        load_sound_settings(settings, self.alerts)
        self.settings = settings
        self.workspace = Workspace(self, settings, workstation)
        self.panels: dict[str, Panel] = {
            "queue": Panel("queue", self.tr("Incident queue"), queue, QUEUE_KEYS)
        }
        for p in panels:
            self.panels[p.key] = p
        for p in self.panels.values():
            self.workspace.add_panel(p.key, p.title, p.widget)

        bar = named(QtWidgets.QToolBar(self.tr("Command line"), self), "CommandBar")
        bar.setMovable(False)
        bar.addWidget(command_line)
        self.addToolBar(QtCore.Qt.ToolBarArea.BottomToolBarArea, bar)
        self.setStatusBar(status_bar)
        self.status = status_bar

        self.help = HelpOverlay(self._help_sections(), self)
        command_line.helpRequested.connect(self.help.toggle)
        command_line.acknowledgeRequested.connect(lambda: queue.model.acknowledge())
        queue.model.newPriorityOne.connect(self._priority_one)
        queue.model.flashingChanged.connect(status_bar.set_alerts)
        self._build_menus()

        screen = QtGui.QGuiApplication.primaryScreen()
        avail = (
            screen.availableGeometry().size() if screen is not None else QtCore.QSize(1920, 1080)
        )
        self.resize(avail.boundedTo(QtCore.QSize(1920, 1080)))
        # The docks must be in the manager before a saved state can be restored onto them.
        preset = str(settings.value(f"preset/{workstation}", self._default_preset()))
        self.workspace.apply_preset(preset if preset in PRESETS else "dispatcher")
        self.workspace.restore()

    def _help_sections(self) -> list[tuple[str, list[tuple[str, str]]]]:
        sections: list[tuple[str, list[tuple[str, str]]]] = [
            (self.tr("Console"), WINDOW_KEYS),
            (self.tr("Command line"), CMDLINE_KEYS),
            (
                self.tr("Command verbs"),
                [(v.split(" ", 1)[0], verb_help(v).split("—", 1)[-1].strip()) for v in VERBS],
            ),
        ]
        for p in self.panels.values():
            if not p.shortcuts:
                continue
            name = p.section or p.title
            known = next((items for title, items in sections if title == name), None)
            if known is None:
                sections.append((name, list(p.shortcuts)))
            else:
                known += [k for k in p.shortcuts if k not in known]
        return sections

    def retranslate(self) -> None:
        """After a language switch (widgets/console/language.py has swapped the fixed captions):
        the texts this window computes."""
        self.help.set_sections(self._help_sections())
        self.status.retranslate()

    def _default_preset(self) -> str:
        user = self.store.user
        if user is not None and user.role.value == "supervisor":
            return "supervisor"
        return "dispatcher"

    # --- menus ------------------------------------------------------------------------------------
    def _build_menus(self) -> None:
        # Menu mnemonics use only letters no panel key takes (Alt+F fulfils a linkage request
        # or fails a verification, Alt+V verifies, Alt+W is the intake's location): a clash
        # makes Qt treat both as ambiguous and neither works.
        mb = self.menuBar()
        file_menu = mb.addMenu(self.tr("F&ile"))
        self._act(file_menu, self.tr("Save layout"), "Ctrl+Alt+S", lambda: self.workspace.save())
        self._act(file_menu, self.tr("Sound settings…"), "", self.sound_settings)
        self._act(file_menu, self.tr("Sign out"), "", self.signOutRequested.emit)
        self._act(file_menu, self.tr("Quit"), "Ctrl+Q", self.close)
        inc = mb.addMenu(self.tr("Incident"))
        self._act(inc, self.tr("New call (intake)"), "F4", lambda: self.focus_panel("intake"))
        self._act(inc, self.tr("Command line"), "F2", self.command_line.focus)
        self._act(inc, self.tr("Command line") + " ", "Ctrl+K", self.command_line.focus)
        ack = self.tr("Acknowledge priority-1 alerts")
        self._act(inc, ack, "", lambda: self.queue.model.acknowledge())
        for verb in VERBS:
            if verb in ("HELP", "ACK"):
                continue
            inc.addAction(verb_help(verb), functools.partial(self._prefill, verb))
        view = mb.addMenu(self.tr("View"))
        self._act(view, self.tr("Incident queue"), "F3", lambda: self.focus_panel("queue"))
        self._act(view, self.tr("Map"), "F5", lambda: self.focus_panel("map"))
        self._act(view, self.tr("Department scores"), "F6", lambda: self.focus_panel("evaluation"))
        language_menu(view, self.languageRequested.emit)
        view.addSeparator()
        for key, dock in self.workspace.docks.items():
            act = dock.toggleViewAction()
            act.setObjectName(f"toggle-{key}")
            view.addAction(act)
        ws = mb.addMenu(self.tr("Wo&rkspace"))
        for name in PRESETS:
            label = self.tr("Preset: %1").replace("%1", preset_name(name))
            ws.addAction(label, functools.partial(self.workspace.apply_preset, name))
        ws.addSeparator()
        self.workspace.monitor_actions(ws, lambda: self.workspace.current_key or "map")
        help_menu = mb.addMenu(self.tr("&Help"))
        self._act(help_menu, self.tr("Keys and commands"), "F1", self.help.toggle)

    def _act(
        self, menu: QtWidgets.QMenu, text: str, key: str, fn: Callable[[], object]
    ) -> QtGui.QAction:
        act = menu.addAction(text)
        if key:
            act.setShortcut(QtGui.QKeySequence(key))
            act.setShortcutContext(QtCore.Qt.ShortcutContext.ApplicationShortcut)
        act.triggered.connect(lambda _c=False: fn())
        return act

    def _prefill(self, verb: str) -> None:
        target = " ." if verb not in ("N", "S") else ""
        self.command_line.edit.setText(f"{verb}{target} ")
        self.command_line.edit.setFocus()

    def focus_panel(self, key: str) -> None:
        dock = self.workspace.dock(key)
        if dock is None:
            return
        dock.toggleView(True)
        dock.raise_()
        # The panel may live in a window on another monitor: activate that window, or the keys
        # typed next go on to the window that had them.
        top = dock.window()
        top.raise_()
        top.activateWindow()
        w = dock.widget()
        if w is not None:
            w.setFocus(QtCore.Qt.FocusReason.ShortcutFocusReason)
            focus = getattr(w, "focus", None)
            if callable(focus):
                focus()

    def sound_settings(self) -> SoundSettingsDialog:
        dialog = SoundSettingsDialog(self.alerts, self.settings, self)
        dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    # --- alerts -----------------------------------------------------------------------------------
    def _priority_one(self, incident_id: str) -> None:
        inc = self.store.state.incidents.get(incident_id)
        self.alerts.play()
        if inc is not None:
            text = self.tr("NEW PRIORITY 1: %1 %2")
            self.status.announce(text.replace("%1", inc.number).replace("%2", inc.location.address))
        QtWidgets.QApplication.alert(self, 0)

    # --- lifecycle --------------------------------------------------------------------------------
    def resizeEvent(self, event: QtGui.QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.help.isVisible():
            self.help.setGeometry(self.rect())

    def closeEvent(self, event: QtGui.QCloseEvent) -> None:
        try:
            self.workspace.save()
        except Exception:
            log.exception("layout not saved")
        super().closeEvent(event)
        if event.isAccepted():
            # Windows on the other monitors go with the console.
            for fw in self.workspace.manager.floatingWidgets():
                fw.hide()
            self.closing.emit()
