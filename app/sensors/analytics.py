"""Classical video analytics for camera zones: no model to download, OpenCV and numpy only.

Per camera, on a grey picture scaled down to :data:`WORK_WIDTH`:

* a running-average background (``cv2.accumulateWeighted``) updated only where nothing stands,
  so a parked car stays foreground instead of melting into the background after a few seconds;
* foreground = far from the background; motion = changed since the previous picture;
* each pixel's *standing time* grows while it is foreground and not moving, and drops to zero
  otherwise. A standing region that has stood ``absorb_s`` is taken into the background (the
  scene changed for good), which re-arms its zone.

Rules per zone (:class:`app.domain.devices.CameraZone`):

* ``stationary``: a connected region that has stood for ``dwell_s`` (at least ``min_area`` of the
  zone, its centre inside the zone) fires once; the zone re-arms when nothing stands in it.
* ``blocked``: more than :data:`BLOCKED_SHARE` of the zone is foreground (moving or not) for
  ``dwell_s`` without a gap longer than :data:`GAP_S`; fires once, re-arms when it clears.

Times are stream times (seconds), so a clip decoded faster than real time gives the same answers.
"""

from __future__ import annotations

import base64
import logging
from dataclasses import dataclass, field

import cv2
import numpy as np

from app.domain.devices import CameraZone

log = logging.getLogger(__name__)

WORK_WIDTH = 320  # analysis width in pixels (the picture is scaled down, aspect kept)
FG_THRESHOLD = 30  # grey levels from the background that make a pixel foreground
MOTION_THRESHOLD = 12  # grey levels between two pictures that make a pixel move
BACKGROUND_RATE = 0.05  # running-average weight per picture where nothing stands
BLOCKED_SHARE = 0.6
GAP_S = 1.0
MIN_AREA = 0.02  # of the zone's pixels
GLOBAL_CHANGE = 0.7  # a share of foreground above this is a new scene, not objects


@dataclass
class Detection:
    camera_id: str
    zone_id: str
    rule: str
    at: float  # stream time the rule fired
    duration_s: float
    frame_index: int


@dataclass
class _ZoneState:
    zone: CameraZone
    mask: np.ndarray  # bool, work resolution
    area: int
    armed: bool = True
    blocked_since: float | None = None
    last_blocked: float = -1e9


@dataclass
class ZoneAnalyzer:
    """Feed grey (or BGR) pictures with their stream time; get the detections they trigger."""

    camera_id: str
    zones: list[CameraZone]
    absorb_s: float = 600.0
    _zs: list[_ZoneState] = field(default_factory=list)
    _bg: np.ndarray | None = None
    _prev: np.ndarray | None = None
    _stand: np.ndarray | None = None  # seconds each pixel has stood
    _t: float | None = None
    _size: tuple[int, int] = (0, 0)
    frames: int = 0

    def _setup(self, h: int, w: int) -> None:
        ww = min(WORK_WIDTH, w)
        wh = max(1, round(h * ww / w))
        self._size = (ww, wh)
        self._zs = []
        for z in self.zones:
            if not z.enabled:
                continue
            mask = np.zeros((wh, ww), np.uint8)
            pts = np.array([[x * (ww - 1), y * (wh - 1)] for x, y in z.polygon], np.int32)
            cv2.fillPoly(mask, [pts], 1)
            m = mask.astype(bool)
            self._zs.append(_ZoneState(zone=z, mask=m, area=max(1, int(m.sum()))))

    def feed(self, picture: np.ndarray, t: float) -> list[Detection]:
        if picture.ndim == 3:
            picture = cv2.cvtColor(picture, cv2.COLOR_BGR2GRAY)
        if self._bg is None:
            self._setup(*picture.shape[:2])
        small = cv2.resize(picture, self._size, interpolation=cv2.INTER_AREA)
        grey = cv2.GaussianBlur(small, (5, 5), 0).astype(np.float32)
        self.frames += 1
        if self._bg is None or self._prev is None or self._stand is None or self._t is None:
            self._bg, self._prev = grey.copy(), grey
            self._stand = np.zeros(grey.shape, np.float32)
            self._t = t
            return []
        dt = max(0.0, min(t - self._t, 1.0))
        self._t = t
        fg = cv2.absdiff(grey, self._bg) > FG_THRESHOLD
        if fg.mean() > GLOBAL_CHANGE:
            # The whole picture changed (a looped clip's seam, the camera moved, the lights went
            # on): start the background again rather than see one huge standing object.
            self._bg, self._prev = grey.copy(), grey
            self._stand = np.zeros(grey.shape, np.float32)
            for zs in self._zs:
                zs.blocked_since = None
            return []
        moving = cv2.absdiff(grey, self._prev) > MOTION_THRESHOLD
        moving = cv2.dilate(moving.astype(np.uint8), np.ones((3, 3), np.uint8)).astype(bool)
        self._prev = grey
        still = fg & ~moving
        stand = self._stand
        stand[still] += dt
        stand[~fg] = 0.0
        # A moving pixel keeps what it had stood only while it stays foreground: someone walking
        # past a parked car does not re-start its clock, but a car that drives off does.
        stand[fg & moving] *= 0.5
        # Learn the background where nothing stands; take in what stood too long for good.
        absorbed = stand >= self.absorb_s
        learn = (~fg | absorbed).astype(np.uint8)
        cv2.accumulateWeighted(grey, self._bg, BACKGROUND_RATE, mask=learn)
        if absorbed.any():
            self._bg[absorbed] = grey[absorbed]
            stand[absorbed] = 0.0
        out: list[Detection] = []
        for zs in self._zs:
            found = self._rule(zs, fg, stand, t)
            if found is not None:
                out.append(found)
        return out

    def _rule(
        self, zs: _ZoneState, fg: np.ndarray, stand: np.ndarray, t: float
    ) -> Detection | None:
        z = zs.zone
        if z.rule == "blocked":
            share = float(fg[zs.mask].mean())
            if share > BLOCKED_SHARE:
                if zs.blocked_since is None:
                    zs.blocked_since = t
                zs.last_blocked = t
            elif zs.blocked_since is not None and t - zs.last_blocked > GAP_S:
                zs.blocked_since, zs.armed = None, True
            if zs.armed and zs.blocked_since is not None and t - zs.blocked_since >= z.dwell_s:
                zs.armed = False
                return Detection(
                    self.camera_id, z.zone_id, z.rule, t, t - zs.blocked_since, self.frames
                )
            return None
        standing = (stand >= z.dwell_s).astype(np.uint8)
        inside = standing[zs.mask]
        if not inside.any():
            zs.armed = True  # nothing stands in the zone: the next object counts again
            return None
        if not zs.armed:
            return None
        n, labels, stats, centroids = cv2.connectedComponentsWithStats(standing, connectivity=8)
        need = max(4, int(zs.area * MIN_AREA))
        for i in range(1, n):
            if stats[i, cv2.CC_STAT_AREA] < need:
                continue
            cx, cy = centroids[i]
            if zs.mask[round(float(cy)), round(float(cx))]:
                zs.armed = False
                held = float(stand[labels == i].max())
                return Detection(self.camera_id, z.zone_id, z.rule, t, held, self.frames)
        return None


def snapshot_png(picture_bgr: np.ndarray, zone: CameraZone, label: str = "") -> bytes:
    """The picture with the zone drawn (and a label), as PNG bytes."""
    img = picture_bgr.copy()
    h, w = img.shape[:2]
    pts = np.array([[x * (w - 1), y * (h - 1)] for x, y in zone.polygon], np.int32)
    overlay = img.copy()
    cv2.fillPoly(overlay, [pts], (0, 0, 255))
    img = cv2.addWeighted(overlay, 0.25, img, 0.75, 0)
    cv2.polylines(img, [pts], True, (0, 0, 255), max(2, w // 320))
    text = label or f"{zone.name or zone.zone_id} ({zone.rule})"
    scale = max(0.5, w / 1280)
    thick = max(1, round(scale * 1.5))
    (tw, th), base = cv2.getTextSize(text, cv2.FONT_HERSHEY_SIMPLEX, scale, thick)
    cv2.rectangle(img, (0, 0), (tw + 16, th + base + 12), (0, 0, 0), -1)
    cv2.putText(
        img, text, (8, th + 6), cv2.FONT_HERSHEY_SIMPLEX, scale, (255, 255, 255), thick, cv2.LINE_AA
    )
    ok, buf = cv2.imencode(".png", img)
    if not ok:
        raise ValueError("PNG encoding failed")
    return bytes(buf)


def snapshot_b64(picture_bgr: np.ndarray, zone: CameraZone, label: str = "") -> str:
    return base64.b64encode(snapshot_png(picture_bgr, zone, label)).decode("ascii")
