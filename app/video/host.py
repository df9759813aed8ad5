"""The decoder process: runs every camera stream's decoding thread away from the GUI process.

Decoding sixteen streams in the console's own process made the GUI thread queue for the
interpreter lock behind the decoding threads (GUI stalls of 100 ms and more). Here the
decoding threads share a lock only with each other; the GUI process receives small messages
and copies finished pictures out of shared memory. A crash in a decoder library takes down
this process, not the console: the GUI side shows the streams as lost and starts a new one.

Commands (GUI -> decoder), tuples over a ``multiprocessing`` connection::

    ("open", sid, url, StreamOptions)    ("active", sid, bool)    ("size", sid, w, h)
    ("close", sid)    ("snapshot", sid, request id)    ("quit",)

Events (decoder -> GUI)::

    ("status", sid, status, reason, stats)    ("ended", sid, stats)
    ("frame", sid, file, offset, seq, w, h, index, pts, latency_ms, stats)
    ("snapshot", request id, bytes | None, w, h)    ("error", message)

No Qt here.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from app.video.worker import StreamOptions, StreamWorker

log = logging.getLogger(__name__)

STATS_EVERY_S = 0.25
DECODER_NICE = 5


class DecoderHost:
    """Owns the stream workers of the decoder process and its end of the connection."""

    def __init__(self, conn: Connection, folder: Path) -> None:
        self.conn = conn
        self.folder = folder
        self.workers: dict[int, StreamWorker] = {}
        self._send_lock = threading.Lock()
        self._closed = threading.Event()

    def send(self, msg: tuple[Any, ...]) -> None:
        if self._closed.is_set():
            return
        with self._send_lock:
            try:
                self.conn.send(msg)
            except (OSError, ValueError):
                self._closed.set()  # the GUI is gone: workers are stopped by the main loop

    def handle(self, msg: tuple[Any, ...]) -> bool:
        """Apply one command; False on quit."""
        kind = msg[0]
        if kind == "quit":
            return False
        if kind == "open":
            _, sid, url, opts = msg
            if sid in self.workers:
                raise ValueError(f"stream {sid} is already open")
            w = StreamWorker(sid, url, opts, self.folder, self.send)
            self.workers[sid] = w
            w.start()
            return True
        if kind == "snapshot":
            _, sid, req = msg
            worker = self.workers.get(sid)
            snap = worker.snapshot() if worker is not None else None
            if snap is None:
                self.send(("snapshot", req, None, 0, 0))
            else:
                self.send(("snapshot", req, *snap))
            return True
        worker = self.workers.get(msg[1])
        if worker is None:
            return True  # a command racing the stream's end: nothing to do
        if kind == "active":
            worker.set_active(bool(msg[2]))
        elif kind == "size":
            worker.set_target(int(msg[2]), int(msg[3]))
        elif kind == "close":
            worker.stop()
            self.workers.pop(msg[1], None)
        else:
            raise ValueError(f"unknown command {kind!r}")
        return True

    def serve(self) -> None:
        """Read commands until quit or until the GUI process goes away; then stop every worker."""
        last_stats = time.monotonic()
        try:
            while not self._closed.is_set():
                if self.conn.poll(STATS_EVERY_S):
                    try:
                        msg = self.conn.recv()
                    except (EOFError, OSError):
                        break
                    try:
                        if not self.handle(msg):
                            break
                    except (ValueError, TypeError, IndexError) as exc:
                        log.warning("decoder: bad command %r: %s", msg[:2], exc)
                        self.send(("error", f"bad command: {exc}"))
                now = time.monotonic()
                if now - last_stats >= STATS_EVERY_S:
                    # Counters move while no picture is announced (paused, busy GUI): keep the
                    # GUI's figures current.
                    last_stats = now
                    for sid, w in list(self.workers.items()):
                        self.send(("stats", sid, w.stats()))
        finally:
            for w in self.workers.values():
                w.stop()


def main(conn: Connection, folder: str, log_level: int = logging.WARNING) -> None:
    """Entry point of the decoder process (started with the ``spawn`` method)."""
    logging.basicConfig(level=log_level, format="%(asctime)s decoder %(levelname)s %(message)s")
    if hasattr(os, "nice"):
        # When the machine runs short of CPU the console's GUI thread goes first and the
        # streams lose frames evenly; in one process this was impossible (a descheduled
        # decoding thread holding the interpreter lock stalled the GUI).
        try:
            os.nice(DECODER_NICE)
        except OSError as exc:
            log.info("decoder: cannot lower priority: %s", exc)
    DecoderHost(conn, Path(folder)).serve()


__all__ = ["DecoderHost", "StreamOptions", "main"]
