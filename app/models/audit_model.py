"""Table model of the audit trail as the server lists it (app.server.audit rows)."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Awaitable, Callable
from typing import Any

import msgspec
from PySide6 import QtCore, QtGui

from app.audit import AuditFilter, AuditRow, to_csv
from app.domain.commands import CommandError
from app.models.table import HeaderedTableModel

log = logging.getLogger(__name__)

Request = Callable[[str, dict[str, Any]], Awaitable[Any]]
_DISPLAY = QtCore.Qt.ItemDataRole.DisplayRole
_FG = QtCore.Qt.ItemDataRole.ForegroundRole
_REFUSED = QtGui.QColor("#ff6b6b")
_OK = QtGui.QColor("#35c46a")


class AuditModel(HeaderedTableModel):
    """Owns the rows of the last query; ``load`` asks the server (through ``request``)."""

    headers = (
        QtCore.QCoreApplication.translate("AuditModel", "Time"),
        QtCore.QCoreApplication.translate("AuditModel", "Person"),
        QtCore.QCoreApplication.translate("AuditModel", "Desk"),
        QtCore.QCoreApplication.translate("AuditModel", "Kind"),
        QtCore.QCoreApplication.translate("AuditModel", "Command / action"),
        QtCore.QCoreApplication.translate("AuditModel", "Incident"),
        QtCore.QCoreApplication.translate("AuditModel", "Outcome"),
        QtCore.QCoreApplication.translate("AuditModel", "Detail"),
    )
    loaded = QtCore.Signal(str)  # '' on success, else why it failed

    def __init__(
        self,
        request: Request | None,
        tz: Callable[[], dt.tzinfo],
        parent: QtCore.QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._request = request
        self._tz = tz
        self.rows: list[AuditRow] = []

    def row_total(self) -> int:
        return len(self.rows)

    async def load(self, f: AuditFilter) -> None:
        if self._request is None:
            self.loaded.emit("the audit trail is on the server: not available in a replay")
            return
        try:
            raw = await self._request("read_audit", msgspec.to_builtins(f))
            rows = msgspec.convert(raw, list[AuditRow])
        except (CommandError, ConnectionError, TimeoutError, msgspec.ValidationError) as exc:
            self.loaded.emit(getattr(exc, "message", None) or str(exc) or type(exc).__name__)
            return
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()
        self.loaded.emit("")

    def csv(self) -> str:
        return to_csv(self.rows, self._tz())

    def data(
        self, index: QtCore.QModelIndex | QtCore.QPersistentModelIndex, role: int = _DISPLAY
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        r = self.rows[index.row()]
        col = index.column()
        if role == _DISPLAY:
            if col == 0:
                return dt.datetime.fromtimestamp(r.time, self._tz()).strftime("%Y-%m-%d %H:%M:%S")
            return [
                "",
                r.username,
                r.workstation,
                r.kind,
                r.command_type,
                r.incident_number or r.incident_id[:8],
                "accepted" if r.result == "ok" else r.result,
                r.detail,
            ][col]
        if role == _FG and col == 6:
            return _OK if r.result == "ok" else (None if r.result == "replayed" else _REFUSED)
        return None
