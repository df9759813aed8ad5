"""Coverage: the share of expected demand an available unit reaches within 4 and 8 minutes.

Demand is the hotspot forecast (``forecast.forecast_cells``): expected cases per grid cell,
placed at the cell's centre. Drive times are the road graph's (``app.geo.route``: the same
street-class speeds and off-network access as the routed ETAs of the recommendation).

Method: one *forward* Dijkstra search from each source (a unit's position, a station), all of
them in one scipy call over the forward graph with one virtual node per source (its edges go to
the source's nearest intersections, weighted by the access time, as in ``RoadGraph``), cut off at
8 minutes (``limit``): a search then visits only the few thousand nodes within reach. Per-source
rows (seconds to every cell) are kept by position, so when a unit moves only its own row is
searched again; the stations' rows are searched once. A multi-source search per agency would
give the coverage in one search, but the move-up advice needs to know which unit covers which
cell, so the per-source matrix is what both read.

Move-up (:func:`advise`): for each agency, greedily, the (available unit, station) pair whose
relocation raises ``covered within 4 min + covered within 8 min`` (shares of demand) the most,
counted with the same matrix; a move is advised only when it gains at least
:data:`MIN_GAIN`. Stations a returning unit of
the agency is already heading to are left out (it will be there). Pure (numpy, scipy; no Qt).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import dijkstra

from app.domain.model import Agency, GridCell, Unit, UnitStatus
from app.geo.placedata import to_metres
from app.geo.route import ACCESS_SPEED_KMH, SNAP_CANDIDATES, RoadGraph

log = logging.getLogger(__name__)

THRESHOLDS_S = (240.0, 480.0)
"""4 and 8 minutes of travel (NFPA 1710: first engine 4 min, full first alarm 8 min)."""
LIMIT_S = max(THRESHOLDS_S)
COUNTED_STATUSES = frozenset({UnitStatus.AVAILABLE, UnitStatus.RETURNING})
"""Units that can take a call now (as the recommendation): counted where they are."""
MOVABLE_STATUSES = frozenset({UnitStatus.AVAILABLE})
MAX_MOVES = 3
MIN_GAIN = 0.005
"""A move is advised only when it gains half a point of demand (4 + 8 min): crews are not sent
across the city for a few hundredths of a percent."""
CACHE_ROWS = 4096
SEARCH_CHUNK = 8

F64 = npt.NDArray[np.float64]
Pos = tuple[float, float]


def cell_centre(cell: GridCell) -> Pos | None:
    """(lat, lon) of a cell's centre (the polygon is (lon, lat) pairs); None without one."""
    if not cell.polygon:
        return None
    lons = [p[0] for p in cell.polygon]
    lats = [p[1] for p in cell.polygon]
    return (min(lats) + max(lats)) / 2.0, (min(lons) + max(lons)) / 2.0


class DriveMatrix:
    """Seconds from any position to every demand point, within :data:`LIMIT_S` (else inf)."""

    def __init__(self, graph: RoadGraph, points: Sequence[Pos], limit_s: float = LIMIT_S) -> None:
        self.graph = graph
        self.limit_s = limit_s
        n = graph.n_nodes
        fwd = graph.reversed[:n, :n].T.tocoo()
        self._src, self._dst, self._cost = fwd.row, fwd.col, fwd.data
        self.n_points = len(points)
        if points:
            arr = np.asarray(points, dtype=np.float64)
            # From an intersection to the demand point: the last stretch off the network.
            self._p_access, self._p_nodes = graph._snap(to_metres(arr[:, 0], arr[:, 1]))
        else:
            self._p_access = np.zeros((0, SNAP_CANDIDATES))
            self._p_nodes = np.zeros((0, SNAP_CANDIDATES), dtype=np.intp)
        self._rows: dict[Pos, F64] = {}
        self.searches = 0  # sources searched so far (the bench and tests read it)

    @staticmethod
    def key(pos: Pos) -> Pos:
        return round(pos[0], 5), round(pos[1], 5)

    def rows(self, positions: Sequence[Pos]) -> F64:
        """Seconds (sources x points); sources not seen at that position are searched now."""
        keys = [self.key(p) for p in positions]
        missing = list(dict.fromkeys(k for k in keys if k not in self._rows))
        if missing:
            if len(self._rows) + len(missing) > CACHE_ROWS:
                self._rows.clear()
            # Searched a few sources per scipy call: a call holds the GIL throughout, and on a
            # worker thread a cold start of ~200 sources in one call starved the GUI thread.
            for i in range(0, len(missing), SEARCH_CHUNK):
                part = missing[i : i + SEARCH_CHUNK]
                for k, row in zip(part, self._search(part), strict=True):
                    self._rows[k] = row
        if not keys:
            return np.zeros((0, self.n_points))
        return np.stack([self._rows[k] for k in keys])

    def _search(self, sources: Sequence[Pos]) -> list[F64]:
        n, m = self.graph.n_nodes, len(sources)
        arr = np.asarray(sources, dtype=np.float64)
        access, nodes = self.graph._snap(to_metres(arr[:, 0], arr[:, 1]))
        virt = np.repeat(np.arange(n, n + m), access.shape[1])
        ok = np.isfinite(access.ravel())  # a graph of fewer nodes than candidates
        rows = np.concatenate([self._src, virt[ok]])
        cols = np.concatenate([self._dst, nodes.ravel()[ok]])
        # A zero weight would read as "no edge": a millisecond instead.
        vals = np.concatenate([self._cost, np.maximum(access.ravel()[ok], 1e-3)])
        g = csr_matrix((vals, (rows, cols)), shape=(n + m, n + m))
        times = dijkstra(g, directed=True, indices=np.arange(n, n + m), limit=self.limit_s)
        self.searches += m
        out: list[F64] = []
        for i in range(m):
            t = times[i, :n]
            total = (t[self._p_nodes] + self._p_access).min(axis=1)
            total[total > self.limit_s] = np.inf
            out.append(total)
        return out


@dataclass
class MoveUp:
    """One piece of move-up advice: ``gain_*`` and ``after_*`` are shares of demand (0..1)."""

    agency: str
    unit_id: str
    station_id: str
    station_name: str
    gain_4: float
    gain_8: float
    after_4: float
    after_8: float


@dataclass
class AgencyCoverage:
    agency: str
    units: int  # units counted (available or returning, with a position)
    share_4: float | None  # None: no demand to cover
    share_8: float | None
    # Per cell: 0 not reached in 8 min, 1 reached in 8 but not 4, 2 reached in 4 (demand > 0).
    reach: dict[str, int] = field(default_factory=dict)
    advice: list[MoveUp] = field(default_factory=list)


def _share(weights: F64, covered: npt.NDArray[np.bool_]) -> float:
    return float(weights[covered].sum()) / float(weights.sum())


def advise(
    agency: str,
    unit_ids: Sequence[str],
    unit_times: F64,
    movable: Sequence[bool],
    stations: Sequence[tuple[str, str]],
    station_times: F64,
    weights: F64,
    max_moves: int = MAX_MOVES,
) -> list[MoveUp]:
    """Greedy move-up advice: up to ``max_moves`` (unit, station) relocations, each the one that
    raises covered-within-4 + covered-within-8 demand the most given the moves before it.

    ``unit_times`` (units x cells) and ``station_times`` (stations x cells) are drive seconds;
    ``stations`` are (id, name); ``weights`` the demand per cell."""
    total = float(weights.sum())
    if total <= 0 or not len(unit_ids) or not len(stations):
        return []
    w = weights / total
    times = unit_times.copy()
    can_move = np.asarray(movable, dtype=bool).copy()
    free = np.ones(len(stations), dtype=bool)
    out: list[MoveUp] = []
    for _ in range(max_moves):
        if not can_move.any() or not free.any():
            break
        gain = np.zeros((len(unit_ids), len(stations)))
        after: dict[float, tuple[F64, F64]] = {}
        for thr in THRESHOLDS_S:
            cov = times <= thr  # units x cells
            count = cov.sum(axis=0)
            # Demand only this unit reaches (lost when it leaves), per unit.
            lose = (cov & (count == 1)) @ w
            # A station adds the cells nobody else reaches once the unit has left.
            without = (count[None, :] - cov) > 0  # units x cells
            add = (station_times <= thr).astype(np.float64) @ (w[None, :] * ~without).T
            delta = add.T - lose[:, None]  # units x stations
            gain += delta
            after[thr] = (delta, np.full_like(delta, _share(w, count > 0)))
        gain[~can_move, :] = -np.inf
        gain[:, ~free] = -np.inf
        ui, si = np.unravel_index(int(np.argmax(gain)), gain.shape)
        u, s = int(ui), int(si)
        if not np.isfinite(gain[u, s]) or gain[u, s] < MIN_GAIN:
            break
        d4, base4 = after[THRESHOLDS_S[0]]
        d8, base8 = after[THRESHOLDS_S[1]]
        out.append(
            MoveUp(
                agency=agency,
                unit_id=unit_ids[u],
                station_id=stations[s][0],
                station_name=stations[s][1],
                gain_4=float(d4[u, s]),
                gain_8=float(d8[u, s]),
                after_4=float(base4[u, s] + d4[u, s]),
                after_8=float(base8[u, s] + d8[u, s]),
            )
        )
        times[u] = station_times[s]
        can_move[u] = False
        free[s] = False
    return out


def unit_position(unit: Unit, stations: Mapping[str, Pos]) -> Pos | None:
    """Where a unit covers from: its reported position, else its home station."""
    if unit.position_time > 0 and (unit.lat or unit.lon):
        return unit.lat, unit.lon
    return stations.get(unit.home_station)


def compute(
    matrix: DriveMatrix,
    cell_ids: Sequence[str],
    demand: Mapping[str, float],
    agencies: Mapping[str, Agency],
    units: Sequence[Unit],
) -> dict[str, AgencyCoverage]:
    """Coverage and move-up advice per agency that has units (``cell_ids`` are the matrix's
    points in order; ``demand`` expected cases per cell, missing cells 0)."""
    weights = np.asarray([max(0.0, float(demand.get(c, 0.0))) for c in cell_ids])
    stations: dict[str, Pos] = {s.id: (s.lat, s.lon) for a in agencies.values() for s in a.stations}
    cell_arr = np.asarray(cell_ids, dtype=object)
    has = weights > 0  # only cells with demand are drawn
    by_agency: dict[str, list[Unit]] = {}
    for u in units:
        by_agency.setdefault(u.agency, []).append(u)
    out: dict[str, AgencyCoverage] = {}
    for agency, members in sorted(by_agency.items()):
        counted = [
            (u, p)
            for u in sorted(members, key=lambda x: x.id)
            if u.status in COUNTED_STATUSES and (p := unit_position(u, stations)) is not None
        ]
        times = matrix.rows([p for _u, p in counted])
        has_demand = weights.sum() > 0
        best = times.min(axis=0) if len(counted) else np.full(len(cell_ids), np.inf)
        cov = AgencyCoverage(
            agency,
            len(counted),
            _share(weights, best <= THRESHOLDS_S[0]) if has_demand else None,
            _share(weights, best <= THRESHOLDS_S[1]) if has_demand else None,
        )
        levels = np.where(best <= THRESHOLDS_S[0], 2, np.where(best <= THRESHOLDS_S[1], 1, 0))
        cov.reach = dict(zip(cell_arr[has].tolist(), levels[has].tolist(), strict=True))
        ag = agencies.get(agency)
        heading_to = {u.home_station for u in members if u.status == UnitStatus.RETURNING}
        targets = [(s.id, s.name) for s in (ag.stations if ag else []) if s.id not in heading_to]
        if has_demand and targets:
            cov.advice = advise(
                agency,
                [u.id for u, _p in counted],
                times,
                [u.status in MOVABLE_STATUSES for u, _p in counted],
                targets,
                matrix.rows([stations[sid] for sid, _n in targets]),
                weights,
            )
        out[agency] = cov
    return out


def uniform_demand(cell_ids: Sequence[str]) -> dict[str, float]:
    """Every cell alike: the demand when there is no history to forecast from."""
    return {c: 1.0 for c in cell_ids}


__all__ = [
    "ACCESS_SPEED_KMH",
    "AgencyCoverage",
    "DriveMatrix",
    "MoveUp",
    "advise",
    "cell_centre",
    "compute",
]
