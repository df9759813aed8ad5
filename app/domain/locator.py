"""The one locator: which grid cell and which neighbourhood a point falls in.

Built from reference data the city state holds (``grid_loaded``: the grid layout, its cells and
the neighbourhood outlines), so the server, every workstation, a replay and a training session
locate a point with the same data and the same code, offline too.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Iterable

from app.domain.geo import point_in_polygon
from app.domain.model import GridCell, GridSpec, Neighbourhood, Ring

log = logging.getLogger(__name__)

_M_PER_DEG_LAT = 110_992.0  # at San Francisco's latitude
BORDER_TOLERANCE_M = 15.0
"""A point this close to a neighbourhood's outline belongs to it even if it falls just outside:
published call locations sit on street centrelines, which are the neighbourhood borders."""
_BORDER_DEG = 2 * BORDER_TOLERANCE_M / _M_PER_DEG_LAT  # generous margin in degrees, either axis


def _in_ring(lon: float, lat: float, ring: Ring) -> bool:
    inside = False
    x1, y1 = ring[-1]
    for x2, y2 in ring:
        if (y1 > lat) != (y2 > lat) and lon < (x2 - x1) * (lat - y1) / (y2 - y1) + x1:
            inside = not inside
        x1, y1 = x2, y2
    return inside


def _ring_distance_m(lon: float, lat: float, ring: Ring) -> float:
    """Distance in metres from a point to a ring's outline (local flat approximation)."""
    kx = _M_PER_DEG_LAT * math.cos(math.radians(lat))
    best = math.inf
    x1, y1 = (ring[-1][0] - lon) * kx, (ring[-1][1] - lat) * _M_PER_DEG_LAT
    for px, py in ring:
        x2, y2 = (px - lon) * kx, (py - lat) * _M_PER_DEG_LAT
        dx, dy = x2 - x1, y2 - y1
        seg2 = dx * dx + dy * dy
        t = 0.0 if seg2 == 0.0 else max(0.0, min(1.0, -(x1 * dx + y1 * dy) / seg2))
        best = min(best, math.hypot(x1 + t * dx, y1 + t * dy))
        x1, y1 = x2, y2
    return best


def in_rings(lon: float, lat: float, rings: list[Ring]) -> bool:
    """Even-odd rule over all rings, so holes and separate parts both work."""
    inside = False
    for ring in rings:
        if _in_ring(lon, lat, ring):
            inside = not inside
    return inside


def _box(ring: Ring) -> tuple[float, float, float, float]:
    xs = [p[0] for p in ring]
    ys = [p[1] for p in ring]
    return min(xs), min(ys), max(xs), max(ys)


class _Shape:
    __slots__ = ("east", "name", "north", "rings", "south", "west")

    def __init__(self, hood: Neighbourhood) -> None:
        self.name = hood.name
        self.rings = hood.polygon
        pts = [p for r in hood.polygon for p in r]
        self.west = min(x for x, _ in pts)
        self.east = max(x for x, _ in pts)
        self.south = min(y for _, y in pts)
        self.north = max(y for _, y in pts)


class Locator:
    """Owns a row/column index of the grid and, per grid square, the few neighbourhoods that can
    contain a point there, so a lookup is two divisions and one or two point-in-polygon tests.

    Without a grid layout (a grid given only as cell polygons) a point is located by the cell
    polygon that holds it and that cell's neighbourhood.
    """

    def __init__(
        self,
        spec: GridSpec | None,
        cells: Iterable[GridCell],
        neighbourhoods: Iterable[Neighbourhood] = (),
    ) -> None:
        cells = list(cells)
        self._polys: list[tuple[tuple[float, float, float, float], GridCell]] = []
        if spec is None:
            self._rows = self._cols = 0
            self._lon0 = self._lat0 = 0.0
            self._dlon = self._dlat = 1.0
            self._cells: dict[tuple[int, int], str] = {}
            self._candidates: list[list[_Shape]] = []
            self._polys = [(_box(c.polygon), c) for c in cells if c.polygon]
            return
        g = spec
        self._lon0, self._lat0 = g.origin_lon, g.origin_lat
        self._dlon, self._dlat = g.cell_dlon, g.cell_dlat
        self._rows, self._cols = g.rows, g.cols
        self._cells = {}
        for cell in cells:
            parts = cell.id.split("-")
            if len(parts) == 3 and parts[1].isdigit() and parts[2].isdigit():
                self._cells[(int(parts[1]), int(parts[2]))] = cell.id
        shapes = [_Shape(h) for h in neighbourhoods]
        # Candidates per square: every neighbourhood whose bounding box touches the square,
        # ordered by the cell's own neighbourhood first (the usual answer).
        own = {cell.id: cell.neighbourhood for cell in cells}
        self._candidates = []
        for r in range(self._rows):
            north = self._lat0 - r * self._dlat
            south = north - self._dlat
            for c in range(self._cols):
                west = self._lon0 + c * self._dlon
                east = west + self._dlon
                near = [
                    s
                    for s in shapes
                    if s.west <= east and s.east >= west and s.south <= north and s.north >= south
                ]
                first = own.get(self._cells.get((r, c), ""), "")
                near = [s for s in near if s.name == first] + [s for s in near if s.name != first]
                self._candidates.append(near)

    def square(self, lat: float, lon: float) -> tuple[int, int] | None:
        """(row, column) of the grid square holding the point, or None outside the grid."""
        if not (math.isfinite(lat) and math.isfinite(lon)):
            return None
        r = math.floor((self._lat0 - lat) / self._dlat)
        c = math.floor((lon - self._lon0) / self._dlon)
        if 0 <= r < self._rows and 0 <= c < self._cols:
            return r, c
        return None

    def locate(self, lat: float, lon: float) -> tuple[str, str]:
        """(grid cell id, neighbourhood name), or ("", "") outside the city."""
        if self._polys:
            return self._locate_by_polygon(lat, lon)
        rc = self.square(lat, lon)
        if rc is None:
            return "", ""
        r, c = rc
        for shape in self._candidates[r * self._cols + c]:
            if (
                shape.south <= lat <= shape.north
                and shape.west <= lon <= shape.east
                and in_rings(lon, lat, shape.rings)
            ):
                # A neighbourhood sliver in a square with no land sample has no cell.
                return self._cells.get(rc, ""), shape.name
        # Not inside any outline: take the nearest neighbourhood if the point is on its border.
        best_name, best_d = "", BORDER_TOLERANCE_M
        m = _BORDER_DEG
        for shape in self._candidates[r * self._cols + c]:
            if not (
                shape.south - m <= lat <= shape.north + m
                and shape.west - m <= lon <= shape.east + m
            ):
                continue
            for ring in shape.rings:
                d = _ring_distance_m(lon, lat, ring)
                if d <= best_d:
                    best_name, best_d = shape.name, d
        if best_name:
            return self._cells.get(rc, ""), best_name
        return "", ""

    def _locate_by_polygon(self, lat: float, lon: float) -> tuple[str, str]:
        if not (math.isfinite(lat) and math.isfinite(lon)):
            return "", ""
        for (x0, y0, x1, y1), cell in self._polys:
            if x0 <= lon <= x1 and y0 <= lat <= y1 and point_in_polygon(lon, lat, cell.polygon):
                return cell.id, cell.neighbourhood
        return "", ""

    def in_city(self, lat: float, lon: float) -> bool:
        return bool(self.locate(lat, lon)[1])

    def cell_id(self, lat: float, lon: float) -> str:
        return self.locate(lat, lon)[0]
