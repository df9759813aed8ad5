"""Administration: accounts, agencies and their stations, units, cameras, Open311 keys and the
standard library, without writing protocol messages."""

from __future__ import annotations

import logging

from PySide6 import QtWidgets

from app.models.audit_model import Request
from app.store.gateway import CommandGateway
from app.store.store import Store
from widgets.admin.accounts_tab import AccountsTab
from widgets.admin.agencies_tab import AgenciesTab
from widgets.admin.api_keys_tab import ApiKeysTab
from widgets.admin.cameras_tab import CamerasTab, Probe
from widgets.admin.feeds_tab import FeedsTab
from widgets.admin.library_tab import LibraryTab
from widgets.admin.sessions_tab import SessionsTab
from widgets.admin.units_tab import UnitsTab

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
        probe: Probe | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("AdminPanel")
        self.accounts = AccountsTab(store, request)
        self.library = LibraryTab(store, gateway)
        self.agencies = AgenciesTab(store, gateway)
        self.units = UnitsTab(store, gateway)
        if probe is None:
            from app.video.probe import probe_stream

            probe = probe_stream
        self.cameras = CamerasTab(store, gateway, probe)
        self.api_keys = ApiKeysTab(request)
        self.sessions = SessionsTab(store, gateway)
        self.addTab(self.accounts, self.tr("Accounts"))
        self.addTab(self.agencies, self.tr("Agencies and stations"))
        self.addTab(self.units, self.tr("Units"))
        self.addTab(self.cameras, self.tr("Cameras"))
        self.addTab(self.api_keys, self.tr("Open311 keys"))
        self.addTab(self.sessions, self.tr("Sessions"))
        self.addTab(self.library, self.tr("Case library"))
        self.feeds = FeedsTab(request)
        self.addTab(self.feeds, self.tr("Alert feeds"))
