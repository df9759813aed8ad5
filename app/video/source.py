"""One camera feed: decodes a file or network stream with PyAV in its own worker thread.

Threading rules: the worker thread does all I/O, decoding and scaling (``reformat`` to the
tile's size, bilinear) and builds a QImage that owns its pixels. The GUI thread only calls
:meth:`VideoSource.take_frame` when :attr:`VideoSource.frameReady` arrives; at most one such
notification is in flight, so a slow GUI thread sees the newest frame and older ones are
dropped instead of queueing up. The object has no Qt parent and must outlive its thread: keep a
reference until :meth:`VideoSource.stop` returns (stop parks it while the thread drains).

Sources: files (looped at their own frame rate) and http(s)://, udp://, rtp:// and rtsp(s)://
streams (delivered as they arrive; RTSP over TCP). The tests stream HTTP MPEG-TS from the test
camera server and UDP MPEG-TS; the RTSP path is tested only where an RTSP server (``mediamtx``)
is on PATH, and skipped with that reason otherwise.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

import av
import av.container
import av.video.stream
from PySide6 import QtCore, QtGui

from app.video.frames import (
    Frame,
    SourceStats,
    SourceStatus,
    VideoReformatter,
    describe_error,
    frame_to_qimage,
)
from app.video.pacing import Backoff, LatencyMeter, frame_size, is_live_url, open_options

__all__ = ["Frame", "SourceStats", "SourceStatus", "VideoSource", "frame_to_qimage"]

log = logging.getLogger(__name__)

KEYFRAME_WAIT_S = 3.0
"""Longest wait for a keyframe after skipping packets; then decode whatever comes."""

_PARKED: set[VideoSource] = set()  # stopped sources whose worker is still draining
_PARKED_LOCK = threading.Lock()


class _Lost(Exception):
    """The stream ended or failed; the message is the reason shown to the operator."""


class VideoSource(QtCore.QObject):
    """Owns one decoding worker thread for ``url`` and the newest frame it produced."""

    frameReady = QtCore.Signal()  # from the worker thread: call take_frame()
    statusChanged = QtCore.Signal(str, str)  # from the worker thread: SourceStatus, reason

    def __init__(
        self,
        url: str,
        *,
        target_size: tuple[int, int] = (320, 180),
        grace_s: float = 5.0,
        late_s: float = 0.25,
        catch_up_s: float = 1.0,
        timeout_s: float = 5.0,
        threads: int = 1,
        hold_s: float = 0.1,
        options: dict[str, str] | None = None,
        backoff: Backoff | None = None,
    ) -> None:
        super().__init__(None)
        if not url:
            raise ValueError("a video source needs a file path or stream URL")
        self.url = url
        self.live = is_live_url(url)
        self._options = open_options(url, timeout_s) | (options or {})
        self._timeout_s = timeout_s
        self._grace_s = grace_s
        self._late_s = late_s
        self._catch_up_s = catch_up_s
        self._threads = threads
        self._backoff = backoff or Backoff()
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._active = True
        self._target = target_size
        self._thread: threading.Thread | None = None
        self._latest: Frame | None = None
        self._notified = False
        self._last_vframe: av.VideoFrame | None = None
        self._status = SourceStatus.IDLE
        self._reason = ""
        self._decoded = 0
        self._converted = 0
        self._dropped = 0
        self._unshown = 0
        self._latest_at = 0.0
        self._hold_s = hold_s
        self._reconnects = 0
        self._fps = 0.0
        self._fps_t0 = time.monotonic()
        self._fps_n = 0
        self._latency_ms: float | None = None
        self._meter = LatencyMeter()
        self._reformatter = VideoReformatter()  # used by the worker thread only

    # --- GUI-thread API ---------------------------------------------------------------------
    @property
    def status(self) -> SourceStatus:
        return self._status

    @property
    def reason(self) -> str:
        return self._reason

    @property
    def active(self) -> bool:
        return self._active

    def start(self) -> None:
        if self._thread is not None:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name=f"video:{self.url}", daemon=True)
        self._thread.start()

    def request_stop(self) -> None:
        """Ask the worker to finish without waiting (call on many sources, then stop())."""
        self._stop.set()
        self._wake.set()

    def stop(self, timeout_s: float = 3.0) -> None:
        """Stop the worker; waits up to ``timeout_s``, then lets it drain in the background."""
        thread, self._thread = self._thread, None
        if thread is None:
            return
        self.request_stop()
        thread.join(timeout_s)
        if thread.is_alive():
            # The worker may still emit: keep this QObject alive until it has really finished.
            with _PARKED_LOCK:
                _PARKED.add(self)

    def set_active(self, active: bool) -> None:
        """Pause (hidden tile) or resume. A paused live stream drops its connection after the
        grace period; a paused file stops reading at once."""
        if active != self._active:
            self._active = active
            self._wake.set()

    def set_target_size(self, width: int, height: int) -> None:
        """Frames from now on fit inside ``width`` x ``height`` (aspect ratio kept)."""
        with self._lock:
            self._target = (max(2, int(width)), max(2, int(height)))

    def take_frame(self) -> Frame | None:
        """The newest frame (None if none is new since the last call); re-arms frameReady."""
        with self._lock:
            frame, self._latest = self._latest, None
            self._notified = False
        return frame

    def snapshot(self) -> QtGui.QImage | None:
        """The newest decoded picture at the camera's own resolution, or None before the first."""
        with self._lock:
            vf = self._last_vframe
        if vf is None:
            return None
        return frame_to_qimage(vf, vf.width, vf.height)

    def stats(self) -> SourceStats:
        fps = self._fps if time.monotonic() - self._fps_t0 < 2.0 else 0.0
        return SourceStats(
            decoded=self._decoded,
            converted=self._converted,
            dropped_late=self._dropped,
            skipped_busy=self._unshown,
            reconnects=self._reconnects,
            fps=fps,
            latency_ms=self._latency_ms,
            latency_absolute=bool(self._meter.absolute),
        )

    # --- worker thread ------------------------------------------------------------------------
    def _set_status(self, status: SourceStatus, reason: str = "") -> None:
        if status == self._status and reason == self._reason:
            return
        self._status, self._reason = status, reason
        if status is SourceStatus.LOST:
            log.info("video %s lost: %s", self.url, reason)
        if not self._stop.is_set():
            self.statusChanged.emit(status.value, reason)

    def _sleep(self, seconds: float) -> None:
        """Sleep, returning early on stop or on a change of active state."""
        self._wake.wait(max(0.0, seconds))
        self._wake.clear()

    def _run(self) -> None:
        # No lower thread priority for workers: they share the interpreter lock with the GUI
        # thread, and a preempted low-priority worker holding it would stall the GUI.
        try:
            while not self._stop.is_set():
                if not self._active:
                    self._sleep(1.0)
                    continue
                self._set_status(SourceStatus.CONNECTING)
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
                self._set_status(SourceStatus.LOST, reason)
                self._reconnects += 1
                self._sleep(self._backoff.next_delay())
        finally:
            self._status = SourceStatus.IDLE
            with _PARKED_LOCK:
                _PARKED.discard(self)

    def _session(self) -> None:
        """One connection (or one open file): returns on pause/stop, raises _Lost on failure."""
        try:
            container = av.open(
                self.url,
                options=self._options,
                timeout=(self._timeout_s, self._timeout_s) if self.live else None,
            )
        except (av.FFmpegError, OSError) as exc:
            raise _Lost(f"cannot connect: {describe_error(exc)}") from exc
        try:
            if not container.streams.video:
                raise _Lost("no video stream in the source")
            vs = container.streams.video[0]
            cc = vs.codec_context
            cc.thread_count = self._threads
            cc.thread_type = "AUTO" if self._threads != 1 else "SLICE"
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
                paused_at = paused_at or time.monotonic()
                if time.monotonic() - paused_at > self._grace_s:
                    self._set_status(SourceStatus.IDLE, "paused")
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
                self._decoded += 1
                now = time.time()
                lat = None if frame.time is None else self._meter.latency_s(now, frame.time)
                if lat is not None:
                    self._latency_ms = lat * 1000.0
                    behind = self._meter.excess_s(now, lat)
                    # Far behind: decode keyframes only until the stream is current again.
                    if behind > self._catch_up_s and cc.skip_frame != "NONKEY":
                        cc.skip_frame = "NONKEY"
                    elif behind <= self._late_s and cc.skip_frame != "DEFAULT":
                        cc.skip_frame = "DEFAULT"
                    if behind > self._late_s and not frame.key_frame:
                        self._dropped += 1
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
                    self._decoded += 1
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
                        self._dropped += 1  # late: decoded (needed for later frames), not shown
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
            waiting = self._latest is not None
            self._last_vframe = frame
        if waiting and time.monotonic() - self._latest_at < self._hold_s:
            # The GUI has not taken the previous picture yet: it is busy, so converting this
            # one would be wasted work. A picture older than hold_s is replaced all the same.
            self._unshown += 1
            return
        w, h = frame_size(frame.width, frame.height, *box)
        image = frame_to_qimage(frame, w, h, self._reformatter)
        self._converted += 1
        self._backoff.reset()
        now = time.monotonic()
        self._fps_n += 1
        if now - self._fps_t0 >= 1.0:
            self._fps = self._fps_n / (now - self._fps_t0)
            self._fps_t0, self._fps_n = now, 0
        out = Frame(
            image=image,
            index=self._decoded,
            pts_s=frame.time,
            latency_ms=None if latency_s is None else latency_s * 1000.0,
        )
        with self._lock:
            self._latest = out
            self._latest_at = now
            notify = not self._notified
            self._notified = True
        if self._status is not SourceStatus.LIVE:
            self._set_status(SourceStatus.LIVE)
        if notify and not self._stop.is_set():
            self.frameReady.emit()
