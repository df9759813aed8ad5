"""Where the caller is: address or intersection search, typed "lat,lon", or a click on the map;
then a reverse look-up fills the address, grid cell and neighbourhood."""

from __future__ import annotations

import logging
import math
from typing import Any

from PySide6 import QtCore, QtGui, QtWidgets

from app.domain.geo import parse_latlon, parse_latlon_strict
from app.domain.model import Location
from widgets import theme

log = logging.getLogger(__name__)

PlaceRole = QtCore.Qt.ItemDataRole.UserRole + 1
SEARCH_DELAY_MS = 200
MAX_PLACES = 8


class LocationField(QtWidgets.QWidget):
    """Owns the search box, the place results and the chosen :class:`Location` (or None).

    ``gazetteer`` (app.geo.gazetteer.Gazetteer) and ``locator`` (app.city.Locator) are optional:
    without them only coordinates are accepted and the grid cell stays empty.
    """

    locationChanged = QtCore.Signal(object)  # Location | None
    pickOnMapRequested = QtCore.Signal()
    activated = QtCore.Signal()  # Enter picked a place: the form moves focus on

    def __init__(
        self,
        gazetteer: Any = None,
        locator: Any = None,
        parent: QtWidgets.QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("LocationField")
        self._gaz = gazetteer
        self._locator = locator
        self._location: Location | None = None
        self.edit = QtWidgets.QLineEdit()
        self.edit.setObjectName("LocationSearch")
        self.edit.setClearButtonEnabled(True)
        self.map_button = QtWidgets.QPushButton(self.tr("Pick on map"))
        self.map_button.setObjectName("PickOnMap")
        self.map_button.clicked.connect(self.pickOnMapRequested)
        self.model = QtGui.QStandardItemModel(self)
        self.list = QtWidgets.QListView()
        self.list.setObjectName("PlaceResults")
        self.list.setModel(self.model)
        self.list.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)
        self.list.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setMaximumHeight(150)
        self.list.clicked.connect(lambda _i: self.choose_current())
        self.list.hide()
        self.readout = QtWidgets.QLabel()
        self.readout.setObjectName("LocationReadout")
        self.readout.setWordWrap(True)
        self._set_hint()
        row = QtWidgets.QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(self.map_button)
        lay = QtWidgets.QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addLayout(row)
        lay.addWidget(self.list)
        lay.addWidget(self.readout)
        self._timer = QtCore.QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self._search_now)
        self.edit.textEdited.connect(lambda _t: self._timer.start())
        self.edit.returnPressed.connect(self._on_return)
        self.edit.installEventFilter(self)
        self.setFocusProxy(self.edit)
        self._show_readout()

    @property
    def location(self) -> Location | None:
        return self._location

    def result_labels(self) -> list[str]:
        return [self.model.item(r).text() for r in range(self.model.rowCount())]

    # --- search ---------------------------------------------------------------------------------
    def search(self, text: str) -> None:
        """Type ``text`` and run the search at once (no debounce)."""
        self.edit.setText(text)
        self._search_now()

    def _search_now(self) -> None:
        self._timer.stop()
        text = self.edit.text().strip()
        self.model.clear()
        if not text:
            self.list.hide()
            return
        places: list[Any] = []
        found_by_label: dict[str, Any] = {}
        ll = parse_latlon(text)
        if ll is not None:
            places = [(f"{ll[0]:.5f}, {ll[1]:.5f}", ll[0], ll[1], "coordinates")]
        elif self._gaz is not None:
            try:
                found = self._gaz.search(text, limit=MAX_PLACES)
            except Exception as exc:  # a look-up fault must not lose the typed call
                log.warning("place search failed for %r: %s", text, exc)
                found = []
            places = [(p.label, p.lat, p.lon, p.kind) for p in found]
            found_by_label = {p.label: p for p in found}
        for label, lat, lon, kind in places:
            item = QtGui.QStandardItem(f"{label}" + (f"   ({kind})" if kind else ""))
            if getattr(found_by_label.get(label), "match", "") == "fuzzy":
                item.setToolTip(self.tr("Spelling corrected: check this is the place meant"))
            item.setData((lat, lon, label if kind != "coordinates" else ""), PlaceRole)
            self.model.appendRow(item)
        if places:
            self.list.setCurrentIndex(self.model.index(0, 0))
            self.list.show()
        else:
            self.list.hide()
            self._show_error(self._no_match(text))

    def _no_match(self, text: str) -> str:
        try:
            parse_latlon_strict(text)
        except ValueError as exc:
            if any(ch.isdigit() for ch in text) and ("," in text or "." in text):
                return str(exc)
        if self._gaz is None:
            return self.tr(
                "“%1” is not a lat,lon pair (no address search on this workstation)"
            ).replace("%1", text)
        message = self.tr("No street, intersection or place matches “%1”").replace("%1", text)
        closest: list[str] = []
        if hasattr(self._gaz, "geocode"):
            try:
                closest = list(self._gaz.geocode(text, limit=1).closest)
            except Exception as exc:  # the hint is a help, never a blocker
                log.warning("closest spellings failed for %r: %s", text, exc)
        if closest:
            message += self.tr(" — Closest: {names}").format(names=", ".join(closest[:4]))
        return message

    def _on_return(self) -> None:
        self.choose_current()
        if self._location is not None and not self.model.rowCount():
            self.activated.emit()

    def choose_current(self) -> None:
        if self._timer.isActive() or (self.edit.text().strip() and not self.model.rowCount()):
            self._search_now()
        idx = self.list.currentIndex()
        data = idx.data(PlaceRole) if idx.isValid() else None
        if data is None and self.model.rowCount():
            data = self.model.item(0).data(PlaceRole)
        if data is None:
            return
        lat, lon, label = data
        self.set_location(float(lat), float(lon), str(label))

    # --- the chosen point -----------------------------------------------------------------------
    def set_location(self, lat: float, lon: float, label: str = "") -> None:
        """Use (lat, lon); ``label`` is the address when known, else the reverse look-up's."""
        if not (
            math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180
        ):
            self._show_error(
                self.tr("%1, %2 is not a valid position")
                .replace("%1", str(lat))
                .replace("%2", str(lon))
            )
            return
        address, cell, hood = label, "", ""
        if self._locator is not None:
            try:
                cell, hood = self._locator.locate(lat, lon)
            except Exception as exc:  # the readout is a help, never a blocker
                log.warning("locator failed at %.5f,%.5f: %s", lat, lon, exc)
        if self._gaz is not None:
            try:
                rev = self._gaz.reverse(lat, lon)
            except Exception as exc:
                log.warning("reverse look-up failed at %.5f,%.5f: %s", lat, lon, exc)
            else:
                cell = cell or rev.grid_cell
                hood = hood or rev.neighbourhood
                if not address:
                    address = _address_of(rev)
        self._location = Location(
            lat=lat, lon=lon, address=address, grid_cell=cell, neighbourhood=hood
        )
        self.model.clear()
        self.list.hide()
        self.edit.setText(address or f"{lat:.5f}, {lon:.5f}")
        self._show_readout()
        self.locationChanged.emit(self._location)

    def clear(self) -> None:
        self._timer.stop()
        self.edit.clear()
        self.model.clear()
        self.list.hide()
        had = self._location is not None
        self._location = None
        self._show_readout()
        if had:
            self.locationChanged.emit(None)

    def _set_hint(self) -> None:
        self.edit.setPlaceholderText(
            self.tr(
                "Address, block, intersection (“24th & mission”), landmark, or lat,lon"
                " — Enter picks"
            )
            if self._gaz
            else self.tr("lat,lon — Enter picks")
        )

    def retranslate(self) -> None:
        """After a language switch: the hint and the readout are set again."""
        self._set_hint()
        self._show_readout()

    def _show_readout(self) -> None:
        loc = self._location
        if loc is None:
            self.readout.setStyleSheet(f"color: {theme.TEXT_DIM};")
            self.readout.setText(self.tr("No location yet"))
            return
        parts = [f"{loc.lat:.5f}, {loc.lon:.5f}"]
        parts.append(loc.grid_cell or self.tr("no grid cell"))
        parts.append(loc.neighbourhood or self.tr("outside the city's neighbourhoods"))
        self.readout.setStyleSheet(f"color: {theme.OK}; font-weight: bold;")
        self.readout.setText(self.tr("Located: %1").replace("%1", "  ·  ".join(parts)))

    def _show_error(self, message: str) -> None:
        self.readout.setStyleSheet(f"color: {theme.DANGER}; font-weight: bold;")
        self.readout.setText(message)

    def eventFilter(self, obj: QtCore.QObject, event: QtCore.QEvent) -> bool:
        if obj is self.edit and event.type() == QtCore.QEvent.Type.KeyPress:
            assert isinstance(event, QtGui.QKeyEvent)
            key = event.key()
            if key in (QtCore.Qt.Key.Key_Down, QtCore.Qt.Key.Key_Up) and self.model.rowCount():
                row = self.list.currentIndex().row()
                step = 1 if key == QtCore.Qt.Key.Key_Down else -1
                row = max(0, min(self.model.rowCount() - 1, row + step))
                self.list.setCurrentIndex(self.model.index(row, 0))
                return True
        return super().eventFilter(obj, event)


def _address_of(rev: Any) -> str:
    """A call-taker's address from a reverse look-up: the corner when close, else the street."""
    if rev.intersection and rev.intersection_distance_m <= 40.0:
        return str(rev.intersection)
    if rev.street:
        near = rev.intersection.replace(rev.street, "").strip(" &") if rev.intersection else ""
        return (
            f"{rev.street} near {near}" if near and rev.street in rev.intersection else rev.street
        )
    return ""
