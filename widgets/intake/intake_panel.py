"""The call-taking form: category, priority, channel, location, description, contact; duplicate
suggestions; Create, Create + dispatch recommended, or add the call to an existing incident."""

from __future__ import annotations

import logging
from typing import Any

from PySide6 import QtCore, QtGui, QtWidgets

from app.console.duplicates import concerns, find_duplicates
from app.console.intake import (
    IntakeDraft,
    create_payload,
    dispatch_plan,
    further_call_note,
    missing_fields,
    missing_message,
    new_incident_id,
)
from app.console.words import source_name
from app.domain import commands as c
from app.domain.commands import parse_payload
from app.domain.library import Library
from app.domain.model import Location, SourceChannel
from app.store.gateway import CommandGateway
from app.store.refusal import Refusal
from app.store.selection import Selection
from app.store.store import Store
from widgets import theme
from widgets.detail.access import why_not
from widgets.detail.style import DISABLED_QSS
from widgets.detail.timefmt import clock_time
from widgets.intake.category_picker import CategoryPicker
from widgets.intake.duplicate_list import DuplicateList
from widgets.intake.keys import KEYS, NO_CATEGORY_PRIORITY, PRIORITY_LABELS, SHORTCUTS
from widgets.intake.location_field import LocationField

log = logging.getLogger(__name__)

__all__ = ["SHORTCUTS", "IntakePanel"]

REQUIRED_STYLE = f"color: {theme.WARN}; font-weight: bold;"
DONE_STYLE = f"color: {theme.TEXT_DIM};"


class IntakePanel(QtWidgets.QWidget):
    """Owns one call being taken; every outcome goes through ``gateway.submit``."""

    pickOnMapRequested = QtCore.Signal()
    incidentCreated = QtCore.Signal(str)  # incident id (client-generated)

    def __init__(
        self,
        store: Store,
        selection: Selection,
        gateway: CommandGateway,
        library: Library,
        parent: QtWidgets.QWidget | None = None,
        *,
        gazetteer: Any = None,
        locator: Any = None,
        **_services: Any,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("IntakePanel")
        self.setStyleSheet(DISABLED_QSS)
        self._store = store
        self._selection = selection
        self._gateway = gateway
        self._library = library
        self._priority_overridden = False
        self._probe_id = new_incident_id()  # the id the availability checks ask about
        self._last: tuple[str, IntakeDraft] | None = None  # last create, restored on refusal
        self._plan: list[str] = []
        self._submitting = False
        self._sync_refusal = ""  # a refusal that arrived while our own submit was running

        title = QtWidgets.QLabel(self.tr("New call"))
        title.setProperty("role", "title")
        self.category = CategoryPicker(library)
        self.priority = QtWidgets.QComboBox()
        self.priority.setObjectName("PriorityBox")
        for p, label in PRIORITY_LABELS.items():
            self.priority.addItem(QtCore.QCoreApplication.translate("Keys", label), p)
        self.priority.setCurrentIndex(self.priority.findData(NO_CATEGORY_PRIORITY))
        self.source = QtWidgets.QComboBox()
        self.source.setObjectName("SourceBox")
        for ch in SourceChannel:
            self.source.addItem(source_name(ch.value), ch.value)
        self.register = QtWidgets.QCheckBox(self.tr("Register now (taken by the centre)"))
        self.register.setObjectName("RegisterNow")
        self.register.setChecked(True)
        self.location = LocationField(gazetteer, locator)
        self.address = QtWidgets.QLineEdit()
        self.address.setObjectName("AddressEdit")
        self.address.setPlaceholderText(
            self.tr("Address as the caller gives it (filled from the location)")
        )
        self.description = QtWidgets.QPlainTextEdit()
        self.description.setObjectName("DescriptionEdit")
        self.description.setTabChangesFocus(True)
        self.description.setPlaceholderText(self.tr("What is happening (Tab moves on)"))
        self.description.setFixedHeight(78)
        self.contact = QtWidgets.QLineEdit()
        self.contact.setObjectName("ContactEdit")
        self.contact.setPlaceholderText(self.tr("Caller name / phone (never shown to departments)"))
        self.duplicates = DuplicateList(library, KEYS["link"], merge_key=KEYS["merge"])
        self.create_button = QtWidgets.QPushButton()
        self.create_button.setObjectName("CreateButton")
        self.dispatch_button = QtWidgets.QPushButton(self.tr("Create + dispatch (Ctrl+Enter)"))
        self.dispatch_button.setObjectName("CreateDispatchButton")
        self.dispatch_button.setProperty("role", "primary")
        self.feedback = QtWidgets.QLabel()
        self.feedback.setObjectName("IntakeFeedback")
        self.feedback.setWordWrap(True)

        form = QtWidgets.QFormLayout()
        form.setLabelAlignment(QtCore.Qt.AlignmentFlag.AlignRight)
        form.setVerticalSpacing(6)
        self.field_labels: dict[str, QtWidgets.QLabel] = {}
        prio_row = QtWidgets.QHBoxLayout()
        prio_row.addWidget(self.priority)
        prio_row.addWidget(QtWidgets.QLabel(self.tr("Channel")))
        prio_row.addWidget(self.source, 1)
        for key, field in (
            ("category", self.category),
            ("priority", prio_row),
            ("location", self.location),
            ("address", self.address),
            ("description", self.description),
            ("reporter_contact", self.contact),
        ):
            lab = QtWidgets.QLabel()
            self.field_labels[key] = lab
            form.addRow(lab, field)
        form.addRow("", self.register)
        # One above the other: side by side they made the form wider than a narrow dock.
        buttons = QtWidgets.QVBoxLayout()
        buttons.addWidget(self.dispatch_button)
        buttons.addWidget(self.create_button)
        lay = QtWidgets.QVBoxLayout(self)
        lay.setContentsMargins(10, 8, 10, 8)
        lay.addWidget(title)
        lay.addLayout(form)
        lay.addWidget(self.duplicates)
        lay.addLayout(buttons)
        lay.addWidget(self.feedback)
        lay.addStretch(1)

        self.setTabOrder(self.category.edit, self.priority)
        self.setTabOrder(self.priority, self.source)
        self.setTabOrder(self.source, self.location.edit)
        self.setTabOrder(self.location.edit, self.address)
        self.setTabOrder(self.address, self.description)
        self.setTabOrder(self.description, self.contact)
        self.setTabOrder(self.contact, self.create_button)
        self.setTabOrder(self.create_button, self.dispatch_button)

        self.category.categoryChosen.connect(self._on_category)
        self.category.activated.connect(lambda: self.location.setFocus())
        self.priority.activated.connect(self._on_priority_picked)
        self.source.currentIndexChanged.connect(self._on_source)
        self.location.locationChanged.connect(self._on_location)
        self.location.pickOnMapRequested.connect(self.pickOnMapRequested)
        self.location.activated.connect(
            lambda: (self.description if self.address.text() else self.address).setFocus()
        )
        self.address.textChanged.connect(lambda _t: self._update())
        self.description.textChanged.connect(self._update)
        self.contact.textChanged.connect(lambda _t: self._update())
        self.contact.returnPressed.connect(self.create_incident)
        self.address.returnPressed.connect(lambda: self.description.setFocus())
        self.duplicates.linkRequested.connect(self.link_to)
        self.duplicates.mergeRequested.connect(self.merge_into)
        self.create_button.clicked.connect(self.create_incident)
        self.dispatch_button.clicked.connect(self.create_and_dispatch)
        self._shortcut(KEYS["create"], self.create_incident)
        self._shortcut("Ctrl+Return", self.create_and_dispatch)
        self._shortcut("Ctrl+Enter", self.create_and_dispatch)
        self._shortcut(KEYS["link"], lambda: self.link_to(self.duplicates.current_incident_id()))
        self._shortcut(
            KEYS["merge"], lambda: self.merge_into(self.duplicates.current_incident_id())
        )
        self._shortcut(KEYS["category"], lambda: self.category.setFocus())
        self._shortcut(KEYS["location"], lambda: self.location.setFocus())
        self._shortcut(KEYS["map"], self.pickOnMapRequested.emit)
        self._shortcut(KEYS["clear"], self.clear)
        for p in PRIORITY_LABELS:
            self._shortcut(f"Ctrl+{p}", lambda p=p: self.set_priority(p))
        store.incidentsChanged.connect(self._on_incidents)
        store.unitsChanged.connect(lambda _ids: self._update())
        store.sessionChanged.connect(self._update)
        store.refusals.changed.connect(self._on_refusal)
        self.setFocusProxy(self.category)
        self.create_button.setText(self.tr("Create (%1)").replace("%1", KEYS["create"]))
        self._update()

    def _field_title(self, key: str) -> str:
        titles = {
            "category": self.tr("Category"),
            "priority": self.tr("Priority"),
            "location": self.tr("Location"),
            "address": self.tr("Address"),
            "description": self.tr("Description"),
            "reporter_contact": self.tr("Reporter"),
        }
        return titles[key]

    def retranslate(self) -> None:
        """After a language switch: the captions computed here (field titles carry a "*" when
        required, buttons their key) cannot be swapped word for word, so they are set again."""
        self.create_button.setText(self.tr("Create (%1)").replace("%1", KEYS["create"]))
        for i in range(self.priority.count()):
            label = PRIORITY_LABELS[int(self.priority.itemData(i))]
            self.priority.setItemText(i, QtCore.QCoreApplication.translate("Keys", label))
        for i in range(self.source.count()):
            self.source.setItemText(i, source_name(str(self.source.itemData(i))))
        self.duplicates.retranslate()
        self.location.retranslate()
        self._update()

    def _shortcut(self, key: str, slot: Any) -> None:
        sc = QtGui.QShortcut(QtGui.QKeySequence(key), self)
        sc.setContext(QtCore.Qt.ShortcutContext.WidgetWithChildrenShortcut)
        sc.activated.connect(slot)

    # --- the draft ------------------------------------------------------------------------------
    def draft(self) -> IntakeDraft:
        loc = self.location.location
        return IntakeDraft(
            category=self.category.category,
            priority=int(self.priority.currentData()) if self.category.category else 0,
            source=SourceChannel(self.source.currentData()),
            lat=loc.lat if loc else None,
            lon=loc.lon if loc else None,
            address=self.address.text(),
            grid_cell=loc.grid_cell if loc else "",
            neighbourhood=loc.neighbourhood if loc else "",
            description=self.description.toPlainText(),
            reporter_contact=self.contact.text(),
            register=self.register.isChecked(),
        )

    def set_priority(self, p: int) -> None:
        self.priority.setCurrentIndex(self.priority.findData(p))
        self._priority_overridden = True
        self._update()

    def _on_priority_picked(self, _index: int) -> None:
        self._priority_overridden = True
        self._update()

    def _on_category(self, code: str) -> None:
        cat = self.category.category
        if cat is not None and not self._priority_overridden:
            self.priority.setCurrentIndex(self.priority.findData(cat.default_priority))
        self._refresh_duplicates()
        self._update()

    def _on_source(self, _index: int) -> None:
        # Hotline calls are taken by the centre itself; other channels wait to be registered.
        self.register.setChecked(self.source.currentData() == SourceChannel.HOTLINE.value)
        self._update()

    def _on_location(self, loc: Location | None) -> None:
        if loc is not None and loc.address:
            self.address.setText(loc.address)
        self._refresh_duplicates()
        self._update()

    def _on_incidents(self, ids: list[str]) -> None:
        cat, loc = self.category.category, self.location.location
        if cat is None or loc is None:
            return
        shown = {c.incident_id for c in self.duplicates.candidates}
        if concerns(self._store.state, ids, cat.code, loc.lat, loc.lon, shown):
            self._refresh_duplicates()

    def _refresh_duplicates(self) -> None:
        cat, loc = self.category.category, self.location.location
        if cat is None or loc is None:
            self.duplicates.set_candidates([])
            return
        self.duplicates.set_candidates(
            find_duplicates(self._store.state, cat.code, loc.lat, loc.lon)
        )

    @QtCore.Slot(float, float)
    @QtCore.Slot(float, float, str)
    def set_location(self, lat: float, lon: float, label: str = "") -> None:
        """Use a point picked on the map (the main window wires the map's locationPicked)."""
        self.location.set_location(lat, lon, label)

    # --- enablement -----------------------------------------------------------------------------
    def _update(self) -> None:
        draft = self.draft()
        p = int(self.priority.currentData())
        self.priority.setStyleSheet(
            f"QComboBox {{ background: {theme.PRIORITY_COLORS[p]}; color: {theme.PRIORITY_TEXT[p]};"
            " font-weight: bold; }"
        )
        missing = missing_fields(draft)
        required = set(draft.category.required_fields) if draft.category else set()
        required |= {"category", "location"}
        for key, lab in self.field_labels.items():
            base = self._field_title(key)
            need = key in required
            lab.setText(base + (" *" if need else ""))
            lab.setStyleSheet(REQUIRED_STYLE if key in missing else DONE_STYLE if need else "")
        probe_id = self._probe_id
        create = self._create_command(draft, probe_id) if not missing else None
        block = missing_message(missing) or (
            why_not(self._store, self._gateway, create) if create is not None else ""
        )
        self.create_button.setEnabled(not block)
        self.create_button.setToolTip(
            block or self.tr("Create the incident (%1)").replace("%1", KEYS["create"])
        )
        plan = dispatch_plan(draft, self._store.state, self._store.now()) if not block else []
        self._plan = [r.unit_id for r in plan]
        dblock = block
        if not dblock and plan and create is not None:
            # Create and then dispatch, asked of the runner as the pair it will be.
            dispatch = c.AssignUnits(incident_id=probe_id, unit_ids=[r.unit_id for r in plan])
            dblock = why_not(self._store, self._gateway, create, dispatch)
        if not dblock and not plan:
            caps = ", ".join(draft.category.capabilities) if draft.category else ""
            dblock = (
                self.tr("No available unit with %1 to dispatch").replace("%1", caps)
                if caps
                else self.tr("No available unit to dispatch")
            )
        self.dispatch_button.setEnabled(not dblock)
        if dblock:
            self.dispatch_button.setToolTip(dblock)
            self.dispatch_button.setText(self.tr("Create + dispatch (Ctrl+Enter)"))
        else:
            # Three call signs fit any dock width; the full list is in the tooltip.
            shown = ", ".join(self._plan[:3]) + (
                f" +{len(self._plan) - 3}" if len(self._plan) > 3 else ""
            )
            self.dispatch_button.setText(
                self.tr("Create + dispatch %1 (Ctrl+Enter)").replace("%1", shown)
            )
            self.dispatch_button.setToolTip(
                self.tr("Dispatch %1").replace("%1", ", ".join(self._plan))
                + "\n"
                + "\n".join(r.reason for r in plan)
            )
        target = self.duplicates.current_incident_id()
        link_block = (
            why_not(self._store, self._gateway, c.AddNote(incident_id=target, text=""))
            if target
            else ""
        )
        if link_block:
            self.duplicates.link_button.setEnabled(False)
            self.duplicates.link_button.setToolTip(link_block)
        self._update_merge(target, create, block, probe_id)

    def _update_merge(
        self, target: str, create: c.CreateIncident | None, block: str, probe_id: str
    ) -> None:
        """The Merge button: asked of the runner as the pair it sends (create, then merge)."""
        button = self.duplicates.merge_button
        if not target:
            return
        mblock = block
        if not mblock and create is not None:
            merge = c.MergeReports(master_id=target, report_ids=[probe_id])
            mblock = why_not(self._store, self._gateway, create, merge)
        button.setEnabled(not mblock)
        button.setToolTip(
            mblock
            or self.tr(
                "Create this report and merge it into the suggested case (%1): it is handled "
                "there, and closing that case closes this report"
            ).replace("%1", KEYS["merge"])
        )

    def _create_command(self, draft: IntakeDraft, incident_id: str) -> c.CreateIncident | None:
        """The create_incident command the form holds now (None, said why, when it cannot be)."""
        try:
            cmd = parse_payload("create_incident", create_payload(draft, incident_id))
        except (ValueError, c.CommandError) as exc:
            self._say(getattr(exc, "message", str(exc)), error=True)
            return None
        assert isinstance(cmd, c.CreateIncident)
        return cmd

    # --- actions --------------------------------------------------------------------------------
    def create_incident(self) -> str:
        """Submit create_incident; returns the new id ('' when the form is not complete)."""
        return self._create(dispatch=False)

    def create_and_dispatch(self) -> str:
        return self._create(dispatch=True)

    def _create(self, dispatch: bool) -> str:
        self._update()
        button = self.dispatch_button if dispatch else self.create_button
        if not button.isEnabled():
            self._say(button.toolTip(), error=True)
            return ""
        draft = self.draft()
        incident_id = new_incident_id()
        command = self._create_command(draft, incident_id)
        if command is None:
            return ""
        units = list(self._plan) if dispatch else []
        self._last = (incident_id, draft)
        self._sync_refusal = ""
        self._submitting = True
        try:
            self._gateway.submit(command)
            if units and not self._sync_refusal:
                self._gateway.submit(c.AssignUnits(incident_id=incident_id, unit_ids=units))
        finally:
            self._submitting = False
        if self._sync_refusal and incident_id not in self._store.state.incidents:
            # Refused on the spot (a local check): the call stays in the form.
            self._say(self._sync_refusal, error=True)
            return ""
        inc = self._store.state.incidents.get(incident_id)
        number = inc.number if inc else "(number pending)"
        name = draft.category.name_en if draft.category else ""
        sent = f" · dispatched {', '.join(units)}" if units else ""
        self.clear()
        self._say(f"Created {number} {name}{sent}")
        self.incidentCreated.emit(incident_id)
        self._selection.select_incident(incident_id)
        return incident_id

    def link_to(self, incident_id: str) -> None:
        """Add this call as a note on ``incident_id`` instead of creating a new incident."""
        inc = self._store.state.incidents.get(incident_id)
        if inc is None or not self.duplicates.link_button.isEnabled():
            return
        draft = self.draft()
        text = further_call_note(draft, clock_time(self._store.now(), self._store.now()))
        self._gateway.submit(c.AddNote(incident_id=incident_id, text=text))
        self.clear()
        self._say(f"Added as a further call on {inc.number}")
        self._selection.select_incident(incident_id)

    def merge_into(self, master_id: str) -> str:
        """Create the call as its own report and merge it into ``master_id`` (two commands through
        the gateway, in order: a merge the server refuses leaves the report as a case of its own,
        nothing lost). Returns the new report's id ('' when nothing was sent)."""
        master = self._store.state.incidents.get(master_id)
        self._update()
        if master is None or not self.duplicates.merge_button.isEnabled():
            if master is not None:
                self._say(self.duplicates.merge_button.toolTip(), error=True)
            return ""
        draft = self.draft()
        incident_id = new_incident_id()
        command = self._create_command(draft, incident_id)
        if command is None:
            return ""
        self._last = (incident_id, draft)
        self._sync_refusal = ""
        self._submitting = True
        try:
            self._gateway.submit(command)
            if not self._sync_refusal:
                self._gateway.submit(c.MergeReports(master_id=master_id, report_ids=[incident_id]))
        finally:
            self._submitting = False
        if self._sync_refusal and incident_id not in self._store.state.incidents:
            self._say(self._sync_refusal, error=True)
            return ""
        inc = self._store.state.incidents.get(incident_id)
        number = inc.number if inc else self.tr("(number pending)")
        self.clear()
        self._say(
            self.tr("Created %1 and merged it into %2")
            .replace("%1", number)
            .replace("%2", master.number)
        )
        self.incidentCreated.emit(incident_id)
        self._selection.select_incident(master_id)
        return incident_id

    def clear(self) -> None:
        """Empty the form for the next call; focus goes back to the category search."""
        self.category.clear()
        self.location.clear()
        self.address.clear()
        self.description.clear()
        self.contact.clear()
        self.source.setCurrentIndex(0)
        self.register.setChecked(True)
        self._priority_overridden = False
        self.priority.setCurrentIndex(self.priority.findData(NO_CATEGORY_PRIORITY))
        self.duplicates.set_candidates([])
        self.feedback.clear()
        self._update()
        self.category.setFocus()

    def _restore(self, d: IntakeDraft) -> None:
        if d.category is not None:
            self.category.set_category(d.category.code)
        if d.lat is not None and d.lon is not None:
            self.location.set_location(d.lat, d.lon, d.address)
        self.address.setText(d.address)
        self.description.setPlainText(d.description)
        self.contact.setText(d.reporter_contact)
        self.source.setCurrentIndex(self.source.findData(d.source.value))
        self.register.setChecked(d.register)
        if d.priority:
            self.set_priority(d.priority)

    def _on_refusal(self, refusal: Refusal | None) -> None:
        if refusal is not None:
            self._on_refused(refusal.incident_id, refusal.code, refusal.message)

    def _on_refused(self, incident_id: str, code: str, message: str) -> None:
        if self._last is None or incident_id != self._last[0]:
            return
        ident, draft = self._last
        if ident in self._store.state.incidents:
            return  # the incident exists: a later command (the dispatch) was refused
        if self._submitting:
            self._sync_refusal = f"Not created ({code}): {message}"
            return
        # Bad input loses nothing: the refused call comes back into the form.
        self._last = None
        self._restore(draft)
        self._say(f"Not created ({code}): {message}", error=True)

    def _say(self, text: str, error: bool = False) -> None:
        self.feedback.setStyleSheet(
            f"color: {theme.DANGER if error else theme.OK}; font-weight: bold;"
        )
        self.feedback.setText(text)
