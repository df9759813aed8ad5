"""Accounts: list, create, reset a password, disable and enable (the server ends a disabled or
re-passworded account's sessions), sign an account out of every desk, and an inspector's grid
cells, through the admin requests of the protocol."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from PySide6 import QtWidgets

from app.domain.commands import CommandError
from app.domain.model import Role
from app.models.audit_model import Request
from app.store.store import Store
from widgets.util import named

log = logging.getLogger(__name__)


class AccountsTab(QtWidgets.QWidget):
    """Owns the account table and the form; every action is one admin request."""

    def __init__(
        self, store: Store, request: Request | None, parent: QtWidgets.QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._request = request
        self.table = named(QtWidgets.QTableWidget(0, 5), "AccountsTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("User"), self.tr("Name"), self.tr("Role"), self.tr("Agency"), self.tr("State")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.itemSelectionChanged.connect(self._selected)
        self.username = named(QtWidgets.QLineEdit(), "AccountUser")
        self.display = named(QtWidgets.QLineEdit(), "AccountName")
        self.role = named(QtWidgets.QComboBox(), "AccountRole")
        for r in Role:
            self.role.addItem(r.value.replace("_", " "), r.value)
        self.agency = named(QtWidgets.QComboBox(), "AccountAgency")
        self.cells = named(QtWidgets.QLineEdit(), "AccountCells")
        self.cells.setPlaceholderText(self.tr("G-04-07, G-04-08"))
        self.password = named(QtWidgets.QLineEdit(), "AccountPassword")
        self.password.setEchoMode(QtWidgets.QLineEdit.EchoMode.Password)
        form = QtWidgets.QFormLayout()
        form.addRow(self.tr("User name"), self.username)
        form.addRow(self.tr("Display name"), self.display)
        form.addRow(self.tr("Role"), self.role)
        form.addRow(self.tr("Agency (liaisons)"), self.agency)
        form.addRow(self.tr("Grid cells (inspectors)"), self.cells)
        form.addRow(self.tr("Password"), self.password)
        self.buttons: dict[str, QtWidgets.QPushButton] = {}
        row = QtWidgets.QHBoxLayout()
        for key, text in (
            ("refresh", self.tr("Refresh")),
            ("create_user", self.tr("Create")),
            ("set_password", self.tr("Set password")),
            ("disable_user", self.tr("Disable")),
            ("enable_user", self.tr("Enable")),
            ("set_cells", self.tr("Set cells")),
            ("end_sessions", self.tr("Sign out everywhere")),
        ):
            b = named(QtWidgets.QPushButton(text), f"Account-{key}")
            b.clicked.connect(lambda _=False, k=key: self.run(k))
            self.buttons[key] = b
            row.addWidget(b)
        self.status = named(QtWidgets.QLabel(), "AccountsStatus")
        self.status.setWordWrap(True)
        lay = QtWidgets.QVBoxLayout(self)
        lay.addWidget(self.table, 1)
        lay.addLayout(form)
        lay.addLayout(row)
        lay.addWidget(self.status)
        store.agenciesChanged.connect(lambda _ids: self._agencies())
        self._agencies()

    def _agencies(self) -> None:
        self.agency.clear()
        self.agency.addItem("—", "")
        for a in sorted(self._store.state.agencies.values(), key=lambda a: a.id):
            self.agency.addItem(a.name, a.id)

    def _selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        r = rows[0].row()
        cell = self.table.item(r, 0)
        self.username.setText(cell.text() if cell else "")

    def run(self, action: str) -> asyncio.Task[None]:
        """Start ``action`` (or a refresh); the returned task ends when the answer is shown."""
        return asyncio.ensure_future(self._run(action))

    async def _run(self, action: str) -> None:
        if self._request is None:
            self.status.setText(self.tr("Accounts live on the server: not available here"))
            return
        payload: dict[str, Any] = {"username": self.username.text().strip()}
        cells = [c.strip() for c in self.cells.text().replace(";", ",").split(",") if c.strip()]
        if action == "create_user":
            inspector = self.role.currentData() == Role.INSPECTOR.value
            payload.update(
                display_name=self.display.text().strip(),
                role=self.role.currentData(),
                # an inspector's account carries its grid cells where a liaison's has its agency
                agency=",".join(cells) if inspector else self.agency.currentData() or "",
                password=self.password.text(),
            )
        elif action == "set_cells":
            payload["cells"] = cells
        elif action == "set_password":
            payload["password"] = self.password.text()
        try:
            if action != "refresh":
                await self._request(action, payload)
                self.status.setText(
                    self.tr("%1: %2 done")
                    .replace("%1", payload["username"])
                    .replace("%2", self.buttons[action].text())
                )
                self.password.clear()
            users = await self._request("list_users", {})
        except (CommandError, ConnectionError, TimeoutError) as exc:
            self.status.setText(
                self.tr("Refused: %1").replace("%1", getattr(exc, "message", str(exc)))
            )
            return
        self.table.setRowCount(len(users))
        for i, u in enumerate(users):
            state = self.tr("disabled") if u.get("disabled") else self.tr("active")
            for col, value in enumerate(
                (u["username"], u.get("display_name", ""), u["role"], u.get("agency", ""), state)
            ):
                self.table.setItem(i, col, QtWidgets.QTableWidgetItem(str(value)))
