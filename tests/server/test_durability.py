"""Durability: kill -9 the server process in the middle of a burst, restart it on the same
database, and find every acknowledged command in the log with the same answer."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import uuid
from pathlib import Path

from app.net.client import Connection
from app.protocol import Ack
from app.server.auth import make_user_record
from app.server.store import SqliteEventStore
from tests.server.conftest import CHEAP, PASSWORD, REPO_ROOT, live_server, run


def _start(db: Path) -> tuple[subprocess.Popen[str], int]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "app.server", "--db", str(db), "--port", "0", "--rate", "100000",
         "--burst", "100000", "--log-level", "WARNING"],
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    assert proc.stdout is not None
    line = proc.stdout.readline()
    assert "listening on" in line, line
    return proc, int(line.rsplit(":", 1)[1])


def test_acknowledged_commands_survive_kill_9(tmp_path: Path) -> None:
    db = tmp_path / "city.db"

    async def seed() -> None:
        async with live_server(db):
            pass  # creates the accounts and the test city

    run(seed())
    out = subprocess.run(
        [sys.executable, "-m", "app.server", "init-admin", "--db", str(db), "--username", "root", "--password", "harbour-lights-7"],
        cwd=REPO_ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    store = SqliteEventStore(db)
    assert store.get_user("root") is not None and store.get_user("root").role == "admin"  # type: ignore[union-attr]
    store.put_user(make_user_record("burst", PASSWORD, "dispatcher", cost=CHEAP))
    store.close()

    proc, port = _start(db)
    acked: dict[str, Ack] = {}
    sent: dict[str, dict[str, object]] = {}

    async def burst() -> None:
        conns = [
            await Connection.connect(
                f"ws://127.0.0.1:{port}", "burst", PASSWORD, f"w{i}", last_seq=10**9
            )
            for i in range(4)
        ]

        counter = iter(range(20_000))

        async def worker(conn: Connection) -> None:
            for i in counter:
                cid = str(uuid.uuid4())
                payload = {"unit_id": "E1", "lat": 37.7 + i * 1e-6, "lon": -122.4}
                sent[cid] = payload
                try:
                    ans = await conn.send_command("move_unit", payload, command_id=cid, timeout=10)
                except (ConnectionError, TimeoutError):
                    return
                assert isinstance(ans, Ack), ans
                acked[cid] = ans
                if len(acked) == 1000:
                    os.kill(proc.pid, signal.SIGKILL)  # in the middle of the burst

        await asyncio.gather(*[worker(conns[i % 4]) for i in range(32)])

    run(burst())
    proc.wait(10)
    assert proc.returncode == -signal.SIGKILL
    assert 1000 <= len(acked) < 20_000, len(acked)
    assert len(sent) > len(acked)  # some commands were in flight when it died

    proc, port = _start(db)
    try:

        async def check() -> None:
            conn = await Connection.connect(
                f"ws://127.0.0.1:{port}", "burst", PASSWORD, "w", last_seq=10**9
            )
            answers = await asyncio.gather(
                *[conn.send_command("move_unit", sent[cid], command_id=cid) for cid in acked]
            )
            for cid, ans in zip(acked, answers, strict=True):
                assert ans == acked[cid], (cid, ans, acked[cid])  # the same seq: nothing re-applied
            await conn.close()

        store = SqliteEventStore(db)
        seqs = {a.seq for a in acked.values()}
        with store._con() as con:
            found = {r[0] for r in con.execute("SELECT seq FROM events WHERE type = 'unit_moved'")}
            audited = {
                r[0] for r in con.execute("SELECT command_id FROM audit WHERE result = 'ok'")
            }
        assert seqs <= found
        assert set(acked) <= audited
        last = store.last_seq()
        state = store.load_state()
        assert state.seq == last  # current-state tables and log committed together
        store.close()
        run(check())
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(10)
    assert proc.returncode == 0
