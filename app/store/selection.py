"""The console-wide selection shared by queue, map, detail, resources and video wall."""

from __future__ import annotations

from PySide6 import QtCore


class Selection(QtCore.QObject):
    """Which incident is selected and which unit the map follows."""

    incidentSelected = QtCore.Signal(str)  # incident id, '' when cleared
    unitSelected = QtCore.Signal(str)
    unitFollowed = QtCore.Signal(str)  # unit id, '' to stop following
    # A drill-down from the evaluation dashboard: the queue and the map show only these cases.
    drillDownChanged = QtCore.Signal()

    def __init__(self, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self._incident = ""
        self._unit = ""
        self._drill_label = ""
        self._drill_ids: frozenset[str] | None = None

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

    @property
    def drill_down(self) -> frozenset[str] | None:
        """The incidents a drill-down limits the views to (None: no drill-down)."""
        return self._drill_ids

    @property
    def drill_down_label(self) -> str:
        return self._drill_label

    def set_drill_down(self, label: str, ids: frozenset[str] | set[str] | None) -> None:
        """Limit the queue and the map to ``ids`` (``None`` clears the drill-down)."""
        self._drill_label = label if ids is not None else ""
        self._drill_ids = frozenset(ids) if ids is not None else None
        self.drillDownChanged.emit()

    def follow_unit(self, unit_id: str) -> None:
        self.unitFollowed.emit(unit_id)
