"""Build the San Francisco demo city in ``resources/city/`` from the real data in ``../shared``.

Run once, by hand, when the inputs change: ``.venv/bin/python scripts/build_city.py``. This is the only
code that reads ``../shared``; the product reads the compact JSON written here. The hand-curated
tables (stations, units, cameras, demo users) sit at the top of this file so the whole build is one
reviewable file.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import itertools
import json
import logging
import math
import random
import sys
import zoneinfo
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

log = logging.getLogger("build_city")

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
OUT = REPO / "resources" / "city"
TZ = zoneinfo.ZoneInfo("America/Los_Angeles")

# Metres per degree at San Francisco's latitude (37.77 N), WGS84 ellipsoid series.
M_PER_DEG_LAT = 110_992.0
M_PER_DEG_LON = 88_108.0
CELL_M = 500.0
GRID_ORIGIN = (-122.5150, 37.8340)  # (lon, lat) of the north-west corner of cell G-00-00

Ring = list[tuple[float, float]]

# ---------------------------------------------------------------------------------------------
# Hand-curated tables. Station positions are the real addresses, placed by hand to within about
# 100 m and then snapped onto the nearest street centreline.
# ---------------------------------------------------------------------------------------------

# fmt: off
AGENCIES: list[dict[str, str]] = [
    {"id": "fire", "name": "San Francisco Fire Department", "name_zh": "旧金山消防局",
     "color": "#FF4D4D"},
    {"id": "police", "name": "San Francisco Police Department", "name_zh": "旧金山警察局",
     "color": "#3B82F6"},
    {"id": "medical", "name": "Emergency Medical Services", "name_zh": "紧急医疗服务",
     "color": "#F9A8D4"},
    {"id": "sanitation", "name": "Sanitation (Recology)", "name_zh": "环卫（垃圾清运）",
     "color": "#C59B6D"},
    {"id": "water", "name": "SF Public Utilities Commission - Water and Sewer",
     "name_zh": "公用事业委员会（供水排水）", "color": "#22D3EE"},
    {"id": "power", "name": "Power and Gas (PG&E)", "name_zh": "电力燃气公司", "color": "#FACC15"},
    {"id": "traffic", "name": "SF Municipal Transportation Agency", "name_zh": "市政交通局",
     "color": "#FB923C"},
    {"id": "public_works", "name": "San Francisco Public Works", "name_zh": "公共工程局",
     "color": "#A78BFA"},
    {"id": "parks", "name": "Recreation and Park Department", "name_zh": "康乐及公园局",
     "color": "#4ADE80"},
    {"id": "city_inspection", "name": "Department of Building Inspection and Code Enforcement",
     "name_zh": "城管执法与建筑检查", "color": "#E7E5E4"},
]

# (station id, agency, name, lat, lon)
STATIONS: list[tuple[str, str, str, float, float]] = [
    ("FS01", "fire", "Station 1, 935 Folsom St", 37.7787, -122.4047),
    ("FS02", "fire", "Station 2, 1340 Powell St", 37.7978, -122.4108),
    ("FS03", "fire", "Station 3, 1067 Post St", 37.7873, -122.4195),
    ("FS05", "fire", "Station 5, 1301 Turk St", 37.7800, -122.4317),
    ("FS06", "fire", "Station 6, 135 Sanchez St", 37.7688, -122.4311),
    ("FS07", "fire", "Station 7, 2300 Folsom St", 37.7611, -122.4148),
    ("FS08", "fire", "Station 8, 36 Bluxome St", 37.7763, -122.3960),
    ("FS09", "fire", "Station 9, 2245 Jerrold Ave", 37.7440, -122.3985),
    ("FS10", "fire", "Station 10, 655 Presidio Ave", 37.7853, -122.4466),
    ("FS11", "fire", "Station 11, 3880 26th St", 37.7488, -122.4285),
    ("FS12", "fire", "Station 12, 1145 Stanyan St", 37.7636, -122.4531),
    ("FS13", "fire", "Station 13, 530 Sansome St", 37.7950, -122.4015),
    ("FS14", "fire", "Station 14, 551 26th Ave", 37.7785, -122.4855),
    ("FS15", "fire", "Station 15, 1000 Ocean Ave", 37.7236, -122.4540),
    ("FS16", "fire", "Station 16, 2251 Greenwich St", 37.7990, -122.4375),
    ("FS17", "fire", "Station 17, 1295 Shafter Ave", 37.7268, -122.3892),
    ("FS18", "fire", "Station 18, 1935 32nd Ave", 37.7505, -122.4903),
    ("FS19", "fire", "Station 19, 390 Buckingham Way", 37.7275, -122.4765),
    ("FS20", "fire", "Station 20, 285 Olympia Way", 37.7520, -122.4578),
    ("FS21", "fire", "Station 21, 1443 Grove St", 37.7762, -122.4395),
    ("FS22", "fire", "Station 22, 1290 16th Ave", 37.7646, -122.4737),
    ("FS23", "fire", "Station 23, 1348 45th Ave", 37.7618, -122.5045),
    ("FS24", "fire", "Station 24, 100 Hoffman Ave", 37.7518, -122.4398),
    ("FS25", "fire", "Station 25, 3305 3rd St", 37.7466, -122.3874),
    ("FS26", "fire", "Station 26, 80 Digby St", 37.7380, -122.4345),
    ("FS29", "fire", "Station 29, 299 Vermont St", 37.7666, -122.4040),
    ("FS31", "fire", "Station 31, 441 12th Ave", 37.7806, -122.4705),
    ("FS32", "fire", "Station 32, 194 Park St", 37.7365, -122.4205),
    ("FS33", "fire", "Station 33, 8 Capitol Ave", 37.7117, -122.4595),
    ("FS34", "fire", "Station 34, 499 41st Ave", 37.7808, -122.5015),
    ("FS35", "fire", "Station 35, Pier 22½ The Embarcadero", 37.7897, -122.3878),
    ("FS36", "fire", "Station 36, 109 Oak St", 37.7751, -122.4205),
    ("FS37", "fire", "Station 37, 798 Wisconsin St", 37.7585, -122.3985),
    ("FS38", "fire", "Station 38, 2150 California St", 37.7890, -122.4310),
    ("FS39", "fire", "Station 39, 1091 Portola Dr", 37.7443, -122.4560),
    ("FS40", "fire", "Station 40, 2155 18th Ave", 37.7480, -122.4750),
    ("FS41", "fire", "Station 41, 1325 Leavenworth St", 37.7930, -122.4165),
    ("FS42", "fire", "Station 42, 2430 San Bruno Ave", 37.7300, -122.4040),
    ("FS43", "fire", "Station 43, 720 Moscow St", 37.7185, -122.4305),
    ("FS44", "fire", "Station 44, 1298 Girard St", 37.7220, -122.4055),
    ("FS48", "fire", "Station 48, 800 Avenue I, Treasure Island", 37.8265, -122.3720),
    ("FS51", "fire", "Station 51, 218 Lincoln Blvd, Presidio", 37.8005, -122.4555),
    ("PD-CEN", "police", "Central Station, 766 Vallejo St", 37.7986, -122.4100),
    ("PD-SOU", "police", "Southern Station, 1251 3rd St", 37.7705, -122.3893),
    ("PD-BAY", "police", "Bayview Station, 201 Williams Ave", 37.7298, -122.3977),
    ("PD-MIS", "police", "Mission Station, 630 Valencia St", 37.7628, -122.4220),
    ("PD-NOR", "police", "Northern Station, 1125 Fillmore St", 37.7802, -122.4325),
    ("PD-PAR", "police", "Park Station, 1899 Waller St", 37.7678, -122.4553),
    ("PD-RIC", "police", "Richmond Station, 461 6th Ave", 37.7799, -122.4644),
    ("PD-ING", "police", "Ingleside Station, 1 Sgt John V Young Ln", 37.7246, -122.4463),
    ("PD-TAR", "police", "Taraval Station, 2345 24th Ave", 37.7437, -122.4812),
    ("PD-TEN", "police", "Tenderloin Station, 301 Eddy St", 37.7837, -122.4129),
    ("H-ZSFG", "medical", "Zuckerberg San Francisco General, 1001 Potrero Ave", 37.7557, -122.4048),
    ("H-CPVN", "medical", "CPMC Van Ness Campus, 1101 Van Ness Ave", 37.7862, -122.4213),
    ("H-UCPA", "medical", "UCSF Parnassus, 505 Parnassus Ave", 37.7631, -122.4578),
    ("H-UCMB", "medical", "UCSF Mission Bay, 1975 4th St", 37.7674, -122.3907),
    ("H-KAIS", "medical", "Kaiser San Francisco, 2425 Geary Blvd", 37.7826, -122.4409),
    ("H-STMY", "medical", "St. Mary's Medical Center, 450 Stanyan St", 37.7737, -122.4540),
    ("H-STFR", "medical", "Saint Francis Memorial, 900 Hyde St", 37.7895, -122.4166),
    ("H-CPMB", "medical", "CPMC Mission Bernal, 3555 Cesar Chavez St", 37.7480, -122.4205),
    ("H-ADF", "medical", "Ambulance Deployment Facility (Station 49), 1415 Evans Ave",
     37.7395, -122.3865),
    ("SAN-P96", "sanitation", "Recology Recycle Central, Pier 96", 37.7412, -122.3782),
    ("SAN-7TH", "sanitation", "Recology Golden Gate, 900 7th St", 37.7690, -122.4005),
    ("WTR-HQ", "water", "SFPUC headquarters, 525 Golden Gate Ave", 37.7810, -122.4187),
    ("WTR-CDD", "water", "SFPUC City Distribution Division, 1990 Newcomb Ave", 37.7364, -122.3918),
    ("WTR-SEP", "water", "Southeast Water Pollution Control Plant, 750 Phelps St", 37.7437, -122.3894),
    ("WTR-OSP", "water", "Oceanside Water Pollution Control Plant, 3500 Great Hwy",
     37.7285, -122.5027),
    ("PWR-BEA", "power", "PG&E general office, 77 Beale St", 37.7919, -122.3961),
    ("PWR-POT", "power", "PG&E Potrero switchyard, 1201 Illinois St", 37.7545, -122.3873),
    ("PWR-MIS", "power", "PG&E Mission substation, 8th St & Mission St", 37.7772, -122.4122),
    ("TRF-HQ", "traffic", "SFMTA, 1 South Van Ness Ave", 37.7752, -122.4192),
    ("TRF-SHOP", "traffic", "SFMTA sign and meter shop, 1508 Bancroft Ave", 37.7268, -122.3915),
    ("TRF-PCO", "traffic", "SFMTA parking enforcement, 505 7th St", 37.7722, -122.4040),
    ("DPW-YARD", "public_works", "Public Works operations yard, 2323 Cesar Chavez St",
     37.7485, -122.4015),
    ("DPW-HQ", "public_works", "Public Works, 49 South Van Ness Ave", 37.7745, -122.4188),
    ("RP-MCL", "parks", "McLaren Lodge, 501 Stanyan St", 37.7717, -122.4548),
    ("RP-GGP", "parks", "Golden Gate Park service yard, Martin Luther King Jr Dr", 37.7660, -122.4700),
    ("RP-MCP", "parks", "McLaren Park yard, John F Shelley Dr", 37.7190, -122.4190),
    ("DBI-HQ", "city_inspection", "Permit Center, 49 South Van Ness Ave", 37.7747, -122.4186),
    ("DBI-SE", "city_inspection", "Southeast field office, 1550 Evans Ave", 37.7397, -122.3850),
]

ENGINE = ["fire_suppression", "ems_bls"]
ALS_ENGINE = ["fire_suppression", "ems_bls", "ems_als"]
# (id, agency, type, capabilities, home station)
UNITS: list[tuple[str, str, str, list[str], str]] = [
    *[(f"E{n}", "fire", "engine", ALS_ENGINE if n % 2 else ENGINE, f"FS{n:02d}")
      for n in (1, 2, 3, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 17, 21, 29, 36, 41, 48)],
    *[(f"T{n}", "fire", "truck", ["ladder", "rescue"], f"FS{n:02d}")
      for n in (1, 2, 3, 5, 7, 10, 13, 15)],
    ("RS1", "fire", "rescue_squad", ["rescue", "water_rescue", "hazmat"], "FS01"),
    ("RS2", "fire", "rescue_squad", ["rescue", "water_rescue", "hazmat"], "FS43"),
    ("FB1", "fire", "fireboat", ["fire_suppression", "water_rescue"], "FS35"),
    ("B1", "fire", "battalion_chief", ["command"], "FS13"),
    ("B2", "fire", "battalion_chief", ["command"], "FS03"),
    ("B3", "fire", "battalion_chief", ["command"], "FS01"),
    ("B6", "fire", "battalion_chief", ["command"], "FS11"),
    ("B8", "fire", "battalion_chief", ["command"], "FS39"),
    *[(f"M{i + 1}", "medical", "medic", ["ems_als", "ems_bls"], st) for i, st in enumerate(
        ["H-ZSFG", "H-ZSFG", "H-CPVN", "H-UCPA", "H-UCMB", "H-KAIS", "H-STMY", "H-STFR",
         "H-CPMB", "H-ADF", "H-ADF"])],
    ("A1", "medical", "bls_ambulance", ["ems_bls"], "H-ADF"),
    *[(f"3{d}{k}", "police", "patrol", ["law_enforcement", "traffic_control"], f"PD-{s}")
      for d, s, n in (("A", "CEN", 2), ("B", "SOU", 2), ("C", "BAY", 2), ("D", "MIS", 2),
                      ("E", "NOR", 1), ("F", "PAR", 1), ("G", "RIC", 1), ("H", "ING", 1),
                      ("I", "TAR", 1), ("J", "TEN", 2))
      for k in range(1, n + 1)],
    ("MT1", "police", "motorcycle", ["law_enforcement", "traffic_control"], "PD-SOU"),
    ("PCO1", "traffic", "parking_control", ["parking_enforcement", "traffic_control"], "TRF-PCO"),
    ("PCO2", "traffic", "parking_control", ["parking_enforcement", "traffic_control"], "TRF-PCO"),
    ("PCO3", "traffic", "parking_control", ["parking_enforcement", "traffic_control"], "TRF-HQ"),
    ("SIG1", "traffic", "signal_crew", ["signal_repair", "traffic_control"], "TRF-SHOP"),
    ("SIG2", "traffic", "signal_crew", ["signal_repair", "traffic_control"], "TRF-HQ"),
    ("SHOP1", "traffic", "sign_meter_crew", ["signal_repair", "facility_repair"], "TRF-SHOP"),
    *[(f"SAN{i}", "sanitation", t, ["sanitation"], st) for i, (t, st) in enumerate(
        [("packer", "SAN-P96"), ("packer", "SAN-P96"), ("sweeper", "SAN-7TH"),
         ("sweeper", "SAN-7TH"), ("flatbed", "SAN-P96"), ("packer", "SAN-7TH")], start=1)],
    ("W1", "water", "water_crew", ["water_repair"], "WTR-CDD"),
    ("W2", "water", "water_crew", ["water_repair"], "WTR-CDD"),
    ("W3", "water", "water_crew", ["water_repair"], "WTR-HQ"),
    ("SW1", "water", "sewer_crew", ["sewer_repair"], "WTR-SEP"),
    ("SW2", "water", "sewer_crew", ["sewer_repair"], "WTR-SEP"),
    ("SW3", "water", "sewer_crew", ["sewer_repair"], "WTR-OSP"),
    ("PWR1", "power", "electric_crew", ["power_repair"], "PWR-MIS"),
    ("PWR2", "power", "electric_crew", ["power_repair"], "PWR-POT"),
    ("PWR3", "power", "streetlight_crew", ["power_repair"], "PWR-BEA"),
    ("GAS1", "power", "gas_crew", ["gas_shutoff"], "PWR-BEA"),
    ("GAS2", "power", "gas_crew", ["gas_shutoff"], "PWR-POT"),
    ("DPW1", "public_works", "road_crew", ["road_repair"], "DPW-YARD"),
    ("DPW2", "public_works", "road_crew", ["road_repair"], "DPW-YARD"),
    ("DPW3", "public_works", "road_crew", ["road_repair", "traffic_control"], "DPW-HQ"),
    ("DPW4", "public_works", "facility_crew", ["facility_repair"], "DPW-YARD"),
    ("DPW5", "public_works", "facility_crew", ["facility_repair"], "DPW-HQ"),
    ("CLN1", "public_works", "cleaning_crew", ["sanitation"], "DPW-YARD"),
    ("CLN2", "public_works", "cleaning_crew", ["sanitation"], "DPW-HQ"),
    ("TREE1", "public_works", "tree_crew", ["tree_work"], "DPW-YARD"),
    ("TREE2", "public_works", "tree_crew", ["tree_work"], "DPW-YARD"),
    ("RP1", "parks", "gardener_crew", ["tree_work", "facility_repair"], "RP-GGP"),
    ("RP2", "parks", "gardener_crew", ["tree_work", "facility_repair"], "RP-MCP"),
    ("RP3", "parks", "park_ranger", ["inspection"], "RP-MCL"),
    *[(f"INS{i}", "city_inspection", "inspector", ["inspection"], st) for i, st in enumerate(
        ["DBI-HQ", "DBI-HQ", "DBI-HQ", "DBI-SE", "DBI-SE"], start=1)],
]

# (street A names, street B names, corner, look along A?) -- intersections of named OSM streets.
CAMERAS: list[tuple[str, str, str, bool]] = [
    ("Market Street", "5th Street", "NE", True),
    ("Van Ness Avenue", "Geary Street|Geary Boulevard", "SW", True),
    ("Mission Street", "16th Street", "NW", True),
    ("Market Street", "Castro Street", "SE", False),
    ("Columbus Avenue", "Broadway", "NE", True),
    ("Grant Avenue", "Jackson Street", "SW", True),
    ("The Embarcadero", "Washington Street", "SE", True),
    ("4th Street", "King Street", "NW", False),
    ("3rd Street", "Mission Street", "SW", True),
    ("Market Street", "Van Ness Avenue|South Van Ness Avenue", "NE", False),
    ("Polk Street", "California Street", "SE", True),
    ("Fillmore Street", "Geary Boulevard", "NW", False),
    ("Divisadero Street", "Haight Street", "NE", True),
    ("Haight Street", "Masonic Avenue", "SW", True),
    ("Mission Street", "19th Street", "SE", True),
    ("Potrero Avenue", "16th Street", "NW", True),
    ("3rd Street", "20th Street", "NE", True),
    ("Stockton Street", "Sutter Street", "SW", True),
    ("Lombard Street", "Fillmore Street", "SE", True),
    ("Eddy Street", "Jones Street", "NW", False),
    ("Market Street", "Octavia Boulevard", "SW", True),
    ("7th Street", "Brannan Street", "NE", True),
    ("Folsom Street", "8th Street", "SE", False),
    ("3rd Street", "16th Street", "NW", True),
    ("3rd Street", "Mariposa Street", "NE", True),
    ("Valencia Street", "16th Street", "SW", False),
    ("Geary Boulevard", "Masonic Avenue", "SE", True),
    ("Church Street", "Market Street", "NW", True),
    ("California Street", "Kearny Street", "NE", False),
    ("Bush Street", "Montgomery Street", "SW", True),
]

DEMO_USERS: list[dict[str, str]] = [
    {"username": "calltaker", "display_name": "Maria Lopez", "role": "call_taker", "agency": "",
     "password": "demo-calltaker"},
    {"username": "dispatcher", "display_name": "Kevin Wong", "role": "dispatcher", "agency": "",
     "password": "demo-dispatcher"},
    {"username": "liaison.water", "display_name": "Grace Liu", "role": "liaison",
     "agency": "water", "password": "demo-water"},
    {"username": "liaison.fire", "display_name": "Daniel O'Brien", "role": "liaison",
     "agency": "fire", "password": "demo-fire"},
    {"username": "supervisor", "display_name": "Sandra Kim", "role": "supervisor", "agency": "",
     "password": "demo-supervisor"},
    {"username": "observer", "display_name": "Trainee Observer", "role": "observer", "agency": "",
     "password": "demo-observer"},
    {"username": "auditor", "display_name": "City Auditor", "role": "auditor", "agency": "",
     "password": "demo-auditor"},
    {"username": "admin", "display_name": "System Administrator", "role": "admin", "agency": "",
     "password": "demo-admin"},
]
# fmt: on


# ---------------------------------------------------------------------------------------------
# Geometry helpers (numpy, build time only)
# ---------------------------------------------------------------------------------------------


def _metres(lon: np.ndarray | float, lat: np.ndarray | float) -> tuple[Any, Any]:
    """Local equirectangular metres around San Francisco; plenty at city scale."""
    return (np.asarray(lon) + 122.44) * M_PER_DEG_LON, (np.asarray(lat) - 37.76) * M_PER_DEG_LAT


def simplify(ring: Ring, tol_deg: float) -> Ring:
    """Douglas-Peucker simplification of a closed ring (keeps the first/last point)."""
    if len(ring) < 5:
        return ring
    pts = np.asarray(ring)
    keep = np.zeros(len(pts), dtype=bool)
    keep[0] = keep[-1] = True
    stack = [(0, len(pts) - 1)]
    while stack:
        a, b = stack.pop()
        if b <= a + 1:
            continue
        seg = pts[b] - pts[a]
        rel = pts[a + 1 : b] - pts[a]
        norm = math.hypot(*seg)
        if norm == 0.0:
            d = np.hypot(rel[:, 0], rel[:, 1])
        else:
            d = np.abs(seg[0] * rel[:, 1] - seg[1] * rel[:, 0]) / norm
        i = int(np.argmax(d))
        if d[i] > tol_deg:
            keep[a + 1 + i] = True
            stack += [(a, a + 1 + i), (a + 1 + i, b)]
    out = [tuple(p) for p in pts[keep]]
    return out if len(out) >= 4 else ring  # type: ignore[return-value]


def points_in_rings(lon: np.ndarray, lat: np.ndarray, rings: list[Ring]) -> np.ndarray:
    """Even-odd point-in-polygon of many points against a set of rings (holes or parts)."""
    inside = np.zeros(lon.shape, dtype=bool)
    for ring in rings:
        r = np.asarray(ring)
        x1, y1 = r[:-1, 0], r[:-1, 1]
        x2, y2 = r[1:, 0], r[1:, 1]
        for k in range(len(x1)):
            cross = (y1[k] > lat) != (y2[k] > lat)
            if not cross.any():
                continue
            xint = (x2[k] - x1[k]) * (lat - y1[k]) / (y2[k] - y1[k] + 1e-300) + x1[k]
            inside ^= cross & (lon < xint)
    return inside


class StreetIndex:
    """Every street-centreline segment of the city, for distance and snapping queries."""

    def __init__(self, lines: list[list[list[float]]]) -> None:
        a, b = [], []
        for line in lines:
            for p, q in itertools.pairwise(line):
                a.append(p)
                b.append(q)
        self.a = np.asarray(a)
        self.b = np.asarray(b)
        self.ax, self.ay = _metres(self.a[:, 0], self.a[:, 1])
        self.bx, self.by = _metres(self.b[:, 0], self.b[:, 1])
        self.length = np.hypot(self.bx - self.ax, self.by - self.ay)

    def nearest(self, lon: float, lat: float) -> tuple[float, float, float]:
        """(distance in metres, lon, lat) of the closest point on any street."""
        px, py = _metres(lon, lat)
        dx, dy = self.bx - self.ax, self.by - self.ay
        seg2 = dx * dx + dy * dy
        t = np.clip(
            ((px - self.ax) * dx + (py - self.ay) * dy) / np.where(seg2 == 0, 1, seg2), 0, 1
        )
        cx, cy = self.ax + t * dx, self.ay + t * dy
        d = np.hypot(cx - px, cy - py)
        i = int(np.argmin(d))
        return (
            float(d[i]),
            float(cx[i] / M_PER_DEG_LON - 122.44),
            float(cy[i] / M_PER_DEG_LAT + 37.76),
        )


def bearing(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    x, y = _metres(lon2, lat2)
    x0, y0 = _metres(lon1, lat1)
    return (math.degrees(math.atan2(float(x - x0), float(y - y0))) + 360.0) % 360.0


def r6(v: float) -> float:
    return round(v, 6)


def r5(v: float) -> float:
    return round(v, 5)


# ---------------------------------------------------------------------------------------------
# Builders
# ---------------------------------------------------------------------------------------------


def load_neighbourhoods(shared: Path) -> list[tuple[str, list[Ring]]]:
    data = json.loads((shared / "data/geo/sf/analysis_neighborhoods.geojson").read_text())
    out = []
    for f in data["features"]:
        g = f["geometry"]
        polys = g["coordinates"] if g["type"] == "MultiPolygon" else [g["coordinates"]]
        # Not simplified: neighbourhoods share their borders (mostly street centrelines, where
        # many calls are geocoded), and simplifying each polygon apart would open gaps there.
        rings = [[(r6(x), r6(y)) for x, y, *_ in ring] for p in polys for ring in p]
        out.append((f["properties"]["nhood"], rings))
    out.sort(key=lambda t: t[0])
    return out


def load_land(shared: Path) -> list[Ring]:
    """Shoreline polygons near the city (drops the Farallon Islands, 40 km offshore)."""
    data = json.loads((shared / "data/geo/sf/sfshoreext.wgs84.geojson").read_text())
    rings = []
    for f in data["features"]:
        for poly in f["geometry"]["coordinates"]:
            ring = [(x, y) for x, y, *_ in poly[0]]
            if min(x for x, _ in ring) > -122.6 and len(ring) > 20:
                rings.append(simplify(ring, 0.00005))
    return rings


def build_grid(nhoods: list[tuple[str, list[Ring]]], land: list[Ring]) -> dict[str, Any]:
    """500 m cells over the city's land, each named for the neighbourhood holding most of it."""
    dlon, dlat = CELL_M / M_PER_DEG_LON, CELL_M / M_PER_DEG_LAT
    lon0, lat0 = GRID_ORIGIN
    all_pts = [p for _, rings in nhoods for r in rings for p in r]
    max_lon = max(x for x, _ in all_pts)
    min_lat = min(y for _, y in all_pts)
    cols = math.ceil((max_lon - lon0) / dlon)
    rows = math.ceil((lat0 - min_lat) / dlat)
    n = 6  # lattice of n x n sample points per cell
    frac = (np.arange(n) + 0.5) / n
    rr, cc, fy, fx = np.meshgrid(np.arange(rows), np.arange(cols), frac, frac, indexing="ij")
    lon = lon0 + (cc + fx) * dlon
    lat = lat0 - (rr + fy) * dlat
    on_land = points_in_rings(lon, lat, land)
    owner = np.full(lon.shape, -1)
    for k, (_, rings) in enumerate(nhoods):
        owner[points_in_rings(lon, lat, rings) & (owner < 0)] = k
    cells = []
    for r in range(rows):
        for c in range(cols):
            votes = owner[r, c][on_land[r, c] & (owner[r, c] >= 0)]
            if votes.size == 0:
                continue
            # Name the cell for its centre's neighbourhood when the centre is on land, else by
            # majority of the land sample points.
            clon, clat = lon0 + (c + 0.5) * dlon, lat0 - (r + 0.5) * dlat
            centre = [
                k
                for k, (_, rings) in enumerate(nhoods)
                if points_in_rings(np.array([clon]), np.array([clat]), rings)[0]
            ]
            k = centre[0] if centre else Counter(votes.tolist()).most_common(1)[0][0]
            w, e = lon0 + c * dlon, lon0 + (c + 1) * dlon
            north, south = lat0 - r * dlat, lat0 - (r + 1) * dlat
            ring = [(w, north), (e, north), (e, south), (w, south), (w, north)]
            cells.append(
                {
                    "id": f"G-{r:02d}-{c:02d}",
                    "polygon": [[r6(x), r6(y)] for x, y in ring],
                    "neighbourhood": nhoods[k][0],
                    "district": "",
                }
            )
    return {
        "origin_lon": lon0,
        "origin_lat": lat0,
        "cell_dlon": round(dlon, 9),
        "cell_dlat": round(dlat, 9),
        "rows": rows,
        "cols": cols,
        "cell_m": CELL_M,
        "cells": cells,
    }


def build_agencies(
    streets: StreetIndex,
) -> tuple[list[dict[str, Any]], dict[str, tuple[float, float]]]:
    where: dict[str, tuple[float, float]] = {}
    by_agency: dict[str, list[dict[str, Any]]] = {a["id"]: [] for a in AGENCIES}
    for sid, agency, name, lat, lon in STATIONS:
        d, slon, slat = streets.nearest(lon, lat)
        if d > 150:
            raise SystemExit(f"station {sid} is {d:.0f} m from any street: check its position")
        # Stations stand beside the street, not in the middle of it: keep the curated point when
        # it is already close, otherwise use the snapped one.
        lat, lon = (lat, lon) if d < 80 else (slat, slon)
        where[sid] = (r6(lat), r6(lon))
        by_agency[agency].append({"id": sid, "name": name, "lat": r6(lat), "lon": r6(lon)})
    agencies = [{**a, "stations": by_agency[a["id"]]} for a in AGENCIES]
    return agencies, where


def build_units(where: dict[str, tuple[float, float]]) -> list[dict[str, Any]]:
    units = []
    for uid, agency, utype, caps, home in UNITS:
        if home not in where:
            raise SystemExit(f"unit {uid}: unknown home station {home}")
        lat, lon = where[home]
        units.append(
            {
                "id": uid,
                "agency": agency,
                "type": utype,
                "capabilities": caps,
                "status": "available",
                "status_since": 0.0,
                "lat": lat,
                "lon": lon,
                "position_time": 0.0,
                "heading": 0.0,
                "home_station": home,
            }
        )
    ids = [u["id"] for u in units]
    dupes = [i for i, n in Counter(ids).items() if n > 1]
    if dupes:
        raise SystemExit(f"duplicate unit ids {dupes}")
    return units


ROAD_CLASSES = {
    "primary",
    "secondary",
    "tertiary",
    "residential",
    "trunk",
    "unclassified",
    "busway",
    "primary_link",
    "secondary_link",
    "living_street",
}
ABBREV = {"Street": "St", "Avenue": "Ave", "Boulevard": "Blvd", "Drive": "Dr"}


def short(name: str) -> str:
    words = name.split()
    return " ".join(ABBREV.get(w, w) for w in words)


def build_cameras(shared: Path, streets: StreetIndex) -> list[dict[str, Any]]:
    data = json.loads((shared / "data/geo/sf_osm_northeast/sf_lines.geojson").read_text())
    ways: dict[str, list[list[list[float]]]] = {}
    for f in data["features"]:
        p = f["properties"]
        if p.get("highway") in ROAD_CLASSES and p.get("name"):
            ways.setdefault(p["name"], []).append(f["geometry"]["coordinates"])

    def vertices(names: str) -> set[tuple[float, float]]:
        out: set[tuple[float, float]] = set()
        for name in names.split("|"):
            if name not in ways:
                raise SystemExit(f"no OSM street named {name!r}")
            for line in ways[name]:
                out.update((x, y) for x, y in line)
        return out

    cameras = []
    for i, (a, b, corner, along_a) in enumerate(CAMERAS):
        shared_pts = vertices(a) & vertices(b)
        if not shared_pts:
            raise SystemExit(f"{a} and {b} do not meet in the OSM data")
        pts = np.asarray(sorted(shared_pts))
        # Divided roads meet a cross street at several nodes: take the centre of the cluster.
        clon, clat = float(pts[:, 0].mean()), float(pts[:, 1].mean())
        spread = float(
            np.max(np.hypot(*_metres(pts[:, 0] - clon - 122.44, pts[:, 1] - clat + 37.76)))
        )
        if spread > 60:
            raise SystemExit(f"{a} & {b} meet in more than one place ({spread:.0f} m apart)")
        north = 1 if "N" in corner else -1
        east = 1 if "E" in corner else -1
        lon = clon + east * 9.0 / M_PER_DEG_LON
        lat = clat + north * 9.0 / M_PER_DEG_LAT
        d, _, _ = streets.nearest(lon, lat)
        if d > 25:
            raise SystemExit(f"camera at {a} & {b} is {d:.0f} m from the street grid")
        # Look along the chosen street, across the intersection, away from the corner.
        look = vertices(a if along_a else b)
        best = None
        for x, y in look:
            mx, my = _metres(x, y)
            cx, cy = _metres(clon, clat)
            dist = math.hypot(float(mx - cx), float(my - cy))
            if 20 <= dist <= 200:
                score = (float(mx - cx) * east + float(my - cy) * north) / dist
                if best is None or score < best[0]:
                    best = (score, x, y)
        if best is None:
            raise SystemExit(f"cannot find the direction of {a if along_a else b}")
        heading = round(bearing(clon, clat, best[1], best[2]))
        first = a.split("|")[0]
        second = b.split("|")[0]
        cameras.append(
            {
                "id": f"CAM-{i + 1:03d}",
                "name": f"{short(first)} & {short(second)} ({corner} corner)",
                "lat": r6(lat),
                "lon": r6(lon),
                "heading": float(heading),
                "fov": float(50 + (i * 7) % 41),
                "range_m": float(80 + (i * 37) % 121),
                "stream_url": "",
                "status": "online",
            }
        )
    return cameras


def _parse_location(text: str) -> tuple[float, float] | None:
    try:
        lat_s, lon_s = text.strip().strip("()").split(",")
        lat, lon = float(lat_s), float(lon_s)
    except ValueError:
        return None
    if not (37.6 < lat < 37.9 and -122.6 < lon < -122.3):
        return None
    return lat, lon


def build_calls(shared: Path, nhood_names: set[str]) -> tuple[dict[str, Any], dict[str, int]]:
    path = shared / "data/incidents/sf_fire_calls_citywide_2020-04-07_to_2020-04-20.csv"
    skipped: Counter[str] = Counter()
    seen: set[str] = set()
    rows = []
    with path.open(newline="", encoding="utf-8") as fh:
        for rec in csv.DictReader(fh):
            num = rec["Call Number"]
            if num in seen:
                continue
            seen.add(num)
            loc = _parse_location(rec["Location"])
            nh = rec["Neighborhooods - Analysis Boundaries"]
            if loc is None:
                skipped["no usable location"] += 1
                continue
            if nh not in nhood_names:
                skipped["neighbourhood not one of the 41"] += 1
                continue
            when = dt.datetime.strptime(rec["Received DtTm"], "%m/%d/%Y %I:%M:%S %p")
            received = int(when.replace(tzinfo=TZ).timestamp())
            rows.append((received, num, loc, rec["Address"], rec["Call Type"], rec["Priority"], nh))
    rows.sort()
    types = sorted({r[4] for r in rows})
    names = sorted(nhood_names)
    addresses = sorted({r[3] for r in rows})
    index = {a: i for i, a in enumerate(addresses)}
    table = [
        [num, received, r5(lat), r5(lon), index[addr], types.index(ct), prio, names.index(nh)]
        for received, num, (lat, lon), addr, ct, prio, nh in rows
    ]
    # Strings repeat a lot (same block, same call type): rows hold indexes into these tables.
    return {
        "source": path.name,
        "columns": [
            "call_number",
            "received",
            "lat",
            "lon",
            "address",
            "call_type",
            "priority",
            "neighbourhood",
        ],
        "addresses": addresses,
        "call_types": types,
        "neighbourhoods": names,
        "rows": table,
    }, dict(skipped)


def build_street_points(
    streets: StreetIndex,
    calls: dict[str, Any],
    nhoods: list[tuple[str, list[Ring]]],
    land: list[Ring],
    count: int,
) -> dict[str, Any]:
    """Points on real street centrelines, each labelled with the nearest real block address."""
    rng = random.Random(20200407)
    weights = streets.length / streets.length.sum()
    idx = np.random.default_rng(20200407).choice(len(weights), size=count * 2, p=weights)
    t = np.array([rng.random() for _ in range(len(idx))])
    lon = streets.a[idx, 0] + t * (streets.b[idx, 0] - streets.a[idx, 0])
    lat = streets.a[idx, 1] + t * (streets.b[idx, 1] - streets.a[idx, 1])
    ok = points_in_rings(lon, lat, land)
    in_nh = np.zeros(lon.shape, dtype=bool)
    for _, rings in nhoods:
        in_nh |= points_in_rings(lon, lat, rings)
    ok &= in_nh
    addr_pts: dict[str, tuple[float, float]] = {}
    for row in calls["rows"]:
        addr_pts.setdefault(calls["addresses"][row[4]], (row[3], row[2]))
    addrs = sorted(addr_pts)
    ax, ay = _metres(
        np.array([addr_pts[a][0] for a in addrs]), np.array([addr_pts[a][1] for a in addrs])
    )
    used: dict[str, int] = {}
    points = []
    for k in np.flatnonzero(ok):
        px, py = _metres(lon[k], lat[k])
        d = np.hypot(ax - px, ay - py)
        j = int(np.argmin(d))
        if d[j] > 120:
            continue
        a = addrs[j]
        used.setdefault(a, len(used))
        points.append([r5(float(lon[k])), r5(float(lat[k])), used[a]])
        if len(points) >= count:
            break
    return {"addresses": list(used), "columns": ["lon", "lat", "address"], "points": points}


def write(out: Path, name: str, obj: Any) -> int:
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    (out / name).write_text(text + "\n", encoding="utf-8")
    return len(text.encode())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=SHARED, help="the real-data folder")
    parser.add_argument("--out", type=Path, default=OUT, help="where to write (resources/city)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    shared: Path = args.shared
    if not (shared / "data").is_dir():
        print(f"error: {shared}/data not found (pass --shared)", file=sys.stderr)
        return 2
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    nhoods = load_neighbourhoods(shared)
    land = load_land(shared)
    st = json.loads((shared / "data/geo/sf/stclines_streets.wgs84.geojson").read_text())
    streets = StreetIndex([f["geometry"]["coordinates"] for f in st["features"]])
    log.info(
        "%d neighbourhoods, %d land rings, %d street segments",
        len(nhoods),
        len(land),
        len(streets.length),
    )

    sizes = {}
    agencies, where = build_agencies(streets)
    sizes["agencies.json"] = write(out, "agencies.json", agencies)
    units = build_units(where)
    sizes["units.json"] = write(out, "units.json", units)
    cameras = build_cameras(shared, streets)
    sizes["cameras.json"] = write(out, "cameras.json", cameras)
    grid = build_grid(nhoods, land)
    sizes["grid.json"] = write(out, "grid.json", grid)
    sizes["neighbourhoods.json"] = write(
        out,
        "neighbourhoods.json",
        [{"name": n, "polygon": [[[x, y] for x, y in r] for r in rings]} for n, rings in nhoods],
    )
    calls, skipped = build_calls(shared, {n for n, _ in nhoods})
    sizes["calls_sample.json"] = write(out, "calls_sample.json", calls)
    sizes["streets.json"] = write(
        out, "streets.json", build_street_points(streets, calls, nhoods, land, 3000)
    )
    sizes["users.json"] = write(out, "users.json", DEMO_USERS)
    log.info(
        "%d agencies, %d stations, %d units, %d cameras, %d grid cells (%dx%d), %d calls",
        len(agencies),
        len(where),
        len(units),
        len(cameras),
        len(grid["cells"]),
        grid["rows"],
        grid["cols"],
        len(calls["rows"]),
    )
    log.info("calls skipped: %s", skipped or "none")
    for name, size in sizes.items():
        log.info("  %-20s %8d bytes", name, size)
    log.info("total %d bytes", sum(sizes.values()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
