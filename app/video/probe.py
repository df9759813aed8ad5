"""Test a camera's stream before it is saved: open it the way the decoder does (same FFmpeg
options and bounded waits) and decode one picture. Blocking: call it off the GUI thread."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

import av

from app.video.pacing import is_live_url, open_options
from app.video.worker import describe_error

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ProbeResult:
    width: int
    height: int
    codec: str
    seconds: float  # from opening to the first decoded picture


class ProbeError(Exception):
    """The stream could not be opened or gave no picture; the message says why."""


def probe_stream(url: str, timeout_s: float = 8.0, max_packets: int = 600) -> ProbeResult:
    """Open ``url`` and decode its first picture; ProbeError with the reason when it fails."""
    url = url.strip()
    if not url:
        raise ProbeError("no stream URL")
    t0 = time.monotonic()
    live = is_live_url(url)
    try:
        container = av.open(
            url,
            options=open_options(url, timeout_s),
            timeout=(timeout_s, timeout_s) if live else None,
        )
    except (av.FFmpegError, OSError) as exc:
        raise ProbeError(f"cannot connect: {describe_error(exc)}") from exc
    try:
        if not container.streams.video:
            raise ProbeError("no video stream in the source")
        vs = container.streams.video[0]
        for packets, packet in enumerate(container.demux(vs), start=1):
            for frame in packet.decode():
                return ProbeResult(
                    frame.width, frame.height, vs.codec_context.name, time.monotonic() - t0
                )
            if packets >= max_packets or time.monotonic() - t0 > timeout_s:
                break
        raise ProbeError(f"no picture within {timeout_s:g} s")
    except (av.FFmpegError, OSError) as exc:
        raise ProbeError(f"the stream broke: {describe_error(exc)}") from exc
    finally:
        container.close()
