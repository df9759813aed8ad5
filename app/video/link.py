"""The GUI process's end of the decoder process: starts it, talks to it, restarts it.

Messages from the decoder arrive on the GUI thread through a socket notifier (no reader
thread in the GUI process, so nothing there competes with the GUI thread for the interpreter
lock). If the decoder process dies, every open stream is reported lost and the process is
started again after a short, growing delay; streams still wanted are opened again.
"""

from __future__ import annotations

import atexit
import logging
import multiprocessing
import shutil
import time
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6 import QtCore

from app.video import host
from app.video.pacing import Backoff
from app.video.slots import SlotReader, slot_dir

if TYPE_CHECKING:
    from app.video.source import VideoSource

log = logging.getLogger(__name__)


class DecoderLink(QtCore.QObject):
    """Owns the decoder process, the connection to it and the frame-slot directory."""

    def __init__(self, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self._proc: Any = None
        self._conn: Connection | None = None
        self._notifier: QtCore.QSocketNotifier | None = None
        self._folder: Path | None = None
        self.reader: SlotReader | None = None
        self._sources: dict[int, VideoSource] = {}
        self._next_sid = 1
        self._snapshots: dict[int, tuple[Any, ...] | None] = {}
        self._next_req = 1
        self._backoff = Backoff(0.5, 5.0)
        self._restart = QtCore.QTimer(self, singleShot=True)
        self._restart.timeout.connect(self._start_process)
        self.starts = 0  # processes started so far (tests, diagnostics)
        atexit.register(self.shutdown)

    # --- process ------------------------------------------------------------------------------
    def _start_process(self) -> bool:
        if self._conn is not None:
            return True
        ctx = multiprocessing.get_context("spawn")
        ours, theirs = ctx.Pipe(duplex=True)
        if self._folder is None:
            self._folder = slot_dir()
        else:
            for old in self._folder.iterdir():  # left by a decoder process that died
                old.unlink(missing_ok=True)
        proc = ctx.Process(
            target=host.main,
            args=(theirs, str(self._folder), logging.getLogger().getEffectiveLevel()),
            name="cityops-video-decoder",
            daemon=True,
        )
        try:
            proc.start()
        except OSError as exc:
            log.error("cannot start the video decoder process: %s", exc)
            self._restart.start(round(self._backoff.next_delay() * 1000))
            return False
        theirs.close()
        self._proc, self._conn = proc, ours
        self.reader = SlotReader(self._folder)
        self._notifier = QtCore.QSocketNotifier(
            ours.fileno(), QtCore.QSocketNotifier.Type.Read, self
        )
        self._notifier.activated.connect(self._on_readable)
        self.starts += 1
        log.info("video decoder process %s started", proc.pid)
        for src in list(self._sources.values()):
            if src.wanted:
                self.send(("open", src.sid, src.url, src.stream_options()))
        return True

    def _drop_process(self, wait_s: float) -> None:
        """Forget the decoder process: wait up to ``wait_s`` for it to end (then kill it), close
        the connection and the frame mappings."""
        if self._proc is not None:
            self._proc.join(wait_s)
            if self._proc.is_alive():
                self._proc.kill()
            self._proc = None
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier.deleteLater()
            self._notifier = None
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        if self.reader is not None:
            self.reader.close()
            self.reader = None

    def _lost_process(self, why: str) -> None:
        log.warning("video decoder process ended (%s); restarting it", why)
        self._drop_process(0.5)
        for sid, src in list(self._sources.items()):
            src.on_frames_lost()
            if src.wanted:
                src.on_status("lost", "video decoder stopped; restarting", None)
            else:
                self._sources.pop(sid, None)
                src.on_ended(None)
        self._restart.start(round(self._backoff.next_delay() * 1000))

    def shutdown(self) -> None:
        """Stop the decoder process and remove the frame files (at exit, or from tests)."""
        self._restart.stop()
        if self._conn is not None:
            try:
                self._conn.send(("quit",))
            except (OSError, ValueError):
                pass
        self._drop_process(2.0)
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None

    @property
    def pid(self) -> int | None:
        return None if self._proc is None else int(self._proc.pid)

    # --- streams ------------------------------------------------------------------------------
    def register(self, src: VideoSource) -> int:
        sid = self._next_sid
        self._next_sid += 1
        self._sources[sid] = src
        return sid

    def open(self, src: VideoSource) -> None:
        if self._conn is None:
            self._start_process()  # opens every wanted stream, this one included
        else:
            self.send(("open", src.sid, src.url, src.stream_options()))

    def close(self, src: VideoSource) -> None:
        """Stop stream ``src``; it ends when the decoder has let go of it (at once if there is
        no decoder process)."""
        if self._conn is None:
            self._sources.pop(src.sid, None)
            src.on_ended(None)
        else:
            self.send(("close", src.sid))

    def send(self, msg: tuple[Any, ...]) -> None:
        if self._conn is None:
            return  # no process: the restart re-opens the streams that are still wanted
        try:
            self._conn.send(msg)
        except (OSError, ValueError) as exc:
            self._lost_process(f"send failed: {exc}")

    def wait_ended(self, sid: int, timeout_s: float) -> bool:
        """Handle decoder messages until stream ``sid`` has ended or ``timeout_s`` passes."""
        deadline = time.monotonic() + timeout_s
        while sid in self._sources:
            left = deadline - time.monotonic()
            if left <= 0 or self._conn is None:
                return sid not in self._sources
            if self._conn.poll(min(left, 0.05)):
                self._on_readable()
        return True

    def snapshot(self, sid: int, timeout_s: float = 2.0) -> tuple[bytes, int, int] | None:
        """The newest picture of stream ``sid`` at full resolution (waits up to ``timeout_s``)."""
        if self._conn is None:
            return None
        req = self._next_req
        self._next_req += 1
        self._snapshots[req] = None
        self.send(("snapshot", sid, req))
        deadline = time.monotonic() + timeout_s
        try:
            while self._snapshots.get(req) is None and self._conn is not None:
                left = deadline - time.monotonic()
                if left <= 0:
                    return None
                if self._conn.poll(min(left, 0.05)):
                    self._on_readable()
            got = self._snapshots.get(req)
        finally:
            self._snapshots.pop(req, None)
        if not got or got[0] is None:
            return None
        data, w, h = got
        return bytes(data), int(w), int(h)

    # --- messages -----------------------------------------------------------------------------
    def _on_readable(self) -> None:
        conn = self._conn
        if conn is None:
            return
        try:
            while conn.poll(0):
                self._dispatch(conn.recv())
                if self._conn is not conn:
                    return
        except (EOFError, OSError) as exc:
            self._lost_process(str(exc) or type(exc).__name__)

    def _dispatch(self, msg: tuple[Any, ...]) -> None:
        kind = msg[0]
        if kind == "snapshot":
            _, req, data, w, h = msg
            if req in self._snapshots:
                self._snapshots[req] = (data, w, h)
            return
        if kind == "error":
            log.warning("video decoder: %s", msg[1])
            return
        src = self._sources.get(msg[1])
        if src is None:
            return
        if kind == "frame":
            self._backoff.reset()
            src.on_frame(msg)
        elif kind == "status":
            src.on_status(msg[2], msg[3], msg[4])
        elif kind == "stats":
            src.on_stats(msg[2])
        elif kind == "ended":
            self._sources.pop(msg[1], None)
            src.on_ended(msg[2])


_LINK: DecoderLink | None = None


def decoder_link() -> DecoderLink:
    """The decoder process of this GUI process (started with the first stream)."""
    global _LINK
    if _LINK is None:
        _LINK = DecoderLink()
    return _LINK
