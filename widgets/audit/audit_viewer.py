"""The audit viewer: who did what, from which desk, when, on which case, accepted or refused;
filters and CSV export (supervisors, auditors, the administrator)."""

from __future__ import annotations

import asyncio
import logging
import tempfile
from pathlib import Path

from PySide6 import QtCore, QtWidgets

from app.audit import AuditFilter
from app.console.i18n import QT_TRANSLATE_NOOP
from app.models.audit_model import AuditModel, Request
from app.store.store import Store
from widgets.util import named

log = logging.getLogger(__name__)

SHORTCUTS: list[tuple[str, str]] = [
    (
        QT_TRANSLATE_NOOP("Keys", "Enter (audit filters)"),
        QT_TRANSLATE_NOOP("Keys", "Audit: list the matching rows"),
    )
]


class AuditViewer(QtWidgets.QWidget):
    """Owns the filter fields and the table; asks the server when a filter is applied."""

    def __init__(
        self, store: Store, request: Request | None, parent: QtWidgets.QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("AuditViewer")
        self._store = store
        self.model = AuditModel(request, lambda: store.state.rules().calendar.zone, self)
        self.user = named(QtWidgets.QLineEdit(), "AuditUser")
        self.desk = named(QtWidgets.QLineEdit(), "AuditDesk")
        self.incident = named(QtWidgets.QLineEdit(), "AuditIncident")
        self.command = named(QtWidgets.QLineEdit(), "AuditType")
        for w, hint in (
            (self.user, self.tr("person")),
            (self.desk, self.tr("desk")),
            (self.incident, self.tr("incident number")),
            (self.command, self.tr("command type")),
        ):
            w.setPlaceholderText(hint)
            w.returnPressed.connect(self.apply)
        self.outcome = named(QtWidgets.QComboBox(), "AuditOutcome")
        for text, value in (
            (self.tr("all"), ""),
            (self.tr("accepted"), "accepted"),
            (self.tr("refused"), "refused"),
        ):
            self.outcome.addItem(text, value)
        now = QtCore.QDateTime.currentDateTime()
        self.since = named(QtWidgets.QDateTimeEdit(now.addDays(-1)), "AuditSince")
        self.until = named(QtWidgets.QDateTimeEdit(now.addSecs(3600)), "AuditUntil")
        for edit in (self.since, self.until):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.apply_button = named(QtWidgets.QPushButton(self.tr("List")), "AuditApply")
        self.apply_button.clicked.connect(self.apply)
        self.export_button = named(QtWidgets.QPushButton(self.tr("Export CSV…")), "AuditExport")
        self.export_button.clicked.connect(self._export)
        filters = QtWidgets.QGridLayout()
        filters.addWidget(self.user, 0, 0)
        filters.addWidget(self.desk, 0, 1)
        filters.addWidget(self.incident, 0, 2)
        filters.addWidget(self.command, 0, 3)
        filters.addWidget(self.outcome, 1, 0)
        filters.addWidget(self.since, 1, 1)
        filters.addWidget(self.until, 1, 2)
        buttons = QtWidgets.QHBoxLayout()
        buttons.addWidget(self.apply_button)
        buttons.addWidget(self.export_button)
        filters.addLayout(buttons, 1, 3)
        self.table = named(QtWidgets.QTableView(), "AuditTable")
        self.table.setModel(self.model)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(
            QtWidgets.QHeaderView.ResizeMode.ResizeToContents
        )
        self.status = named(QtWidgets.QLabel(), "AuditStatus")
        lay = QtWidgets.QVBoxLayout(self)
        lay.addLayout(filters)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.status)
        self.model.loaded.connect(self._loaded)
        self._task: asyncio.Task[None] | None = None

    def current_filter(self) -> AuditFilter:
        return AuditFilter(
            since=self.since.dateTime().toSecsSinceEpoch(),
            until=self.until.dateTime().toSecsSinceEpoch(),
            user=self.user.text().strip(),
            workstation=self.desk.text().strip(),
            incident=self.incident.text().strip(),
            command_type=self.command.text().strip(),
            outcome=self.outcome.currentData() or "",
        )

    def apply(self) -> asyncio.Task[None]:
        self.status.setText(self.tr("asking the server…"))
        self._task = asyncio.ensure_future(self.model.load(self.current_filter()))
        return self._task

    def _loaded(self, error: str) -> None:
        if error:
            self.status.setText(self.tr("Not listed: %1").replace("%1", error))
        else:
            self.status.setText(self.tr("%n row(s)", "", self.model.row_total()))

    def _export(self) -> None:
        default = str(Path(tempfile.gettempdir()) / "audit.csv")
        path, _ = QtWidgets.QFileDialog.getSaveFileName(
            self, self.tr("Export the audit rows"), default, "CSV (*.csv)"
        )
        if path:
            self.export(path)

    def export(self, path: str | Path) -> Path:
        out = Path(path)
        out.write_text(self.model.csv(), encoding="utf-8")
        self.status.setText(
            self.tr("Exported %1 row(s) to %2")
            .replace("%1", str(self.model.row_total()))
            .replace("%2", str(out))
        )
        return out
