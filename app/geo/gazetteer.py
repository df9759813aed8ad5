"""Offline place search and reverse geocoding over the bundled San Francisco data.

Reads ``resources/geo/gazetteer.msgpack`` (written by ``scripts/build_basemap.py``): OSM street
names with their lines, the intersections computed at build time, the analysis neighbourhoods
and the city parks. Queries such as ``"Market St & 5th St"``, ``"market and 5th"``,
``"5th st at market"`` or ``"Mission Dolores"`` return ranked :class:`Place` results.
"""

from __future__ import annotations

import itertools
import logging
import math
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import msgspec
import numpy as np
import numpy.typing as npt

from app.domain.geo import haversine_m, parse_latlon, point_in_polygon
from app.geo.names import SPLIT, match_score, normalize, ordinalize
from app.paths import resource_path

log = logging.getLogger(__name__)

# Metres per degree near the city (equirectangular is exact enough within a few kilometres).
_LAT0 = 37.76
_M_PER_DEG_LAT = 111_320.0
_M_PER_DEG_LON = 111_320.0 * math.cos(math.radians(_LAT0))


@dataclass(frozen=True)
class Place:
    """One search result."""

    label: str
    lat: float
    lon: float
    kind: str  # intersection | street | neighbourhood | park | coordinates
    score: float


@dataclass(frozen=True)
class ReverseResult:
    """What is at a point: nearest street and intersection, and the cell/neighbourhood."""

    lat: float
    lon: float
    street: str
    street_distance_m: float
    intersection: str
    intersection_distance_m: float
    neighbourhood: str
    grid_cell: str
    label: str


class LocatorLike(Protocol):
    def locate(self, lat: float, lon: float) -> tuple[str, str]: ...


def default_locator() -> LocatorLike | None:
    """The city's grid/neighbourhood locator from :mod:`app.city`, if that package is present."""
    try:
        from app import city  # type: ignore[attr-defined,unused-ignore]
    except ImportError:
        return None
    try:
        # default_city() is loaded once per process and shared with the rest of the console.
        load = getattr(city, "default_city", None) or city.load_city
        return city.Locator(load())  # type: ignore[no-any-return]
    except Exception as exc:  # the locator is optional: fall back to bundled neighbourhoods
        log.warning("app.city locator unavailable (%s); using bundled neighbourhoods", exc)
        return None


class _GazData(msgspec.Struct):
    streets: list[dict[str, Any]]
    intersections: list[dict[str, Any]]
    neighbourhoods: list[dict[str, Any]]
    parks: list[dict[str, Any]]


class Gazetteer:
    """Forward and reverse look-ups over the bundled names; loads once, then answers in memory."""

    def __init__(self, path: Path | None = None, locator: LocatorLike | None = None) -> None:
        p = path or resource_path("geo", "gazetteer.msgpack")
        try:
            data = msgspec.msgpack.decode(p.read_bytes(), type=_GazData)
        except FileNotFoundError as exc:
            raise FileNotFoundError(
                f"gazetteer file {p} is missing; build it with scripts/build_basemap.py"
            ) from exc
        self.locator = locator
        self._streets = [(s["name"], normalize(s["name"])) for s in data.streets]
        self._street_names = {s["name"] for s in data.streets}
        self._xings = [
            (x["a"], x["b"], float(x["lat"]), float(x["lon"])) for x in data.intersections
        ]
        self._xing_by_name: dict[str, list[int]] = {}
        for i, (a, b, _, _) in enumerate(self._xings):
            self._xing_by_name.setdefault(a, []).append(i)
            self._xing_by_name.setdefault(b, []).append(i)
        self._places: list[tuple[str, list[str], float, float, str]] = []
        self._hood_polys: list[tuple[str, list[list[tuple[float, float]]]]] = []
        for h in data.neighbourhoods:
            self._places.append(
                (h["name"], normalize(h["name"]), h["lat"], h["lon"], "neighbourhood")
            )
            rings = [[(float(x), float(y)) for x, y in ring] for ring in h["polygons"]]
            self._hood_polys.append((h["name"], rings))
        for pk in data.parks:
            self._places.append((pk["name"], normalize(pk["name"]), pk["lat"], pk["lon"], "park"))
        self._street_point: dict[str, tuple[float, float]] = {}
        seg_a: list[tuple[float, float]] = []
        seg_b: list[tuple[float, float]] = []
        seg_name: list[int] = []
        self._seg_names: list[str] = []
        for s in data.streets:
            k = len(self._seg_names)
            self._seg_names.append(s["name"])
            pts = [p for line in s["lines"] for p in line]
            # A street's point is its vertex nearest to the mean of all its vertices.
            mx = sum(p[0] for p in pts) / len(pts)
            my = sum(p[1] for p in pts) / len(pts)
            best = min(pts, key=lambda p: (p[0] - mx) ** 2 + (p[1] - my) ** 2)
            self._street_point[s["name"]] = (best[1], best[0])
            for line in s["lines"]:
                for a, b in itertools.pairwise(line):
                    seg_a.append((a[0], a[1]))
                    seg_b.append((b[0], b[1]))
                    seg_name.append(k)
        self._seg_a = self._to_m(np.asarray(seg_a, dtype=np.float64).reshape(-1, 2))
        self._seg_b = self._to_m(np.asarray(seg_b, dtype=np.float64).reshape(-1, 2))
        self._seg_name = np.asarray(seg_name, dtype=np.int32)
        self._xing_m = self._to_m(
            np.asarray([(x[3], x[2]) for x in self._xings], dtype=np.float64).reshape(-1, 2)
        )
        log.info(
            "gazetteer: %d streets, %d intersections, %d places",
            len(self._streets),
            len(self._xings),
            len(self._places),
        )

    @staticmethod
    def _to_m(lonlat: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        out = np.empty_like(lonlat)
        out[:, 0] = (lonlat[:, 0] + 122.44) * _M_PER_DEG_LON
        out[:, 1] = (lonlat[:, 1] - _LAT0) * _M_PER_DEG_LAT
        return out

    # --- forward --------------------------------------------------------------------------------
    def street_names(self) -> list[str]:
        return sorted(self._street_names)

    def _street_candidates(self, tokens: list[str]) -> list[tuple[str, float]]:
        tokens = ordinalize(tokens)
        out = []
        for name, ntoks in self._streets:
            s = match_score(tokens, ntoks)
            if s >= 0.5:
                out.append((name, s))
        out.sort(key=lambda t: -t[1])
        return out[:12]

    def search(self, text: str, limit: int = 10) -> list[Place]:
        """Ranked places for typed text; empty when nothing matches."""
        text = text.strip()
        if not text:
            return []
        ll = parse_latlon(text)
        if ll is not None:
            return [Place(f"{ll[0]:.5f}, {ll[1]:.5f}", ll[0], ll[1], "coordinates", 1.0)]
        parts = [p for p in SPLIT.split(text.lower()) if p.strip()]
        results: list[Place] = []
        if len(parts) >= 2:
            results.extend(self._intersections(normalize(parts[0]), normalize(parts[1])))
        tokens = normalize(text)
        for name, ntoks, lat, lon, kind in self._places:
            s = match_score(tokens, ntoks)
            if s > 0:
                results.append(Place(name, lat, lon, kind, s))
        for name, s in self._street_candidates(tokens):
            lat, lon = self._street_point[name]
            results.append(Place(name, lat, lon, "street", s * 0.98))
        # Stable tie-break by kind: a neighbourhood before a park before a street of equal score.
        order = {"intersection": 0, "neighbourhood": 1, "park": 2, "street": 3}
        results.sort(key=lambda p: (-p.score, order.get(p.kind, 9), p.label))
        return results[:limit]

    def _intersections(self, qa: list[str], qb: list[str]) -> Iterable[Place]:
        ca = dict(self._street_candidates(qa))
        cb = dict(self._street_candidates(qb))
        seen: set[int] = set()
        for name_a, sa in ca.items():
            for i in self._xing_by_name.get(name_a, []):
                if i in seen:
                    continue
                a, b, lat, lon = self._xings[i]
                other = b if a == name_a else a
                sb = cb.get(other)
                if sb is None:
                    continue
                seen.add(i)
                # Slightly above a plain street match so "a & b" ranks the crossing first.
                yield Place(
                    f"{name_a} & {other}", lat, lon, "intersection", min(1.0, sa * sb) + 0.01
                )

    # --- reverse --------------------------------------------------------------------------------
    def neighbourhood_at(self, lat: float, lon: float) -> str:
        """Bundled analysis neighbourhood containing the point ('' outside the city)."""
        for name, rings in self._hood_polys:
            if any(point_in_polygon(lon, lat, r) for r in rings):
                return name
        return ""

    def reverse(self, lat: float, lon: float) -> ReverseResult:
        """Nearest named street and intersection, plus grid cell and neighbourhood when known."""
        p = self._to_m(np.asarray([[lon, lat]], dtype=np.float64))[0]
        street, street_d = "", math.inf
        if len(self._seg_a):
            ab = self._seg_b - self._seg_a
            ap = p - self._seg_a
            denom = np.maximum((ab * ab).sum(1), 1e-9)
            t = np.clip((ap * ab).sum(1) / denom, 0.0, 1.0)
            d = np.hypot(*(self._seg_a + ab * t[:, None] - p).T)
            k = int(np.argmin(d))
            street, street_d = self._seg_names[int(self._seg_name[k])], float(d[k])
        xing, xing_d = "", math.inf
        if len(self._xing_m):
            d = np.hypot(*(self._xing_m - p).T)
            k = int(np.argmin(d))
            # Where crossings cluster (a street changing name at a junction), prefer one on the
            # street the point lies on: "Market & 5th" rather than "5th & Cyril Magnin".
            near = np.flatnonzero(d <= d[k] + 15.0)
            on_street = [int(i) for i in near if street in self._xings[int(i)][:2]]
            if on_street:
                k = min(on_street, key=lambda i: float(d[i]))
            a, b, xlat, xlon = self._xings[k]
            xing, xing_d = f"{a} & {b}", haversine_m(lat, lon, xlat, xlon)
        cell, hood = "", ""
        if self.locator is not None:
            try:
                cell, hood = self.locator.locate(lat, lon)
            except Exception as exc:  # a locator fault must not break the map's readout
                log.warning("locator failed at %.5f,%.5f: %s", lat, lon, exc)
        if not hood:
            hood = self.neighbourhood_at(lat, lon)
        if xing and xing_d <= 40.0:
            label = xing
        elif street and street_d <= 60.0:
            label = (
                f"{street} near {xing.replace(street, '').strip(' &')}"
                if street in xing
                else street
            )
        elif hood:
            label = hood
        else:
            label = f"{lat:.5f}, {lon:.5f}"
        if hood and label != hood:
            label = f"{label}, {hood}"
        return ReverseResult(
            lat=lat,
            lon=lon,
            street=street if street_d <= 60.0 else "",
            street_distance_m=street_d,
            intersection=xing,
            intersection_distance_m=xing_d,
            neighbourhood=hood,
            grid_cell=cell or "",
            label=label,
        )
