"""Clustering of incident markers on a grid of screen cells anchored to world pixels.

Anchoring the cells to world pixels (not to the screen) means a pan reuses the clusters
unchanged: only the screen offset moves. No Qt here.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

log = logging.getLogger(__name__)

DENSE_CELLS = 1 << 18  # cluster through dense per-cell arrays up to this many cells


@dataclass
class Grid:
    """Clustering of one zoom level: clusters in world pixels and the lone incidents."""

    wx: npt.NDArray[np.float64]
    wy: npt.NDArray[np.float64]
    count: npt.NDArray[np.int64]
    top: npt.NDArray[np.int64]
    hot: npt.NDArray[np.bool_]
    radius: npt.NDArray[np.float64]
    cell: npt.NDArray[np.int64]  # cell index of each cluster
    rows: npt.NDArray[np.int64]  # every clustered row ...
    row_cell: npt.NDArray[np.int64]  # ... and its cell index (members are found on a click)
    singles: npt.NDArray[np.int64]

    def members(self, k: int) -> npt.NDArray[np.int64]:
        return self.rows[self.row_cell == self.cell[k]]


def cell_index(
    wx: npt.NDArray[np.float64], wy: npt.NDArray[np.float64], cell: float, dense_cells: int
) -> tuple[npt.NDArray[np.int64], int]:
    """Cell index of each point (world pixels) and the number of indices: dense over the
    points' box while that box is small (the usual case at clustering zooms), compacted
    through a sort beyond."""
    gx = np.floor(wx / cell).astype(np.int64)
    gy = np.floor(wy / cell).astype(np.int64)
    if not len(gx):
        return gx, 0
    gx -= gx.min()
    gy -= gy.min()
    h = int(gy.max()) + 1
    n = (int(gx.max()) + 1) * h
    if n <= dense_cells:
        return gx * h + gy, n
    _, inv = np.unique(gx * h + gy, return_inverse=True)
    return inv.astype(np.int64).ravel(), int(inv.max()) + 1


def build_grid(
    rows: npt.NDArray[np.int64],
    wx: npt.NDArray[np.float64],
    wy: npt.NDArray[np.float64],
    prio: npt.NDArray[np.int64],
    overdue: npt.NDArray[np.bool_],
    cell: float,
    dense_cells: int = DENSE_CELLS,
) -> Grid:
    """Cluster ``rows`` (at world pixels ``wx``, ``wy``; ``prio`` and ``overdue`` indexed by
    row) into cells of ``cell`` pixels. Every reduction is a bincount over cell indices: no
    sort, a few linear passes."""
    idx, n_cells = cell_index(wx, wy, cell, dense_cells)
    cnt = np.bincount(idx, minlength=n_cells)
    multi = np.flatnonzero(cnt > 1)
    count = cnt[multi]
    prio_r = prio[rows]
    top = np.full(len(multi), 4, dtype=np.int64)
    for level in (3, 2, 1):  # the most urgent member wins, so lower levels overwrite
        has = np.bincount(idx[prio_r == level], minlength=n_cells)[multi] > 0
        top[has] = level
    return Grid(
        wx=np.bincount(idx, weights=wx, minlength=n_cells)[multi] / count,
        wy=np.bincount(idx, weights=wy, minlength=n_cells)[multi] / count,
        count=count,
        top=top,
        hot=np.bincount(idx[overdue[rows]], minlength=n_cells)[multi] > 0,
        radius=11.0 + 4.0 * np.log10(count),
        cell=multi,
        rows=rows,
        row_cell=idx,
        singles=rows[cnt[idx] == 1],
    )


class GridCache:
    """Clusterings of recent zoom steps for one data version: zooming back and forth (the
    usual wheel habit) and panning reuse them instead of clustering the city again."""

    def __init__(self, size: int = 12) -> None:
        self.size = size
        self._grids: OrderedDict[float, Grid] = OrderedDict()
        self._version = -1

    def get(self, zoom: float, version: int) -> Grid | None:
        if version != self._version:
            self._grids.clear()
            self._version = version
            return None
        grid = self._grids.get(zoom)
        if grid is not None:
            self._grids.move_to_end(zoom)
        return grid

    def put(self, zoom: float, version: int, grid: Grid) -> None:
        if version != self._version:
            self._grids.clear()
            self._version = version
        self._grids[zoom] = grid
        if len(self._grids) > self.size:
            self._grids.popitem(last=False)
