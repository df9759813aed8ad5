"""Every field of an incident as label/value rows (reporter contact hidden for liaisons)."""

from __future__ import annotations

import logging

from PySide6 import QtCore, QtWidgets

from app.console.i18n import QT_TRANSLATE_NOOP
from app.console.words import source_name
from app.domain.library import Library
from app.domain.model import Incident, Role
from app.geo.geocode import Geocoder
from app.geo.nearby import NearbyCache
from app.store.store import Store
from widgets import theme
from widgets.detail.timefmt import clock_time, full_time
from widgets.nearby_text import nearby_line

log = logging.getLogger(__name__)

KIND_WORDS = {
    "emergency": QT_TRANSLATE_NOOP("IncidentFields", "emergency"),
    "urban-management": QT_TRANSLATE_NOOP("IncidentFields", "urban management"),
}
ROWS = [
    ("kind", QT_TRANSLATE_NOOP("IncidentFields", "Kind")),
    ("source", QT_TRANSLATE_NOOP("IncidentFields", "Source")),
    ("address", QT_TRANSLATE_NOOP("IncidentFields", "Location")),
    ("nearby", QT_TRANSLATE_NOOP("IncidentFields", "Nearby")),
    ("area", QT_TRANSLATE_NOOP("IncidentFields", "Grid / area")),
    ("coords", QT_TRANSLATE_NOOP("IncidentFields", "Lat, lon")),
    ("department", QT_TRANSLATE_NOOP("IncidentFields", "Department")),
    ("agencies", QT_TRANSLATE_NOOP("IncidentFields", "Linked agencies")),
    ("reporter", QT_TRANSLATE_NOOP("IncidentFields", "Reporter")),
    ("created", QT_TRANSLATE_NOOP("IncidentFields", "Reported")),
    ("counts", QT_TRANSLATE_NOOP("IncidentFields", "Rework / ext.")),
    ("description", QT_TRANSLATE_NOOP("IncidentFields", "Description")),
]


class IncidentFields(QtWidgets.QWidget):
    """Owns one value label per field; ``values`` exposes the shown text by field key."""

    def __init__(
        self,
        store: Store,
        library: Library,
        parent: QtWidgets.QWidget | None = None,
        geocoder: Geocoder | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("IncidentFields")
        self._store = store
        self._library = library
        # The nearest address and corner, cached per position (two k-d tree queries: well under
        # a millisecond, see app/geo/nearby.py, so they run here on the GUI thread).
        self.nearby = NearbyCache(geocoder) if geocoder is not None else None
        grid = QtWidgets.QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(3)
        self.labels: dict[str, QtWidgets.QLabel] = {}
        self.values: dict[str, QtWidgets.QLabel] = {}
        for row, (key, title) in enumerate(ROWS):
            lab = QtWidgets.QLabel(self.tr(title))
            lab.setStyleSheet(f"color: {theme.TEXT_DIM};")
            lab.setAlignment(QtCore.Qt.AlignmentFlag.AlignRight | QtCore.Qt.AlignmentFlag.AlignTop)
            val = QtWidgets.QLabel()
            val.setObjectName(f"field-{key}")
            val.setWordWrap(True)
            val.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
            grid.addWidget(lab, row, 0)
            grid.addWidget(val, row, 1)
            self.labels[key] = lab
            self.values[key] = val
        grid.setColumnStretch(1, 1)

    def _agency(self, agency_id: str) -> str:
        a = self._store.state.agencies.get(agency_id)
        return f"{a.name} ({a.id})" if a else agency_id or "-"

    def _nearby_text(self, lat: float, lon: float) -> str:
        if self.nearby is None:
            return "-"
        n = self.nearby.get(lat, lon)
        if n is None:
            return self.tr("no address within 1 km")
        return nearby_line(n)

    def set_incident(self, inc: Incident | None) -> None:
        if inc is None:
            for v in self.values.values():
                v.clear()
            return
        now = self._store.now()
        loc = inc.location
        area = " · ".join(x for x in (loc.grid_cell, loc.neighbourhood) if x) or "-"
        user = self._store.user
        liaison = user is not None and user.role == Role.LIAISON
        text = {
            "kind": self.tr(KIND_WORDS.get(inc.kind.value, inc.kind.value)),
            "source": source_name(inc.source.value),
            "address": loc.address or self.tr("(no address)"),
            "nearby": self._nearby_text(loc.lat, loc.lon),
            "area": area,
            "coords": f"{loc.lat:.5f}, {loc.lon:.5f}",
            "department": self._agency(inc.department),
            "agencies": ", ".join(inc.linked_agencies) or "-",
            "reporter": inc.reporter_contact or "-",
            "created": clock_time(inc.created_at, now),
            "counts": self.tr("%1 rework · %2 extension(s)")
            .replace("%1", str(inc.rework_count))
            .replace("%2", str(inc.extension_count)),
            "description": inc.description or "-",
        }
        for key, val in self.values.items():
            val.setText(text[key])
        self.values["created"].setToolTip(full_time(inc.created_at))
        # Privacy: a department liaison never sees who called.
        self.values["reporter"].setVisible(not liaison)
        self.labels["reporter"].setVisible(not liaison)
        if liaison:
            self.values["reporter"].clear()
