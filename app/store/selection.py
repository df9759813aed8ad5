"""The console-wide selection shared by queue, map, detail, resources and video wall."""

from __future__ import annotations

from PySide6 import QtCore


class Selection(QtCore.QObject):
    """Which incident is selected and which unit the map follows."""

    incidentSelected = QtCore.Signal(str)  # incident id, '' when cleared
    unitSelected = QtCore.Signal(str)
    unitFollowed = QtCore.Signal(str)  # unit id, '' to stop following

    def __init__(self, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self._incident = ""
        self._unit = ""

    @property
    def incident_id(self) -> str:
        return self._incident

    @property
    def unit_id(self) -> str:
        return self._unit

    def select_incident(self, incident_id: str) -> None:
        if incident_id != self._incident:
            self._incident = incident_id
            self.incidentSelected.emit(incident_id)

    def select_unit(self, unit_id: str) -> None:
        if unit_id != self._unit:
            self._unit = unit_id
            self.unitSelected.emit(unit_id)

    def follow_unit(self, unit_id: str) -> None:
        self.unitFollowed.emit(unit_id)
