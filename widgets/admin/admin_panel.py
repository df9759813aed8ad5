"""Administration: accounts and the standard library, without writing protocol messages."""

from __future__ import annotations

import logging

from PySide6 import QtWidgets

from app.models.audit_model import Request
from app.store.gateway import CommandGateway
from app.store.store import Store
from widgets.admin.accounts_tab import AccountsTab
from widgets.admin.feeds_tab import FeedsTab
from widgets.admin.library_tab import LibraryTab

log = logging.getLogger(__name__)

SHORTCUTS: list[tuple[str, str]] = []


class AdminPanel(QtWidgets.QTabWidget):
    """Owns the administration tabs (the server refuses what the signed-in role may not do)."""

    def __init__(
        self,
        store: Store,
        gateway: CommandGateway,
        request: Request | None,
        parent: QtWidgets.QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("AdminPanel")
        self.accounts = AccountsTab(store, request)
        self.library = LibraryTab(store, gateway)
        self.addTab(self.accounts, self.tr("Accounts"))
        self.addTab(self.library, self.tr("Case library"))
        self.feeds = FeedsTab(request)
        self.addTab(self.feeds, self.tr("Alert feeds"))
