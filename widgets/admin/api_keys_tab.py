"""Open311 application keys: list, create (the key is shown once, only its hash is kept) and
revoke, through the admin requests the server runs on the shell command's store."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from typing import Any

from PySide6 import QtWidgets

from app.domain.commands import CommandError
from app.models.audit_model import Request
from widgets.admin import admin_form as af
from widgets.util import named

log = logging.getLogger(__name__)


def _when(t: float | None) -> str:
    if not t:
        return ""
    return dt.datetime.fromtimestamp(t, dt.UTC).strftime("%Y-%m-%d %H:%M UTC")


class ApiKeysTab(QtWidgets.QWidget):
    """Owns the key table, the application name field and the once-shown new key."""

    def __init__(self, request: Request | None, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self._request = request
        self.table = af.table(
            [
                self.tr("Application"),
                self.tr("Key begins"),
                self.tr("Created"),
                self.tr("Revoked"),
            ],
            "ApiKeysTable",
        )
        self.name = named(QtWidgets.QLineEdit(), "ApiKeyName")
        self.table.itemSelectionChanged.connect(
            lambda: self.name.setText(af.selected_key(self.table) or self.name.text())
        )
        self.name.setPlaceholderText(self.tr("application name, e.g. fixit-app"))
        self.new_key = named(QtWidgets.QLineEdit(), "ApiKeyNew")
        self.new_key.setReadOnly(True)
        self.new_key.setPlaceholderText(self.tr("a new key appears here once"))
        form = QtWidgets.QFormLayout()
        form.addRow(self.tr("Application"), self.name)
        form.addRow(self.tr("New key"), self.new_key)
        self.buttons: dict[str, QtWidgets.QPushButton] = {}
        row = QtWidgets.QHBoxLayout()
        for key, text in (
            ("refresh", self.tr("Refresh")),
            ("create_api_key", self.tr("Create key")),
            ("revoke_api_key", self.tr("Revoke key")),
        ):
            b = named(QtWidgets.QPushButton(text), f"ApiKey-{key}")
            b.clicked.connect(lambda _=False, k=key: self.run(k))
            self.buttons[key] = b
            row.addWidget(b)
        row.addStretch(1)
        self.status = named(QtWidgets.QLabel(), "ApiKeysStatus")
        self.status.setWordWrap(True)
        lay = QtWidgets.QVBoxLayout(self)
        lay.addWidget(self.table, 1)
        lay.addLayout(form)
        lay.addLayout(row)
        lay.addWidget(self.status)

    def run(self, action: str) -> asyncio.Task[None]:
        """Start ``action`` (or a refresh); the returned task ends when the answer is shown."""
        return asyncio.ensure_future(self._run(action))

    async def _run(self, action: str) -> None:
        if self._request is None:
            self.status.setText(self.tr("Keys live on the server: not available here"))
            return
        name = self.name.text().strip()
        try:
            if action == "create_api_key":
                made: Any = await self._request(action, {"name": name})
                self.new_key.setText(str(made.get("key", "")))
                self.new_key.selectAll()
                self.status.setText(
                    self.tr("Key for %1 created: copy it now, it is not shown again").replace(
                        "%1", name
                    )
                )
            elif action == "revoke_api_key":
                await self._request(action, {"name": name})
                self.new_key.clear()
                self.status.setText(self.tr("The key of %1 is revoked").replace("%1", name))
            keys = await self._request("list_api_keys", {})
        except (CommandError, ConnectionError, TimeoutError) as exc:
            self.status.setText(
                self.tr("Refused: %1").replace("%1", getattr(exc, "message", str(exc)))
            )
            return
        af.fill(
            self.table,
            [(k["name"], k["hint"] + "…", _when(k["created"]), _when(k["revoked"])) for k in keys],
        )
