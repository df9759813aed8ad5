"""Video wall benchmark: 9 and 16 tiles of 640x360 H.264 at 25 fps from the local camera server.

For each tile count it measures, in the same run:

* baseline: PyAV decoding the same HTTP streams in plain threads, no scaling, no display;
* wall: the real VideoWall (offscreen Qt) showing them, with a 5 ms QTimer measuring how late
  the GUI event loop runs (its p99 is the "stall"). The streams are decoded and scaled in the
  console's decoder process; its CPU is counted with the GUI process's.

It prints delivered fps per tile (min / mean), process CPU (CPU seconds per wall second; 2.0
means both cores busy) and the ratio wall / baseline. The camera server runs in a subprocess so
its encoding and muxing are not counted.

Run: ``.venv/bin/python bench/video.py [--seconds 8] [--tiles 9 16]``
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import av  # noqa: E402
from PySide6 import QtCore, QtWidgets  # noqa: E402

from app.domain import events as ev  # noqa: E402
from app.domain.model import Camera  # noqa: E402
from app.paths import resource_path  # noqa: E402
from app.store.selection import Selection  # noqa: E402
from app.store.store import Store  # noqa: E402
from app.video.link import decoder_link  # noqa: E402
from bench.machine import StealMeter  # noqa: E402
from widgets.video.wall import VideoWall  # noqa: E402

log = logging.getLogger(__name__)


@dataclass
class Result:
    fps: list[float]  # per stream / tile
    cpu: float  # process CPU seconds per wall second
    stall_p99_ms: float | None = None
    stall_max_ms: float | None = None

    def line(self, label: str) -> str:
        s = (
            f"{label:<9} fps/tile min {min(self.fps):5.1f} mean {statistics.mean(self.fps):5.1f}"
            f"  CPU {self.cpu:4.2f} cores"
        )
        if self.stall_p99_ms is not None:
            s += f"  GUI stall p99 {self.stall_p99_ms:5.1f} ms max {self.stall_max_ms:5.1f} ms"
        return s


def start_server(port: int, size: str) -> subprocess.Popen[bytes]:
    clip = resource_path("video", "bikes.mp4")
    cmd = [sys.executable, "-m", "app.video.testserver", "--port", str(port)]
    cmd += ["--clip", str(clip), "--size", size]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/cam/probe.ts", timeout=2) as r:
                r.read(188)
                return proc
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise RuntimeError("camera server did not come up within 60 s")


def proc_cpu_s(pid: int) -> float | None:
    """CPU seconds used so far by process ``pid`` (Linux /proc), or None elsewhere."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def baseline(urls: list[str], seconds: float, warmup: float) -> Result:
    """Plain PyAV: one thread per stream, decode every frame, nothing else."""
    counts = [0] * len(urls)
    stop = threading.Event()
    measuring = threading.Event()

    def run(i: int, url: str) -> None:
        with av.open(url, options={"fflags": "nobuffer"}, timeout=(10, 10)) as c:
            vs = c.streams.video[0]
            vs.codec_context.thread_count = 1
            for _frame in c.decode(vs):
                if measuring.is_set():
                    counts[i] += 1
                if stop.is_set():
                    return

    threads = [threading.Thread(target=run, args=(i, u), daemon=True) for i, u in enumerate(urls)]
    for t in threads:
        t.start()
    time.sleep(warmup)
    cpu0, t0 = time.process_time(), time.monotonic()
    measuring.set()
    time.sleep(seconds)
    measuring.clear()
    cpu1, t1 = time.process_time(), time.monotonic()
    stop.set()
    for t in threads:
        t.join(5)
    wall = t1 - t0
    return Result([c / wall for c in counts], (cpu1 - cpu0) / wall)


def wall_run(app: QtWidgets.QApplication, urls: list[str], seconds: float, warmup: float) -> Result:
    store = Store()
    cams = [
        Camera(
            id=f"b{i}",
            name=f"Bench {i + 1}",
            lat=0.0,
            lon=0.0,
            heading=0.0,
            fov=60.0,
            range_m=100.0,
            stream_url=u,
        )
        for i, u in enumerate(urls)
    ]
    store.apply_events(
        ev.Event(seq=i + 1, time=0.0, actor="bench", body=ev.CameraUpserted(camera=c))
        for i, c in enumerate(cams)
    )
    wall = VideoWall(store, Selection(), settings={})
    wall.resize(1920, 1080)
    wall.show()
    wall.fill_with([c.id for c in cams])
    late: list[float] = []
    timer = QtCore.QElapsedTimer()
    probe = QtCore.QTimer()
    probe.setTimerType(QtCore.Qt.TimerType.PreciseTimer)
    probe.setInterval(5)
    last = [0.0]

    def tick() -> None:
        now = timer.nsecsElapsed() / 1e6
        if last[0]:
            late.append(max(0.0, now - last[0] - 5.0))
        last[0] = now

    probe.timeout.connect(tick)

    def pump(duration: float) -> None:
        end = time.monotonic() + duration
        while time.monotonic() < end:
            app.processEvents(QtCore.QEventLoop.ProcessEventsFlag.AllEvents, 50)

    pump(warmup)
    tiles = wall.tiles()
    shown0 = [t.frames_shown for t in tiles]
    timer.start()
    probe.start()
    steal = StealMeter()
    decoder_pid = decoder_link().pid
    d0 = proc_cpu_s(decoder_pid) if decoder_pid else None
    cpu0, t0 = time.process_time(), time.monotonic()
    loop = QtCore.QEventLoop()
    QtCore.QTimer.singleShot(round(seconds * 1000), loop.quit)
    loop.exec()
    cpu1, t1 = time.process_time(), time.monotonic()
    d1 = proc_cpu_s(decoder_pid) if decoder_pid else None
    probe.stop()
    elapsed = t1 - t0
    fps = [(t.frames_shown - s0) / elapsed for t, s0 in zip(tiles, shown0, strict=True)]
    dropped = sum(t.source.stats().dropped_late for t in tiles if t.source is not None)
    wall.shutdown()
    wall.deleteLater()
    pump(0.2)
    late.sort()
    p99 = late[min(len(late) - 1, int(len(late) * 0.99))] if late else 0.0
    gui_cpu = (cpu1 - cpu0) / elapsed
    dec_cpu = (d1 - d0) / elapsed if d0 is not None and d1 is not None else 0.0
    res = Result(fps, gui_cpu + dec_cpu, p99, late[-1] if late else 0.0)
    print(
        f"          (timer samples {len(late)}, stall p50 {late[len(late) // 2] if late else 0:.1f} ms,"
        f" frames dropped late by workers {dropped}; CPU: GUI process {gui_cpu:.2f},"
        f" decoder process {dec_cpu:.2f} cores; {steal.describe()})"
    )
    return res


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--seconds", type=float, default=8.0)
    p.add_argument("--warmup", type=float, default=3.0)
    p.add_argument("--tiles", type=int, nargs="+", default=[9, 16])
    p.add_argument("--size", default="640x360")
    p.add_argument("--port", type=int, default=18554)
    args = p.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication([])
    assert isinstance(app, QtWidgets.QApplication)
    server = start_server(args.port, args.size)
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"cores: {os.cpu_count()}  load average before: {load}")
    print(f"streams: {args.size} H.264 25 fps from the local camera server (subprocess)")
    try:
        for n in args.tiles:
            urls = [f"http://127.0.0.1:{args.port}/cam/bench{i}.ts" for i in range(n)]
            s0, t0 = proc_cpu_s(server.pid), time.monotonic()
            base = baseline(urls, args.seconds, args.warmup)
            s1, t1 = proc_cpu_s(server.pid), time.monotonic()
            wall = wall_run(app, urls, args.seconds, args.warmup)
            load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
            print(f"--- {n} tiles (load average now {load}) ---")
            if s0 is not None and s1 is not None:
                print(
                    f"camera server (subprocess, {n} clients): CPU {(s1 - s0) / (t1 - t0):.2f} cores"
                )
            print(base.line("baseline"))
            print(wall.line("wall"))
            print(
                f"ratio     wall/baseline: fps {statistics.mean(wall.fps) / statistics.mean(base.fps):.2f}"
                f"  CPU {wall.cpu / base.cpu:.2f}",
                flush=True,
            )
    finally:
        server.terminate()
        server.wait(10)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
