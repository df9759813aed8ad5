"""Pre-encoding of a looped camera clip for the test camera server.

Encoding is done once per picture size (H.264 with libx264, or MPEG-4 Part 2 when this FFmpeg
build has no x264) so that many clients cost only muxing and socket writes. Each frame gets a
burned-in clip clock and a moving marker, so a viewer can see that a picture is live and moving.
"""

from __future__ import annotations

import io
import logging
import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import cast

import av
import av.container
import av.stream
import av.video.stream
import numpy as np
from av.video.reformatter import VideoReformatter

from app.video.camera_views import LETTER_MASKS, CameraView

log = logging.getLogger(__name__)

# 5x7 glyphs for the burned-in clock: one string of 7 rows of 5 bits per character.
_GLYPHS: dict[str, tuple[str, ...]] = {
    "0": ("01110", "10001", "10011", "10101", "11001", "10001", "01110"),
    "1": ("00100", "01100", "00100", "00100", "00100", "00100", "01110"),
    "2": ("01110", "10001", "00001", "00010", "00100", "01000", "11111"),
    "3": ("11110", "00001", "00001", "01110", "00001", "00001", "11110"),
    "4": ("00010", "00110", "01010", "10010", "11111", "00010", "00010"),
    "5": ("11111", "10000", "11110", "00001", "00001", "10001", "01110"),
    "6": ("00110", "01000", "10000", "11110", "10001", "10001", "01110"),
    "7": ("11111", "00001", "00010", "00100", "01000", "01000", "01000"),
    "8": ("01110", "10001", "10001", "01110", "10001", "10001", "01110"),
    "9": ("01110", "10001", "10001", "01111", "00001", "00010", "01100"),
    ":": ("00000", "01100", "01100", "00000", "01100", "01100", "00000"),
    ".": ("00000", "00000", "00000", "00000", "00000", "01100", "01100"),
    "-": ("00000", "00000", "00000", "11111", "00000", "00000", "00000"),
    " ": ("00000",) * 7,
}
_GLYPH_MASKS: dict[str, np.ndarray] = {
    ch: np.array([[c == "1" for c in row] for row in rows], dtype=bool)
    for ch, rows in _GLYPHS.items()
}


def burn_text(rgb: np.ndarray, text: str, x: int, y: int, scale: int = 2) -> None:
    """Draw ``text`` (digits, ``: . -`` and spaces) white on a black box into an RGB array."""
    h, w = rgb.shape[:2]
    cw, ch = 6 * scale, 9 * scale
    box_w = cw * len(text) + scale * 2
    x1, y1 = min(w, x + box_w), min(h, y + ch)
    rgb[max(0, y) : y1, max(0, x) : x1] = 0
    for i, c in enumerate(text):
        mask = _GLYPH_MASKS.get(c)
        if mask is None:
            mask = LETTER_MASKS.get(c.upper(), _GLYPH_MASKS[" "])
        big = np.kron(mask, np.ones((scale, scale), dtype=bool))
        gx, gy = x + scale * 2 + i * cw, y + scale
        sub = rgb[gy : gy + big.shape[0], gx : gx + big.shape[1]]
        sub[big[: sub.shape[0], : sub.shape[1]]] = 255


def clock_text(seconds: float) -> str:
    """``MM:SS.cc`` for the burned-in clip clock."""
    m, s = divmod(seconds, 60.0)
    return f"{int(m):02d}:{s:05.2f}"


def pick_codec() -> str:
    """``libx264`` when this FFmpeg build has it, else the built-in ``mpeg4`` encoder."""
    return "libx264" if "libx264" in av.codecs_available else "mpeg4"


@dataclass
class EncodedClip:
    """One loop of a clip, encoded once, ready to be muxed to any number of clients.

    ``packets`` hold ``(payload, is_keyframe)`` in decode order; frame ``i`` of the loop lasts
    ``1 / fps`` seconds. ``template`` is an input stream whose codec parameters the muxer copies.
    """

    width: int
    height: int
    fps: int
    codec: str
    packets: list[tuple[bytes, bool]]
    template: av.stream.Stream
    _keep: av.container.InputContainer = field(repr=False)

    @property
    def duration_s(self) -> float:
        return len(self.packets) / self.fps

    def keyframe_at_or_before(self, index: int) -> int:
        for i in range(index % len(self.packets), -1, -1):
            if self.packets[i][1]:
                return i
        return 0


def _pattern_frames(width: int, height: int, fps: int, seconds: float) -> Iterator[np.ndarray]:
    """A synthetic moving test pattern: colour bars sliding sideways over a gradient."""
    n = max(1, round(seconds * fps))
    xs = np.arange(width, dtype=np.float32)[None, :]
    ys = np.arange(height, dtype=np.float32)[:, None]
    for i in range(n):
        phase = i / n * 2 * math.pi
        r = 127 + 120 * np.sin(xs / 40.0 + phase) + 0 * ys
        g = 127 + 120 * np.sin(ys / 30.0 - phase) + 0 * xs
        b = 127 + 120 * np.sin((xs + ys) / 55.0 + 2 * phase)
        yield np.stack([r, g, b], axis=-1).clip(0, 255).astype(np.uint8)


def _clip_frames(
    clip: Path, width: int, height: int, seconds: float | None, cover: bool = False
) -> Iterator[np.ndarray]:
    """Decode ``clip`` letterboxed into ``width`` x ``height`` RGB arrays, one at a time
    (``cover``: scaled to fill the frame, the overflow cut off evenly)."""
    with av.open(str(clip)) as src:
        vs = src.streams.video[0]
        sw, sh = vs.codec_context.width, vs.codec_context.height
        scale = max(width / sw, height / sh) if cover else min(width / sw, height / sh)
        fw, fh = max(2, round(sw * scale) // 2 * 2), max(2, round(sh * scale) // 2 * 2)
        if cover:
            fw, fh = max(fw, width), max(fh, height)
        ox, oy = (width - fw) // 2, (height - fh) // 2
        rate = float(vs.average_rate or 25)
        limit = None if seconds is None else max(1, round(seconds * rate))
        rf = VideoReformatter()  # one swscale context for the whole clip
        for n, frame in enumerate(src.decode(vs), 1):
            scaled = rf.reformat(frame, fw, fh, "rgb24", interpolation="BILINEAR").to_ndarray()
            if cover:
                yield np.ascontiguousarray(scaled[-oy : -oy + height, -ox : -ox + width])
            else:
                canvas = np.zeros((height, width, 3), dtype=np.uint8)
                canvas[oy : oy + fh, ox : ox + fw] = scaled
                yield canvas
            if limit is not None and n >= limit:
                break


def encode_loop(
    clip: Path | None,
    width: int = 640,
    height: int = 360,
    fps: int = 25,
    gop: int = 25,
    seconds: float | None = None,
    codec: str | None = None,
    view: CameraView | None = None,
) -> EncodedClip:
    """Encode one loop of ``clip`` (or of the test pattern when ``clip`` is None).

    The clip's frames are shown at ``fps`` whatever their own rate (the bundled clip is 25 fps).
    No B-frames and a keyframe every ``gop`` frames, so a client can join within a second and
    decode order equals display order. ``codec`` defaults to :func:`pick_codec`.
    """
    if width < 16 or height < 16 or width % 2 or height % 2:
        raise ValueError(f"picture size {width}x{height} must be even and at least 16x16")
    if clip is not None and view is not None:
        # The camera's own crop: decode larger (filling the frame), then cut its window out.
        zw = max(width, round(width * view.zoom) // 2 * 2)
        zh = max(height, round(height * view.zoom) // 2 * 2)
        frames: Iterator[np.ndarray] = (
            view.apply(f, width, height) for f in _clip_frames(clip, zw, zh, seconds, cover=True)
        )
    else:
        frames = (
            _pattern_frames(width, height, fps, seconds or 4.0)
            if clip is None
            else _clip_frames(clip, width, height, seconds)
        )
    codec = codec or pick_codec()
    if codec not in ("libx264", "mpeg4"):
        raise ValueError(f"codec {codec!r} is not supported here (libx264 or mpeg4)")
    buf = io.BytesIO()
    with av.open(buf, "w", format="mpegts") as out:
        if codec == "libx264":
            opts = {"preset": "ultrafast", "tune": "zerolatency", "bframes": "0"}
            opts["x264-params"] = f"keyint={gop}:min-keyint={gop}:scenecut=0:repeat-headers=1"
        else:
            opts = {"g": str(gop), "bf": "0", "qscale": "5"}
        st = cast(av.video.stream.VideoStream, out.add_stream(codec, rate=fps, options=opts))
        st.width, st.height, st.pix_fmt = width, height, "yuv420p"
        if codec != "libx264":
            st.codec_context.gop_size = gop
        scale = max(1, height // 120)
        for i, rgb in enumerate(frames):
            top = round(height * 0.14)  # below the tile's own bars
            if view is not None and view.label:
                small = max(1, height // 180)
                burn_text(rgb, view.label, 8, top, small)
                top += 11 * small
            burn_text(rgb, clock_text(i / fps), 8, top, scale)
            # A marker sweeping along the bottom edge (every 4 s) shows motion on a still scene.
            mx = int((i % (4 * fps)) / (4 * fps) * (width - 24))
            rgb[height - 10 : height - 2, mx : mx + 24] = (255, 200, 0)
            vf = av.VideoFrame.from_ndarray(rgb, format="rgb24")
            vf.pts = i
            out.mux(st.encode(vf))
        out.mux(st.encode(None))
    # Read the loop back: its stream serves as the muxing template for every client.
    buf.seek(0)
    src = av.open(buf, "r", format="mpegts")
    vs = src.streams.video[0]
    packets = [(bytes(p), bool(p.is_keyframe)) for p in src.demux(vs) if p.size]
    if not packets:
        raise ValueError(f"{clip or 'the test pattern'} gave no decodable video frames")
    log.info(
        "encoded %d frames %dx%d with %s (%d bytes)",
        len(packets),
        width,
        height,
        codec,
        sum(len(p) for p, _ in packets),
    )
    return EncodedClip(width, height, fps, codec, packets, vs, src)


TS_TIME_BASE = Fraction(1, 90_000)
