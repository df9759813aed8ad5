"""A throwaway PostgreSQL cluster for tests: initdb + pg_ctl from Debian's packages, in a temp
folder, on a free port, reached through a unix socket in that folder; stopped at the end.

initdb refuses to run as root, so as root the cluster belongs to the ``postgres`` system user
(made by Debian's package) and its commands run through ``runuser``. fsync is off: the tests kill
server replicas, never the database, and the machine is shared.
"""

from __future__ import annotations

import contextlib
import glob
import hashlib
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

REPO = Path(__file__).resolve().parent.parent


def pg_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return Path(found[-1]).parent
    exe = shutil.which("initdb")
    return Path(exe).parent if exe else None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PgCluster:
    """One cluster; :meth:`database` makes (once) a database per name and returns its URL."""

    def __init__(self, bin_dir: Path, fsync: bool = False) -> None:
        self.bin = bin_dir
        self.root = Path(tempfile.mkdtemp(prefix="cityops-pg-"))
        self.data = self.root / "data"
        self.port = free_port()
        self.fsync = fsync
        self._prefix: list[str] = []
        if os.getuid() == 0:
            owner = pwd.getpwnam("postgres")
            os.chown(self.root, owner.pw_uid, owner.pw_gid)
            self._prefix = ["runuser", "-u", "postgres", "--"]
        self._made: set[str] = set()

    def _run(self, *args: str) -> None:
        subprocess.run(
            [*self._prefix, *args], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )

    def start(self) -> None:
        self._run(
            str(self.bin / "initdb"),
            "-D",
            str(self.data),
            "-U",
            "postgres",
            "--auth=trust",
            "--no-sync",
            "-E",
            "UTF8",
        )
        opts = f"-p {self.port} -k {self.root} -c listen_addresses='' -c max_connections=200"
        if not self.fsync:
            opts += " -c fsync=off -c synchronous_commit=on -c full_page_writes=off"
        self._run(
            str(self.bin / "pg_ctl"),
            "-D",
            str(self.data),
            "-l",
            str(self.root / "log"),
            "-o",
            opts,
            "-w",
            "start",
        )

    def stop(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):
            self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop")
        shutil.rmtree(self.root, ignore_errors=True)

    def url(self, dbname: str) -> str:
        return f"postgresql://postgres@/{dbname}?host={self.root}&port={self.port}"

    def database(self, name: str) -> str:
        """The URL of database ``name`` (letters, digits, _), created when new."""
        if name not in self._made:
            with psycopg.connect(self.url("postgres"), autocommit=True) as con:
                exists = con.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,))
                if exists.fetchone() is None:
                    con.execute(f'CREATE DATABASE "{name}"')  # type: ignore[arg-type]
            self._made.add(name)
        return self.url(name)

    def database_for(self, path: Path | str) -> str:
        """One database per test path (a restart with the same path finds the same data)."""
        return self.database("t_" + hashlib.sha1(str(path).encode()).hexdigest()[:20])


_cluster: PgCluster | None = None


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PgCluster]:
    global _cluster
    bin_dir = pg_bin()
    if bin_dir is None:
        pytest.fail("PostgreSQL is not installed: run scripts/setup.sh --dev")
    cluster = PgCluster(bin_dir)
    cluster.start()
    _cluster = cluster
    try:
        yield cluster
    finally:
        _cluster = None
        cluster.stop()


@pytest.fixture
def pg_url(pg_cluster: PgCluster, request: pytest.FixtureRequest) -> str:
    """A fresh database for this test."""
    return pg_cluster.database_for(request.node.nodeid)


def active_cluster() -> PgCluster | None:
    return _cluster


class ReplicaProcess:
    """``python -m app.server --db postgresql://...`` as a child process (to kill -9)."""

    def __init__(
        self, db_url: str, log_path: Path, port: int = 0, extra: list[str] | None = None
    ) -> None:
        self.extra = extra or []
        self.db_url = db_url
        self.log_path = log_path
        self.port = port
        self.proc: subprocess.Popen[str] | None = None

    def start(self, timeout: float = 60.0) -> None:
        self._log = open(self.log_path, "a")  # noqa: SIM115 (closed in stop/kill)
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "app.server",
                "--db",
                self.db_url,
                "--port",
                str(self.port),
                "--deadline-interval",
                "0",
                "--log-level",
                "WARNING",
                *self.extra,
            ],
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=self._log,
            text=True,
        )
        assert self.proc.stdout is not None
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            line = self.proc.stdout.readline()
            if not line:
                raise RuntimeError(f"the replica ended at start; see {self.log_path}")
            if "listening on" in line:
                self.port = int(line.rsplit(":", 1)[1])
                return
        raise TimeoutError("the replica did not start in time")

    @property
    def url(self) -> str:
        return f"ws://127.0.0.1:{self.port}"

    def kill(self) -> None:
        """SIGKILL: no shutdown, no flush; open transactions die with the connection."""
        if self.proc is not None:
            self.proc.kill()
            self.proc.wait(10)
            self.proc = None
            self._log.close()

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
            self.proc = None
            self._log.close()
