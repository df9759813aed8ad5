"""Build the bundled San Francisco basemap from the public data in ../shared.

Run once (and again only when the source data changes):

    .venv/bin/python scripts/build_basemap.py [--shared ../shared] [--out resources/geo]

Reads the City and County of San Francisco layers (land and water, shoreline, parks, street
centrelines, analysis neighbourhoods) and the OpenStreetMap lines of the north-east quadrant
(street names and road classes), projects everything to Web Mercator, quantises to 0.1 m
integers, simplifies per zoom band and writes:

* ``basemap.npz``   - drawing layers (land, water, shore, parks, streets, street labels, hoods)

Place look-ups (addresses, intersections, landmarks, parks, neighbourhoods) are built from the
citywide address data by ``scripts/build_places.py``.

This is the only code that reads ``/work/shared`` for the map; the product reads the output.
"""

from __future__ import annotations

import json
import logging
import math
import sys
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import itertools

from build_common import run_build

from app.geo.basemap import QUANTUM_M, ROAD_CLASSES
from app.geo.geometry import (
    angle_diff,
    axial_angle,
    chain_ways,
    clip_ring,
    label_anchors,
    line_mid_and_angle,
    ring_area,
    simplify,
    split_line,
    split_ring,
)
from app.geo.projection import (
    lonlat_to_mercator_arrays,
)

log = logging.getLogger("build_basemap")

# Map extent (lon/lat): the city plus the shores across the Golden Gate and the Bay.
EXTENT = (-122.56, 37.685, -122.30, 37.86)
# City bbox used to drop far-away park land the city owns (Sharp Park, Camp Mather...).
CITY_BBOX = (-122.52, 37.70, -122.35, 37.835)
# Douglas-Peucker tolerances (Mercator metres) per level of detail: lod 0 city, 1 district, 2 street.
POLY_TOLERANCES = (24.0, 6.0, 1.0)
STREET_TOLERANCES = (10.0, 1.5)

OSM_CLASS = {
    "motorway": 6,
    "trunk": 5,
    "primary": 4,
    "secondary": 3,
    "tertiary": 2,
    "motorway_link": 4,
    "trunk_link": 3,
    "primary_link": 3,
    "secondary_link": 2,
    "tertiary_link": 2,
    "residential": 1,
    "unclassified": 1,
    "living_street": 0,
    "service": 0,
    "busway": 3,  # Market Street downtown is a busway: still a main street on the map
}
DEFAULT_STREET_CLASS = 1  # a city centreline without an OSM match draws as a residential street

Array = npt.NDArray[Any]


# --- geometry helpers -----------------------------------------------------------------------------
def project(coords: Sequence[Sequence[float]]) -> Array:
    a = np.asarray(coords, dtype=np.float64)[:, :2]
    x, y = lonlat_to_mercator_arrays(a[:, 0], a[:, 1])
    return np.column_stack([x, y])


def rings_of(geom: dict[str, Any]) -> list[list[list[float]]]:
    if geom["type"] == "Polygon":
        return list(geom["coordinates"])
    if geom["type"] == "MultiPolygon":
        return [r for poly in geom["coordinates"] for r in poly]
    return []


def polygons_of(geom: dict[str, Any]) -> list[list[list[list[float]]]]:
    if geom["type"] == "Polygon":
        return [geom["coordinates"]]
    if geom["type"] == "MultiPolygon":
        return list(geom["coordinates"])
    return []


def mercator_box(box: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    x, y = lonlat_to_mercator_arrays([box[0], box[2]], [box[1], box[3]])
    return float(x[0]), float(y[0]), float(x[1]), float(y[1])


class Layer:
    """Parts (rings or polylines) of one layer at one level of detail, with per-part attributes."""

    def __init__(self) -> None:
        self.parts: list[Array] = []
        self.cls: list[int] = []
        self.name: list[int] = []

    def add(self, pts: Array, cls: int = 0, name: int = -1) -> None:
        self.parts.append(pts)
        self.cls.append(cls)
        self.name.append(name)

    def arrays(self, prefix: str, origin: tuple[float, float]) -> dict[str, Array]:
        xy = np.concatenate(self.parts) if self.parts else np.zeros((0, 2))
        q = np.round((xy - np.asarray(origin)) / QUANTUM_M).astype(np.int32)
        off = np.zeros(len(self.parts) + 1, dtype=np.int32)
        off[1:] = np.cumsum([len(p) for p in self.parts])
        return {
            f"{prefix}_xy": q,
            f"{prefix}_off": off,
            f"{prefix}_cls": np.asarray(self.cls, dtype=np.uint8),
            f"{prefix}_name": np.asarray(self.name, dtype=np.int32),
        }


def add_polygons(
    layer_lods: list[Layer],
    rings: Iterable[Array],
    box: tuple[float, float, float, float],
    as_lines: bool = False,
) -> None:
    for ring in rings:
        clipped = clip_ring(ring, box)
        if len(clipped) < 3:
            continue
        for lod, tol in enumerate(POLY_TOLERANCES):
            s = simplify(clipped, tol)
            # Tiny islands and ponds vanish at the coarse levels instead of drawing as specks.
            if len(s) < 3 or abs(ring_area(s)) <= (tol * 3) ** 2:
                continue
            if as_lines:
                for piece in split_line(s):
                    layer_lods[lod].add(piece)
            else:
                rbox = (s[:, 0].min(), s[:, 1].min(), s[:, 0].max(), s[:, 1].max())
                for piece in split_ring([(float(a), float(b)) for a, b in s], rbox):
                    layer_lods[lod].add(piece)


# --- OSM roads: classes, names, intersections -------------------------------------------------------
class Names:
    def __init__(self) -> None:
        self.index: dict[str, int] = {}
        self.names: list[str] = []

    def get(self, name: str) -> int:
        if name not in self.index:
            self.index[name] = len(self.names)
            self.names.append(name)
        return self.index[name]


class RoadIndex:
    """Densified OSM road points in a hash grid, to give city centrelines their class and name."""

    CELL = 40.0

    def __init__(self) -> None:
        self.grid: dict[tuple[int, int], list[tuple[float, float, float, int, int]]] = defaultdict(
            list
        )

    def add_way(self, pts: Array, cls: int, name: int) -> None:
        for a, b in itertools.pairwise(pts):
            d = b - a
            length = math.hypot(d[0], d[1])
            if length == 0:
                continue
            ang = axial_angle(d[0], d[1])
            steps = max(1, int(length // 8.0))
            for k in range(steps + 1):
                p = a + d * (k / steps)
                key = (int(p[0] // self.CELL), int(p[1] // self.CELL))
                self.grid[key].append((float(p[0]), float(p[1]), ang, cls, name))

    def match(self, x: float, y: float, ang: float, radius: float = 18.0) -> tuple[int, int] | None:
        best: tuple[float, int, int] | None = None
        cx, cy = int(x // self.CELL), int(y // self.CELL)
        for i in (cx - 1, cx, cx + 1):
            for j in (cy - 1, cy, cy + 1):
                for px, py, pa, cls, name in self.grid.get((i, j), ()):
                    d = math.hypot(px - x, py - y)
                    if d <= radius and angle_diff(pa, ang) < 25.0:
                        score = d - cls * 0.5  # prefer the bigger road when two run side by side
                        if best is None or score < best[0]:
                            best = (score, cls, name)
        return None if best is None else (best[1], best[2])


# --- main build -------------------------------------------------------------------------------------
def load(path: Path) -> list[dict[str, Any]]:
    with path.open("rb") as f:
        data = json.load(f)
    feats: list[dict[str, Any]] = [ft for ft in data["features"] if ft.get("geometry")]
    log.info("read %s: %d features", path.name, len(feats))
    return feats


def build(shared: Path, out: Path) -> None:
    sf = shared / "data" / "geo" / "sf"
    osm_path = shared / "data" / "geo" / "sf_osm_northeast" / "sf_lines.geojson"
    box = mercator_box(EXTENT)
    origin = (box[0], box[1])
    names = Names()
    arrays: dict[str, Array] = {}

    # Land: the detailed city shoreline for San Francisco, the coarse regional land elsewhere.
    land = [Layer() for _ in POLY_TOLERANCES]
    shore = [Layer() for _ in POLY_TOLERANCES]
    for ft in load(sf / "bayarea_general.wgs84.geojson"):
        if ft["properties"].get("AREA_NAME") == "Other":
            add_polygons(land, (project(r) for r in rings_of(ft["geometry"])), box)
    for ft in load(sf / "sfshoreext.wgs84.geojson"):
        rings = [project(r) for r in rings_of(ft["geometry"])]
        add_polygons(land, rings, box)
        add_polygons(shore, rings, box, as_lines=True)
    for lod in range(len(POLY_TOLERANCES)):
        arrays.update(land[lod].arrays(f"land_{lod}", origin))
        arrays.update(shore[lod].arrays(f"shore_{lod}", origin))

    # Parks inside the city only.
    parks = [Layer() for _ in POLY_TOLERANCES]
    for ft in load(sf / "RPD_Parks.wgs84.geojson"):
        pts = np.asarray([p for r in rings_of(ft["geometry"]) for p in r])
        if len(pts) == 0:
            continue
        lo, hi = pts.min(0), pts.max(0)
        if (
            hi[0] < CITY_BBOX[0]
            or lo[0] > CITY_BBOX[2]
            or hi[1] < CITY_BBOX[1]
            or lo[1] > CITY_BBOX[3]
        ):
            continue
        add_polygons(parks, (project(r) for r in rings_of(ft["geometry"])), box)
    for lod in range(len(POLY_TOLERANCES)):
        arrays.update(parks[lod].arrays(f"parks_{lod}", origin))

    # Analysis neighbourhoods: outlines for the map.
    hoods = [Layer() for _ in POLY_TOLERANCES]
    for ft in load(sf / "analysis_neighborhoods.geojson"):
        nid = names.get(str(ft["properties"]["nhood"]))
        for poly in polygons_of(ft["geometry"]):
            outer = project(poly[0])
            for lod, tol in enumerate(POLY_TOLERANCES):
                hoods[lod].add(simplify(outer, tol), 0, nid)
    for lod in range(len(POLY_TOLERANCES)):
        arrays.update(hoods[lod].arrays(f"hoods_{lod}", origin))

    # OSM roads: classes and names, and the ways for labels.
    road_index = RoadIndex()
    labels: list[tuple[float, float, float, float, int, int]] = []
    osm_extra = [Layer() for _ in STREET_TOLERANCES]
    osm_major: list[tuple[Array, int, int]] = []
    named_ways: dict[tuple[int, int], list[Array]] = defaultdict(list)
    for ft in load(osm_path):
        props = ft["properties"]
        hw = props.get("highway")
        if hw not in OSM_CLASS or ft["geometry"]["type"] != "LineString":
            continue
        cls = OSM_CLASS[hw]
        name = str(props.get("name") or "").strip()
        coords = ft["geometry"]["coordinates"]
        pts = project(coords)
        nid = names.get(name) if name else -1
        road_index.add_way(pts, cls, nid)
        if cls >= 2:
            osm_major.append((pts, cls, nid))
        if name:
            named_ways[(nid, cls)].append(pts)

    for (nid, cls), ways in named_ways.items():
        for chain in chain_ways(ways):
            for a in label_anchors(chain, spacing=260.0):
                labels.append((a[0], a[1], a[2], a[3], nid, cls))
    log.info("street-name anchors: %d", len(labels))

    # Every city centreline, with the class and name of the OSM way it runs along (NE quadrant).
    streets = [Layer() for _ in STREET_TOLERANCES]
    matched = 0
    street_pts: list[Array] = []
    for ft in load(sf / "stclines_streets.wgs84.geojson"):
        pts = project(ft["geometry"]["coordinates"])
        if len(pts) < 2:
            continue
        x, y, ang = line_mid_and_angle(pts)
        m = road_index.match(x, y, ang)
        cls, nid = (m[0], m[1]) if m else (DEFAULT_STREET_CLASS, -1)
        matched += m is not None
        street_pts.append(pts)
        for lod, tol in enumerate(STREET_TOLERANCES):
            streets[lod].add(simplify(pts, tol), cls, nid)
    log.info("centrelines matched to OSM roads: %d of %d", matched, len(street_pts))

    # Freeways and ramps have no city centreline: add the OSM ways the city layer lacks.
    centre_index = RoadIndex()
    for pts in street_pts:
        centre_index.add_way(pts, 0, -1)
    added = 0
    for pts, cls, nid in osm_major:
        x, y, ang = line_mid_and_angle(pts)
        if centre_index.match(x, y, ang, radius=25.0) is None:
            added += 1
            for lod, tol in enumerate(STREET_TOLERANCES):
                osm_extra[lod].add(simplify(pts, tol), cls, nid)
    log.info("OSM ways without a city centreline added: %d", added)
    for lod in range(len(STREET_TOLERANCES)):
        layer = streets[lod]
        for p, c, n in zip(
            osm_extra[lod].parts, osm_extra[lod].cls, osm_extra[lod].name, strict=True
        ):
            layer.add(p, c, n)
        arrays.update(layer.arrays(f"streets_{lod}", origin))

    lab = np.asarray(labels, dtype=np.float64).reshape(-1, 6)
    arrays["labels_xy"] = np.round((lab[:, :2] - np.asarray(origin)) / QUANTUM_M).astype(np.int32)
    arrays["labels_angle"] = lab[:, 2].astype(np.float32)
    arrays["labels_run"] = lab[:, 3].astype(np.float32)
    arrays["labels_name"] = lab[:, 4].astype(np.int32)
    arrays["labels_cls"] = lab[:, 5].astype(np.uint8)
    arrays["names"] = np.asarray(names.names, dtype=str)
    arrays["origin"] = np.asarray(origin, dtype=np.float64)
    arrays["quantum"] = np.asarray([QUANTUM_M], dtype=np.float64)
    arrays["extent_lonlat"] = np.asarray(EXTENT, dtype=np.float64)
    arrays["road_classes"] = np.asarray(ROAD_CLASSES, dtype=str)
    out.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(out / "basemap.npz", **arrays)  # type: ignore[arg-type]

    for f in sorted(out.iterdir()):
        log.info("wrote %s (%.0f kB)", f.name, f.stat().st_size / 1024)


def main(argv: list[str] | None = None) -> int:
    return run_build(build, __doc__, "geo", "data/geo/sf", argv)


if __name__ == "__main__":
    raise SystemExit(main())
