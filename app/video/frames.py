"""What a video source hands over: frames scaled for a tile, status, statistics.

Frames are decoded and scaled in the decoder process; the GUI side copies them into QImages.
"""

from __future__ import annotations

import enum
import logging
from dataclasses import dataclass

import av
from av.video.reformatter import VideoReformatter
from PySide6 import QtGui

from app.video.worker import describe_error, to_bgra

log = logging.getLogger(__name__)

__all__ = [
    "Frame",
    "SourceStats",
    "SourceStatus",
    "VideoReformatter",
    "describe_error",
    "frame_to_qimage",
]

# Resolved once at import (PySide6 creates enum attributes lazily).
_RGB32 = QtGui.QImage.Format.Format_RGB32


class SourceStatus(enum.StrEnum):
    IDLE = "idle"  # not started, or stopped
    CONNECTING = "connecting"
    LIVE = "live"
    LOST = "lost"


@dataclass(frozen=True)
class Frame:
    """A decoded picture, already scaled for its tile, and what is known of its timing."""

    image: QtGui.QImage
    index: int  # decoded frame number since the source started
    pts_s: float | None
    latency_ms: float | None  # live streams only


@dataclass(frozen=True)
class SourceStats:
    decoded: int
    converted: int
    dropped_late: int
    skipped_busy: int  # decoded while the GUI still had an untaken picture: not converted
    reconnects: int
    fps: float  # frames converted per second over the last second or so
    latency_ms: float | None
    latency_absolute: bool  # True: against the sender's clock; False: added since connecting


def frame_to_qimage(
    frame: av.VideoFrame, width: int, height: int, reformatter: VideoReformatter | None = None
) -> QtGui.QImage:
    """Scale ``frame`` (bilinear, in FFmpeg's swscale) into a QImage that owns its pixels.

    The decoder process does the same scaling (:func:`app.video.worker.to_bgra`); this is for
    pictures decoded in the GUI process itself (tests, tools).
    """
    rows, _ = to_bgra(frame, width, height, reformatter or VideoReformatter())
    # BGRA bytes are QImage's RGB32 on little-endian machines; copy() detaches from PyAV's buffer.
    return QtGui.QImage(rows, width, height, width * 4, _RGB32).copy()
