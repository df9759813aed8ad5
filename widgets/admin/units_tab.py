"""Units: call sign, agency, home station and kind; create, edit, retire through the runner
(upsert_unit, retire_unit). A new unit starts in service at its home station."""

from __future__ import annotations

import logging

from PySide6 import QtCore, QtWidgets

from app.domain import reference_commands as rc
from app.store.gateway import CommandGateway
from app.store.store import Store
from widgets.admin import admin_form as af
from widgets.util import named

log = logging.getLogger(__name__)


class UnitsTab(QtWidgets.QWidget):
    """Owns the unit table and the form of the chosen (or new) unit."""

    def __init__(
        self, store: Store, gateway: CommandGateway, parent: QtWidgets.QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._gateway = gateway
        self.table = af.table(
            [
                self.tr("Call sign"),
                self.tr("Agency"),
                self.tr("Kind"),
                self.tr("Station"),
                self.tr("Capabilities"),
                self.tr("Status"),
            ],
            "UnitsTable",
        )
        self.table.itemSelectionChanged.connect(self._selected)
        self.callsign = named(QtWidgets.QLineEdit(), "UnitCallsign")
        self.agency = named(QtWidgets.QComboBox(), "UnitAgency")
        self.agency.currentIndexChanged.connect(lambda _i: self._fill_stations())
        self.kind = named(QtWidgets.QLineEdit(), "UnitKind")
        self.kind.setPlaceholderText(self.tr("engine, medic, patrol, crew, ..."))
        self.station = named(QtWidgets.QComboBox(), "UnitStation")
        self.capabilities = named(QtWidgets.QLineEdit(), "UnitCapabilities")
        self.capabilities.setPlaceholderText(self.tr("comma-separated; empty: the kind"))
        form = QtWidgets.QFormLayout()
        form.addRow(self.tr("Call sign"), self.callsign)
        form.addRow(self.tr("Agency"), self.agency)
        form.addRow(self.tr("Home station"), self.station)
        form.addRow(self.tr("Kind"), self.kind)
        form.addRow(self.tr("Capabilities"), self.capabilities)
        self.save = named(QtWidgets.QPushButton(self.tr("Save unit")), "UnitSave")
        self.retire = named(QtWidgets.QPushButton(self.tr("Retire unit")), "UnitRetire")
        self.save.clicked.connect(self.submit)
        self.retire.clicked.connect(self.submit_retire)
        buttons = QtWidgets.QHBoxLayout()
        buttons.addWidget(self.save)
        buttons.addWidget(self.retire)
        buttons.addStretch(1)
        self.status = named(QtWidgets.QLabel(), "UnitsStatus")
        self.status.setWordWrap(True)
        lay = QtWidgets.QVBoxLayout(self)
        lay.addWidget(self.table, 1)
        lay.addLayout(form)
        lay.addLayout(buttons)
        lay.addWidget(self.status)
        # Units move all the time: one table refresh per quarter second at most.
        self._later = QtCore.QTimer(self, singleShot=True, interval=250)
        self._later.timeout.connect(self.reload)
        store.unitsChanged.connect(lambda _ids: self._later.start())
        store.agenciesChanged.connect(lambda _ids: self._fill_agencies())
        store.stateReset.connect(self._reset)
        self._reset()

    def _reset(self) -> None:
        self._fill_agencies()
        self.reload()

    def reload(self) -> None:
        units = sorted(self._store.state.units.values(), key=lambda u: (u.agency, u.id))
        af.fill(
            self.table,
            [
                (u.id, u.agency, u.type, u.home_station, ", ".join(u.capabilities), u.status.value)
                for u in units
            ],
        )

    def _fill_agencies(self) -> None:
        keep = self.agency.currentData()
        self.agency.blockSignals(True)
        self.agency.clear()
        for a in sorted(self._store.state.agencies.values(), key=lambda a: a.id):
            self.agency.addItem(a.name, a.id)
        idx = self.agency.findData(keep)
        self.agency.setCurrentIndex(max(0, idx))
        self.agency.blockSignals(False)
        self._fill_stations()

    def _fill_stations(self) -> None:
        keep = self.station.currentData()
        self.station.clear()
        self.station.addItem(self.tr("(none)"), "")
        a = self._store.state.agencies.get(self.agency.currentData() or "")
        for s in sorted(a.stations, key=lambda s: s.id) if a is not None else []:
            self.station.addItem(f"{s.id} — {s.name}", s.id)
        self.station.setCurrentIndex(max(0, self.station.findData(keep)))

    def select(self, unit_id: str) -> bool:
        found = af.select_key(self.table, unit_id)
        self._selected()
        return found

    def _selected(self) -> None:
        u = self._store.state.units.get(af.selected_key(self.table))
        if u is None:
            return
        self.callsign.setText(u.id)
        self.agency.setCurrentIndex(max(0, self.agency.findData(u.agency)))
        self._fill_stations()
        self.station.setCurrentIndex(max(0, self.station.findData(u.home_station)))
        self.kind.setText(u.type)
        self.capabilities.setText(", ".join(u.capabilities))

    def command(self) -> rc.UpsertUnit:
        caps = [c.strip() for c in self.capabilities.text().split(",") if c.strip()]
        return rc.UpsertUnit(
            unit_id=self.callsign.text().strip(),
            agency=self.agency.currentData() or "",
            type=self.kind.text().strip(),
            home_station=self.station.currentData() or "",
            capabilities=caps,
        )

    def submit(self) -> bool:
        cmd = self.command()
        done = self.tr("Unit %1 sent").replace("%1", cmd.unit_id)
        return af.submit(self._store, self._gateway, cmd, self.status, done)

    def submit_retire(self) -> bool:
        cmd = rc.RetireUnit(unit_id=self.callsign.text().strip())
        done = self.tr("Retiring unit %1").replace("%1", cmd.unit_id)
        return af.submit(self._store, self._gateway, cmd, self.status, done)
