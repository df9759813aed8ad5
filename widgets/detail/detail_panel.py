"""The incident detail panel: everything about the selected incident and what can be done to it."""

from __future__ import annotations

import logging
from typing import Any

from PySide6 import QtCore, QtGui, QtWidgets

from app.console.i18n import QT_TRANSLATE_NOOP
from app.domain import commands as c
from app.domain.library import Library
from app.domain.model import Incident
from app.domain.notes import find_note
from app.store.gateway import CommandGateway
from app.store.refusal import Refusal
from app.store.selection import Selection
from app.store.store import Store
from widgets.detail.access import why_not
from widgets.detail.accountability_bar import AccountabilityBar
from widgets.detail.deadline_bar import DEADLINE_KEYS, DeadlineBar
from widgets.detail.detection_bar import DetectionBar
from widgets.detail.history_dialog import HistoryDialog
from widgets.detail.incident_fields import IncidentFields
from widgets.detail.incident_header import IncidentHeader
from widgets.detail.incident_relations import IncidentRelations
from widgets.detail.merge_section import MergeSection
from widgets.detail.narrative_view import NarrativeView
from widgets.detail.reason_prompt import ReasonPrompt
from widgets.detail.refusal_banner import RefusalBanner
from widgets.detail.stage_timeline import StageTimeline
from widgets.detail.style import DISABLED_QSS, section_label
from widgets.detail.transition_bar import ACTION_KEYS, ACTION_LABELS, TransitionBar

log = logging.getLogger(__name__)

NOTE_KEY = "Alt+M"
HISTORY_KEY = "Ctrl+Shift+H"
CAMERAS_KEY = "Ctrl+Shift+V"
SHORTCUTS: list[tuple[str, str]] = [
    *[(k, ACTION_LABELS[a]) for a, k in ACTION_KEYS.items()],
    (DEADLINE_KEYS["request"], QT_TRANSLATE_NOOP("Keys", "Request a deadline extension")),
    (
        DEADLINE_KEYS["approve"],
        QT_TRANSLATE_NOOP("Keys", "Approve the waiting extension (supervisor)"),
    ),
    (
        DEADLINE_KEYS["refuse"],
        QT_TRANSLATE_NOOP("Keys", "Refuse the waiting extension (supervisor)"),
    ),
    (DEADLINE_KEYS["suspend"], QT_TRANSLATE_NOOP("Keys", "Suspend the stage clock (supervisor)")),
    (DEADLINE_KEYS["resume"], QT_TRANSLATE_NOOP("Keys", "Resume the stage clock (supervisor)")),
    (
        NOTE_KEY,
        QT_TRANSLATE_NOOP("Keys", "Type a note on the incident (Ctrl+Enter or Add note adds it)"),
    ),
    (
        HISTORY_KEY,
        QT_TRANSLATE_NOOP("Keys", "Incident history with full times; printable report (PDF)"),
    ),
    (
        CAMERAS_KEY,
        QT_TRANSLATE_NOOP("Keys", "Show the cameras covering the incident on the video wall"),
    ),
    ("Esc", QT_TRANSLATE_NOOP("Keys", "Cancel the reason being typed")),
]


class IncidentDetail(QtWidgets.QWidget):
    """Follows the selection and the store; every change goes through ``gateway.submit``."""

    camerasRequested = QtCore.Signal(list)  # camera ids for the video wall, nearest first

    def __init__(
        self,
        store: Store,
        selection: Selection,
        gateway: CommandGateway,
        library: Library,
        parent: QtWidgets.QWidget | None = None,
        **_services: Any,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("IncidentDetail")
        self.setStyleSheet(DISABLED_QSS)
        self._store = store
        self._selection = selection
        self._gateway = gateway
        self._library = library
        self._incident_id = ""

        self.header = IncidentHeader(library)
        self.banner = RefusalBanner()
        self.detection = DetectionBar(store, gateway)
        self.fields = IncidentFields(store, library, geocoder=_services.get("gazetteer"))
        self.timeline = StageTimeline()
        self.prompt = ReasonPrompt()
        self.transitions = TransitionBar(store, gateway, self.prompt, shortcut_scope=self)
        self.deadlines = DeadlineBar(store, gateway, self.prompt, shortcut_scope=self)
        self.accountability = AccountabilityBar(store, gateway, self.prompt)
        self.merge = MergeSection(store, gateway, self.prompt)
        self.merge.incidentActivated.connect(selection.select_incident)
        self.relations = IncidentRelations(store)
        self.relations.incidentActivated.connect(selection.select_incident)
        self.relations.camerasRequested.connect(self.camerasRequested)
        self.narrative = NarrativeView()
        self.narrative.strike_check = self._why_not_strike
        self.narrative.strikeRequested.connect(self.ask_strike)
        self.note = QtWidgets.QLineEdit()
        self.note.setObjectName("NoteEdit")
        # A note is a permanent record: plain Enter (typed by habit, or meant for the command
        # line) must not add one. Ctrl+Enter or the button does.
        self.note.returnPressed.connect(self._enter_in_note)
        self.note.installEventFilter(self)
        self.note_button = QtWidgets.QPushButton(self.tr("Add note"))
        self.note_button.setObjectName("AddNote")
        self.note_button.clicked.connect(self.add_note)

        body = QtWidgets.QWidget()
        lay = QtWidgets.QVBoxLayout(body)
        lay.setContentsMargins(10, 8, 10, 8)
        lay.setSpacing(6)
        lay.addWidget(self.header)
        lay.addWidget(self.banner)
        lay.addWidget(self.merge)
        lay.addWidget(self.detection)
        lay.addWidget(self.fields)
        lay.addWidget(section_label(self.tr("Stage deadlines")))
        lay.addWidget(self.timeline)
        lay.addWidget(self.deadlines)
        lay.addWidget(section_label(self.tr("Case actions")))
        lay.addWidget(self.transitions)
        lay.addWidget(self.accountability)
        lay.addWidget(self.prompt)
        lay.addWidget(section_label(self.tr("Units, links, cameras")))
        lay.addWidget(self.relations)
        narrative_head = QtWidgets.QHBoxLayout()
        narrative_head.addWidget(section_label(self.tr("Narrative")), 1)
        self.history_button = QtWidgets.QPushButton()
        self.history_button.setObjectName("OpenHistory")
        self.history_button.setToolTip(
            self.tr("Every entry with its full time, and a printable report (PDF)")
        )
        self.history_button.clicked.connect(self.open_history)
        narrative_head.addWidget(self.history_button)
        lay.addLayout(narrative_head)
        note_row = QtWidgets.QHBoxLayout()
        note_row.addWidget(self.note, 1)
        note_row.addWidget(self.note_button)
        lay.addLayout(note_row)
        lay.addWidget(self.narrative, 1)
        scroll = QtWidgets.QScrollArea()
        scroll.setObjectName("IncidentDetailScroll")
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        self._scroll = scroll
        outer = QtWidgets.QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

        for key, slot in (
            (NOTE_KEY, self.focus_note),
            (CAMERAS_KEY, self.relations.request_cameras),
            (HISTORY_KEY, self.open_history),
        ):
            sc = QtGui.QShortcut(QtGui.QKeySequence(key), self)
            sc.setContext(QtCore.Qt.ShortcutContext.WidgetWithChildrenShortcut)
            sc.activated.connect(slot)
        self.setTabOrder(self.note, self.note_button)
        self._set_captions()

        self._tick = QtCore.QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._on_tick)
        self._tick.start()

        selection.incidentSelected.connect(self.show_incident)
        store.incidentsChanged.connect(self._on_incidents)
        store.unitsChanged.connect(self._on_units)
        store.camerasChanged.connect(lambda _ids: self.refresh())
        store.stateReset.connect(self.refresh)
        store.pendingChanged.connect(self.refresh)
        store.sessionChanged.connect(self.refresh)
        store.refusals.changed.connect(self._on_refusals)
        self.banner.dismissed.connect(store.refusals.dismiss)
        self.show_incident(selection.incident_id)

    def _set_captions(self) -> None:
        """Captions with a key in them (the language switch cannot swap those word for word)."""
        self.note.setPlaceholderText(
            self.tr("Type a note (%1); Ctrl+Enter or Add note adds it").replace("%1", NOTE_KEY)
        )
        history = self.tr("History and report… (%1)")
        self.history_button.setText(history.replace("%1", HISTORY_KEY))

    def retranslate(self) -> None:
        """After a language switch: the captions with keys, then everything the incident shows."""
        self._set_captions()
        self.refresh()

    # --- what is shown --------------------------------------------------------------------------
    @property
    def incident(self) -> Incident | None:
        return self._store.state.incidents.get(self._incident_id) if self._incident_id else None

    def show_incident(self, incident_id: str) -> None:
        self._incident_id = incident_id
        self.prompt.cancel()
        self.refresh()

    def refresh(self) -> None:
        inc = self.incident
        now = self._store.now()
        self.header.set_incident(inc, inc is not None and self._store.is_pending(inc.id))
        self.fields.set_incident(inc)
        self.detection.set_incident(inc)
        self.timeline.set_incident(inc, now, self._store.state.rules())
        self.transitions.set_incident(inc)
        self.deadlines.set_incident(inc)
        self.accountability.set_incident(inc)
        self.relations.set_incident(inc)
        self.merge.set_incident(inc)
        self.narrative.set_entries(inc.id if inc else "", inc.narrative if inc else [], now)
        mine = self._store.refusals.for_incident(inc.id) if inc else []
        if not mine:
            self.banner.clear()
        else:
            r = mine[-1]
            self.banner.show_refusal(r.code, r.message, r.at, r.command_id)
        note_block = (
            self.tr("Select an incident")
            if inc is None
            else why_not(self._store, self._gateway, c.AddNote(incident_id=inc.id, text=""))
        )
        self.note.setEnabled(not note_block)
        self.note_button.setEnabled(not note_block)
        self.note_button.setToolTip(
            note_block or self.tr("Add the note to the narrative (Ctrl+Enter)")
        )

    def _on_incidents(self, ids: list[str]) -> None:
        if self._incident_id and self._incident_id in ids:
            self.refresh()

    def _on_units(self, ids: list[str]) -> None:
        inc = self.incident
        if inc is not None and set(ids) & set(inc.assigned_units):
            self.relations.set_incident(inc)

    def _on_refusals(self, added: Refusal | None) -> None:
        if added is None or added.incident_id == self._incident_id:
            self.refresh()

    def _on_tick(self) -> None:
        if self.isVisible() and self._incident_id:
            self.timeline.set_now(self._store.now())

    # --- actions --------------------------------------------------------------------------------
    def focus_note(self) -> None:
        self.note.setFocus(QtCore.Qt.FocusReason.ShortcutFocusReason)

    def eventFilter(self, obj: QtCore.QObject, event: QtCore.QEvent) -> bool:
        if obj is self.note and event.type() == QtCore.QEvent.Type.KeyPress:
            assert isinstance(event, QtGui.QKeyEvent)
            ctrl = event.modifiers() & QtCore.Qt.KeyboardModifier.ControlModifier
            if ctrl and event.key() in (QtCore.Qt.Key.Key_Return, QtCore.Qt.Key.Key_Enter):
                self.add_note()
                return True
        return super().eventFilter(obj, event)

    def open_history(self) -> HistoryDialog | None:
        if not self._incident_id or self._incident_id not in self._store.state.incidents:
            return None
        dialog = HistoryDialog(self._store, self._library, self._incident_id, self)
        dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def _enter_in_note(self) -> None:
        if self.note.text().strip():
            QtWidgets.QToolTip.showText(
                self.note.mapToGlobal(QtCore.QPoint(0, self.note.height())),
                self.tr("Not added yet: Ctrl+Enter or Add note adds the note"),
                self.note,
            )

    def _why_not_strike(self, note_id: str) -> str:
        strike = c.StrikeNote(incident_id=self._incident_id, note_id=note_id)
        return why_not(self._store, self._gateway, strike)

    def ask_strike(self, note_id: str) -> None:
        """Ask for the reason, then strike the note out (it stays in the narrative)."""
        inc = self.incident
        note = find_note(inc, note_id) if inc is not None else None
        if inc is None or note is None:
            return
        incident_id = inc.id

        def strike(reason: str) -> None:
            self._gateway.submit(
                c.StrikeNote(incident_id=incident_id, note_id=note_id, reason=reason)
            )

        self.prompt.ask(self.tr("Why strike out this note?"), strike)
        self.prompt.label.setToolTip(note.text)
        self._scroll.ensureWidgetVisible(self.prompt)

    def add_note(self) -> None:
        inc = self.incident
        text = self.note.text().strip()
        if inc is None or not text or not self.note.isEnabled():
            return
        self._gateway.submit(c.AddNote(incident_id=inc.id, text=text))
        self.note.clear()
