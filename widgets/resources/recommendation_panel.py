"""Recommended units for the selected incident, dispatched with one key."""

from __future__ import annotations

import logging
from typing import Any

from PySide6 import QtCore, QtGui, QtWidgets

from app.console.durations import duration_text
from app.console.i18n import QT_TRANSLATE_NOOP, active_language
from app.console.resources import (
    IdRole,
    RecommendationModel,
    recommend_units,
    recommendation_route,
)
from app.console.words import status_name
from app.domain import commands as c
from app.domain.library import Category, Library
from app.domain.model import Incident
from app.store.gateway import CommandGateway
from app.store.selection import Selection
from app.store.store import Store
from widgets import theme
from widgets.detail.access import why_not
from widgets.detail.style import DISABLED_QSS
from widgets.elided_label import ElidedLabel
from widgets.elided_tips import ElidedCellTips

log = logging.getLogger(__name__)

SHOWN = 10  # rows listed; the top ``units_needed`` are what Ctrl+Enter sends
REFRESH_MS = 150  # bursts of unit moves recompute once
SHORTCUTS: list[tuple[str, str]] = [
    (
        QT_TRANSLATE_NOOP("Keys", "Enter / D"),
        QT_TRANSLATE_NOOP("Keys", "Dispatch the selected recommended units"),
    ),
    ("Ctrl+Enter", QT_TRANSLATE_NOOP("Keys", "Dispatch the top N (the category's units needed)")),
    (
        QT_TRANSLATE_NOOP("Keys", "↑ / ↓, Shift+↓"),
        QT_TRANSLATE_NOOP("Keys", "Move / extend the selection"),
    ),
]


class RecommendationPanel(QtWidgets.QWidget):
    """Owns the ranked list for the selected incident and the dispatch buttons."""

    # The current row's drive to the incident: (lat, lon) points, unit first ([] = none), label.
    routeChanged = QtCore.Signal(object, str)

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
        self.setObjectName("RecommendationPanel")
        self.setStyleSheet(DISABLED_QSS)
        self._store = store
        self._selection = selection
        self._gateway = gateway
        self._library = library
        self.title = QtWidgets.QLabel()
        self.title.setObjectName("RecommendationTitle")
        self.title.setWordWrap(True)
        self.model = RecommendationModel(self)
        self.view = QtWidgets.QTableView()
        self.view.setObjectName("RecommendationTable")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(26)
        self.view.setAlternatingRowColors(True)
        self.cell_tips = ElidedCellTips(self.view)
        hh = self.view.horizontalHeader()
        hh.setStretchLastSection(True)
        for col, w in enumerate((34, 70, 80, 100, 80, 220)):
            hh.resizeSection(col, w)
        self.dispatch_selected = QtWidgets.QPushButton(self.tr("Dispatch selected (Enter / D)"))
        self.dispatch_selected.setObjectName("DispatchSelected")
        self.dispatch_top = QtWidgets.QPushButton(self.tr("Dispatch top (Ctrl+Enter)"))
        self.dispatch_top.setObjectName("DispatchTop")
        self.dispatch_top.setProperty("role", "primary")
        self.feedback = ElidedLabel()
        self.feedback.setObjectName("RecommendationFeedback")
        self._shown_incident = ""
        row = QtWidgets.QHBoxLayout()
        row.addWidget(self.dispatch_top)
        row.addWidget(self.dispatch_selected)
        row.addStretch(1)
        lay = QtWidgets.QVBoxLayout(self)
        lay.setContentsMargins(8, 6, 8, 6)
        lay.addWidget(self.title)
        lay.addWidget(self.view, 1)
        lay.addLayout(row)
        lay.addWidget(self.feedback)
        self.dispatch_selected.clicked.connect(self.dispatch_selection)
        self.dispatch_top.clicked.connect(self.dispatch_top_n)
        for key, slot in (
            ("Return", self.dispatch_selection),
            ("Enter", self.dispatch_selection),
            ("D", self.dispatch_selection),
            ("Ctrl+Return", self.dispatch_top_n),
            ("Ctrl+Enter", self.dispatch_top_n),
        ):
            sc = QtGui.QShortcut(QtGui.QKeySequence(key), self)
            sc.setContext(QtCore.Qt.ShortcutContext.WidgetWithChildrenShortcut)
            sc.activated.connect(slot)
        # The table view takes plain keys for its own type-ahead search before any shortcut,
        # so Enter / D / Ctrl+Enter are also caught on the view itself.
        self.view.installEventFilter(self)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self._route: tuple[list[tuple[float, float]], str] = ([], "")
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._emit_route())
        self._timer = QtCore.QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        selection.incidentSelected.connect(lambda _i: self.refresh())
        store.unitsChanged.connect(lambda _ids: self._timer.start())
        store.incidentsChanged.connect(self._on_incidents)
        store.stateReset.connect(self.refresh)
        store.sessionChanged.connect(self._update_buttons)
        self.refresh()

    def eventFilter(self, obj: QtCore.QObject, event: QtCore.QEvent) -> bool:
        if obj is self.view and event.type() == QtCore.QEvent.Type.KeyPress:
            assert isinstance(event, QtGui.QKeyEvent)
            key, mods = event.key(), event.modifiers()
            ctrl = bool(mods & QtCore.Qt.KeyboardModifier.ControlModifier)
            if key in (QtCore.Qt.Key.Key_Return, QtCore.Qt.Key.Key_Enter):
                (self.dispatch_top_n if ctrl else self.dispatch_selection)()
                return True
            if key == QtCore.Qt.Key.Key_D and not ctrl:
                self.dispatch_selection()
                return True
        return super().eventFilter(obj, event)

    # --- data -----------------------------------------------------------------------------------
    @property
    def incident(self) -> Incident | None:
        return self._store.state.incidents.get(self._selection.incident_id)

    def _category(self, inc: Incident) -> Category | None:
        return self._library.by_code.get(inc.category)

    def units_needed(self) -> int:
        inc = self.incident
        cat = self._category(inc) if inc else None
        return max(1, cat.units_needed) if cat else 1

    def _on_incidents(self, ids: list[str]) -> None:
        if self._selection.incident_id in ids:
            self._timer.start()

    def retranslate(self) -> None:
        """After a language switch: every computed text again."""
        self.refresh()

    def refresh(self) -> None:
        self._timer.stop()
        inc = self.incident
        same = inc is not None and inc.id == self._shown_incident
        # The selection is kept only while the same incident is shown; the feedback of a
        # dispatch belongs to the incident it was for.
        keep = set(self.selected_unit_ids()) if same else set()
        if not same:
            self.feedback.setText("")
        self._shown_incident = inc.id if inc is not None else ""
        self.view.selectionModel().clearSelection()
        if inc is None or not inc.is_open():
            self.model.set_recommendations([])
            self.title.setText(
                self.tr("Select an open incident to see recommended units")
                if inc is None
                else self.tr("%1 is %2: nothing to dispatch")
                .replace("%1", inc.number)
                .replace("%2", status_name(inc.status.value))
            )
            self.title.setStyleSheet(f"color: {theme.TEXT_DIM}; font-size: 13pt;")
            self._update_buttons()
            self._emit_route()
            return
        cat = self._category(inc)
        caps = cat.capabilities if cat else []
        recs = recommend_units(
            self._store.state, caps, inc.location.lat, inc.location.lon, self._store.now(), SHOWN
        )
        self.model.set_recommendations(recs)
        name = cat.display_name(active_language()) if cat else inc.category
        on = (
            " · " + self.tr("%1 on it").replace("%1", str(len(inc.assigned_units)))
            if inc.assigned_units
            else ""
        )
        need = (
            self.tr("needs %1: %2")
            .replace("%1", str(cat.units_needed))
            .replace("%2", ", ".join(caps))
            if cat
            else self.tr("no category data")
        )
        # Markup and the case's own values only (P1 reads the same in both languages).
        title = f"<b>{inc.number}</b> P{inc.priority} {name} — {need}{on}"  # i18n: ignore
        self.title.setText(title)
        self.title.setStyleSheet("font-size: 13pt;")
        self.view.resizeColumnsToContents()
        self.view.horizontalHeader().setStretchLastSection(True)
        sm = self.view.selectionModel()
        # Pre-select the best unit only while the incident still needs units, so Enter never
        # sends a far unit to a case that already has its crews.
        rows = [i for i, r in enumerate(recs) if r.unit_id in keep] or (
            [0] if recs and self.still_needed() > 0 else []
        )
        for r in rows:
            sm.select(
                self.model.index(r, 0),
                QtCore.QItemSelectionModel.SelectionFlag.Select
                | QtCore.QItemSelectionModel.SelectionFlag.Rows,
            )
        if rows:
            sm.setCurrentIndex(
                self.model.index(rows[0], 0), QtCore.QItemSelectionModel.SelectionFlag.NoUpdate
            )
        self._update_buttons()
        self._emit_route()

    def current_route(self) -> tuple[list[tuple[float, float]], str]:
        """The current row's drive to the incident ((lat, lon) points, unit first) and label."""
        inc = self.incident
        idx = self.view.currentIndex()
        recs = self.model.recommendations()
        if inc is None or not inc.is_open() or not idx.isValid() or idx.row() >= len(recs):
            return [], ""
        rec = recs[idx.row()]
        path = recommendation_route(self._store.state, rec, inc.location.lat, inc.location.lon)
        if not path:
            return [], ""
        label = self.tr("{unit} · {eta} by road").format(
            unit=rec.unit_id, eta=duration_text(rec.eta_s)
        )
        return path, label

    def _emit_route(self) -> None:
        route = self.current_route()
        if route != self._route:
            self._route = route
            self.routeChanged.emit(route[0], route[1])

    def selected_unit_ids(self) -> list[str]:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        return [str(self.model.index(r, 0).data(IdRole)) for r in rows]

    def still_needed(self) -> int:
        """Units the category needs minus those already assigned to the incident."""
        inc = self.incident
        if inc is None:
            return 0
        return max(0, self.units_needed() - len(inc.assigned_units))

    def top_unit_ids(self) -> list[str]:
        return [r.unit_id for r in self.model.recommendations()[: self.still_needed()]]

    # --- dispatch -------------------------------------------------------------------------------
    def _why_not(self, ids: list[str], top: bool = False) -> str:
        inc = self.incident
        if inc is None:
            return self.tr("Select an incident")
        if top and not ids and inc.assigned_units and self.still_needed() == 0:
            return (
                self.tr("%1 already has %2 units (its category needs %3); select a unit to add one")
                .replace("%1", inc.number)
                .replace("%2", str(len(inc.assigned_units)))
                .replace("%3", str(self.units_needed()))
            )
        if not ids:
            return self.tr("No recommended unit selected")
        return why_not(self._store, self._gateway, c.AssignUnits(incident_id=inc.id, unit_ids=ids))

    def _update_buttons(self) -> None:
        sel, top = self.selected_unit_ids(), self.top_unit_ids()
        for btn, ids, text, is_top in (
            (self.dispatch_selected, sel, self.tr("Dispatch selected (Enter / D)"), False),
            (self.dispatch_top, top, self.tr("Dispatch top (Ctrl+Enter)"), True),
        ):
            reason = self._why_not(ids, top=is_top)
            btn.setEnabled(not reason)
            btn.setToolTip(reason or self.tr("Dispatch %1").replace("%1", ", ".join(ids)))
            btn.setText(
                text
                if reason
                else text.replace("selected", ", ".join(ids)).replace(
                    "top", "top " + ", ".join(ids)
                )
            )

    def dispatch_selection(self) -> None:
        self._dispatch(self.selected_unit_ids())

    def dispatch_top_n(self) -> None:
        self._dispatch(self.top_unit_ids(), top=True)

    def _dispatch(self, ids: list[str], top: bool = False) -> None:
        inc = self.incident
        reason = self._why_not(ids, top=top)
        if inc is None or reason:
            self.feedback.setStyleSheet(f"color: {theme.WARN};")
            self.feedback.setText(reason)
            return
        self._gateway.submit(c.AssignUnits(incident_id=inc.id, unit_ids=ids), expected_version=None)
        self.feedback.setStyleSheet(f"color: {theme.OK}; font-weight: bold;")
        self.feedback.setText(
            self.tr("Dispatched %1 to %2").replace("%1", ", ".join(ids)).replace("%2", inc.number)
        )
