"""Small pure helpers of the video source: reconnect backoff, tile sizing, latency, URL kinds.

No Qt and no PyAV here, so the rules are easy to test on their own.
"""

from __future__ import annotations

import logging
import random
from urllib.parse import urlsplit

log = logging.getLogger(__name__)

LIVE_SCHEMES = frozenset({"http", "https", "rtsp", "rtsps", "rtp", "udp", "tcp", "srt", "rtmp"})

TS_WRAP_S = float(2**33) / 90_000.0
"""MPEG-TS timestamps are 33-bit ticks of a 90 kHz clock: they wrap every ~26.5 hours."""

SENDER_CLOCK_WINDOW_S = 60.0
"""A live timestamp within this of our wall clock is taken as the sender's wall-clock time."""


def is_live_url(url: str) -> bool:
    """Whether ``url`` names a network stream (paced by the sender) rather than a file."""
    scheme = urlsplit(url).scheme.lower()
    # A one-letter scheme is a Windows drive ("C:/clips/a.mp4"), not a protocol.
    return len(scheme) > 1 and scheme in LIVE_SCHEMES


def open_options(url: str, timeout_s: float = 5.0) -> dict[str, str]:
    """FFmpeg options for opening ``url`` with low delay and bounded waits."""
    opts = {"fflags": "nobuffer", "flags": "low_delay"}
    scheme = urlsplit(url).scheme.lower()
    us = str(int(timeout_s * 1_000_000))
    if scheme in ("rtsp", "rtsps"):
        opts.update({"rtsp_transport": "tcp", "timeout": us})
    elif scheme in ("http", "https"):
        opts.update({"rw_timeout": us})
    elif scheme in ("udp", "rtp"):
        opts.update({"timeout": us, "overrun_nonfatal": "1", "fifo_size": "1000000"})
    if is_live_url(url):
        # Probe briefly: a camera sends a keyframe at least every second or two.
        opts.update({"analyzeduration": "1000000", "probesize": "1000000"})
    return opts


def fit_size(src_w: int, src_h: int, box_w: int, box_h: int) -> tuple[int, int]:
    """Largest size with the source's aspect ratio inside ``box_w`` x ``box_h`` (at least 2x2)."""
    if src_w <= 0 or src_h <= 0:
        raise ValueError(f"source size {src_w}x{src_h} must be positive")
    box_w, box_h = max(2, box_w), max(2, box_h)
    scale = min(box_w / src_w, box_h / src_h)
    return max(2, round(src_w * scale)), max(2, round(src_h * scale))


OVERSCAN = 0.03
"""A picture at most this much larger than its tile is shown at its own size, edges cropped:
an unscaled colour conversion costs a fraction of a near-1:1 rescale."""


def frame_size(src_w: int, src_h: int, box_w: int, box_h: int) -> tuple[int, int]:
    """Size to convert a ``src_w`` x ``src_h`` picture to for a ``box_w`` x ``box_h`` tile.

    The aspect-ratio fit, with the width rounded down to a multiple of 8 and the height to an
    even number (swscale's vector paths need them: an odd width costs about five times as
    much), or the source size itself when the fit is within OVERSCAN of it.
    """
    w, h = fit_size(src_w, src_h, box_w, box_h)
    if 1.0 - OVERSCAN <= w / src_w <= 1.0:
        return src_w, src_h
    return max(8, w // 8 * 8), max(2, h // 2 * 2)


def wrapped_delta_s(now_s: float, pts_s: float, wrap_s: float = TS_WRAP_S) -> float:
    """``now - pts`` on a clock that wraps every ``wrap_s`` seconds, in ``(-wrap/2, wrap/2]``."""
    d = (now_s % wrap_s - pts_s) % wrap_s
    return d - wrap_s if d > wrap_s / 2 else d


class LatencyMeter:
    """Latency of live frames from their timestamps.

    When a stream's timestamps are the sender's wall clock (the test camera server does this,
    and so do cameras stamping NTP time) the figure is the true end-to-end delay. Otherwise the
    first arrivals fix a baseline and the figure is the delay added since then.
    """

    def __init__(self, window_s: float = 5.0) -> None:
        self.absolute: bool | None = None
        self._base: float | None = None
        self._window_s = window_s
        self._bucket_t0 = 0.0
        self._bucket_min = float("inf")
        self._prev_min = float("inf")

    def reset(self) -> None:
        self.absolute = None
        self._base = None
        self._bucket_t0 = 0.0
        self._bucket_min = self._prev_min = float("inf")

    def excess_s(self, now_s: float, latency_s: float) -> float:
        """How far ``latency_s`` is above the lowest latency of the last one or two windows.

        Frames are late when they trail what this stream can do, not when the sender is slow:
        a camera that is steadily 300 ms behind still shows every frame.
        """
        if now_s - self._bucket_t0 >= self._window_s:
            self._prev_min, self._bucket_min = self._bucket_min, float("inf")
            self._bucket_t0 = now_s
        self._bucket_min = min(self._bucket_min, latency_s)
        return latency_s - min(self._bucket_min, self._prev_min)

    def latency_s(self, now_s: float, pts_s: float) -> float:
        d = wrapped_delta_s(now_s, pts_s)
        if self.absolute is None:
            self.absolute = -1.0 < d < SENDER_CLOCK_WINDOW_S
        if self.absolute:
            return d
        offset = now_s - pts_s
        if self._base is None or offset < self._base:
            self._base = offset
        return offset - self._base


class Backoff:
    """Exponential reconnect delays with jitter: ``base * 2**n`` capped, each scaled by 0.5..1.

    Jitter keeps sixteen tiles that lost the same server from reconnecting in lock-step.
    """

    def __init__(
        self, base_s: float = 0.5, cap_s: float = 10.0, rng: random.Random | None = None
    ) -> None:
        if base_s <= 0 or cap_s < base_s:
            raise ValueError(f"backoff needs 0 < base ({base_s}) <= cap ({cap_s})")
        self.base_s = base_s
        self.cap_s = cap_s
        self.attempt = 0
        self._rng = rng or random.Random()

    def next_delay(self) -> float:
        ceiling = min(self.cap_s, self.base_s * (2.0**self.attempt))
        self.attempt += 1
        return ceiling * (0.5 + 0.5 * self._rng.random())

    def reset(self) -> None:
        self.attempt = 0
