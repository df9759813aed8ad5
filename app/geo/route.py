"""Road routing over the city's named street segments: drive times from every unit to a scene.

The graph's nodes are the city's intersections; each named segment is an edge in the direction(s)
it may be driven (one-way streets only from->to or to->from), weighted by its length over the
speed of its street class (:data:`CLASS_SPEEDS_KMH`). One Dijkstra search from the incident on
the *reversed* graph (scipy.sparse.csgraph) gives the drive time from every node to the incident,
so every unit's ETA costs one k-d tree look-up after that single search.

A point off the network reaches it at :data:`ACCESS_SPEED_KMH` over the straight line to the
nearest node. A unit whose nearest nodes cannot reach the incident gets ``None``: the caller keeps
a straight-line estimate for it and says so.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import dijkstra

from app.geo.placedata import PlaceData, to_metres

log = logging.getLogger(__name__)

CLASS_SPEEDS_KMH: dict[int, float] = {
    1: 80.0,  # freeway
    2: 50.0,  # major arterial
    3: 45.0,  # arterial
    4: 40.0,  # collector
    5: 30.0,  # residential
    6: 45.0,  # ramp
    0: 20.0,  # other (service roads, park drives)
}
"""Emergency-response driving speed per city street class (lights and siren, city traffic)."""

ACCESS_SPEED_KMH = 15.0
"""From a point off the network (a driveway, a plaza, a pier) to the nearest intersection."""

SNAP_CANDIDATES = 4
"""Nearest intersections tried for a point: the nearest may be on a one-way leading away."""

F64 = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Route:
    """A drive to the incident: seconds, road metres, and the polyline (lat, lon) to draw."""

    eta_s: float
    length_m: float
    path: list[tuple[float, float]]


class RoadGraph:
    """The directed road graph; build once per process (~50 ms), search once per incident."""

    def __init__(self, data: PlaceData) -> None:
        self.data = data
        n = len(data.xing_lat)
        speeds = np.asarray([CLASS_SPEEDS_KMH.get(int(c), 20.0) for c in data.seg_class]) / 3.6
        secs = data.seg_length_m / speeds
        seg_ids = np.arange(len(data.seg_street))
        fwd = data.seg_oneway != 2  # two-way or from->to
        back = data.seg_oneway != 1  # two-way or to->from
        src = np.concatenate([data.seg_from[fwd], data.seg_to[back]])
        dst = np.concatenate([data.seg_to[fwd], data.seg_from[back]])
        cost = np.concatenate([secs[fwd], secs[back]])
        seg = np.concatenate([seg_ids[fwd], seg_ids[back]])
        keep = src != dst
        src, dst, cost, seg = src[keep], dst[keep], cost[keep], seg[keep]
        # Parallel segments between the same two nodes: keep the fastest (a sparse matrix would
        # add them up).
        order = np.lexsort((cost, dst, src))
        src, dst, cost, seg = src[order], dst[order], cost[order], seg[order]
        first = np.ones(len(src), dtype=bool)
        first[1:] = (src[1:] != src[:-1]) | (dst[1:] != dst[:-1])
        src, dst, cost, seg = src[first], dst[first], cost[first], seg[first]
        # Zero-length segments would vanish from a sparse matrix: give them a millisecond.
        cost = np.maximum(cost, 1e-3)
        self.n_nodes = n
        self.n_edges = len(src)
        # Node n is a virtual source: its row holds SNAP_CANDIDATES edges that every search
        # rewrites in place (to the incident's nearest intersections, weighted by the access
        # time), so a search starts from all of them at their own cost without a rebuild.
        k = SNAP_CANDIDATES
        rows = np.concatenate([dst, np.full(k, n)])
        cols = np.concatenate([src, np.arange(k)])
        vals = np.concatenate([cost, np.ones(k)])
        self.reversed = csr_matrix((vals, (rows, cols)), shape=(n + 1, n + 1))
        self.reversed.sort_indices()
        self._virtual = slice(int(self.reversed.indptr[n]), int(self.reversed.indptr[n + 1]))
        self._lock = threading.Lock()  # the virtual row is shared state
        self._edge_seg = {(int(a), int(b)): int(s) for a, b, s in zip(src, dst, seg, strict=True)}
        self._recent: dict[tuple[float, float], RouteSearch] = {}
        log.info("road graph: %d nodes, %d directed edges", n, self.n_edges)

    def _snap(self, points: F64, k: int = SNAP_CANDIDATES) -> tuple[F64, npt.NDArray[np.intp]]:
        """Access seconds and node ids of the ``k`` nearest intersections of each point."""
        dist, idx = self.data.xing_tree.query(points, k=k)
        return dist / (ACCESS_SPEED_KMH / 3.6), idx

    def search_to(self, lat: float, lon: float) -> RouteSearch:
        """One search from the incident over the reversed graph: every node's time to it.

        The last few searches are kept: panels ask again for the same incident on every unit
        move, and a search result does not change while the graph does not.
        """
        key = (round(lat, 6), round(lon, 6))
        hit = self._recent.get(key)
        if hit is not None:
            return hit
        result = self._search(lat, lon)
        if len(self._recent) >= 16:
            self._recent.pop(next(iter(self._recent)))
        self._recent[key] = result
        return result

    def _search(self, lat: float, lon: float) -> RouteSearch:
        access, nodes = self._snap(to_metres(lat, lon)[None, :])
        order = np.argsort(nodes[0])  # keep the row's column indices sorted
        with self._lock:
            self.reversed.indices[self._virtual] = nodes[0][order]
            # A zero weight would read as "no edge": a millisecond instead.
            self.reversed.data[self._virtual] = np.maximum(access[0][order], 1e-3)
            times, pred = dijkstra(
                self.reversed, directed=True, indices=self.n_nodes, return_predecessors=True
            )
        return RouteSearch(self, lat, lon, times[: self.n_nodes], pred[: self.n_nodes])

    def etas_to(
        self, lat: float, lon: float, points: Sequence[tuple[float, float]]
    ) -> list[float | None]:
        """Drive seconds from each ``(lat, lon)`` to the incident (None: not reachable)."""
        return self._search(lat, lon).etas_from(points)

    def etas_to_one_by_one(
        self, lat: float, lon: float, points: Sequence[tuple[float, float]]
    ) -> list[float | None]:
        """Baseline for the bench: one forward search per unit instead of one reversed search."""
        forward = self.reversed[: self.n_nodes, : self.n_nodes].T.tocsr()
        _, target = self._snap(to_metres(lat, lon)[None, :], k=1)
        out: list[float | None] = []
        for plat, plon in points:
            _, node = self._snap(to_metres(plat, plon)[None, :], k=1)
            t = dijkstra(forward, directed=True, indices=int(node[0]))
            v = float(t[int(target[0])])
            out.append(v if np.isfinite(v) else None)
        return out


class RouteSearch:
    """Drive times to one incident from anywhere (the result of :meth:`RoadGraph.search_to`)."""

    def __init__(
        self, graph: RoadGraph, lat: float, lon: float, times: F64, pred: npt.NDArray[np.int32]
    ) -> None:
        self.graph = graph
        self.lat, self.lon = lat, lon
        self.times = times
        self.pred = pred

    def _best(self, points: F64) -> tuple[F64, npt.NDArray[np.intp]]:
        access, nodes = self.graph._snap(points)
        total = access + self.times[nodes]
        k = np.argmin(total, axis=1)
        rows = np.arange(len(points))
        return total[rows, k], nodes[rows, k]

    def etas_from(self, points: Sequence[tuple[float, float]]) -> list[float | None]:
        """Drive seconds from each ``(lat, lon)`` (None where the graph cannot reach)."""
        if not points:
            return []
        arr = np.asarray(points, dtype=np.float64)
        total, _ = self._best(to_metres(arr[:, 0], arr[:, 1]))
        return [float(t) if np.isfinite(t) else None for t in total]

    def eta_from(self, lat: float, lon: float) -> float | None:
        """Drive seconds from one point (the callable the recommendation takes)."""
        return self.etas_from([(lat, lon)])[0]

    def route_from(self, lat: float, lon: float) -> Route | None:
        """The drive itself, node by node along the street geometry, to draw on the map."""
        total, node = self._best(to_metres(lat, lon)[None, :])
        if not np.isfinite(total[0]):
            return None
        d = self.graph.data
        path: list[tuple[float, float]] = [(lat, lon)]
        length = 0.0
        n = int(node[0])
        guard = 0
        while n >= 0 and guard < self.graph.n_nodes:
            nxt = int(self.pred[n])
            if nxt < 0 or nxt >= self.graph.n_nodes:  # reached the virtual source
                break
            seg = self.graph._edge_seg.get((n, nxt))
            if seg is not None:
                a, b = int(d.seg_ptr[seg]), int(d.seg_ptr[seg + 1])
                pts = list(zip(d.seg_lat[a:b].tolist(), d.seg_lon[a:b].tolist(), strict=True))
                if int(d.seg_from[seg]) != n:
                    pts.reverse()
                path.extend(pts)
                length += float(d.seg_length_m[seg])
            n = nxt
            guard += 1
        path.append((self.lat, self.lon))
        return Route(eta_s=float(total[0]), length_m=length, path=path)


_default: RoadGraph | None = None


def default_road_graph() -> RoadGraph | None:
    """The process's road graph over the bundled places data (None when it cannot be loaded)."""
    global _default
    if _default is None:
        from app.geo.geocode import default_geocoder

        try:
            _default = RoadGraph(default_geocoder().data)
        except (OSError, ValueError) as exc:
            log.warning("no road graph, ETAs stay straight-line estimates: %s", exc)
            return None
    return _default
