"""One camera feed decoded in the decoder process: a thread that reads, decodes and scales.

The thread does all I/O, decoding and scaling (swscale to the tile's size, bilinear, BGRA) and
writes each picture into the stream's shared frame slots, then announces it to the GUI process
through ``send``. The GUI marks the pictures it takes in the frame file, and a new picture is
converted and announced only once the last one was taken (or has waited ``hold_s``): a busy GUI
gets the newest picture instead of a queue, and pictures it could not show are not converted.

Sources: files (looped at their own frame rate) and http(s)://, udp://, rtp:// and rtsp(s)://
streams (delivered as they arrive; RTSP over TCP).

No Qt here: this runs in the decoder process, which never loads Qt.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import av
import av.container
import av.video.stream
import numpy as np
from av.video.reformatter import VideoReformatter

from app.video.pacing import Backoff, LatencyMeter, frame_size, is_live_url, open_options
from app.video.slots import SlotWriter

log = logging.getLogger(__name__)

KEYFRAME_WAIT_S = 3.0
"""Longest wait for a keyframe after skipping packets; then decode whatever comes."""

CATCH_UP_SHOW_S = 0.2
"""While a live stream is late, at least one picture this often still reaches the tile."""

Send = Callable[[tuple[Any, ...]], None]


@dataclass
class StreamOptions:
    """How one stream is opened and paced (sent by the GUI process with the open command)."""

    target: tuple[int, int] = (320, 180)
    grace_s: float = 5.0
    late_s: float = 0.25
    catch_up_s: float = 1.0
    timeout_s: float = 5.0
    threads: int = 1
    hold_s: float = 0.1
    options: dict[str, str] = field(default_factory=dict)
    backoff: tuple[float, float] = (0.5, 10.0)
    active: bool = True


class _Lost(Exception):
    """The stream ended or failed; the message is the reason shown to the operator."""


def describe_error(exc: BaseException) -> str:
    """A short operator-facing reason: FFmpeg's message without the repeated URL."""
    text = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
    return str(text)


def to_bgra(
    frame: av.VideoFrame, width: int, height: int, reformatter: VideoReformatter
) -> tuple[memoryview | bytes, int]:
    """``frame`` scaled (bilinear) to BGRA rows packed at ``width * 4`` bytes; (rows, bytes).

    Reuse one ``reformatter`` per stream: ``VideoFrame.reformat`` builds a new swscale context
    for each frame object, which costs about ten times the scaling.
    """
    bgra = reformatter.reformat(frame, width, height, "bgra", interpolation="BILINEAR")
    plane = bgra.planes[0]
    row = width * 4
    if plane.line_size == row:
        return memoryview(plane), row * height
    rows = np.frombuffer(memoryview(plane), np.uint8).reshape(height, plane.line_size)[:, :row]
    return rows.tobytes(), row * height


class StreamWorker:
    """Owns the decoding thread of one stream, its frame slots and its counters."""

    def __init__(self, sid: int, url: str, opts: StreamOptions, folder: Path, send: Send) -> None:
        self.sid = sid
        self.url = url
        self.live = is_live_url(url)
        self.opts = opts
        self._send = send
        self._options = open_options(url, opts.timeout_s) | opts.options
        self._backoff = Backoff(*opts.backoff)
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._active = opts.active
        self._target = opts.target
        self._slots = SlotWriter(folder, f"s{sid}")
        self._thread = threading.Thread(target=self._run, name=f"video:{url}", daemon=True)
        self._announced_at = 0.0
        self._last_vframe: av.VideoFrame | None = None
        self._status = "idle"
        self._reason = ""
        self.decoded = 0
        self.converted = 0
        self.dropped = 0
        self.unshown = 0
        self.reconnects = 0
        self._fps = 0.0
        self._fps_t0 = time.monotonic()
        self._fps_n = 0
        self._latency_ms: float | None = None
        self._meter = LatencyMeter()
        self._reformatter = VideoReformatter()

    # --- commands (decoder process main thread) ---------------------------------------------
    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()

    def set_active(self, active: bool) -> None:
        if active != self._active:
            self._active = active
            self._wake.set()

    def set_target(self, width: int, height: int) -> None:
        with self._lock:
            self._target = (max(2, int(width)), max(2, int(height)))

    def snapshot(self) -> tuple[bytes, int, int] | None:
        """The newest decoded picture at the camera's own resolution: (BGRA rows, w, h)."""
        with self._lock:
            vf = self._last_vframe
        if vf is None:
            return None
        rows, size = to_bgra(vf, vf.width, vf.height, VideoReformatter())
        return bytes(rows[:size]), vf.width, vf.height

    def stats(self) -> tuple[Any, ...]:
        fps = self._fps if time.monotonic() - self._fps_t0 < 2.0 else 0.0
        return (
            self.decoded,
            self.converted,
            self.dropped,
            self.unshown,
            self.reconnects,
            fps,
            self._latency_ms,
            bool(self._meter.absolute),
        )

    # --- decoding thread ----------------------------------------------------------------------
    def _set_status(self, status: str, reason: str = "") -> None:
        if status == self._status and reason == self._reason:
            return
        self._status, self._reason = status, reason
        if status == "lost":
            log.info("video %s lost: %s", self.url, reason)
        self._send(("status", self.sid, status, reason, self.stats()))

    def _sleep(self, seconds: float) -> None:
        """Sleep, returning early on stop or on a change of active state."""
        self._wake.wait(max(0.0, seconds))
        self._wake.clear()

    def _run(self) -> None:
        try:
            while not self._stop.is_set():
                if not self._active:
                    self._sleep(1.0)
                    continue
                self._set_status("connecting")
                try:
                    self._session()
                    continue  # ended by pause or stop: no fault, no backoff
                except _Lost as exc:
                    reason = str(exc)
                except (av.FFmpegError, OSError, ValueError) as exc:
                    reason = f"stream failed: {describe_error(exc)}"
                except Exception as exc:  # a worker must never die silently
                    log.exception("video worker for %s failed", self.url)
                    reason = f"internal error: {exc}"
                if self._stop.is_set():
                    break
                self._set_status("lost", reason)
                self.reconnects += 1
                self._sleep(self._backoff.next_delay())
        finally:
            self._slots.close()
            self._status = "idle"
            self._send(("ended", self.sid, self.stats()))

    def _session(self) -> None:
        """One connection (or one open file): returns on pause/stop, raises _Lost on failure."""
        timeout = self.opts.timeout_s
        try:
            container = av.open(
                self.url, options=self._options, timeout=(timeout, timeout) if self.live else None
            )
        except (av.FFmpegError, OSError) as exc:
            raise _Lost(f"cannot connect: {describe_error(exc)}") from exc
        try:
            if not container.streams.video:
                raise _Lost("no video stream in the source")
            vs = container.streams.video[0]
            cc = vs.codec_context
            cc.thread_count = self.opts.threads
            cc.thread_type = "AUTO" if self.opts.threads != 1 else "SLICE"
            self._meter.reset()
            if self.live:
                self._play_live(container, vs)
            else:
                self._play_file(container, vs)
        finally:
            container.close()

    def _play_live(self, container: Any, vs: av.video.stream.VideoStream) -> None:
        cc = vs.codec_context
        paused_at: float | None = None
        await_key = False  # packets were skipped: the next picture must start at a keyframe
        key_wait_since: float | None = None
        for packet in container.demux(vs):
            if self._stop.is_set():
                return
            if not self._active:
                # Keep reading (cheap) so the picture is current on resume; hang up after grace.
                if paused_at is None:
                    paused_at = time.monotonic()
                    self._send(("stats", self.sid, self.stats()))  # paused: final figures
                if time.monotonic() - paused_at > self.opts.grace_s:
                    self._set_status("idle", "paused")
                    return
                await_key = True
                continue
            paused_at = None
            if await_key and not packet.is_keyframe:
                # After a pause the decoder lacks the reference pictures: wait for a keyframe
                # (but not forever: a stream that never flags keyframes must not freeze).
                now_m = time.monotonic()
                key_wait_since = key_wait_since or now_m
                if now_m - key_wait_since < KEYFRAME_WAIT_S:
                    continue
            key_wait_since = None
            await_key = False
            for frame in cc.decode(packet):
                self.decoded += 1
                now = time.time()
                lat = None if frame.time is None else self._meter.latency_s(now, frame.time)
                if lat is not None:
                    self._latency_ms = lat * 1000.0
                    behind = self._meter.excess_s(now, lat)
                    # Far behind: decode keyframes only until the stream is current again.
                    if behind > self.opts.catch_up_s and cc.skip_frame != "NONKEY":
                        cc.skip_frame = "NONKEY"
                    elif behind <= self.opts.late_s and cc.skip_frame != "DEFAULT":
                        cc.skip_frame = "DEFAULT"
                    # Late frames are skipped to become current again, but a tile still moves:
                    # one picture every CATCH_UP_SHOW_S goes through while catching up.
                    shown_ago = time.monotonic() - self._announced_at
                    if (
                        behind > self.opts.late_s
                        and not frame.key_frame
                        and shown_ago < CATCH_UP_SHOW_S
                    ):
                        self.dropped += 1
                        continue
                self._deliver(frame, lat)
        raise _Lost("stream ended")

    def _play_file(self, container: Any, vs: av.video.stream.VideoStream) -> None:
        cc = vs.codec_context
        rate = float(vs.average_rate or vs.guessed_rate or 25)
        frame_s = 1.0 / rate
        clock0: float | None = None  # monotonic time at which pts 0 of this pass is due
        while not self._stop.is_set():
            got = False
            last_pts = 0.0
            for packet in container.demux(vs):
                for frame in cc.decode(packet):
                    got = True
                    self.decoded += 1
                    if not self._active:
                        self._send(("stats", self.sid, self.stats()))  # paused: final figures
                    while not self._active and not self._stop.is_set():
                        self._sleep(1.0)
                        clock0 = None  # resume at the paused picture, not in a rush
                    if self._stop.is_set():
                        return
                    pts = frame.time if frame.time is not None else last_pts + frame_s
                    last_pts = pts
                    now = time.monotonic()
                    if clock0 is None:
                        clock0 = now - pts
                    delay = clock0 + pts - now
                    if delay > 0:
                        self._sleep(delay)
                    elif -delay > frame_s:
                        self.dropped += 1  # late: decoded (needed for later frames), not shown
                        continue
                    self._deliver(frame, None)
                if self._stop.is_set():
                    return
            if not got:
                raise _Lost("no decodable frames in the file")
            # Loop: the next pass starts one frame after the last one of this pass.
            clock0 = (clock0 or time.monotonic()) + last_pts + frame_s
            container.seek(0)

    def _deliver(self, frame: av.VideoFrame, latency_s: float | None) -> None:
        with self._lock:
            box = self._target
            self._last_vframe = frame
        if self._slots.waiting() and time.monotonic() - self._announced_at < self.opts.hold_s:
            # The GUI has not taken the previous picture yet: it is busy, so converting this
            # one would be wasted work. A picture older than hold_s is replaced all the same.
            self.unshown += 1
            return
        w, h = frame_size(frame.width, frame.height, *box)
        rows, size = to_bgra(frame, w, h, self._reformatter)
        name, off, seq = self._slots.write(rows, size)
        self.converted += 1
        self._backoff.reset()
        now = time.monotonic()
        self._fps_n += 1
        if now - self._fps_t0 >= 1.0:
            self._fps = self._fps_n / (now - self._fps_t0)
            self._fps_t0, self._fps_n = now, 0
        self._slots.announced = seq
        self._announced_at = now
        if self._status != "live":
            self._set_status("live")
        if not self._stop.is_set():
            latency_ms = None if latency_s is None else latency_s * 1000.0
            index, pts = self.decoded, frame.time
            self._send(
                ("frame", self.sid, name, off, seq, w, h, index, pts, latency_ms, self.stats())
            )
