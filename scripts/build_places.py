"""Build the bundled whole-city places resource (addresses, intersections, streets, landmarks).

Run once (and again only when the source data changes):

    .venv/bin/python scripts/build_places.py [--shared ../shared] [--out resources/places]

Reads the city's address points, intersections and named street segments
(``data/geo/sf_addresses``), the city parks and analysis neighbourhoods (``data/geo/sf``) and the
named OpenStreetMap points of the central area, and writes:

* ``places.npz``     - street names; address points (street, number, position) sorted by street
  and number; intersections (CNN, position, street names); street segments (street, class,
  one-way, end nodes, length, geometry); neighbourhood names and outlines
* ``landmarks.json`` - landmarks, parks, neighbourhoods and selected named points, each row with
  the source of its position

Positions are stored as integers of 1e-5 degree (the source precision, about 1 m).
This is the only code that reads ``/work/shared`` for the geocoder; the product reads the output.
"""

from __future__ import annotations

import csv
import itertools
import json
import logging
import math
import sys
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from build_common import run_build

from app.geo.streetnames import canonical_street

log = logging.getLogger("build_places")

Array = npt.NDArray[Any]
SCALE = 100_000  # 1e-5 degree units
CITY_BBOX = (-122.52, 37.70, -122.35, 37.835)
ONEWAY_CODES = {"": 0, "FT": 1, "TF": 2}

# Named OSM points worth finding by name in a dispatch console (the rest are shops and stops).
OSM_KINDS = {
    "amenity=fire_station": "station",
    "amenity=police": "station",
    "amenity=hospital": "hospital",
    "amenity=clinic": "hospital",
    "amenity=ferry_terminal": "station",
    "amenity=bus_station": "station",
    "amenity=library": "landmark",
    "amenity=townhall": "landmark",
    "amenity=courthouse": "landmark",
    "amenity=theatre": "landmark",
    "amenity=community_centre": "landmark",
    "amenity=university": "landmark",
    "amenity=college": "landmark",
    "amenity=school": "landmark",
    "tourism=attraction": "landmark",
    "tourism=museum": "landmark",
    "historic=monument": "landmark",
    "historic=building": "landmark",
    "place=neighbourhood": "neighbourhood",
}

# Landmarks without an address record of their own, or known by a name rather than an address.
# Each position comes from one row of the source data, named in the second column:
#   "addr:NUMBER STREET"  an EAS address point, "xing:STREET & STREET"  an intersection node,
#   "osm:NODE_ID"         a named OpenStreetMap node.
LANDMARKS: list[tuple[str, str, str, list[str]]] = [
    ("City Hall", "addr:1 DR CARLTON B GOODLETT PL", "landmark", ["SF City Hall"]),
    ("Ferry Building", "osm:6666769680", "landmark", ["San Francisco Ferry Building"]),
    ("Coit Tower", "addr:1 TELEGRAPH HILL BLVD", "landmark", []),
    ("Transamerica Pyramid", "addr:600 MONTGOMERY ST", "landmark", []),
    ("Salesforce Tower", "addr:415 MISSION ST", "landmark", []),
    ("Salesforce Transit Center", "osm:7221455729", "station", ["Transbay Transit Center"]),
    ("Moscone Center", "addr:747 HOWARD ST", "landmark", []),
    ("Chase Center", "addr:1 WARRIORS WAY", "landmark", []),
    ("Oracle Park", "xing:03RD ST & KING ST", "landmark", ["AT&T Park", "Giants ballpark"]),
    ("Palace of Fine Arts", "addr:3301 LYON ST", "landmark", []),
    ("Fisherman's Wharf", "xing:JEFFERSON ST & TAYLOR ST", "landmark", []),
    ("Ghirardelli Square", "xing:BEACH ST & LARKIN ST", "landmark", []),
    ("Union Square", "xing:GEARY ST & POWELL ST", "landmark", []),
    ("California Academy of Sciences", "addr:55 MUSIC CONCOURSE DR", "landmark", []),
    ("Japanese Tea Garden", "addr:50 HAGIWARA TEA GARDEN DR", "landmark", []),
    ("Pier 39", "xing:BEACH ST & THE EMBARCADERO", "pier", []),
    ("Pier 33", "xing:BAY ST & THE EMBARCADERO", "pier", ["Alcatraz Landing"]),
    ("Pier 41", "osm:1142601033", "pier", []),
    ("Pier 1", "osm:12223042012", "pier", []),
    ("Pier 70", "osm:6356958471", "pier", []),
    ("Pier 48", "osm:1142670556", "pier", ["Pier 48.5"]),
    ("Pier 27", "xing:LOMBARD ST & THE EMBARCADERO", "pier", ["Cruise Terminal"]),
    (
        "Zuckerberg San Francisco General Hospital",
        "addr:1001 POTRERO AVE",
        "hospital",
        ["SF General", "General Hospital", "ZSFG"],
    ),
    ("UCSF Parnassus", "addr:505 PARNASSUS AVE", "hospital", ["UCSF Medical Center"]),
    ("UCSF Mission Bay", "addr:1975 04TH ST", "hospital", ["UCSF Benioff Children's Hospital"]),
    ("CPMC Van Ness", "addr:1101 VAN NESS AVE", "hospital", ["California Pacific Medical Center"]),
    ("CPMC California Campus", "addr:3700 CALIFORNIA ST", "hospital", []),
    ("St. Mary's Medical Center", "addr:450 STANYAN ST", "hospital", ["Saint Mary's Hospital"]),
    ("Saint Francis Memorial Hospital", "addr:900 HYDE ST", "hospital", ["St Francis Hospital"]),
    ("Kaiser Permanente San Francisco", "addr:2425 GEARY BLVD", "hospital", ["Kaiser Geary"]),
    ("Chinese Hospital", "addr:845 JACKSON ST", "hospital", []),
    ("San Francisco VA Medical Center", "addr:4150 CLEMENT ST", "hospital", ["VA Hospital"]),
    ("Laguna Honda Hospital", "addr:375 LAGUNA HONDA BLVD", "hospital", []),
    ("Hall of Justice", "addr:850 BRYANT ST", "landmark", []),
    ("Embarcadero BART", "xing:MARKET ST & DRUMM ST", "station", []),
    ("Montgomery St BART", "xing:MARKET ST & MONTGOMERY ST", "station", []),
    ("Powell St BART", "xing:MARKET ST & POWELL ST", "station", []),
    ("Civic Center BART", "xing:MARKET ST & 08TH ST", "station", []),
    ("16th St Mission BART", "xing:16TH ST & MISSION ST", "station", []),
    ("24th St Mission BART", "xing:24TH ST & MISSION ST", "station", []),
    ("Glen Park BART", "xing:BOSWORTH ST & DIAMOND ST", "station", []),
    ("Balboa Park BART", "xing:GENEVA AVE & SAN JOSE AVE", "station", []),
    ("4th and King Caltrain", "addr:700 04TH ST", "station", ["Caltrain Station"]),
    ("22nd Street Caltrain", "xing:22ND ST & PENNSYLVANIA AVE", "station", []),
]


def _int_deg(v: float) -> int:
    return round(v * SCALE)


def load_addresses(folder: Path) -> tuple[list[str], list[tuple[str, int, int, int]]]:
    rows: list[tuple[str, int, int, int]] = []
    with (folder / "sf_eas_addresses.csv").open(newline="") as f:
        for r in csv.DictReader(f):
            rows.append(
                (
                    r["street"].strip(),
                    int(r["number"]),
                    _int_deg(float(r["lat"])),
                    _int_deg(float(r["lon"])),
                )
            )
    return sorted({r[0] for r in rows}), rows


def polygon_rings(geom: dict[str, Any]) -> list[list[list[float]]]:
    if geom["type"] == "Polygon":
        return [geom["coordinates"][0]]
    if geom["type"] == "MultiPolygon":
        return [poly[0] for poly in geom["coordinates"]]
    return []


def build(shared: Path, out: Path) -> None:
    folder = shared / "data" / "geo" / "sf_addresses"
    sf = shared / "data" / "geo" / "sf"
    addr_streets, addr_rows = load_addresses(folder)

    xings: list[dict[str, Any]] = []
    with (folder / "sf_intersections.csv").open(newline="") as f:
        for r in csv.DictReader(f):
            names = [s.strip() for s in r["streets"].split(" & ") if s.strip()]
            xings.append(
                {
                    "cnn": int(r["cnn"]),
                    "lat": _int_deg(float(r["lat"])),
                    "lon": _int_deg(float(r["lon"])),
                    "streets": names,
                }
            )
    segs = json.loads((folder / "sf_street_segments.geojson").read_text())["features"]

    names = sorted(
        set(addr_streets)
        | {s for x in xings for s in x["streets"]}
        | {str(ft["properties"]["street"]).strip() for ft in segs}
    )
    sid = {n: i for i, n in enumerate(names)}
    arrays: dict[str, Array] = {"street_names": np.asarray(names)}

    # Address points, sorted by street then number so a street's addresses are one slice.
    addr_rows.sort(key=lambda r: (sid[r[0]], r[1], r[2], r[3]))
    arrays["addr_street"] = np.asarray([sid[r[0]] for r in addr_rows], dtype=np.int32)
    arrays["addr_number"] = np.asarray([r[1] for r in addr_rows], dtype=np.int32)
    arrays["addr_lat"] = np.asarray([r[2] for r in addr_rows], dtype=np.int32)
    arrays["addr_lon"] = np.asarray([r[3] for r in addr_rows], dtype=np.int32)

    # Intersections: node CNN, position, CSR list of street ids.
    node_index = {x["cnn"]: i for i, x in enumerate(xings)}
    ptr = [0]
    ids: list[int] = []
    for x in xings:
        ids.extend(sid[s] for s in x["streets"])
        ptr.append(len(ids))
    arrays["xing_cnn"] = np.asarray([x["cnn"] for x in xings], dtype=np.int64)
    arrays["xing_lat"] = np.asarray([x["lat"] for x in xings], dtype=np.int32)
    arrays["xing_lon"] = np.asarray([x["lon"] for x in xings], dtype=np.int32)
    arrays["xing_ptr"] = np.asarray(ptr, dtype=np.int32)
    arrays["xing_streets"] = np.asarray(ids, dtype=np.int32)

    # Street segments: end nodes as intersection indices, geometry as a CSR of points.
    seg_cols: dict[str, list[Any]] = {k: [] for k in ("street", "cls", "oneway", "f", "t", "len")}
    gptr = [0]
    glat: list[int] = []
    glon: list[int] = []
    skipped = 0
    for ft in segs:
        p = ft["properties"]
        f_node, t_node = node_index.get(p["f_node_cnn"]), node_index.get(p["t_node_cnn"])
        coords = ft["geometry"]["coordinates"]
        if f_node is None or t_node is None or len(coords) < 2:
            skipped += 1
            continue
        length = 0.0
        for (x0, y0), (x1, y1) in itertools.pairwise(coords):
            dx = (x1 - x0) * 111_320.0 * math.cos(math.radians((y0 + y1) / 2))
            length += math.hypot(dx, (y1 - y0) * 110_574.0)
        seg_cols["street"].append(sid[str(p["street"]).strip()])
        seg_cols["cls"].append(int(p["class"]) if p["class"] is not None else 0)
        seg_cols["oneway"].append(ONEWAY_CODES.get(p["oneway"] or "", 0))
        seg_cols["f"].append(f_node)
        seg_cols["t"].append(t_node)
        seg_cols["len"].append(length)
        glat.extend(_int_deg(c[1]) for c in coords)
        glon.extend(_int_deg(c[0]) for c in coords)
        gptr.append(len(glat))
    arrays["seg_street"] = np.asarray(seg_cols["street"], dtype=np.int32)
    arrays["seg_class"] = np.asarray(seg_cols["cls"], dtype=np.int8)
    arrays["seg_oneway"] = np.asarray(seg_cols["oneway"], dtype=np.int8)
    arrays["seg_from"] = np.asarray(seg_cols["f"], dtype=np.int32)
    arrays["seg_to"] = np.asarray(seg_cols["t"], dtype=np.int32)
    arrays["seg_length_m"] = np.asarray(seg_cols["len"], dtype=np.float32)
    arrays["seg_ptr"] = np.asarray(gptr, dtype=np.int32)
    arrays["seg_lat"] = np.asarray(glat, dtype=np.int32)
    arrays["seg_lon"] = np.asarray(glon, dtype=np.int32)
    if skipped:
        log.warning("%d segments without both end nodes or geometry were left out", skipped)

    # Neighbourhood outlines for the reverse look-up when no city locator is at hand.
    hood_names: list[str] = []
    rptr, rhood, rlat, rlon = [0], [], [], []  # type: ignore[var-annotated]
    places: list[dict[str, Any]] = []
    for ft in json.loads((sf / "analysis_neighborhoods.geojson").read_text())["features"]:
        name = str(ft["properties"]["nhood"]).strip()
        rings = polygon_rings(ft["geometry"])
        pts = np.asarray([p for r in rings for p in r])
        for ring in rings:
            rhood.append(len(hood_names))
            rlat.extend(_int_deg(p[1]) for p in ring)
            rlon.extend(_int_deg(p[0]) for p in ring)
            rptr.append(len(rlat))
        hood_names.append(name)
        places.append(
            {
                "name": name,
                "kind": "neighbourhood",
                "lat": round(float(pts[:, 1].mean()), 5),
                "lon": round(float(pts[:, 0].mean()), 5),
                "aliases": [],
                "source": "DataSF Analysis Neighborhoods, mean of the outline's points",
            }
        )
    arrays["hood_names"] = np.asarray(hood_names)
    arrays["hood_ring_ptr"] = np.asarray(rptr, dtype=np.int32)
    arrays["hood_ring_hood"] = np.asarray(rhood, dtype=np.int32)
    arrays["hood_lat"] = np.asarray(rlat, dtype=np.int32)
    arrays["hood_lon"] = np.asarray(rlon, dtype=np.int32)

    # Parks: the centroid the city's park layer records (x, y), inside the city only.
    seen_parks: set[str] = set()
    for ft in json.loads((sf / "RPD_Parks.wgs84.geojson").read_text())["features"]:
        p = ft["properties"]
        name = str(p.get("map_park_n") or "").strip()
        x, y = p.get("x"), p.get("y")
        if not name or x is None or y is None or name in seen_parks:
            continue
        if not (CITY_BBOX[0] <= x <= CITY_BBOX[2] and CITY_BBOX[1] <= y <= CITY_BBOX[3]):
            continue
        seen_parks.add(name)
        places.append(
            {
                "name": name,
                "kind": "park",
                "lat": round(float(y), 5),
                "lon": round(float(x), 5),
                "aliases": [],
                "source": "DataSF RPD_Parks, recorded centroid (x, y)",
            }
        )

    # Named OSM points of the kinds a dispatcher names (central area only).
    osm: dict[int, dict[str, str]] = {}
    with (folder / "sf_osm_named_points_central.csv").open(newline="") as f:
        for r in csv.DictReader(f):
            osm[int(r["osm_node_id"])] = r
    seen_osm: set[str] = set()
    for node_id, r in sorted(osm.items()):
        kind = OSM_KINDS.get(r["kind"])
        name = r["name"].strip()
        if kind is None or not name or "?" in name or name.lower() in seen_osm:
            continue
        seen_osm.add(name.lower())
        places.append(
            {
                "name": name,
                "kind": kind,
                "lat": round(float(r["lat"]), 5),
                "lon": round(float(r["lon"]), 5),
                "aliases": [],
                "source": f"OpenStreetMap node {node_id} ({r['kind']})",
            }
        )

    # Hand-listed landmarks, positioned from a named row of the data above.
    addr_pos = {(r[0], r[1]): (r[2] / SCALE, r[3] / SCALE) for r in addr_rows}
    xing_pos: dict[frozenset[str], tuple[float, float]] = {}
    for x in xings:
        for a, b in itertools.combinations(x["streets"], 2):
            xing_pos.setdefault(frozenset((a, b)), (x["lat"] / SCALE, x["lon"] / SCALE))
    for name, ref, kind, aliases in LANDMARKS:
        how, _, key = ref.partition(":")
        if how == "addr":
            num, _, street = key.partition(" ")
            pos = addr_pos.get((street, int(num)))
            source = f"EAS address point {key}"
        elif how == "xing":
            pos = xing_pos.get(frozenset(key.split(" & ")))
            source = f"intersection node {key}"
        else:
            row = osm.get(int(key))
            pos = (float(row["lat"]), float(row["lon"])) if row else None
            source = f"OpenStreetMap node {key} ({row['name'] if row else '?'})"
        if pos is None:
            raise SystemExit(f"landmark {name!r}: {ref} is not in the source data")
        places.append(
            {
                "name": name,
                "kind": kind,
                "lat": round(pos[0], 5),
                "lon": round(pos[1], 5),
                "aliases": aliases,
                "source": source,
            }
        )

    # Sanity: every street name canonicalises (the geocoder's index relies on it).
    for n in names:
        if not canonical_street(n)[0]:
            raise SystemExit(f"street name {n!r} has no core after normalisation")

    out.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(out / "places.npz", **arrays)  # type: ignore[arg-type]
    # One row per line: small diffs when a landmark is added or moved.
    rows = ",\n".join(json.dumps(p, ensure_ascii=False) for p in places)
    (out / "landmarks.json").write_text(f"[\n{rows}\n]\n", encoding="utf-8")
    log.info(
        "places: %d streets, %d addresses, %d intersections, %d segments, %d named places",
        len(names),
        len(addr_rows),
        len(xings),
        len(seg_cols["street"]),
        len(places),
    )
    for path in sorted(out.iterdir()):
        log.info("wrote %s (%.0f kB)", path.name, path.stat().st_size / 1024)


def main(argv: list[str] | None = None) -> int:
    return run_build(build, __doc__, "places", "data/geo/sf_addresses", argv)


if __name__ == "__main__":
    raise SystemExit(main())
