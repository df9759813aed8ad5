"""The server's side of the video analytics: starts the worker process, submits detections.

The worker (:mod:`app.sensors.video`) runs in a process of its own; this reads its pipe on the
server's event loop (a file-descriptor reader: no thread, no polling) and submits each detection
as a ``video_detection`` command of the analytics account. When the zones or the cameras' streams
change, the worker is started again with the new ones.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing as mp
import uuid
from collections import Counter
from multiprocessing.connection import Connection

import msgspec

from app.domain import devices as dv
from app.domain.model import Role, User
from app.protocol import CommandMsg
from app.sensors.video import CameraJob, jobs_for, worker_main
from app.server.processor import CommandJob, Processor

log = logging.getLogger(__name__)

ANALYTICS_USER = User(
    username="video-analytics", display_name="Video analytics", role=Role.SUPERVISOR
)


class VideoAnalyticsLink:
    """The server's side: starts the worker with the zones of the state, submits detections."""

    def __init__(self, proc: Processor, check_interval: float = 5.0) -> None:
        self.proc = proc
        self.check_interval = check_interval
        self.counters: Counter[str] = Counter()
        self._jobs: list[CameraJob] = []
        self._process: mp.process.BaseProcess | None = None
        self._conn: Connection | None = None
        self._task: asyncio.Task[None] | None = None
        self._dec = msgspec.json.Decoder(dv.VideoDetection)

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._watch(), name="video-analytics")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            try:
                await self._task
            except asyncio.CancelledError:
                pass
        self._stop_worker()

    async def _watch(self) -> None:
        while True:
            jobs = jobs_for(self.proc.state)
            if jobs != self._jobs:
                self._stop_worker()
                self._jobs = jobs
                if jobs:
                    self._start_worker(jobs)
            await asyncio.sleep(self.check_interval)

    def _start_worker(self, jobs: list[CameraJob]) -> None:
        ctx = mp.get_context("spawn")
        mine, theirs = ctx.Pipe(duplex=True)
        proc = ctx.Process(target=worker_main, args=(jobs, theirs), daemon=True, name="analytics")
        proc.start()
        theirs.close()
        self._process, self._conn = proc, mine
        asyncio.get_running_loop().add_reader(mine.fileno(), self._readable)
        self.counters["workers"] += 1
        log.info("video analytics on %d camera(s) (pid %s)", len(jobs), proc.pid)

    def _stop_worker(self) -> None:
        conn, proc = self._conn, self._process
        self._conn = self._process = None
        if conn is not None:
            asyncio.get_running_loop().remove_reader(conn.fileno())
            conn.close()
        if proc is not None:
            proc.join(3)
            if proc.is_alive():
                proc.terminate()
                proc.join(3)

    def _readable(self) -> None:
        conn = self._conn
        if conn is None:
            return
        try:
            while conn.poll():
                self._submit(conn.recv_bytes())
        except (EOFError, OSError):
            log.warning("the video analytics worker stopped; starting it again")
            self._stop_worker()
            self._jobs = []  # the watcher starts a new one on its next round

    def _submit(self, data: bytes) -> None:
        try:
            det = self._dec.decode(data)
        except (msgspec.DecodeError, msgspec.ValidationError):
            self.counters["bad_message"] += 1
            log.exception("bad message from the analytics worker")
            return
        self.counters["detections"] += 1
        msg = CommandMsg(
            id=str(uuid.uuid4()), type="video_detection", payload=msgspec.to_builtins(det)
        )
        self.proc.submit(
            CommandJob(msg=msg, user=ANALYTICS_USER, workstation="analytics", peer="", origin=None)
        )
