"""The bundled basemap: layers of rings and polylines in Web Mercator, with a grid index.

``scripts/build_basemap.py`` writes ``resources/geo/basemap.npz`` once; :func:`load_basemap`
reads it once per process (dequantising to float64 Mercator metres) and builds one
:class:`GridIndex` per layer, so drawing a tile is a lookup plus an array gather, never a
re-processing of the source data.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from app.paths import resource_path

log = logging.getLogger(__name__)

QUANTUM_M = 0.1
"""Coordinates are stored as integers of this many Mercator metres."""

ROAD_CLASSES = ("service", "residential", "tertiary", "secondary", "primary", "trunk", "motorway")
"""Road class names by the class number stored per street part (0 = smallest)."""

POLYGON_LAYERS = ("land", "shore", "parks", "hoods")
LINE_LAYERS = ("streets",)

F64 = npt.NDArray[np.float64]
I32 = npt.NDArray[np.int32]
I64 = npt.NDArray[np.int64]


class BasemapError(RuntimeError):
    """The basemap file is missing or unreadable; the message says which file and why."""


@dataclass
class GridIndex:
    """Which items touch each square cell of ``cell`` metres (CSR layout, built once)."""

    x0: float
    y0: float
    cell: float
    nx: int
    ny: int
    starts: I64  # (nx*ny + 1) offsets into ``items``
    items: I32
    n_items: int = 0  # number of distinct items indexed

    @classmethod
    def build(
        cls, bboxes: F64, x0: float, y0: float, x1: float, y1: float, cell: float
    ) -> GridIndex:
        nx = max(1, int(np.ceil((x1 - x0) / cell)))
        ny = max(1, int(np.ceil((y1 - y0) / cell)))
        if len(bboxes) == 0:
            return cls(
                x0, y0, cell, nx, ny, np.zeros(nx * ny + 1, np.int64), np.zeros(0, np.int32), 0
            )
        ix0 = np.clip(((bboxes[:, 0] - x0) // cell).astype(np.int64), 0, nx - 1)
        iy0 = np.clip(((bboxes[:, 1] - y0) // cell).astype(np.int64), 0, ny - 1)
        ix1 = np.clip(((bboxes[:, 2] - x0) // cell).astype(np.int64), 0, nx - 1)
        iy1 = np.clip(((bboxes[:, 3] - y0) // cell).astype(np.int64), 0, ny - 1)
        # Expand each item into every cell of its bbox range, all in numpy.
        w = ix1 - ix0 + 1
        n = w * (iy1 - iy0 + 1)
        own = np.repeat(np.arange(len(bboxes), dtype=np.int64), n)
        first = np.zeros(len(n), dtype=np.int64)
        first[1:] = np.cumsum(n)[:-1]
        local = np.arange(int(n.sum()), dtype=np.int64) - np.repeat(first, n)
        wr = np.repeat(w, n)
        key = (np.repeat(iy0, n) + local // wr) * nx + np.repeat(ix0, n) + local % wr
        order = np.argsort(key, kind="stable")
        key = key[order]
        counts = np.bincount(key, minlength=nx * ny)
        starts = np.zeros(nx * ny + 1, dtype=np.int64)
        starts[1:] = np.cumsum(counts)
        return cls(x0, y0, cell, nx, ny, starts, own[order].astype(np.int32), len(bboxes))

    def query(self, minx: float, miny: float, maxx: float, maxy: float) -> I32:
        """Sorted unique ids of the items whose cells touch the box (a superset of the hits)."""
        ix0 = int(np.clip((minx - self.x0) // self.cell, 0, self.nx - 1))
        ix1 = int(np.clip((maxx - self.x0) // self.cell, 0, self.nx - 1))
        iy0 = int(np.clip((miny - self.y0) // self.cell, 0, self.ny - 1))
        iy1 = int(np.clip((maxy - self.y0) // self.cell, 0, self.ny - 1))
        if maxx < self.x0 or maxy < self.y0:
            return np.zeros(0, np.int32)
        if minx > self.x0 + self.nx * self.cell or miny > self.y0 + self.ny * self.cell:
            return np.zeros(0, np.int32)
        chunks = []
        for iy in range(iy0, iy1 + 1):
            a = self.starts[iy * self.nx + ix0]
            b = self.starts[iy * self.nx + ix1 + 1]
            if b > a:
                chunks.append(self.items[a:b])
        if not chunks:
            return np.zeros(0, np.int32)
        # A flag array dedups in linear time (np.unique sorts: slower for a few thousand ids).
        flags = np.zeros(self.n_items, dtype=bool)
        for c in chunks:
            flags[c] = True
        return np.flatnonzero(flags).astype(np.int32)


@dataclass
class PartLayer:
    """Rings or polylines of one layer at one level of detail, with class and name per part."""

    xy: F64  # (N, 2) Mercator metres
    off: I64  # (P + 1) part starts
    cls: npt.NDArray[np.uint8]
    name: I32
    bbox: F64 = field(init=False)  # (P, 4) minx, miny, maxx, maxy
    index: GridIndex = field(init=False)

    def __post_init__(self) -> None:
        n = len(self.off) - 1
        if n == 0:
            self.bbox = np.zeros((0, 4))
            return
        starts = self.off[:-1]
        # reduceat gives per-part extremes in one pass over the coordinates.
        self.bbox = np.column_stack(
            [
                np.minimum.reduceat(self.xy[:, 0], starts),
                np.minimum.reduceat(self.xy[:, 1], starts),
                np.maximum.reduceat(self.xy[:, 0], starts),
                np.maximum.reduceat(self.xy[:, 1], starts),
            ]
        )

    def __len__(self) -> int:
        return len(self.off) - 1

    def gather(self, ids: npt.NDArray[np.integer[Any]]) -> tuple[F64, I64]:
        """Coordinates and part offsets of the parts ``ids`` (in that order)."""
        ids = np.asarray(ids, dtype=np.int64)
        a = self.off[ids]
        lengths = self.off[ids + 1] - a
        off = np.zeros(len(ids) + 1, dtype=np.int64)
        off[1:] = np.cumsum(lengths)
        if off[-1] == 0:
            return np.zeros((0, 2)), off
        idx = np.repeat(a - off[:-1], lengths) + np.arange(off[-1])
        return self.xy[idx], off


@dataclass
class LabelPoints:
    """Street-name anchors: position, text angle, straight run (metres), name, road class."""

    xy: F64
    angle: npt.NDArray[np.float32]
    run: npt.NDArray[np.float32]
    name: I32
    cls: npt.NDArray[np.uint8]
    index: GridIndex = field(init=False)


class Basemap:
    """The loaded basemap: layers by name and level of detail, names, extent and indexes."""

    INDEX_CELL_M = 800.0

    def __init__(self, data: dict[str, npt.NDArray[Any]]) -> None:
        origin = data["origin"].astype(np.float64)
        q = float(data["quantum"][0])
        self.names: list[str] = [str(s) for s in data["names"]]
        self.extent_lonlat = tuple(float(v) for v in data["extent_lonlat"])
        self.layers: dict[str, list[PartLayer]] = {}
        for layer in (*POLYGON_LAYERS, *LINE_LAYERS):
            lods = []
            lod = 0
            while f"{layer}_{lod}_xy" in data:
                p = f"{layer}_{lod}"
                lods.append(
                    PartLayer(
                        xy=data[f"{p}_xy"].astype(np.float64) * q + origin,
                        off=data[f"{p}_off"].astype(np.int64),
                        cls=data[f"{p}_cls"],
                        name=data[f"{p}_name"],
                    )
                )
                lod += 1
            if not lods:
                raise BasemapError(f"basemap has no layer {layer!r}")
            self.layers[layer] = lods
        land = self.layers["land"][-1]
        self.bounds = (
            float(land.xy[:, 0].min()),
            float(land.xy[:, 1].min()),
            float(land.xy[:, 0].max()),
            float(land.xy[:, 1].max()),
        )
        x0, y0, x1, y1 = self.bounds
        for lods in self.layers.values():
            for pl in lods:
                pl.index = GridIndex.build(pl.bbox, x0, y0, x1, y1, self.INDEX_CELL_M)
        lab_xy = data["labels_xy"].astype(np.float64) * q + origin
        self.labels = LabelPoints(
            xy=lab_xy,
            angle=data["labels_angle"],
            run=data["labels_run"],
            name=data["labels_name"],
            cls=data["labels_cls"],
        )
        self.labels.index = GridIndex.build(
            np.column_stack([lab_xy, lab_xy]), x0, y0, x1, y1, self.INDEX_CELL_M / 2
        )

    def layer(self, name: str, zoom: float) -> PartLayer:
        """The level of detail of ``name`` that suits ``zoom``."""
        lods = self.layers[name]
        if name in LINE_LAYERS:
            lod = 0 if zoom < 14.5 else 1
        else:
            lod = 0 if zoom < 12.5 else (1 if zoom < 15.0 else 2)
        return lods[min(lod, len(lods) - 1)]

    def point_count(self) -> int:
        return sum(len(pl.xy) for lods in self.layers.values() for pl in lods)


_cache: dict[Path, Basemap] = {}
_lock = threading.Lock()


def basemap_path() -> Path:
    return resource_path("geo", "basemap.npz")


def load_basemap(path: Path | None = None) -> Basemap:
    """Load (once per process and path) the basemap; raises :class:`BasemapError` with the reason."""
    p = path or basemap_path()
    with _lock:
        bm = _cache.get(p)
        if bm is not None:
            return bm
        if not p.is_file():
            raise BasemapError(
                f"basemap file {p} is missing; build it with scripts/build_basemap.py"
            )
        try:
            with np.load(p, allow_pickle=False) as npz:
                data = {k: npz[k] for k in npz.files}
        except (OSError, ValueError) as exc:
            raise BasemapError(f"basemap file {p} is unreadable: {exc}") from exc
        try:
            bm = Basemap(data)
        except KeyError as exc:
            raise BasemapError(f"basemap file {p} lacks the array {exc}") from exc
        log.info("basemap %s: %d points", p.name, bm.point_count())
        _cache[p] = bm
        return bm
