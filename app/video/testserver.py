"""A local test camera server: looped clips over real HTTP as MPEG-TS, one URL per camera.

``http://HOST:PORT/cam/<camera_id>.ts`` streams the clip (or a synthetic test pattern) encoded
once per picture size (``?size=WxH``, default 640x360) and paced in real time. ``?at=T`` (UTC
epoch seconds) starts the loop where the camera's picture is at time ``T`` instead of now: what
a replay shows as the camera's recording (app/video/recordings.py). Each packet's
timestamp is the sender's wall-clock time (modulo the 33-bit MPEG-TS clock), so a receiver on
the same machine can compute its true end-to-end latency. ``stop()`` drops every client (a
"signal lost" for the viewers) and ``start()`` serves again on the same port.

Run standalone: ``python -m app.video.testserver --port 8554 --clip resources/video/bikes.mp4``.
"""

from __future__ import annotations

import argparse
import logging
import math
import re
import socket
import threading
import time
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, unquote, urlsplit

import av

from app.video.camera_views import CameraView
from app.video.encode import TS_TIME_BASE, EncodedClip, encode_loop
from app.video.pacing import TS_WRAP_S

log = logging.getLogger(__name__)

_CAM_PATH = re.compile(r"^/cam/([^/]+)\.ts$")
_SIZE = re.compile(r"^(\d{2,4})x(\d{2,4})$")


def _send_text(req: BaseHTTPRequestHandler, code: HTTPStatus, text: str) -> None:
    body = (text + "\n").encode("utf-8")
    req.send_response(code)
    req.send_header("Content-Type", "text/plain; charset=utf-8")
    req.send_header("Content-Length", str(len(body)))
    req.end_headers()
    req.wfile.write(body)


class _SocketWriter:
    """File-like sink PyAV's muxer writes into; raises once the client has gone."""

    def __init__(self, wfile: Any) -> None:
        self._wfile = wfile

    def write(self, data: bytes) -> int:
        self._wfile.write(data)
        return len(data)

    def flush(self) -> None:
        self._wfile.flush()


class CameraServer:
    """Serves looped camera streams on ``host:port`` until stopped; restartable on the same port.

    ``clip`` None serves the synthetic test pattern. ``seconds`` limits the loop length (shorter
    loops encode faster). Encoded loops are cached per size, so a restart costs nothing.
    """

    def __init__(
        self,
        clip: Path | None,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        fps: int = 25,
        default_size: tuple[int, int] = (640, 360),
        seconds: float | None = None,
        views: dict[str, CameraView] | None = None,
    ) -> None:
        if clip is not None and not Path(clip).is_file():
            raise FileNotFoundError(f"camera clip {clip} does not exist")
        self.clip = None if clip is None else Path(clip)
        self.host = host
        self._port = port
        self.fps = fps
        self.default_size = default_size
        self.seconds = seconds
        # Per-camera crops of the clip (named cameras only); others get the plain clip.
        self.views = dict(views or {})
        self._cache: dict[tuple[str, int, int], EncodedClip] = {}
        self._cache_lock = threading.Lock()
        self._encoding: dict[tuple[str, int, int], threading.Lock] = {}
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._stopping = threading.Event()
        self._clients: set[socket.socket] = set()
        self._clients_lock = threading.Lock()
        self._epoch = time.monotonic()  # loop position is shared by all clients, like a live feed

    # --- public API ---------------------------------------------------------------------------
    @property
    def port(self) -> int:
        return self._port

    @property
    def running(self) -> bool:
        return self._httpd is not None

    @property
    def client_count(self) -> int:
        with self._clients_lock:
            return len(self._clients)

    def url_for(self, camera_id: str, size: tuple[int, int] | None = None) -> str:
        url = f"http://{self.host}:{self._port}/cam/{quote(camera_id, safe='')}.ts"
        if size is not None:
            url += f"?size={size[0]}x{size[1]}"
        return url

    def prepare(self, size: tuple[int, int] | None = None, camera_id: str = "") -> EncodedClip:
        """Encode (or fetch from the cache) the loop at ``size`` as ``camera_id`` sees it;
        blocking."""
        size = size or self.default_size
        view = self.views.get(camera_id)
        key = (camera_id if view is not None else "", size[0], size[1])
        # One lock per loop: different cameras encode side by side, the same one only once.
        with self._cache_lock:
            enc = self._cache.get(key)
            if enc is not None:
                return enc
            lock = self._encoding.setdefault(key, threading.Lock())
        with lock:
            with self._cache_lock:
                enc = self._cache.get(key)
            if enc is None:
                enc = encode_loop(
                    self.clip, size[0], size[1], self.fps, seconds=self.seconds, view=view
                )
                with self._cache_lock:
                    self._cache[key] = enc
            return enc

    def warm(self, camera_ids: list[str]) -> None:
        """Encode these cameras' views in the background (the ones a wall shows first), so
        their tiles do not wait a second or two each for their first picture."""

        def work() -> None:
            for cid in camera_ids:
                if self._stopping.is_set():
                    return
                try:
                    self.prepare(None, cid)
                except (OSError, ValueError, av.FFmpegError):
                    log.exception("camera %s could not be encoded", cid)

        threading.Thread(target=work, daemon=True, name="camera-warm").start()

    def _prepare_quietly(self) -> None:
        try:
            self.prepare()
        except (OSError, ValueError, av.FFmpegError):
            log.exception("camera clip %s could not be encoded", self.clip)

    def start(self, prepare: bool = True) -> None:
        """Listen (on the same port as before after a stop) and serve in a background thread.

        Returns at once; with ``prepare`` the default size is encoded in the background (about
        a second per 2 s of clip), and clients arriving meanwhile wait for it.
        """
        if self._httpd is not None:
            return
        if prepare:
            threading.Thread(target=self._prepare_quietly, daemon=True).start()
        self._stopping.clear()
        server = ThreadingHTTPServer((self.host, self._port), self._handler_class())
        server.daemon_threads = True
        self._port = server.server_address[1]
        self._httpd = server
        self._thread = threading.Thread(
            target=server.serve_forever,
            kwargs={"poll_interval": 0.1},
            daemon=True,
            name=f"camera-server:{self._port}",
        )
        self._thread.start()
        log.info("camera server on %s:%d", self.host, self._port)

    def stop(self) -> None:
        """Stop listening and cut every client connection."""
        server, self._httpd = self._httpd, None
        if server is None:
            return
        self._stopping.set()
        server.shutdown()
        server.server_close()
        with self._clients_lock:
            clients = list(self._clients)
        for sock in clients:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        if self._thread is not None:
            self._thread.join(timeout=2.0)
        log.info("camera server on port %d stopped", self._port)

    # --- serving ------------------------------------------------------------------------------
    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.0"

            def log_message(self, format: str, *args: Any) -> None:
                log.debug("%s " + format, self.address_string(), *args)

            def do_GET(self) -> None:
                owner._serve(self)

        return Handler

    def _serve(self, req: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(req.path)
        m = _CAM_PATH.match(parts.path)
        if m is None:
            _send_text(req, HTTPStatus.NOT_FOUND, "expected /cam/<camera_id>.ts[?size=WxH]")
            return
        size = self.default_size
        q = parse_qs(parts.query).get("size")
        if q:
            sm = _SIZE.match(q[0])
            w, h = (int(sm.group(1)), int(sm.group(2))) if sm else (0, 0)
            if sm is None or w % 2 or h % 2 or w < 16 or h < 16:
                _send_text(
                    req, HTTPStatus.BAD_REQUEST, f"size {q[0]!r} is not an even WxH >= 16x16"
                )
                return
            size = (w, h)
        at: float | None = None
        a = parse_qs(parts.query).get("at")
        if a:
            try:
                at = float(a[0])
            except ValueError:
                at = float("nan")
            if not math.isfinite(at) or at < 0:
                _send_text(req, HTTPStatus.BAD_REQUEST, f"at {a[0]!r} is not a time in seconds")
                return
        camera_id = unquote(m.group(1))
        enc = self.prepare(size, camera_id)
        view = self.views.get(camera_id)
        req.send_response(HTTPStatus.OK)
        req.send_header("Content-Type", "video/mp2t")
        req.send_header("Cache-Control", "no-store")
        req.end_headers()
        sock = req.connection
        with self._clients_lock:
            self._clients.add(sock)
        try:
            self._stream(enc, _SocketWriter(req.wfile), view.offset_s if view else 0.0, at)
        except (OSError, av.FFmpegError, ValueError) as exc:
            log.debug("client %s gone: %s", req.client_address, exc)
        finally:
            with self._clients_lock:
                self._clients.discard(sock)

    def _stream(
        self, enc: EncodedClip, sink: _SocketWriter, offset_s: float = 0.0, at: float | None = None
    ) -> None:
        n = len(enc.packets)
        frame_s = 1.0 / enc.fps
        # Join the shared "live" position (or the picture of time ``at``) at the last keyframe so
        # decoding can start at once; each camera runs ``offset_s`` ahead so neighbouring tiles do
        # not move in step.
        position = time.monotonic() - self._epoch if at is None else at
        k = enc.keyframe_at_or_before(int((position + offset_s) * enc.fps))
        mono0, wall0 = time.monotonic(), time.time()
        out = av.open(sink, "w", format="mpegts", options={"flush_packets": "1"})
        try:
            ost = out.add_stream_from_template(enc.template)
            sent = 0
            last_ts = 0
            while not self._stopping.is_set():
                due = mono0 + sent * frame_s
                delay = due - time.monotonic()
                if delay > 0 and self._stopping.wait(delay):
                    break
                payload, key = enc.packets[(k + sent) % n]
                ts = round(((wall0 + sent * frame_s) % TS_WRAP_S) * 90_000)
                if sent and ts < last_ts:
                    break  # the 33-bit clock wrapped: end this connection, the client reconnects
                pkt = av.Packet(payload)
                pkt.pts = pkt.dts = last_ts = ts
                pkt.duration = round(frame_s * 90_000)
                pkt.time_base = TS_TIME_BASE
                pkt.is_keyframe = key
                pkt.stream = ost
                out.mux(pkt)
                sent += 1
        finally:
            try:
                out.close()
            except (OSError, av.FFmpegError):
                pass


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Serve looped camera clips over HTTP as MPEG-TS.")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8554)
    p.add_argument("--clip", type=Path, help="video file to loop (default: a test pattern)")
    p.add_argument("--size", default="640x360", help="default picture size WxH")
    p.add_argument("--fps", type=int, default=25)
    args = p.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    sm = _SIZE.match(args.size)
    if sm is None:
        p.error(f"--size {args.size!r} is not WxH")
    server = CameraServer(
        args.clip,
        args.host,
        args.port,
        fps=args.fps,
        default_size=(int(sm.group(1)), int(sm.group(2))),
    )
    server.start()
    print(f"serving {server.url_for('<camera_id>')}  (Ctrl+C to stop)", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
