"""The refusal inbox panel: every refused command with the case as it is now; open, redo after
review, dismiss."""

from __future__ import annotations

import logging

from PySide6 import QtCore, QtGui, QtWidgets

from app.console.i18n import QT_TRANSLATE_NOOP
from app.domain.commands import CommandError, parse_payload
from app.models.refusals_model import RefusalsModel
from app.store.gateway import CommandGateway
from app.store.refusal import Refusal
from app.store.selection import Selection
from app.store.store import Store
from widgets.util import named

log = logging.getLogger(__name__)

SHORTCUTS: list[tuple[str, str]] = [
    (
        QT_TRANSLATE_NOOP("Keys", "Enter (inbox)"),
        QT_TRANSLATE_NOOP("Keys", "Refusals: open the case of the selected refusal"),
    ),
    (
        QT_TRANSLATE_NOOP("Keys", "Ctrl+R (inbox)"),
        QT_TRANSLATE_NOOP("Keys", "Refusals: redo the selected command on the case as it is now"),
    ),
    (
        QT_TRANSLATE_NOOP("Keys", "Delete (inbox)"),
        QT_TRANSLATE_NOOP("Keys", "Refusals: dismiss the selected refusal for good"),
    ),
]


class RefusalInbox(QtWidgets.QWidget):
    """Owns the inbox table and its three actions. Redo sends the same command again with the
    version of the case shown now: the operator has reviewed it, so it is no longer stale."""

    def __init__(
        self,
        store: Store,
        selection: Selection,
        gateway: CommandGateway,
        parent: QtWidgets.QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("RefusalInbox")
        self._store = store
        self._selection = selection
        self._gateway = gateway
        self.model = RefusalsModel(store, self)
        title = QtWidgets.QLabel(self.tr("Refused commands"))
        title.setProperty("role", "title")
        self.count = named(QtWidgets.QLabel(), "RefusalCount")
        head = QtWidgets.QHBoxLayout()
        head.addWidget(title)
        head.addStretch(1)
        head.addWidget(self.count)
        self.table = named(QtWidgets.QTableView(), "RefusalTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        fit, stretch = (
            QtWidgets.QHeaderView.ResizeMode.ResizeToContents,
            QtWidgets.QHeaderView.ResizeMode.Stretch,
        )
        # The reason takes what is left (elided; the whole text is in the tooltip); the case as
        # it is now stays in view at the right.
        for col, mode in enumerate((fit, fit, fit, stretch, fit)):
            header.setSectionResizeMode(col, mode)
        self.table.setTextElideMode(QtCore.Qt.TextElideMode.ElideRight)
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        self.open_button = named(QtWidgets.QPushButton(self.tr("Open case")), "RefusalOpen")
        self.redo_button = named(QtWidgets.QPushButton(self.tr("Redo after review")), "RefusalRedo")
        self.dismiss_button = named(QtWidgets.QPushButton(self.tr("Dismiss")), "RefusalDismiss")
        self.dismiss_all = named(QtWidgets.QPushButton(self.tr("Dismiss all")), "RefusalDismissAll")
        self.open_button.clicked.connect(self.open_selected)
        self.redo_button.clicked.connect(self.redo_selected)
        self.dismiss_button.clicked.connect(self.dismiss_selected)
        self.dismiss_all.clicked.connect(store.refusals.clear)
        buttons = QtWidgets.QHBoxLayout()
        for b in (self.open_button, self.redo_button, self.dismiss_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.dismiss_all)
        self.feedback = named(QtWidgets.QLabel(), "RefusalFeedback")
        self.feedback.setWordWrap(True)
        lay = QtWidgets.QVBoxLayout(self)
        lay.addLayout(head)
        lay.addWidget(self.table, 1)
        lay.addLayout(buttons)
        lay.addWidget(self.feedback)
        for key, slot in (
            ("Return", self.open_selected),
            ("Ctrl+R", self.redo_selected),
            ("Delete", self.dismiss_selected),
        ):
            sc = QtGui.QShortcut(QtGui.QKeySequence(key), self.table)
            sc.setContext(QtCore.Qt.ShortcutContext.WidgetShortcut)
            sc.activated.connect(slot)
        self.model.modelReset.connect(self._update)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update())
        self._update()

    def selected(self) -> Refusal | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows and self.model.row_total():
            return self.model.refusal(0)
        return self.model.refusal(rows[0].row()) if rows else None

    def select_row(self, row: int) -> None:
        self.table.selectRow(row)

    def retranslate(self) -> None:
        self._update()

    def _update(self) -> None:
        n = self.model.row_total()
        self.count.setText(self.tr("%n refused", "", n) if n else self.tr("none"))
        r = self.selected()
        has_case = r is not None and r.incident_id in self._store.state.incidents
        self.open_button.setEnabled(has_case)
        self.redo_button.setEnabled(r is not None and not self._store.read_only)
        self.dismiss_button.setEnabled(r is not None)
        self.dismiss_all.setEnabled(n > 0)

    def open_selected(self) -> None:
        r = self.selected()
        if r is not None and r.incident_id in self._store.state.incidents:
            self._selection.select_incident(r.incident_id)

    def dismiss_selected(self) -> None:
        r = self.selected()
        if r is not None:
            self._store.refusals.dismiss(r.command_id)
            self.feedback.clear()

    def redo_selected(self) -> None:
        """Send the refused command again, on the case as it is now (after review)."""
        r = self.selected()
        if r is None:
            return
        try:
            command = parse_payload(r.type, r.payload)
        except CommandError as exc:
            self.feedback.setText(self.tr("Cannot redo: %1").replace("%1", exc.message))
            return
        why = self._gateway.refusal(command)
        if why is not None:
            self.feedback.setText(self.tr("Still refused: %1").replace("%1", why.message))
            return
        self._store.refusals.dismiss(r.command_id)
        self._gateway.submit(command)
        self.feedback.setText(self.tr("Sent again on the case as it is now."))
