"""Locating a new incident on the grid the server holds (loaded with a ``grid_loaded`` event)."""

from __future__ import annotations

import logging
from collections.abc import Callable

from app.domain.geo import point_in_polygon
from app.domain.model import GridCell
from app.domain.state import CityState

log = logging.getLogger(__name__)

_Box = tuple[float, float, float, float]


class StateGridLocator:
    """Owns a bounding-box list of the state's grid cells, rebuilt when a new grid is loaded."""

    def __init__(self, state_of: Callable[[], CityState]) -> None:
        self._state_of = state_of
        self._cells: dict[str, GridCell] | None = None
        self._index: list[tuple[_Box, GridCell]] = []

    def locate(self, lat: float, lon: float) -> tuple[str, str]:
        """(grid cell id, neighbourhood) of a point, or ("", "") outside the grid."""
        cells = self._state_of().grid_cells
        if cells is not self._cells:  # GridLoaded replaces the dict
            self._cells = cells
            self._index = [(_box(c), c) for c in cells.values() if c.polygon]
        for (x0, y0, x1, y1), cell in self._index:
            if x0 <= lon <= x1 and y0 <= lat <= y1 and point_in_polygon(lon, lat, cell.polygon):
                return cell.id, cell.neighbourhood
        return "", ""


def _box(cell: GridCell) -> _Box:
    xs = [p[0] for p in cell.polygon]
    ys = [p[1] for p in cell.polygon]
    return min(xs), min(ys), max(xs), max(ys)
