"""One camera feed as the GUI sees it: a handle on a stream decoded in the decoder process.

All I/O, decoding and scaling happen in the decoder process (:mod:`app.video.host`), which
writes each picture, already scaled to the tile's size (bilinear), into shared memory and
announces it. The GUI thread calls :meth:`VideoSource.take_frame` (the wall does on its refresh
tick, or on :attr:`VideoSource.frameReady`), which copies the newest picture into a QImage and
marks it taken, which lets the decoder announce the next one: a slow GUI sees the newest frame, older ones are
dropped instead of queueing up, and pictures nobody could show are never converted.

Sources: files (looped at their own frame rate) and http(s)://, udp://, rtp:// and rtsp(s)://
streams (delivered as they arrive; RTSP over TCP). The tests stream HTTP MPEG-TS from the test
camera server and UDP MPEG-TS; the RTSP path is tested only where an RTSP server (``mediamtx``)
is on PATH, and skipped with that reason otherwise.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6 import QtCore, QtGui

from app.video.frames import Frame, SourceStats, SourceStatus, frame_to_qimage
from app.video.link import DecoderLink, decoder_link
from app.video.pacing import Backoff, is_live_url
from app.video.worker import StreamOptions

__all__ = ["Frame", "SourceStats", "SourceStatus", "VideoSource", "frame_to_qimage"]

log = logging.getLogger(__name__)

# Resolved once at import in the GUI thread (PySide6 creates enum attributes lazily).
_RGB32 = QtGui.QImage.Format.Format_RGB32
_NO_STATS = (0, 0, 0, 0, 0, 0.0, None, False)


class VideoSource(QtCore.QObject):
    """Owns one stream of the decoder process: its options, status, counters, newest frame."""

    frameReady = QtCore.Signal()  # a new picture is waiting: call take_frame()
    statusChanged = QtCore.Signal(str, str)  # SourceStatus, reason

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
        link: DecoderLink | None = None,
    ) -> None:
        super().__init__(None)
        if not url:
            raise ValueError("a video source needs a file path or stream URL")
        self.url = url
        self.live = is_live_url(url)
        b = backoff or Backoff()
        self._opts = StreamOptions(
            target=target_size,
            grace_s=grace_s,
            late_s=late_s,
            catch_up_s=catch_up_s,
            timeout_s=timeout_s,
            threads=threads,
            hold_s=hold_s,
            options=dict(options or {}),
            backoff=(b.base_s, b.cap_s),
        )
        self._link = link or decoder_link()
        self.sid = 0  # the decoder's stream id, given at start()
        self.wanted = False  # started and not stopped
        self._started = False
        self._status = SourceStatus.IDLE
        self._reason = ""
        self._stats: tuple[Any, ...] = _NO_STATS
        self._announce: tuple[Any, ...] | None = None
        self._notified = False
        self._file = ""  # the frame file this stream's pictures are in now

    # --- GUI-thread API -------------------------------------------------------------------------
    @property
    def status(self) -> SourceStatus:
        return self._status

    @property
    def reason(self) -> str:
        return self._reason

    @property
    def active(self) -> bool:
        return self._opts.active

    def stream_options(self) -> StreamOptions:
        return self._opts

    def start(self) -> None:
        if self._started:
            return
        self._started = self.wanted = True
        self.sid = self._link.register(self)
        self._link.open(self)

    def request_stop(self) -> None:
        """Ask the decoder to finish this stream without waiting (then stop())."""
        if self.wanted:
            self.wanted = False
            self._link.close(self)

    def stop(self, timeout_s: float = 3.0) -> None:
        """Stop the stream; waits up to ``timeout_s`` for the decoder to let go of it (a stream
        stuck connecting finishes in the background, and this object is kept until then)."""
        if not self._started:
            return
        self.request_stop()
        self._link.wait_ended(self.sid, timeout_s)

    def set_active(self, active: bool) -> None:
        """Pause (hidden tile) or resume. A paused live stream drops its connection after the
        grace period; a paused file stops reading at once."""
        if active != self._opts.active:
            self._opts.active = active
            if self.wanted:
                self._link.send(("active", self.sid, active))

    def set_target_size(self, width: int, height: int) -> None:
        """Frames from now on fit inside ``width`` x ``height`` (aspect ratio kept)."""
        size = (max(2, int(width)), max(2, int(height)))
        if size != self._opts.target:
            self._opts.target = size
            if self.wanted:
                self._link.send(("size", self.sid, *size))

    def take_frame(self) -> Frame | None:
        """The newest frame (None if none is new since the last call); re-arms frameReady."""
        ann, self._announce = self._announce, None
        self._notified = False
        if ann is None:
            return None
        _, _sid, name, off, seq, w, h, index, pts, latency_ms, _stats = ann
        reader = self._link.reader
        if reader is None:
            return None
        image = QtGui.QImage(w, h, _RGB32)
        ok = reader.read_into(name, off, seq, memoryview(image.bits()))  # type: ignore[arg-type]
        reader.mark_taken(name, seq)  # the decoder may announce the next picture
        if not ok:
            return None  # overwritten by a newer picture, which is announced next
        return Frame(image=image, index=index, pts_s=pts, latency_ms=latency_ms)

    def snapshot(self) -> QtGui.QImage | None:
        """The newest decoded picture at the camera's own resolution, or None before the first."""
        if not self.wanted:
            return None
        got = self._link.snapshot(self.sid)
        if got is None:
            return None
        data, w, h = got
        return QtGui.QImage(data, w, h, w * 4, _RGB32).copy()

    def stats(self) -> SourceStats:
        decoded, converted, dropped, unshown, reconnects, fps, latency_ms, absolute = self._stats
        return SourceStats(
            decoded=decoded,
            converted=converted,
            dropped_late=dropped,
            skipped_busy=unshown,
            reconnects=reconnects,
            fps=fps,
            latency_ms=latency_ms,
            latency_absolute=absolute,
        )

    # --- from the decoder link (GUI thread) -----------------------------------------------------
    def on_frame(self, msg: tuple[Any, ...]) -> None:
        name = msg[2]
        if name != self._file:
            # The stream moved to a larger file (a bigger tile): let go of the old mapping.
            if self._file and self._link.reader is not None:
                self._link.reader.forget(self._file)
            self._file = name
        self._announce = msg
        self._stats = msg[-1]
        if not self._notified:
            self._notified = True
            self.frameReady.emit()

    def on_status(self, status: str, reason: str, stats: tuple[Any, ...] | None) -> None:
        if stats is not None:
            self._stats = stats
        new = SourceStatus(status)
        if new is self._status and reason == self._reason:
            return
        self._status, self._reason = new, reason
        if self.wanted:
            self.statusChanged.emit(status, reason)

    def on_frames_lost(self) -> None:
        """The decoder process is gone and its frame files with it."""
        self._announce = None
        self._file = ""

    def on_stats(self, stats: tuple[Any, ...]) -> None:
        self._stats = stats

    def on_ended(self, stats: tuple[Any, ...] | None) -> None:
        if stats is not None:
            self._stats = stats
        self._status, self._reason = SourceStatus.IDLE, ""
        self._announce = None
        if self._file and self._link.reader is not None:
            self._link.reader.forget(self._file)
        self._file = ""
