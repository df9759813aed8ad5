"""How long a workstation takes to catch up after missing 10,000 and 100,000 events.

A real server (``app.server.core.CityServer`` in its own process, SQLite in a temp folder) holds the
demo city. A workstation's sync engine signs in and goes offline; N events (units moving, notes,
new incidents) are written into the server's database through its storage interface while the
server is down; the server comes back and the engine catches up: receive, apply and persist into
its cache file. The baseline, measured in the same run, is plain sqlite3 inserting the same N event
rows (read beforehand, one transaction, executemany) into a new file in the same folder.

    .venv/bin/python bench/resync.py [--sizes 10000 100000] [--snapshot]

``--snapshot`` also times the default server set-up, which sends a snapshot instead of events to a
client more than 50,000 events behind.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

# Run as a script, bench/ itself is first on sys.path, and its queue.py would shadow the stdlib's.
_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]
sys.path.insert(0, str(_HERE.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import qasync  # noqa: E402
from PySide6 import QtCore  # noqa: E402

from app.city import default_city  # noqa: E402
from app.domain import events as ev  # noqa: E402
from app.domain.model import (  # noqa: E402
    Incident,
    IncidentKind,
    Location,
    NarrativeEntry,
    Role,
    SourceChannel,
    Status,
)
from app.domain.state import Changes  # noqa: E402
from app.server.auth import make_user_record  # noqa: E402
from app.server.store import Batch, SqliteEventStore  # noqa: E402
from app.store.store import Store  # noqa: E402
from app.sync.engine import SyncEngine  # noqa: E402

log = logging.getLogger(__name__)
PASSWORD = "bench-password"


def missed_events(start: int, n: int, unit_ids: list[str], known: list[str]) -> list[ev.EventBody]:
    """N bodies: 60% units moving, 25% notes on existing incidents, 15% new incidents."""
    out: list[ev.EventBody] = []
    t0 = 1_700_000_000.0
    for k in range(start, start + n):
        r = k % 20
        if r < 12:
            unit = unit_ids[k % len(unit_ids)]
            lat, lon = 37.72 + (k % 997) / 20_000, -122.48 + (k % 991) / 15_000
            out.append(ev.UnitMoved(unit_id=unit, lat=lat, lon=lon, heading=k % 360, at=t0 + k))
        elif r < 17 and known:
            entry = NarrativeEntry(at=t0 + k, who="erin", text=f"field update {k}")
            out.append(ev.NoteAdded(incident_id=known[k % len(known)], entry=entry))
        else:
            iid = f"bench-{k}"
            inc = Incident(
                id=iid,
                number=f"2026-{k:06d}",
                kind=IncidentKind.URBAN,
                category="event.exposed_garbage",
                priority=3,
                status=Status.REPORTED,
                location=Location(lat=37.77, lon=-122.42, address=f"{k} Market St"),
                source=SourceChannel.HOTLINE,
                description=f"bench incident {k}",
                department="sanitation",
                created_at=t0 + k,
                updated_at=t0 + k,
            )
            out.append(ev.IncidentCreated(incident=inc))
            known.append(iid)
    return out


def seed(db: Path, bodies: list[ev.EventBody], actor: str = "erin") -> None:
    """Append events to the server's database through its storage interface (server stopped)."""
    store = SqliteEventStore(db)
    state = store.load_state()
    for lo in range(0, len(bodies), 10_000):
        events = []
        changes = Changes()
        for body in bodies[lo : lo + 10_000]:
            e = ev.Event(
                seq=state.seq + 1, time=time.time(), actor=actor, workstation="w", body=body
            )
            changes.merge(state.apply(e))
            state.seq = e.seq
            events.append(e)
        store.append(Batch(events=events, changes=changes), state)
    store.close()


_SERVER = """
import asyncio, sys
from app.server.core import CityServer

async def main() -> None:
    srv = CityServer(sys.argv[1], "127.0.0.1", int(sys.argv[2]), deadline_interval=0,
                     snapshot_after=int(sys.argv[3]))
    await srv.start()
    print("ready", flush=True)
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
    await srv.stop()

asyncio.run(main())
"""


class ServerProcess:
    """``CityServer`` in a child process (its own core and GIL), on a fixed port."""

    def __init__(self, db: Path, port: int, snapshot_after: int) -> None:
        self.db, self.port, self.snapshot_after = db, port, snapshot_after
        self.proc: subprocess.Popen[str] | None = None

    @property
    def url(self) -> str:
        return f"ws://127.0.0.1:{self.port}"

    def start(self) -> None:
        env = {**os.environ, "PYTHONPATH": str(_HERE.parent)}
        args = [sys.executable, "-c", _SERVER, str(self.db), str(self.port)]
        self.proc = subprocess.Popen(
            [*args, str(self.snapshot_after)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
            cwd=_HERE.parent,
        )
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if line.strip() != "ready":
            raise SystemExit(f"the server did not start: {line!r}")

    def stop(self) -> None:
        if self.proc is not None and self.proc.stdin is not None:
            self.proc.stdin.close()
            self.proc.wait(30)
            self.proc = None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def baseline_insert(folder: Path, db: Path, first_seq: int, last_seq: int) -> float:
    """Seconds plain sqlite3 takes to insert the same event rows (read beforehand)."""
    src = sqlite3.connect(db)
    rows = src.execute(
        "SELECT seq, time, actor, workstation, type, incident_id, payload FROM events"
        " WHERE seq > ? AND seq <= ? ORDER BY seq",
        (first_seq, last_seq),
    ).fetchall()
    src.close()
    path = folder / f"baseline-{last_seq}.sqlite"
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=NORMAL")
    con.execute(
        "CREATE TABLE events (seq INTEGER PRIMARY KEY, time REAL, actor TEXT, workstation TEXT,"
        " type TEXT, incident_id TEXT, payload TEXT)"
    )
    started = time.perf_counter()
    con.execute("BEGIN")
    con.executemany("INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
    con.execute("COMMIT")
    took = time.perf_counter() - started
    con.close()
    return took


def check_same(engine: SyncEngine, db: Path) -> None:
    """The workstation's cache must hold what the server holds (else the timing means nothing)."""
    store = SqliteEventStore(db)
    want = store.load_state()
    store.close()
    got = engine.cache.load_state()
    if got is None or got.seq != want.seq:
        raise SystemExit(f"cache seq {engine.cache.last_seq} != server seq {want.seq}")
    if got.incidents != want.incidents or got.units != want.units:
        raise SystemExit("the cache differs from the server after catch-up")


async def catch_up(
    engine: SyncEngine, target: int, timeout: float
) -> tuple[float, str, int, float]:
    """(wall seconds from start() to synced, how, events received, catch-up seconds)."""
    started = time.perf_counter()
    engine.start()
    try:
        await engine.wait_until(
            lambda: engine.synced() and engine.confirmed.seq >= target, timeout=timeout
        )
    finally:
        await engine.stop()
    wall = time.perf_counter() - started
    how, count, seconds = engine.last_catch_up
    return wall, how, count, seconds


async def run(sizes: list[int], snapshot: bool, folder: Path) -> list[dict[str, Any]]:
    city = default_city()
    db = folder / "server.sqlite"
    store = SqliteEventStore(db)
    store.put_user(make_user_record("dana", PASSWORD, Role.DISPATCHER, cost=2**14))
    store.close()
    ref: list[ev.EventBody] = [ev.AgencyUpserted(agency=a) for a in city.agencies]
    ref += [ev.UnitUpserted(unit=u) for u in city.units]
    ref += [ev.CameraUpserted(camera=c) for c in city.cameras]
    seed(db, ref, actor="system")
    unit_ids = [u.id for u in city.units]
    known: list[str] = []
    made = 0
    port = free_port()
    modes = [("events", 10**9)] + ([("default", 50_000)] if snapshot else [])
    engines: dict[str, SyncEngine] = {}
    for mode, snapshot_after in modes:  # every workstation signs in once while the city is new
        srv = ServerProcess(db, port, snapshot_after)
        engine = SyncEngine(
            Store(), srv.url, f"bench-{mode}", cache_path=folder / f"cache-{mode}.sqlite"
        )
        srv.start()
        try:
            engine.start("dana", PASSWORD)
            await engine.wait_until(engine.synced, timeout=120)
            await engine.stop()
        finally:
            srv.stop()
        engines[mode] = engine
    results: list[dict[str, Any]] = []
    for n in sizes:
        first = next(iter(engines.values())).confirmed.seq
        t0 = time.perf_counter()
        seed(db, missed_events(made, n, unit_ids, known))
        made += n
        seeded = time.perf_counter() - t0
        last = first + n
        base = baseline_insert(folder, db, first, last)
        for mode, snapshot_after in modes:
            engine = engines[mode]
            srv = ServerProcess(db, port, snapshot_after)
            srv.start()
            try:
                wall, how, count, seconds = await catch_up(
                    engine, last, timeout=120 if mode == "events" else 30
                )
            except TimeoutError:
                print(
                    f"{mode:>7} server, {n:>7,} missed events: NOT caught up"
                    f" (last error: {engine.last_error})",
                    flush=True,
                )
                continue
            finally:
                srv.stop()
            check_same(engine, db)
            results.append({"mode": mode, "missed": n, "wall": wall, "baseline": base})
            wal = engine.cache.path.with_name(engine.cache.path.name + "-wal")
            equiv = " (equivalent)" if how == "snapshot" else ""
            size = (
                engine.cache.path.stat().st_size + (wal.stat().st_size if wal.exists() else 0)
            ) / 1e6
            print(
                f"{mode:>7} server, {n:>7,} missed events: catch-up ({how}, {count:,} received)"
                f" {seconds:6.2f} s, start-to-synced {wall:6.2f} s | raw sqlite3 insert of the"
                f" same rows {base:5.2f} s | ratio {wall / base:5.1f}x | {n / wall:7,.0f} events/s{equiv}"
                f" | cache {size:.0f} MB (seeding took {seeded:.1f} s)",
                flush=True,
            )
    for engine in engines.values():
        engine.close()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--snapshot", action="store_true", help="also time the snapshot path")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    args = parser.parse_args()
    logging.basicConfig(level=os.environ.get("LOGLEVEL", "WARNING"))
    app = QtCore.QCoreApplication.instance() or QtCore.QCoreApplication([])
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    with tempfile.TemporaryDirectory(prefix="cityops-resync-") as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        results = loop.run_until_complete(run(args.sizes, args.snapshot, folder))
    target = [r for r in results if r["missed"] == 100_000 and r["mode"] == "events"]
    if target:
        verdict = "met" if target[0]["wall"] < 10 else "NOT met"
        print(f"target (100,000 events caught up in < 10 s): {verdict}")


if __name__ == "__main__":
    main()
