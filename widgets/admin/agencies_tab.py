"""Agencies and their stations: create, edit, retire. Every change is a command through the
runner (upsert_agency, retire_agency, upsert_station, retire_station), so every desk sees it."""

from __future__ import annotations

import logging

from PySide6 import QtWidgets

from app.domain import reference_commands as rc
from app.store.gateway import CommandGateway
from app.store.store import Store
from widgets.admin import admin_form as af
from widgets.util import named

log = logging.getLogger(__name__)


class AgenciesTab(QtWidgets.QWidget):
    """Owns the agency table and form, and the station table and form of the chosen agency."""

    def __init__(
        self, store: Store, gateway: CommandGateway, parent: QtWidgets.QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._gateway = gateway
        self.table = af.table(
            [
                self.tr("Id"),
                self.tr("Name"),
                self.tr("Chinese name"),
                self.tr("Colour"),
                self.tr("Head"),
                self.tr("Stations"),
            ],
            "AgenciesTable",
        )
        self.table.itemSelectionChanged.connect(self._agency_selected)
        self.agency_id = named(QtWidgets.QLineEdit(), "AgencyId")
        self.agency_id.setPlaceholderText(self.tr("short code, e.g. parks"))
        self.name = named(QtWidgets.QLineEdit(), "AgencyName")
        self.name_zh = named(QtWidgets.QLineEdit(), "AgencyNameZh")
        self.color = named(QtWidgets.QLineEdit("#888888"), "AgencyColour")
        self.head = named(QtWidgets.QLineEdit(), "AgencyHead")
        self.head.setPlaceholderText(self.tr("account told when a case escalates"))
        form = QtWidgets.QFormLayout()
        form.addRow(self.tr("Agency id"), self.agency_id)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Chinese name"), self.name_zh)
        form.addRow(self.tr("Colour"), self.color)
        form.addRow(self.tr("Department head"), self.head)
        self.save = named(QtWidgets.QPushButton(self.tr("Save agency")), "AgencySave")
        self.retire = named(QtWidgets.QPushButton(self.tr("Retire agency")), "AgencyRetire")
        self.save.clicked.connect(self.save_agency)
        self.retire.clicked.connect(self.retire_agency)
        agency_buttons = QtWidgets.QHBoxLayout()
        agency_buttons.addWidget(self.save)
        agency_buttons.addWidget(self.retire)
        agency_buttons.addStretch(1)

        self.stations = af.table(
            [self.tr("Station"), self.tr("Name"), self.tr("Latitude"), self.tr("Longitude")],
            "StationsTable",
        )
        self.stations.itemSelectionChanged.connect(self._station_selected)
        self.station_id = named(QtWidgets.QLineEdit(), "StationId")
        self.station_name = named(QtWidgets.QLineEdit(), "StationName")
        self.lat = af.spin(-90, 90, 6, "StationLat")
        self.lon = af.spin(-180, 180, 6, "StationLon")
        sform = QtWidgets.QFormLayout()
        sform.addRow(self.tr("Station id"), self.station_id)
        sform.addRow(self.tr("Station name"), self.station_name)
        pos = QtWidgets.QHBoxLayout()
        pos.addWidget(self.lat)
        pos.addWidget(self.lon)
        sform.addRow(self.tr("Position (lat, lon)"), pos)
        self.save_station = named(QtWidgets.QPushButton(self.tr("Save station")), "StationSave")
        self.retire_station = named(
            QtWidgets.QPushButton(self.tr("Retire station")), "StationRetire"
        )
        self.save_station.clicked.connect(self.submit_station)
        self.retire_station.clicked.connect(self.submit_station_retire)
        station_buttons = QtWidgets.QHBoxLayout()
        station_buttons.addWidget(self.save_station)
        station_buttons.addWidget(self.retire_station)
        station_buttons.addStretch(1)
        self.status = named(QtWidgets.QLabel(), "AgenciesStatus")
        self.status.setWordWrap(True)

        left = QtWidgets.QVBoxLayout()
        left.addWidget(self.table, 1)
        left.addLayout(form)
        left.addLayout(agency_buttons)
        right = QtWidgets.QVBoxLayout()
        right.addWidget(self.stations, 1)
        right.addLayout(sform)
        right.addLayout(station_buttons)
        cols = QtWidgets.QHBoxLayout()
        cols.addLayout(left, 3)
        cols.addLayout(right, 2)
        lay = QtWidgets.QVBoxLayout(self)
        lay.addLayout(cols, 1)
        lay.addWidget(self.status)
        store.agenciesChanged.connect(lambda _ids: self.reload())
        store.stateReset.connect(self.reload)
        self.reload()

    def reload(self) -> None:
        agencies = sorted(self._store.state.agencies.values(), key=lambda a: a.id)
        af.fill(
            self.table,
            [(a.id, a.name, a.name_zh, a.color, a.head, len(a.stations)) for a in agencies],
        )
        self._fill_stations()

    def _fill_stations(self) -> None:
        a = self._store.state.agencies.get(af.selected_key(self.table))
        stations = sorted(a.stations, key=lambda s: s.id) if a is not None else []
        af.fill(self.stations, [(s.id, s.name, f"{s.lat:.6f}", f"{s.lon:.6f}") for s in stations])

    def select(self, agency_id: str) -> bool:
        found = af.select_key(self.table, agency_id)
        self._agency_selected()
        return found

    def _agency_selected(self) -> None:
        a = self._store.state.agencies.get(af.selected_key(self.table))
        if a is None:
            return
        self.agency_id.setText(a.id)
        self.name.setText(a.name)
        self.name_zh.setText(a.name_zh)
        self.color.setText(a.color)
        self.head.setText(a.head)
        self._fill_stations()

    def _station_selected(self) -> None:
        a = self._store.state.agencies.get(af.selected_key(self.table))
        key = af.selected_key(self.stations)
        s = next((s for s in a.stations if s.id == key), None) if a is not None else None
        if s is None:
            return
        self.station_id.setText(s.id)
        self.station_name.setText(s.name)
        self.lat.setValue(s.lat)
        self.lon.setValue(s.lon)

    def agency_command(self) -> rc.UpsertAgency:
        return rc.UpsertAgency(
            agency_id=self.agency_id.text().strip(),
            name=self.name.text().strip(),
            name_zh=self.name_zh.text().strip(),
            color=self.color.text().strip(),
            head=self.head.text().strip(),
        )

    def save_agency(self) -> bool:
        cmd = self.agency_command()
        done = self.tr("Agency %1 sent").replace("%1", cmd.agency_id)
        return af.submit(self._store, self._gateway, cmd, self.status, done)

    def retire_agency(self) -> bool:
        cmd = rc.RetireAgency(agency_id=self.agency_id.text().strip())
        done = self.tr("Retiring agency %1").replace("%1", cmd.agency_id)
        return af.submit(self._store, self._gateway, cmd, self.status, done)

    def station_command(self) -> rc.UpsertStation:
        return rc.UpsertStation(
            agency_id=self.agency_id.text().strip(),
            station_id=self.station_id.text().strip(),
            name=self.station_name.text().strip(),
            lat=self.lat.value(),
            lon=self.lon.value(),
        )

    def submit_station(self) -> bool:
        cmd = self.station_command()
        done = self.tr("Station %1 sent").replace("%1", cmd.station_id)
        return af.submit(self._store, self._gateway, cmd, self.status, done)

    def submit_station_retire(self) -> bool:
        cmd = rc.RetireStation(
            agency_id=self.agency_id.text().strip(), station_id=self.station_id.text().strip()
        )
        done = self.tr("Retiring station %1").replace("%1", cmd.station_id)
        return af.submit(self._store, self._gateway, cmd, self.status, done)
