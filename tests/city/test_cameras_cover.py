"""Every demo camera sees the intersection it is named after: it stands 9 m into the named
corner (resources/city/README.md), so the intersection's centre is 9 m back on both axes and must
lie inside its view cone."""

from __future__ import annotations

import math
import re

from app.city import load_city
from app.video.coverage import covers

M_PER_DEG_LAT = 111_320.0


def test_each_camera_covers_its_own_intersection() -> None:
    city = load_city()
    assert len(city.cameras) == 30
    missed = []
    for cam in city.cameras:
        m = re.search(r"\((N|S)(E|W) corner\)$", cam.name)
        assert m, cam.name
        north = 1 if m.group(1) == "N" else -1
        east = 1 if m.group(2) == "E" else -1
        lat = cam.lat - north * 9.0 / M_PER_DEG_LAT
        lon = cam.lon - east * 9.0 / (M_PER_DEG_LAT * math.cos(math.radians(cam.lat)))
        if not covers(cam, lat, lon):
            missed.append(cam.name)
    assert missed == []
