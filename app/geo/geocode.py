"""Whole-city geocoder: addresses, blocks, intersections, streets, landmarks, parks, "lat,lon".

Forward look-ups (:meth:`Geocoder.search`) answer as-you-type with ranked :class:`Place` results
that say what kind each is (address, block, intersection, street, landmark, park, hospital,
station, pier, neighbourhood, coordinates); exact matches rank before prefix matches before
fuzzy ones. :meth:`Geocoder.geocode` adds, when nothing matches, the closest spellings.
Reverse look-ups (:meth:`Geocoder.reverse`) give the nearest address and intersection with their
distances. Data: ``resources/places`` (built by ``scripts/build_places.py``).

CLI::

    python -m app.geo.geocode [--json] [--limit N] TEXT     (TEXT '-' = one query per stdin line)
    python -m app.geo.geocode --reverse LAT,LON
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Protocol

import numpy as np

from app.domain.geo import haversine_m
from app.geo import geoquery
from app.geo.addresses import AddressFinder
from app.geo.placedata import PlaceData, load_place_data, to_metres
from app.geo.placetypes import Answer, Place, ReverseResult
from app.geo.streetmatch import StreetMatch, StreetMatcher
from app.geo.streetnames import display_name

log = logging.getLogger(__name__)

__all__ = ["Answer", "Geocoder", "Place", "ReverseResult", "default_geocoder"]

KIND_ORDER = {
    "coordinates": 0,
    "address": 1,
    "intersection": 2,
    "block": 3,
    "landmark": 4,
    "hospital": 4,
    "station": 4,
    "pier": 4,
    "park": 5,
    "neighbourhood": 6,
    "street": 7,
}
"""Tie-break between results of equal score."""


class LocatorLike(Protocol):
    def locate(self, lat: float, lon: float) -> tuple[str, str]: ...


class Geocoder:
    """Forward and reverse look-ups over the bundled places; loads once, answers in memory."""

    def __init__(self, folder: Path | None = None, locator: LocatorLike | None = None) -> None:
        self.data = load_place_data(folder)
        self.locator = locator
        self.streets = StreetMatcher(self.data)
        self.addresses = AddressFinder(self.data)

    # --- forward --------------------------------------------------------------------------------
    def search(self, text: str, limit: int = 10) -> list[Place]:
        """Ranked places for typed text; empty when nothing matches (never raises)."""
        return self.geocode(text, limit).places

    def geocode(self, text: str, limit: int = 10) -> Answer:
        """Like :meth:`search`, with a message and the closest spellings when nothing matches."""
        try:
            return self._geocode(text, max(1, limit))
        except Exception:  # a look-up must never take the form down with it
            log.exception("geocoder failed on %r", text[:200])
            return Answer(query=text[:200], places=[], message="no match (internal error)")

    def _geocode(self, text: str, limit: int) -> Answer:
        q = geoquery.parse(text)
        if not q.text:
            return Answer(query="", places=[], message="empty query")
        if q.latlon is not None:
            lat, lon = q.latlon
            return Answer(q.text, [Place(f"{lat:.5f}, {lon:.5f}", lat, lon, "coordinates", 1.0)])
        out: list[Place] = []
        if q.cross is not None:
            out.extend(self._intersections(q.cross[0], q.cross[1]))
        if q.block is not None:
            for m in self.streets.match(q.street, limit=3):
                p = self.addresses.block(m.street, q.block)
                if p is not None:
                    out.append(_scaled(p, m))
        elif q.number is not None:
            for m in self.streets.match(q.street, limit=4):
                p = self.addresses.house(m.street, q.number)
                if p is not None:
                    out.append(_scaled(p, m))
        # A found house or block needs no landmark search ("2300 Mission St" names no park);
        # anything else may also be a place's name ("4th and King Caltrain", "Pier 39").
        exact_address = any(p.score >= 0.9 for p in out) and q.cross is None
        if not exact_address and (not out or q.cross is None):
            for place, score, how in self.streets.places(q.text, limit=limit):
                out.append(Place(place.name, place.lat, place.lon, place.kind, score, how))
        if q.number is None and q.block is None and q.cross is None:
            for m in self.streets.match(q.text, limit=limit):
                p = self.addresses.street_point(m.street)
                if p is not None:
                    out.append(_scaled(p, m, factor=0.98))
        out = _dedupe(out)
        out.sort(key=lambda p: (-p.score, KIND_ORDER.get(p.kind, 9), p.label))
        if out:
            return Answer(q.text, out[:limit])
        if q.block is not None and not q.street:
            # "600 Block of" being typed: no street to spell-check yet (the fuzzy search over
            # every name would only cost time at every keystroke of the commonest form).
            return Answer(q.text, [], "no match: type the street name")
        words = q.street or (q.cross[0] if q.cross else q.text)
        closest = self.streets.closest_spellings(words)
        if q.cross is not None and not self.streets.match(q.cross[1], limit=1):
            closest += self.streets.closest_spellings(q.cross[1])
        return Answer(q.text, [], "no match", list(dict.fromkeys(closest))[:6])

    def _intersections(self, a_text: str, b_text: str) -> list[Place]:
        ma = self.streets.match(a_text, limit=4)
        mb = self.streets.match(b_text, limit=4)
        if ma and (not mb or mb[0].how != "exact"):
            # A half-typed or misspelt second street: only the streets that cross the first
            # can make an intersection, so look among those (the best prefix matches among all
            # names rarely cross it, and a miss ends in the costly no-match search).
            mb = self.streets.match_crossing(b_text, [m.street for m in ma], limit=4) or mb
        d = self.data
        out: list[Place] = []
        misses: list[tuple[float, int, int, str, str]] = []
        for a in ma:
            for b in mb:
                if a.street == b.street:
                    continue
                key = (min(a.street, b.street), max(a.street, b.street))
                nodes = d.xing_by_pair.get(key)
                score = round(a.score * b.score, 4)
                how = _worst(a.how, b.how)
                label = f"{display_name(d.street_names[a.street])} & "
                label += display_name(d.street_names[b.street])
                if nodes:
                    for node in _distinct_nodes(d, nodes):
                        lat, lon = float(d.xing_lat[node]), float(d.xing_lon[node])
                        out.append(Place(label, lat, lon, "intersection", score, how))
                else:
                    misses.append((score, a.street, b.street, label, how))
        if out:
            return out
        # No crossing at all: the streets' closest approach ("Market & Embarcadero"), for the
        # best few pairs only (each compares every node of one street with the other's).
        misses.sort(key=lambda m: -m[0])
        for score, a_id, b_id, label, how in misses[:3]:
            near = self._closest_approach(a_id, b_id)
            if near is not None:
                lat, lon, gap = near
                out.append(
                    Place(f"{label} (~{round(gap)} m apart)", lat, lon, "intersection",
                          round(score * 0.85, 4), how)
                )  # fmt: skip
        return out

    def _closest_approach(self, a: int, b: int) -> tuple[float, float, float] | None:
        """Midpoint of the nearest pair of nodes on two streets that do not meet (<= 250 m)."""
        d = self.data
        na, nb = d.xing_by_street.get(a), d.xing_by_street.get(b)
        if not na or not nb:
            return None
        pa, pb = d.xing_xy[na], d.xing_xy[nb]
        dist = np.hypot(*(pa[:, None, :] - pb[None, :, :]).transpose(2, 0, 1))
        i, j = np.unravel_index(int(np.argmin(dist)), dist.shape)
        gap = float(dist[i, j])
        if gap > 250.0:
            return None
        lat = (float(d.xing_lat[na[i]]) + float(d.xing_lat[nb[j]])) / 2
        lon = (float(d.xing_lon[na[i]]) + float(d.xing_lon[nb[j]])) / 2
        return lat, lon, gap

    # --- reverse --------------------------------------------------------------------------------
    def reverse(self, lat: float, lon: float) -> ReverseResult:
        """Nearest address, street and intersection, plus grid cell and neighbourhood when known."""
        d = self.data
        p = to_metres(lat, lon)
        ad, ai = d.addr_tree.query(p)
        xd, xi = d.xing_tree.query(p)
        address = self.addresses.label(int(ai))
        names = [display_name(d.street_names[s]) for s in d.xing_streets[int(xi)]]
        xing = " & ".join(names)
        street, street_d = self._nearest_street(p)
        cell, hood = "", ""
        if self.locator is not None:
            try:
                cell, hood = self.locator.locate(lat, lon)
            except Exception as exc:  # a locator fault must not break the map's readout
                log.warning("locator failed at %.5f,%.5f: %s", lat, lon, exc)
        hood = hood or d.hood_at(lat, lon)
        if xd <= 40.0:
            label = xing
        elif ad <= 40.0:
            label = address
        elif street_d <= 60.0:
            label = f"{street} near {address}" if ad <= 150.0 else street
        elif hood:
            label = hood
        else:
            label = f"{lat:.5f}, {lon:.5f}"
        if hood and label != hood:
            label = f"{label}, {hood}"
        return ReverseResult(
            lat=lat,
            lon=lon,
            address=address,
            address_distance_m=haversine_m(
                lat, lon, float(d.addr_lat[int(ai)]), float(d.addr_lon[int(ai)])
            ),
            street=street if street_d <= 60.0 else "",
            street_distance_m=street_d,
            intersection=xing,
            intersection_distance_m=haversine_m(
                lat, lon, float(d.xing_lat[int(xi)]), float(d.xing_lon[int(xi)])
            ),
            neighbourhood=hood,
            grid_cell=cell or "",
            label=label,
        )

    def _nearest_street(self, p: np.ndarray) -> tuple[str, float]:
        d = self.data
        dist0, _ = d.piece_tree.query(p)
        # Any piece whose nearest point is within dist0 has its midpoint within dist0 + half_max.
        cand = d.piece_tree.query_ball_point(p, float(dist0) + d.piece_half_max)
        if not cand:
            return "", float("inf")
        idx = np.asarray(cand)
        a, b = d.piece_a[idx], d.piece_b[idx]
        ab = b - a
        t = np.clip(((p - a) * ab).sum(1) / np.maximum((ab * ab).sum(1), 1e-9), 0.0, 1.0)
        dist = np.hypot(*(a + ab * t[:, None] - p).T)
        k = int(np.argmin(dist))
        return display_name(d.street_names[int(d.piece_street[idx[k]])]), float(dist[k])


def _worst(a: str, b: str) -> str:
    order = ["exact", "prefix", "fuzzy"]
    return order[max(order.index(a), order.index(b))]


def _scaled(p: Place, m: StreetMatch, factor: float = 1.0) -> Place:
    return Place(p.label, p.lat, p.lon, p.kind, round(p.score * m.score * factor, 4), m.how)


def _distinct_nodes(d: PlaceData, nodes: list[int]) -> list[int]:
    """One node per crossing: nodes within 60 m of a kept one are the same crossing."""
    kept: list[int] = []
    for n in nodes:
        if all(float(np.hypot(*(d.xing_xy[n] - d.xing_xy[k]))) > 60.0 for k in kept):
            kept.append(n)
    return kept


def _dedupe(places: list[Place]) -> list[Place]:
    best: dict[tuple[str, str], Place] = {}
    for p in places:
        key = (p.label, p.kind)
        if key not in best or p.score > best[key].score:
            best[key] = p
    return list(best.values())


_default: Geocoder | None = None


def default_geocoder() -> Geocoder:
    """One shared geocoder per process (without a grid locator)."""
    global _default
    if _default is None:
        _default = Geocoder()
    return _default


if __name__ == "__main__":
    from app.geo.geocode_cli import main

    raise SystemExit(main())
