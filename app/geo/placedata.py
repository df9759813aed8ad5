"""The bundled whole-city places data (``resources/places``), loaded once into indexed arrays.

Written by ``scripts/build_places.py``. Holds the street names, the address points sorted by
street and number (so one street's addresses are one slice), the intersections with their
street ids, the street segments (class, one-way, end nodes, geometry), neighbourhood outlines and
the landmark table. Builds the name indexes and k-d trees the geocoder and the router need.
"""

from __future__ import annotations

import bisect
import itertools
import json
import logging
import math
import threading
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt
from scipy.spatial import cKDTree

from app.geo.streetnames import compact, split_street, tokens
from app.paths import resource_path

log = logging.getLogger(__name__)

SCALE = 1e-5  # stored integers are 1e-5 degree
LAT0 = 37.76
M_PER_DEG_LAT = 110_574.0
M_PER_DEG_LON = 111_320.0 * math.cos(math.radians(LAT0))
LON0 = -122.44

F64 = npt.NDArray[np.float64]
I32 = npt.NDArray[np.int32]


def to_metres(lat: npt.ArrayLike, lon: npt.ArrayLike) -> F64:
    """Local east/north metres (equirectangular around the city: well under 0.1% error)."""
    la = np.asarray(lat, dtype=np.float64)
    lo = np.asarray(lon, dtype=np.float64)
    return np.stack([(lo - LON0) * M_PER_DEG_LON, (la - LAT0) * M_PER_DEG_LAT], axis=-1)


def to_degrees(xy: F64) -> tuple[float, float]:
    """(lat, lon) of a local east/north metre point."""
    return float(xy[1] / M_PER_DEG_LAT + LAT0), float(xy[0] / M_PER_DEG_LON + LON0)


@dataclass(frozen=True)
class NamedPlace:
    """One landmark, park, station, hospital, pier or neighbourhood of the landmark table."""

    name: str
    kind: str
    lat: float
    lon: float
    source: str
    keys: tuple[str, ...]  # normalised name and aliases


_loaded: dict[Path, PlaceData] = {}
_load_lock = threading.Lock()


def load_place_data(folder: Path | None = None) -> PlaceData:
    """The places data of ``folder`` (default: the bundled one), loaded once per process.

    Every geocoder, the map's read-out and the road graph share it (~0.4 s and ~40 MB once).
    """
    key = (folder or resource_path("places")).resolve()
    with _load_lock:
        data = _loaded.get(key)
        if data is None:
            data = _loaded[key] = PlaceData(key)
        return data


class PlaceData:
    """Arrays and indexes over the city's addresses, intersections and streets (read-only)."""

    def __init__(self, folder: Path | None = None) -> None:
        folder = folder or resource_path("places")
        try:
            z = np.load(folder / "places.npz")
            rows = json.loads((folder / "landmarks.json").read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise FileNotFoundError(
                f"places data in {folder} is missing; build it with scripts/build_places.py"
            ) from exc
        self.street_names: list[str] = [str(s) for s in z["street_names"]]
        # Addresses: street id, number, position (degrees and local metres).
        self.addr_street: I32 = z["addr_street"]
        self.addr_number: I32 = z["addr_number"]
        self.addr_lat: F64 = z["addr_lat"] * SCALE
        self.addr_lon: F64 = z["addr_lon"] * SCALE
        n_streets = len(self.street_names)
        self.street_start = np.searchsorted(self.addr_street, np.arange(n_streets + 1))
        # Intersections.
        self.xing_cnn = z["xing_cnn"]
        self.xing_lat: F64 = z["xing_lat"] * SCALE
        self.xing_lon: F64 = z["xing_lon"] * SCALE
        ptr, ids = z["xing_ptr"], z["xing_streets"]
        self.xing_streets: list[tuple[int, ...]] = [
            tuple(int(s) for s in ids[ptr[i] : ptr[i + 1]]) for i in range(len(ptr) - 1)
        ]
        # Segments.
        self.seg_street: I32 = z["seg_street"]
        self.seg_class = z["seg_class"]
        self.seg_oneway = z["seg_oneway"]
        self.seg_from: I32 = z["seg_from"]
        self.seg_to: I32 = z["seg_to"]
        self.seg_length_m = z["seg_length_m"].astype(np.float64)
        self.seg_ptr: I32 = z["seg_ptr"]
        self.seg_lat: F64 = z["seg_lat"] * SCALE
        self.seg_lon: F64 = z["seg_lon"] * SCALE
        # Neighbourhood outlines.
        self.hood_names = [str(s) for s in z["hood_names"]]
        rptr, rhood = z["hood_ring_ptr"], z["hood_ring_hood"]
        hlat, hlon = z["hood_lat"] * SCALE, z["hood_lon"] * SCALE
        self.hood_rings: list[tuple[int, F64, F64]] = [
            (int(rhood[i]), hlon[rptr[i] : rptr[i + 1]], hlat[rptr[i] : rptr[i + 1]])
            for i in range(len(rptr) - 1)
        ]
        self.places = [
            NamedPlace(
                name=r["name"],
                kind=r["kind"],
                lat=float(r["lat"]),
                lon=float(r["lon"]),
                source=r["source"],
                keys=tuple(" ".join(tokens(n)) for n in [r["name"], *r.get("aliases", [])]),
            )
            for r in rows
        ]
        self._build_indexes()
        log.info(
            "places: %d streets, %d addresses, %d intersections, %d segments, %d named places",
            n_streets,
            len(self.addr_number),
            len(self.xing_lat),
            len(self.seg_street),
            len(self.places),
        )

    def _build_indexes(self) -> None:
        # Street names by core (name without type), and by the core without spaces.
        self.street_parts = [split_street(n.split()) for n in self.street_names]
        self.by_core: dict[str, list[int]] = defaultdict(list)
        self.by_compact: dict[str, list[int]] = defaultdict(list)
        for i, (core, kind, _) in enumerate(self.street_parts):
            self.by_core[core].append(i)
            self.by_compact[compact(core)].append(i)
            if kind:
                # "SOUTH PARK" (type PARK) is typed "South Park St": the whole name is a core too.
                self.by_compact[compact(f"{core} {kind}")].append(i)
        self.cores: list[str] = sorted(self.by_core)
        # How many addresses each street has: the tie-break between GEARY ST and GEARY BLVD.
        self.street_weight = np.diff(self.street_start).astype(np.int64)
        # Intersections by each unordered pair of street ids, and nodes per street.
        self.xing_by_pair: dict[tuple[int, int], list[int]] = defaultdict(list)
        self.xing_by_street: dict[int, list[int]] = defaultdict(list)
        for node, sids in enumerate(self.xing_streets):
            for s in sids:
                self.xing_by_street[s].append(node)
            for a, b in itertools.combinations(sorted(set(sids)), 2):
                self.xing_by_pair[(a, b)].append(node)
        # Street weight also counts intersections, for streets without addresses (freeways).
        for s, nodes in self.xing_by_street.items():
            self.street_weight[s] += len(nodes) if s < len(self.street_weight) else 0
        self.addr_xy = to_metres(self.addr_lat, self.addr_lon)
        self.xing_xy = to_metres(self.xing_lat, self.xing_lon)
        self.addr_tree = cKDTree(self.addr_xy)
        self.xing_tree = cKDTree(self.xing_xy)
        # Segment pieces (consecutive geometry points) for the nearest-street look-up.
        seg_xy = to_metres(self.seg_lat, self.seg_lon)
        starts = np.arange(len(seg_xy) - 1)
        piece_seg = np.repeat(np.arange(len(self.seg_street)), np.diff(self.seg_ptr))
        keep = piece_seg[:-1] == piece_seg[1:]  # drop pieces that join two segments
        self.piece_a = seg_xy[starts[keep]]
        self.piece_b = seg_xy[starts[keep] + 1]
        self.piece_street = self.seg_street[piece_seg[:-1][keep]]
        self.piece_tree = cKDTree((self.piece_a + self.piece_b) / 2.0)
        self.piece_order = np.argsort(self.piece_street, kind="stable")
        self.piece_start = np.searchsorted(
            self.piece_street[self.piece_order], np.arange(len(self.street_names) + 1)
        )
        self.piece_half_max = float(np.hypot(*(self.piece_b - self.piece_a).T).max() / 2.0)
        self.hood_bbox = [
            (h, float(x.min()), float(x.max()), float(y.min()), float(y.max()))
            for h, x, y in self.hood_rings
        ]

    # --- street slices ------------------------------------------------------------------------
    def street_slice(self, street: int) -> tuple[int, int]:
        return int(self.street_start[street]), int(self.street_start[street + 1])

    def snap_to_street(self, street: int, xy: F64) -> F64 | None:
        """The point of ``street``'s centreline nearest ``xy`` (None: no segment of that name)."""
        sel = self.piece_order[self.piece_start[street] : self.piece_start[street + 1]]
        if len(sel) == 0:
            return None
        a, b = self.piece_a[sel], self.piece_b[sel]
        ab = b - a
        t = np.clip(((xy - a) * ab).sum(1) / np.maximum((ab * ab).sum(1), 1e-9), 0.0, 1.0)
        proj = a + ab * t[:, None]
        return proj[int(np.argmin(np.hypot(*(proj - xy).T)))]  # type: ignore[no-any-return]

    def cores_with_prefix(self, prefix: str, limit: int = 40) -> list[str]:
        """Street cores starting with ``prefix`` (sorted order; at most ``limit``)."""
        i = bisect.bisect_left(self.cores, prefix)
        out: list[str] = []
        while i < len(self.cores) and self.cores[i].startswith(prefix) and len(out) < limit:
            out.append(self.cores[i])
            i += 1
        return out

    def hood_at(self, lat: float, lon: float) -> str:
        """Analysis neighbourhood containing the point ('' outside every outline)."""
        for k, (h, x0, x1, y0, y1) in enumerate(self.hood_bbox):
            if not (x0 <= lon <= x1 and y0 <= lat <= y1):
                continue
            _, xs, ys = self.hood_rings[k]
            # Even-odd ray casting, vectorised over the ring's edges.
            xj, yj = np.roll(xs, 1), np.roll(ys, 1)
            cross = (ys > lat) != (yj > lat)
            with np.errstate(divide="ignore", invalid="ignore"):
                xint = (xj - xs) * (lat - ys) / (yj - ys) + xs
            if int(np.count_nonzero(cross & (lon < xint))) % 2 == 1:
                return self.hood_names[h]
        return ""
