"""Resource-panel logic: home stations, unit recommendations, and the linkage and recommendation
table models the resource panels show (QtCore; QtGui for colours; no widgets)."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from enum import IntEnum
from typing import Any

from PySide6 import QtCore, QtGui

from app.console.durations import duration_text
from app.console.i18n import QT_TRANSLATE_NOOP, active_language
from app.console.words import agency_name
from app.domain.model import LinkageRequest, LinkageState
from app.domain.recommend import Recommendation, format_distance, recommend
from app.domain.state import CityState
from app.geo.route import default_road_graph
from app.models.table import HeaderedTableModel
from app.store.store import Store

log = logging.getLogger(__name__)

IdRole = QtCore.Qt.ItemDataRole.UserRole + 1
StateRole = QtCore.Qt.ItemDataRole.UserRole + 2

MAX_POSITION_AGE_S = 900.0
"""A live position older than this is not trusted: the unit's home station is used instead."""

_ROOT = QtCore.QModelIndex()

OPEN_LINKAGE = frozenset({LinkageState.REQUESTED, LinkageState.ACCEPTED})


def fmt_age(seconds: float) -> str:
    """Compact age for tables: ``45s``, ``12m``, ``3h05``, ``2d``; ``-`` when unknown."""
    if seconds < 0 or seconds != seconds:
        return "-"
    s = int(seconds)
    if s < 60:
        return f"{s}s"
    if s < 3600:
        return f"{s // 60}m"
    if s < 86400:
        return f"{s // 3600}h{(s % 3600) // 60:02d}"
    return f"{s // 86400}d"


def station_positions(state: CityState) -> dict[str, tuple[float, float]]:
    """Every agency station's (lat, lon) by station id, for units whose position is stale."""
    return {s.id: (s.lat, s.lon) for a in state.agencies.values() for s in a.stations}


def recommend_units(
    state: CityState,
    capabilities: list[str],
    lat: float,
    lon: float,
    now: float,
    top_n: int = 8,
    routed: bool = True,
) -> list[Recommendation]:
    """Recommended units for a point; an invalid point gives an empty list instead of raising.

    ``routed``: ETAs over the city's road graph (one search from the point); units the roads
    cannot reach, or every unit when the graph is unavailable, keep a straight-line estimate.
    """
    road_eta = None
    if routed:
        graph = default_road_graph()
        if graph is not None and -90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0:
            road_eta = graph.search_to(lat, lon).eta_from
    try:
        return recommend(
            lat,
            lon,
            capabilities,
            state.units.values(),
            now,
            top_n=top_n,
            max_position_age_s=MAX_POSITION_AGE_S,
            station_positions=station_positions(state),
            road_eta=road_eta,
        )
    except ValueError as exc:
        log.warning("no recommendation at %s,%s: %s", lat, lon, exc)
        return []


def recommendation_route(
    state: CityState, rec: Recommendation, lat: float, lon: float
) -> list[tuple[float, float]]:
    """The road route of a recommended unit to the incident at (lat, lon), unit end first.

    From the unit's live position, or its home station when the recommendation used that;
    [] when the unit is gone, the graph is unavailable or the roads do not reach.
    """
    graph = default_road_graph()
    unit = state.units.get(rec.unit_id)
    if graph is None or unit is None:
        return []
    start: tuple[float, float] | None = (unit.lat, unit.lon)
    if rec.from_station:
        start = station_positions(state).get(unit.home_station or "")
    if start is None or not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
        return []
    route = graph.search_to(lat, lon).route_from(*start)
    return route.path if route is not None else []


def agency_linkages(state: CityState, agency_id: str) -> list[LinkageRequest]:
    """Linkage requests to or from ``agency_id``: open ones first, newest first within each."""
    rows = [r for r in state.linkages.values() if agency_id in (r.to_agency, r.from_agency)]
    rows.sort(key=lambda r: (r.state not in OPEN_LINKAGE, -r.created_at, r.id))
    return rows


class LinkageColumn(IntEnum):
    DIRECTION = 0
    INCIDENT = 1
    PARTIES = 2
    NEED = 3
    STATE = 4
    AGE = 5


LINKAGE_HEADERS = [
    QT_TRANSLATE_NOOP("Tables", "Dir"),
    QT_TRANSLATE_NOOP("Tables", "Incident"),
    QT_TRANSLATE_NOOP("Tables", "From → To"),
    QT_TRANSLATE_NOOP("Tables", "Needs"),
    QT_TRANSLATE_NOOP("Tables", "State"),
    QT_TRANSLATE_NOOP("Tables", "Age"),
]


class LinkageTableModel(HeaderedTableModel):
    """Linkage requests touching one agency (incoming and outgoing), re-read on each change."""

    headers = LINKAGE_HEADERS

    def __init__(
        self,
        store: Store,
        agency_id: str,
        state_colors: Mapping[str, str] | None = None,
        parent: QtCore.QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._agency = agency_id
        self._colors = dict(state_colors or {})
        self._rows: list[LinkageRequest] = []
        store.linkagesChanged.connect(self._on_changed)
        store.stateReset.connect(self.reload)
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self._rows = agency_linkages(self._store.state, self._agency)
        self.endResetModel()

    def _on_changed(self, ids: list[str]) -> None:
        st = self._store.state.linkages
        if any(i in st and self._agency in (st[i].to_agency, st[i].from_agency) for i in ids):
            self.reload()

    def request_at(self, row: int) -> LinkageRequest | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, request_id: str) -> int:
        for i, r in enumerate(self._rows):
            if r.id == request_id:
                return i
        return -1

    def tick(self) -> None:
        """Ages moved on: repaint the age column only."""
        if self._rows:
            top = self.index(0, LinkageColumn.AGE)
            self.dataChanged.emit(top, self.index(len(self._rows) - 1, LinkageColumn.AGE))

    def row_total(self) -> int:
        return len(self._rows)

    def data(
        self,
        index: QtCore.QModelIndex | QtCore.QPersistentModelIndex,
        role: int = QtCore.Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        req = self.request_at(index.row())
        if req is None:
            return None
        col = index.column()
        incoming = req.to_agency == self._agency
        if role == QtCore.Qt.ItemDataRole.DisplayRole:
            if col == LinkageColumn.DIRECTION:
                return "IN" if incoming else "OUT"
            if col == LinkageColumn.INCIDENT:
                inc = self._store.state.incidents.get(req.incident_id)
                return inc.number if inc else req.incident_id[:8]
            if col == LinkageColumn.PARTIES:
                return f"{req.from_agency} → {req.to_agency}"
            if col == LinkageColumn.NEED:
                return f"{req.count} × {req.capability.replace('_', ' ')}"
            if col == LinkageColumn.STATE:
                return req.state.value
            if col == LinkageColumn.AGE:
                return fmt_age(self._store.now() - req.created_at)
        if role == QtCore.Qt.ItemDataRole.ToolTipRole:
            tip = f"requested by {req.requested_by or '?'}"
            if req.answered_by:
                tip += f"; {req.state.value} by {req.answered_by}"
            if req.reason:
                tip += f": {req.reason}"
            return tip
        if role == QtCore.Qt.ItemDataRole.ForegroundRole and col in (
            LinkageColumn.STATE,
            LinkageColumn.DIRECTION,
        ):
            key = req.state.value if col == LinkageColumn.STATE else ("in" if incoming else "out")
            color = self._colors.get(key)
            return QtGui.QColor(color) if color else None
        if role == QtCore.Qt.ItemDataRole.FontRole and col == LinkageColumn.DIRECTION:
            f = QtGui.QFont()
            f.setBold(True)
            return f
        if role == IdRole:
            return req.id
        if role == StateRole:
            return req.state.value
        return None


REC_HEADERS = [
    "#",
    QT_TRANSLATE_NOOP("Tables", "Unit"),
    QT_TRANSLATE_NOOP("Tables", "Agency"),
    "ETA",
    QT_TRANSLATE_NOOP("Tables", "Distance"),
    QT_TRANSLATE_NOOP("Tables", "Covers"),
    QT_TRANSLATE_NOOP("Tables", "From"),
]


class RecommendationModel(HeaderedTableModel):
    """A ranked list of recommended units (rank 1 first)."""

    headers = REC_HEADERS

    def __init__(self, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Recommendation] = []

    def set_recommendations(self, recs: list[Recommendation]) -> None:
        self.beginResetModel()
        self._rows = list(recs)
        self.endResetModel()

    def recommendations(self) -> list[Recommendation]:
        return list(self._rows)

    def row_total(self) -> int:
        return len(self._rows)

    def data(
        self,
        index: QtCore.QModelIndex | QtCore.QPersistentModelIndex,
        role: int = QtCore.Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if not 0 <= index.row() < len(self._rows):
            return None
        rec = self._rows[index.row()]
        col = index.column()
        if role == QtCore.Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return str(index.row() + 1)
            if col == 1:
                return rec.unit_id
            if col == 2:
                # English shows the department's id, as before; other languages its name.
                return rec.agency if active_language() == "en" else agency_name(rec.agency)
            if col == 3:
                # "~": straight-line estimate (no road route); "*": from the home station.
                marks = ("" if rec.routed else " ~") + (" *" if rec.from_station else "")
                return duration_text(rec.eta_s) + marks
            if col == 4:
                return format_distance(rec.distance_m)
            if col == 5:
                text = ", ".join(c.replace("_", " ") for c in rec.capabilities_matched) or "-"
                if rec.capabilities_missing:
                    text += QtCore.QCoreApplication.translate("Tables", "  (lacks %1)").replace(
                        "%1", ", ".join(rec.capabilities_missing)
                    )
                return text
            if col == 6:
                if rec.from_station:
                    return QtCore.QCoreApplication.translate("Tables", "home station")
                return QtCore.QCoreApplication.translate("Tables", "live position")
        if role == QtCore.Qt.ItemDataRole.ToolTipRole:
            return recommendation_tip(rec)
        if role == QtCore.Qt.ItemDataRole.ForegroundRole and col == 5 and rec.capabilities_missing:
            return QtGui.QColor("#ffb020")
        if role == IdRole:
            return rec.unit_id
        return None


def recommendation_tip(rec: Recommendation) -> str:
    """The dispatcher's sentence about one suggestion, in the console's language (the domain's
    ``rec.reason`` is the English one, for logs)."""
    translate = QtCore.QCoreApplication.translate  # by this name lupdate finds the strings
    caps = ", ".join(c.replace("_", " ") for c in rec.capabilities_matched)
    caps = caps or translate("Tables", "no requirement")
    lines = [f"{rec.unit_id}: {caps}"]
    if rec.capabilities_missing:
        lines.append(
            translate("Tables", "lacks %1").replace("%1", ", ".join(rec.capabilities_missing))
        )
    how = (
        translate("Tables", "by road")
        if rec.routed
        else translate("Tables", "straight-line estimate")
    )
    eta = translate("Tables", "%1, ETA %2 %3").replace("%1", format_distance(rec.distance_m))
    lines.append(eta.replace("%2", duration_text(rec.eta_s)).replace("%3", how))
    if rec.from_station:
        lines.append(translate("Tables", "* ETA from the home station: live position is stale"))
    if not rec.routed:
        lines.append(translate("Tables", "~ straight-line estimate: no road route to this point"))
    return "\n".join(lines)
