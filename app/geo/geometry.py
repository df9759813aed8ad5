"""Plain geometry on projected (metre) coordinates for building the basemap.

Douglas-Peucker simplification, rectangle clipping and k-d splitting of rings, chaining of ways
that share end points, and the placement of street-name anchors along straight stretches. numpy
only; used by ``scripts/build_basemap.py`` and covered by the map tests.
"""

from __future__ import annotations

import logging
import math
from collections import defaultdict
from typing import Any

import numpy as np
import numpy.typing as npt

log = logging.getLogger(__name__)

Array = npt.NDArray[Any]


def simplify(pts: Array, tol: float) -> Array:
    """Douglas-Peucker on an (N, 2) array; keeps first and last points."""
    n = len(pts)
    if n <= 2 or tol <= 0:
        return pts
    keep = np.zeros(n, dtype=bool)
    keep[0] = keep[-1] = True
    stack = [(0, n - 1)]
    while stack:
        i, j = stack.pop()
        if j <= i + 1:
            continue
        a, b = pts[i], pts[j]
        seg = pts[i + 1 : j]
        d = b - a
        length = math.hypot(d[0], d[1])
        if length == 0.0:
            dist = np.hypot(seg[:, 0] - a[0], seg[:, 1] - a[1])
        else:
            dist = np.abs(d[0] * (seg[:, 1] - a[1]) - d[1] * (seg[:, 0] - a[0])) / length
        k = int(np.argmax(dist))
        if dist[k] > tol:
            m = i + 1 + k
            keep[m] = True
            stack.append((i, m))
            stack.append((m, j))
    return pts[keep]


def clip_ring(ring: Array, box: tuple[float, float, float, float]) -> Array:
    """Sutherland-Hodgman clip of a polygon ring to an axis-aligned box (Mercator metres)."""
    minx, miny, maxx, maxy = box
    pts: list[tuple[float, float]] = [(float(p[0]), float(p[1])) for p in ring]
    for axis, bound, keep_ge in (
        (0, minx, True),
        (0, maxx, False),
        (1, miny, True),
        (1, maxy, False),
    ):
        pts = clip_half(pts, axis, bound, keep_ge)
    return np.asarray(pts, dtype=np.float64).reshape(-1, 2)


def ring_area(r: Array) -> float:
    x, y = r[:, 0], r[:, 1]
    return 0.5 * float(np.sum(x * np.roll(y, -1) - np.roll(x, -1) * y))


def clip_half(
    ring: list[tuple[float, float]], axis: int, bound: float, keep_ge: bool
) -> list[tuple[float, float]]:
    """Clip a ring to one half-plane (one Sutherland-Hodgman pass)."""
    out: list[tuple[float, float]] = []
    if not ring:
        return out
    prev = ring[-1]
    prev_in = prev[axis] >= bound if keep_ge else prev[axis] <= bound
    for cur in ring:
        cur_in = cur[axis] >= bound if keep_ge else cur[axis] <= bound
        if cur_in != prev_in:
            t = (bound - prev[axis]) / (cur[axis] - prev[axis])
            ix = prev[0] + t * (cur[0] - prev[0])
            iy = prev[1] + t * (cur[1] - prev[1])
            out.append((bound, iy) if axis == 0 else (ix, bound))
        if cur_in:
            out.append(cur)
        prev, prev_in = cur, cur_in
    return out


def split_ring(
    ring: list[tuple[float, float]], box: tuple[float, float, float, float], max_pts: int = 200
) -> list[Array]:
    """Cut a big ring into pieces of at most ``max_pts`` points along a k-d split of ``box``.

    Drawing cost follows the vertex count of the whole path, not its visible part: a shoreline of
    30,000 points would cost every tile that touches it. Pieces keep tiles cheap.
    """
    if len(ring) <= max_pts or max(box[2] - box[0], box[3] - box[1]) < 200.0:
        return [np.asarray(ring, dtype=np.float64)] if len(ring) >= 3 else []
    axis = 0 if box[2] - box[0] >= box[3] - box[1] else 1
    mid = (box[axis] + box[axis + 2]) / 2
    lo = clip_half(ring, axis, mid, keep_ge=False)
    hi = clip_half(ring, axis, mid, keep_ge=True)
    box_lo = (box[0], box[1], mid, box[3]) if axis == 0 else (box[0], box[1], box[2], mid)
    box_hi = (mid, box[1], box[2], box[3]) if axis == 0 else (box[0], mid, box[2], box[3])
    return split_ring(lo, box_lo, max_pts) + split_ring(hi, box_hi, max_pts)


def split_line(pts: Array, max_pts: int = 100) -> list[Array]:
    """Consecutive chunks (sharing their end points) of a long polyline."""
    if len(pts) <= max_pts:
        return [pts]
    return [pts[i : i + max_pts + 1] for i in range(0, len(pts) - 1, max_pts)]


def axial_angle(dx: float, dy: float) -> float:
    """Direction of a line in [0, 180) degrees (a street has no sense of travel here)."""
    return math.degrees(math.atan2(dy, dx)) % 180.0


def angle_diff(a: float, b: float) -> float:
    d = abs(a - b) % 180.0
    return min(d, 180.0 - d)


def line_mid_and_angle(pts: Array) -> tuple[float, float, float]:
    seg = np.diff(pts, axis=0)
    lengths = np.hypot(seg[:, 0], seg[:, 1])
    total = float(lengths.sum())
    if total == 0:
        return float(pts[0, 0]), float(pts[0, 1]), 0.0
    half = total / 2
    cum = np.cumsum(lengths)
    k = int(np.searchsorted(cum, half))
    k = min(k, len(seg) - 1)
    before = float(cum[k] - lengths[k])
    t = (half - before) / float(lengths[k]) if lengths[k] else 0.0
    p = pts[k] + seg[k] * t
    return float(p[0]), float(p[1]), axial_angle(float(seg[k, 0]), float(seg[k, 1]))


def chain_ways(ways: list[Array]) -> list[Array]:
    """Join ways end to end where they share an end point (OSM splits a street at every change)."""
    ends: dict[tuple[float, float], list[int]] = defaultdict(list)

    def key(p: Array) -> tuple[float, float]:
        return (round(float(p[0]), 1), round(float(p[1]), 1))

    for i, w in enumerate(ways):
        ends[key(w[0])].append(i)
        ends[key(w[-1])].append(i)
    used = [False] * len(ways)
    chains: list[Array] = []
    for i in range(len(ways)):
        if used[i]:
            continue
        used[i] = True
        chain = [ways[i]]
        for forward in (True, False):
            while True:
                tip = chain[-1][-1] if forward else chain[0][0]
                nxt = next((j for j in ends[key(tip)] if not used[j]), None)
                if nxt is None:
                    break
                used[nxt] = True
                w = ways[nxt]
                if forward:
                    chain.append(w if key(w[0]) == key(tip) else w[::-1])
                else:
                    chain.insert(0, w if key(w[-1]) == key(tip) else w[::-1])
        chains.append(np.concatenate([chain[0]] + [c[1:] for c in chain[1:]]))
    return chains


def label_anchors(
    pts: Array, spacing: float, tol_deg: float = 8.0
) -> list[tuple[float, float, float, float]]:
    """(x, y, angle, straight_run) anchors along a line: its straight stretches cut to ``spacing``."""
    out: list[tuple[float, float, float, float]] = []
    seg = np.diff(pts, axis=0)
    lengths = np.hypot(seg[:, 0], seg[:, 1])
    ang = np.degrees(np.arctan2(seg[:, 1], seg[:, 0]))
    k = 0
    n = len(seg)
    while k < n:
        j = k
        # Grow the run while segments keep the direction of its first segment.
        while j + 1 < n and abs((ang[j + 1] - ang[k] + 180.0) % 360.0 - 180.0) < tol_deg:
            j += 1
        a, b = pts[k], pts[j + 1]
        total = float(lengths[k : j + 1].sum())
        if total >= 20.0:
            count = max(1, int(total // spacing))
            d = b - a
            direction = math.degrees(math.atan2(d[1], d[0]))
            for c in range(count):
                t = (c + 0.5) / count
                p = a + d * t
                out.append((float(p[0]), float(p[1]), direction, total / count))
        k = j + 1
    return out
