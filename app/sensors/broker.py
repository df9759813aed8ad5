"""A private mosquitto broker on a free loopback port (tests, the demo city, the benchmark).

Started with a configuration of its own in a temporary folder, never the system service.
"""

from __future__ import annotations

import logging
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from types import TracebackType

log = logging.getLogger(__name__)


def mosquitto_path() -> str | None:
    """The mosquitto binary (Debian installs it in /usr/sbin, off a user's PATH), or None."""
    found = shutil.which("mosquitto")
    if found:
        return found
    for cand in ("/usr/sbin/mosquitto", "/usr/local/sbin/mosquitto"):
        if os.access(cand, os.X_OK):
            return cand
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Broker:
    """``with Broker() as b: ... b.port``: mosquitto on 127.0.0.1, anonymous, no persistence."""

    def __init__(self, port: int = 0) -> None:
        self.host = "127.0.0.1"
        self.port = port
        self._dir: tempfile.TemporaryDirectory[str] | None = None
        self._proc: subprocess.Popen[bytes] | None = None

    @property
    def address(self) -> str:
        return f"{self.host}:{self.port}"

    def start(self, timeout: float = 10.0) -> None:
        exe = mosquitto_path()
        if exe is None:
            raise RuntimeError("mosquitto is not installed (Debian: apt-get install mosquitto)")
        self._dir = tempfile.TemporaryDirectory(prefix="cityops-mqtt-")
        folder = Path(self._dir.name)
        deadline = time.monotonic() + timeout
        while True:
            self.port = self.port or free_port()
            conf = folder / "mosquitto.conf"
            conf.write_text(
                f"listener {self.port} {self.host}\n"
                "allow_anonymous true\n"
                "persistence false\n"
                f"log_dest file {folder / 'mosquitto.log'}\n"
                "max_queued_messages 100000\n"
            )
            self._proc = subprocess.Popen(
                [exe, "-c", str(conf)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            )
            if self._wait_listening(deadline):
                log.info("mosquitto on %s (pid %s)", self.address, self._proc.pid)
                return
            self._proc.kill()
            self._proc.wait()
            if time.monotonic() > deadline:
                raise RuntimeError(f"mosquitto did not start on port {self.port}")
            self.port = 0  # taken meanwhile by someone else: another free port

    def _wait_listening(self, deadline: float) -> bool:
        assert self._proc is not None
        while time.monotonic() < deadline:
            if self._proc.poll() is not None:
                return False
            try:
                with socket.create_connection((self.host, self.port), timeout=0.5):
                    return True
            except OSError:
                time.sleep(0.05)
        return False

    def stop(self) -> None:
        if self._proc is not None:
            self._proc.terminate()
            try:
                self._proc.wait(5)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()
            self._proc = None
        if self._dir is not None:
            self._dir.cleanup()
            self._dir = None

    def __enter__(self) -> Broker:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
