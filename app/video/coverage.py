"""Which cameras see a point: field-of-view coverage from position, heading, angle and range.

Pure Python, no Qt: the video wall and the map both ask it when an incident is selected.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from app.domain.geo import bearing_deg, haversine_m
from app.domain.model import Camera

log = logging.getLogger(__name__)

EDGE_TOLERANCE_DEG = 1e-6
"""A point exactly on the edge of the view cone counts as covered despite rounding."""


def angle_off_axis(camera: Camera, lat: float, lon: float) -> float:
    """Absolute angle in degrees (0..180) between the camera's heading and the point."""
    b = bearing_deg(camera.lat, camera.lon, lat, lon)
    return abs((b - camera.heading + 180.0) % 360.0 - 180.0)


def covers(camera: Camera, lat: float, lon: float) -> bool:
    """Whether the point lies inside ``camera``'s view cone: within ``range_m`` and within
    half the field-of-view angle of its heading. A point at the camera itself is covered."""
    d = haversine_m(camera.lat, camera.lon, lat, lon)
    return _covers_at(camera, lat, lon, d)


def _covers_at(camera: Camera, lat: float, lon: float, distance_m: float) -> bool:
    if camera.range_m <= 0 or camera.fov <= 0 or distance_m > camera.range_m:
        return False
    if distance_m == 0.0 or camera.fov >= 360.0:
        return True
    return angle_off_axis(camera, lat, lon) <= camera.fov / 2.0 + EDGE_TOLERANCE_DEG


def cameras_covering(
    lat: float, lon: float, cameras: Iterable[Camera], max_n: int = 16
) -> list[tuple[Camera, float]]:
    """Cameras whose view covers ``(lat, lon)``, nearest first, as ``(camera, distance_m)``.

    At most ``max_n``; ties in distance keep camera id order so the result is stable.
    """
    if max_n < 0:
        raise ValueError(f"max_n must be >= 0, got {max_n}")
    hits: list[tuple[Camera, float]] = []
    for cam in cameras:
        d = haversine_m(cam.lat, cam.lon, lat, lon)
        if _covers_at(cam, lat, lon, d):
            hits.append((cam, d))
    hits.sort(key=lambda cd: (cd[1], cd[0].id))
    return hits[:max_n]
