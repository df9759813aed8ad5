"""Synthetic camera clips made with PyAV (tests, bench): a moving street scene, optionally with a
still object pasted in for a known time.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import cast

import av
import av.video.stream
import numpy as np

from app.video.encode import pick_codec

log = logging.getLogger(__name__)

W, H, FPS = 640, 360, 25


def make_clip(
    path: Path,
    seconds: float = 16.0,
    still: tuple[float, float, tuple[int, int, int, int]] | None = None,
    seed: int = 7,
) -> Path:
    """A textured scene with cars driving through and sensor noise; ``still`` = (from_s, to_s,
    (x, y, w, h)) pastes a motionless box (a parked van) for that time."""
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    base = 90 + 40 * np.sin(xx / 37.0) * np.cos(yy / 23.0) + rng.normal(0, 6, (H, W))
    scene = np.stack([base, base * 0.9 + 10, base * 0.8 + 20], -1).clip(0, 255).astype(np.int16)
    # Sensor noise: a few precomputed fields in turn (drawing it per frame is the slow part).
    noise = rng.normal(0, 2.0, (6, H, W, 1)).round().astype(np.int16)
    # Cars: (lane y, height, width, speed px/frame, start x, colour)
    cars = [
        (200, 40, 90, 7.0, -100.0, (30, 30, 200)),
        (250, 46, 110, -5.0, 700.0, (220, 220, 40)),
        (300, 36, 70, 9.0, -400.0, (240, 240, 240)),
    ]
    codec = pick_codec()
    with av.open(str(path), "w") as out:
        opts = {"preset": "ultrafast"} if codec == "libx264" else {"qscale": "3"}
        st = cast(av.video.stream.VideoStream, out.add_stream(codec, rate=FPS, options=opts))
        st.width, st.height, st.pix_fmt = W, H, "yuv420p"
        for i in range(round(seconds * FPS)):
            t = i / FPS
            img = scene + noise[i % len(noise)]
            for y, h, w, v, x0, colour in cars:
                x = int((x0 + v * i) % (W + 2 * w)) - w
                img[y : y + h, max(0, x) : max(0, x + w)] = colour
            if still is not None and still[0] <= t < still[1]:
                x, y, w, h = still[2]
                img[y : y + h, x : x + w] = (60, 200, 60)
            frame = av.VideoFrame.from_ndarray(img.clip(0, 255).astype(np.uint8), format="rgb24")
            frame.pts = i
            for packet in st.encode(frame):
                out.mux(packet)
        for packet in st.encode(None):
            out.mux(packet)
    return path
