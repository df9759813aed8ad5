"""Video analytics off the GUI and off the server's loop: a worker process per server.

The worker process (:func:`worker_main`, no Qt) decodes each watched camera's stream with PyAV on
a thread of its own, feeds :class:`app.sensors.analytics.ZoneAnalyzer`, and sends each detection
(with a PNG snapshot, the zone drawn) back over a pipe. On the server, ``app.sensors.videolink``
reads the pipe on the event loop (a file-descriptor reader: no thread, no polling) and submits a
``video_detection`` command to the processor as the analytics account; the runner decides (one
open case per camera zone). When the zones change, the worker is started again with the new ones.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

import av
import msgspec

from app.domain import devices as dv
from app.domain.model import Role, User
from app.domain.state import CityState
from app.sensors.analytics import Detection, ZoneAnalyzer, snapshot_b64

log = logging.getLogger(__name__)

ANALYTICS_USER = User(
    username="video-analytics", display_name="Video analytics", role=Role.SUPERVISOR
)


class CameraJob(msgspec.Struct, kw_only=True):
    camera_id: str
    url: str
    zones: list[dv.CameraZone]


@dataclass
class StreamStats:
    frames: int = 0
    detections: int = 0
    decode_s: float = 0.0  # time spent decoding and converting to grey
    analyse_s: float = 0.0  # time spent in the analyzer


Found = Callable[[Detection, str], None]


def analyse_stream(
    job: CameraJob,
    found: Found,
    *,
    stop: threading.Event | None = None,
    realtime: bool = False,
    stats: StreamStats | None = None,
) -> StreamStats:
    """Decode ``job.url`` to its end (or until ``stop``), feeding the analyzer.

    ``found(detection, snapshot_b64)`` is called for each detection. Stream time is the frame's
    presentation time; ``realtime`` paces a file at its own rate (the demo's looped files).
    """
    st = stats or StreamStats()
    analyzer = ZoneAnalyzer(job.camera_id, job.zones)
    zones = {z.zone_id: z for z in job.zones}
    opts = {"rtsp_transport": "tcp"} if job.url.startswith("rtsp") else {}
    with av.open(job.url, options=opts, timeout=10.0) as container:
        vs = container.streams.video[0]
        vs.thread_type = "AUTO"
        rate = float(vs.average_rate or 25)
        start = time.monotonic()
        first: float | None = None
        for i, frame in enumerate(container.decode(vs)):
            if stop is not None and stop.is_set():
                break
            t0 = time.perf_counter()
            pts = frame.time if frame.time is not None else i / rate
            first = pts if first is None else first
            t = pts - first
            grey = frame.to_ndarray(format="gray")
            t1 = time.perf_counter()
            dets = analyzer.feed(grey, t)
            t2 = time.perf_counter()
            st.frames += 1
            st.decode_s += t1 - t0
            st.analyse_s += t2 - t1
            for det in dets:
                st.detections += 1
                zone = zones[det.zone_id]
                what = "stationary" if det.rule == "stationary" else "blocked"
                label = f"{zone.name or zone.zone_id}: {what} {det.duration_s:.0f} s"
                found(det, snapshot_b64(frame.to_ndarray(format="bgr24"), zone, label))
            if realtime:
                ahead = t - (time.monotonic() - start)
                if ahead > 0:
                    time.sleep(ahead)
    return st


def analyse_file(path: Path | str, camera_id: str, zones: list[dv.CameraZone]) -> list[Detection]:
    """Every detection in a clip (decoded as fast as it goes)."""
    out: list[Detection] = []
    analyse_stream(
        CameraJob(camera_id=camera_id, url=str(path), zones=zones), lambda d, _s: out.append(d)
    )
    return out


# --- the worker process ---------------------------------------------------------------------
def worker_main(jobs: list[CameraJob], conn: Connection, loop_files: bool = True) -> None:
    """The worker process: one thread per camera; detections go to ``conn`` as JSON."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s analytics %(message)s")
    lock = threading.Lock()
    stop = threading.Event()
    enc = msgspec.json.Encoder()

    def send(det: Detection, snap: str) -> None:
        cmd = dv.VideoDetection(
            camera_id=det.camera_id,
            zone_id=det.zone_id,
            rule=det.rule,
            at=time.time(),
            duration_s=round(det.duration_s, 1),
            snapshot=snap,
        )
        with lock:
            conn.send_bytes(enc.encode(cmd))

    def run(job: CameraJob) -> None:
        pause = 1.0
        while not stop.is_set():
            try:
                analyse_stream(job, send, stop=stop, realtime=True)
                pause = 1.0
                if not loop_files and not job.url.startswith(("http", "rtsp", "udp", "rtp")):
                    return
            except Exception as exc:  # a broken stream: try again, the others go on
                log.warning(
                    "camera %s (%s): %s; again in %.0f s", job.camera_id, job.url, exc, pause
                )
                stop.wait(pause)
                pause = min(pause * 2, 30.0)

    threads = [threading.Thread(target=run, args=(j,), daemon=True) for j in jobs]
    for th in threads:
        th.start()
    try:
        conn.recv_bytes()  # the server closes its end (or sends anything) to stop us
    except (EOFError, OSError):
        pass
    stop.set()


def jobs_for(state: CityState) -> list[CameraJob]:
    """A job per camera with a stream and at least one enabled zone."""
    by_cam: dict[str, list[dv.CameraZone]] = {}
    for z in state.camera_zones.values():
        if z.enabled:
            by_cam.setdefault(z.camera_id, []).append(z)
    out = []
    for cam_id, zones in sorted(by_cam.items()):
        cam = state.cameras.get(cam_id)
        if cam is not None and cam.stream_url:
            out.append(CameraJob(camera_id=cam_id, url=cam.stream_url, zones=zones))
    return out
