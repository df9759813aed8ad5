"""Quick status buttons for the selected unit: en route, on scene, returning, available, out."""

from __future__ import annotations

import logging

from PySide6 import QtCore, QtGui, QtWidgets

from app.console.i18n import QT_TRANSLATE_NOOP
from app.console.words import unit_status_name
from app.domain import commands as c
from app.domain.model import Unit, UnitStatus
from app.store.gateway import CommandGateway
from app.store.selection import Selection
from app.store.store import Store
from widgets import theme
from widgets.detail.access import why_not
from widgets.detail.flow_layout import FlowLayout

log = logging.getLogger(__name__)

QUICK: list[tuple[UnitStatus, str, str]] = [
    (UnitStatus.EN_ROUTE, QT_TRANSLATE_NOOP("UnitStatusBar", "En route"), "Alt+1"),
    (UnitStatus.ON_SCENE, QT_TRANSLATE_NOOP("UnitStatusBar", "On scene"), "Alt+2"),
    (UnitStatus.RETURNING, QT_TRANSLATE_NOOP("UnitStatusBar", "Returning"), "Alt+3"),
    (UnitStatus.AVAILABLE, QT_TRANSLATE_NOOP("UnitStatusBar", "Available"), "Alt+4"),
    (UnitStatus.OUT_OF_SERVICE, QT_TRANSLATE_NOOP("UnitStatusBar", "Out of service"), "Alt+5"),
]
SHORTCUTS: list[tuple[str, str]] = [
    ("Alt+1", QT_TRANSLATE_NOOP("Keys", "Selected unit: En route")),
    ("Alt+2", QT_TRANSLATE_NOOP("Keys", "Selected unit: On scene")),
    ("Alt+3", QT_TRANSLATE_NOOP("Keys", "Selected unit: Returning")),
    ("Alt+4", QT_TRANSLATE_NOOP("Keys", "Selected unit: Available")),
    ("Alt+5", QT_TRANSLATE_NOOP("Keys", "Selected unit: Out of service")),
]


class UnitStatusBar(QtWidgets.QWidget):
    """Owns the buttons for the unit the selection points at (optionally only one agency's)."""

    def __init__(
        self,
        store: Store,
        selection: Selection,
        gateway: CommandGateway,
        agency_id: str = "",
        shortcut_scope: QtWidgets.QWidget | None = None,
        parent: QtWidgets.QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(f"UnitStatusBar-{agency_id}" if agency_id else "UnitStatusBar")
        self._store = store
        self._gateway = gateway
        self._agency = agency_id
        self._unit_id = ""
        lay = FlowLayout(self)
        self.label = QtWidgets.QLabel()
        self.label.setObjectName("UnitStatusLabel")
        self.label.setMinimumWidth(190)
        lay.addWidget(self.label)
        self.buttons: dict[UnitStatus, QtWidgets.QPushButton] = {}
        scope = shortcut_scope or self
        for status, text, key in QUICK:
            btn = QtWidgets.QPushButton(QtCore.QCoreApplication.translate("UnitStatusBar", text))
            btn.setObjectName(f"unit-{status.value}")
            color = theme.UNIT_STATUS_COLORS.get(status.value, theme.BORDER)
            btn.setStyleSheet(
                f"QPushButton {{ border-left: 6px solid {color}; }}"
                "QPushButton:disabled { border-left-color: #2a3644; }"
            )
            btn.clicked.connect(lambda _=False, s=status: self.set_status(s))
            self.buttons[status] = btn
            lay.addWidget(btn)
            sc = QtGui.QShortcut(QtGui.QKeySequence(key), scope)
            sc.setContext(QtCore.Qt.ShortcutContext.WidgetWithChildrenShortcut)
            sc.activated.connect(lambda s=status: self.set_status(s))
        selection.unitSelected.connect(self.show_unit)
        store.unitsChanged.connect(self._on_units)
        store.stateReset.connect(self.refresh)
        store.sessionChanged.connect(self.refresh)
        self.show_unit(selection.unit_id)

    @property
    def unit(self) -> Unit | None:
        u = self._store.state.units.get(self._unit_id) if self._unit_id else None
        if u is not None and self._agency and u.agency != self._agency:
            return None
        return u

    def show_unit(self, unit_id: str) -> None:
        u = self._store.state.units.get(unit_id)
        if self._agency and u is not None and u.agency != self._agency:
            return  # another agency's unit: keep showing ours
        self._unit_id = unit_id
        self.refresh()

    def _on_units(self, ids: list[str]) -> None:
        if self._unit_id in ids:
            self.refresh()

    def refresh(self) -> None:
        u = self.unit
        if u is None:
            self.label.setText(self.tr("No unit selected"))
            self.label.setStyleSheet(f"color: {theme.TEXT_DIM};")
        else:
            color = theme.UNIT_STATUS_COLORS.get(u.status.value, theme.TEXT)
            self.label.setText(f"{u.id}  {unit_status_name(u.status.value).upper()}")
            self.label.setStyleSheet(f"color: {color}; font-weight: bold; font-size: 13pt;")
        for status, btn in self.buttons.items():
            reason = self._why_not(u, status)
            btn.setEnabled(not reason)
            key = next(k for s, _, k in QUICK if s == status)
            btn.setToolTip(
                reason
                or self.tr("Set %1 %2 (%3)")
                .replace("%1", u.id if u else "")
                .replace("%2", unit_status_name(status.value))
                .replace("%3", key)
            )

    def _why_not(self, u: Unit | None, status: UnitStatus) -> str:
        if u is None:
            return "Select a unit in the table"
        if u.status == status:
            return f"{u.id} is already {status.value.replace('_', ' ')}"
        if status in (UnitStatus.EN_ROUTE, UnitStatus.ON_SCENE) and not u.incident_id:
            return f"{u.id} is not assigned to an incident: dispatch it first"
        return why_not(self._store, self._gateway, c.SetUnitStatus(unit_id=u.id, status=status))

    def set_status(self, status: UnitStatus) -> None:
        u = self.unit
        btn = self.buttons[status]
        if u is None or not btn.isEnabled():
            return
        self._gateway.submit(c.SetUnitStatus(unit_id=u.id, status=status))
