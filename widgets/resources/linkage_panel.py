"""Incoming and outgoing linkage requests of one agency, with accept / decline / fulfil / cancel."""

from __future__ import annotations

import logging

from PySide6 import QtCore, QtGui, QtWidgets

from app.console.resources import LinkageColumn, LinkageTableModel
from app.domain import commands as c
from app.domain.model import LinkageRequest, LinkageState
from app.store.gateway import CommandGateway
from app.store.store import Store
from widgets import theme
from widgets.detail.access import why_not
from widgets.detail.flow_layout import FlowLayout
from widgets.detail.reason_prompt import ReasonPrompt
from widgets.elided_tips import ElidedCellTips

log = logging.getLogger(__name__)

STATE_COLORS = {
    "requested": theme.WARN,
    "accepted": theme.ACCENT,
    "fulfilled": theme.OK,
    "declined": theme.DANGER,
    "cancelled": theme.TEXT_DIM,
    "in": "#ffd84d",
    "out": "#5fb3ff",
}
# action -> (label, key, states it applies to, who answers: the receiving or requesting agency)
ANSWERS: dict[str, tuple[str, str, frozenset[LinkageState], str]] = {
    "accept": ("Accept", "Alt+A", frozenset({LinkageState.REQUESTED}), "to"),
    "decline": ("Decline…", "Alt+N", frozenset({LinkageState.REQUESTED}), "to"),
    "fulfil": ("Fulfil", "Alt+F", frozenset({LinkageState.ACCEPTED}), "to"),
    "cancel": (
        "Cancel request",
        "Alt+X",
        frozenset({LinkageState.REQUESTED, LinkageState.ACCEPTED}),
        "from",
    ),
}
SHORTCUTS: list[tuple[str, str]] = [
    (key, f"Linkage request: {label.rstrip('…').lower()}") for label, key, _, _ in ANSWERS.values()
]


class LinkagePanel(QtWidgets.QWidget):
    """Owns the agency's linkage table and the answer buttons for the selected request."""

    def __init__(
        self,
        store: Store,
        gateway: CommandGateway,
        agency_id: str,
        prompt: ReasonPrompt,
        shortcut_scope: QtWidgets.QWidget | None = None,
        parent: QtWidgets.QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(f"LinkagePanel-{agency_id}")
        self._store = store
        self._gateway = gateway
        self._agency = agency_id
        self._prompt = prompt
        self.model = LinkageTableModel(store, agency_id, STATE_COLORS, self)
        self.view = QtWidgets.QTableView()
        self.view.setObjectName(f"LinkageTable-{agency_id}")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().hide()
        self.view.setAlternatingRowColors(True)
        self.view.horizontalHeader().setStretchLastSection(True)
        for col in LinkageColumn:
            if col != LinkageColumn.AGE:
                self.view.horizontalHeader().setSectionResizeMode(
                    col, QtWidgets.QHeaderView.ResizeMode.ResizeToContents
                )
        self.view.setMinimumHeight(110)
        self.cell_tips = ElidedCellTips(self.view)
        self.buttons: dict[str, QtWidgets.QPushButton] = {}
        buttons = QtWidgets.QWidget()
        row = FlowLayout(buttons)
        scope = shortcut_scope or self
        for action, (label, key, _, _) in ANSWERS.items():
            btn = QtWidgets.QPushButton(label)
            btn.setObjectName(f"linkage-{action}")
            if action == "accept":
                btn.setProperty("role", "primary")
            elif action == "decline":
                btn.setProperty("role", "danger")
            btn.clicked.connect(lambda _=False, a=action: self.answer(a))
            self.buttons[action] = btn
            row.addWidget(btn)
            sc = QtGui.QShortcut(QtGui.QKeySequence(key), scope)
            sc.setContext(QtCore.Qt.ShortcutContext.WidgetWithChildrenShortcut)
            sc.activated.connect(lambda a=action: self.answer(a))
        lay = QtWidgets.QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.view, 1)
        lay.addWidget(buttons)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._update())
        self.model.modelReset.connect(self._after_reset)
        store.sessionChanged.connect(self._update)
        # Fulfil depends on the units on the request's incident.
        store.incidentsChanged.connect(lambda _ids: self._update())
        self._selected_id = ""
        self.model.modelAboutToBeReset.connect(self._remember)
        self._after_reset()

    def _remember(self) -> None:
        req = self.current_request()
        self._selected_id = req.id if req else ""

    def _after_reset(self) -> None:
        row = self.model.row_of(self._selected_id) if self._selected_id else -1
        if row < 0 and self.model.rowCount() and self._selected_id == "":
            row = 0
        if row >= 0:
            self.view.selectRow(row)
        self._update()

    def current_request(self) -> LinkageRequest | None:
        idx = self.view.currentIndex()
        return self.model.request_at(idx.row()) if idx.isValid() else None

    def select_request(self, request_id: str) -> None:
        row = self.model.row_of(request_id)
        if row >= 0:
            self.view.selectRow(row)
        self._update()

    def _why_not(self, action: str, req: LinkageRequest | None) -> str:
        if req is None:
            return "Select a linkage request"
        _, _, states, side = ANSWERS[action]
        if req.state not in states:
            return f"The request is {req.state.value}"
        party = req.to_agency if side == "to" else req.from_agency
        if party != self._agency:
            who = "the receiving agency" if side == "to" else "the requesting agency"
            return f"Only {who} ({party}) may {action} this request"
        if action == "fulfil":
            # Fulfilled means this agency's units are on the incident: not before one is sent.
            inc = self._store.state.incidents.get(req.incident_id)
            units = self._store.state.units
            sent = inc is not None and any(
                (u := units.get(uid)) is not None and u.agency == self._agency
                for uid in inc.assigned_units
            )
            if not sent:
                return self.tr("Dispatch a unit of this agency to the incident before fulfilling")
        return why_not(
            self._store, self._gateway, c.AnswerLinkage(request_id=req.id, action=action)
        )

    def _update(self) -> None:
        req = self.current_request()
        for action, btn in self.buttons.items():
            reason = self._why_not(action, req)
            btn.setEnabled(not reason)
            key = ANSWERS[action][1]
            btn.setToolTip(reason or f"{ANSWERS[action][0].rstrip('…')} ({key})")

    def answer(self, action: str) -> None:
        req = self.current_request()
        if req is None or self._why_not(action, req):
            return
        if action == "decline":
            inc = self._store.state.incidents.get(req.incident_id)
            number = inc.number if inc else req.incident_id[:8]
            request_id = req.id

            def on_reason(reason: str) -> None:
                self._submit(request_id, "decline", reason)

            self._prompt.ask(
                f"Decline {req.count} × {req.capability} for {number} — reason:", on_reason
            )
            return
        self._submit(req.id, action, "")

    def _submit(self, request_id: str, action: str, reason: str) -> None:
        self._gateway.submit(c.AnswerLinkage(request_id=request_id, action=action, reason=reason))
