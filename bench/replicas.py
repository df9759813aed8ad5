"""Replicas benchmark: one SQLite server against one, two and three PostgreSQL replicas.

    .venv/bin/python bench/replicas.py [--seconds 4] [--clients 6] [--window 8] [--desks 50]

Every server is a ``python -m app.server`` process; the clients and desks run here. A throwaway
PostgreSQL cluster (fsync on, synchronous_commit on: a commit is on disk) is started in a temp
folder. Per setup:

1. commands: ``--clients`` dispatchers spread over the replicas, each with ``--window`` commands
   in flight (move_unit), for ``--seconds``: acknowledged durable commands/s, p50/p99 send->ack.
2. fan-out, in the same run: ``--desks`` observers per replica receive every event; delivered
   events/s (all desks together) and p99 commit->delivery (event time to receipt). Each desk's
   events are checked gap-free.
3. failover (PostgreSQL, two replicas): a real sync engine on replica B with ``B,A`` as its
   server list; B is killed with SIGKILL; time until the engine is online on A and caught up.

Baseline, in the same run: raw psycopg, ``--clients`` connections each committing one-row
transactions (INSERT + COMMIT) as fast as it can on the same cluster: what the database gives
without CityOps's decisions, group commit, fan-out or network.
"""

from __future__ import annotations

import sys
from pathlib import Path

# Run as a script, bench/ is first on sys.path and its queue.py would shadow the stdlib's.
_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]
sys.path.insert(0, str(_HERE.parent))

import argparse  # noqa: E402
import asyncio  # noqa: E402
import logging  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
import uuid  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402

import msgspec  # noqa: E402
import psycopg  # noqa: E402
from websockets.asyncio.client import ClientConnection, connect  # noqa: E402

from app.protocol import Hello, encode  # noqa: E402
from tests.pg import PgCluster, ReplicaProcess, pg_bin  # noqa: E402

log = logging.getLogger(__name__)

PASSWORD = "bench-pass"
UNITS = 200


class _Answer(msgspec.Struct):
    msg: str
    id: str = ""


class _Event(msgspec.Struct):
    seq: int
    time: float


class _Events(msgspec.Struct):
    msg: str
    events: list[_Event] = []


_answer = msgspec.json.Decoder(_Answer)
_events = msgspec.json.Decoder(_Events)


# --- setting up a database ----------------------------------------------------------------------
def prepare(db: str) -> None:
    """Accounts and 200 units, through a server like any other (then stopped)."""
    from app.domain import events as ev
    from app.domain.model import Agency, Unit
    from app.server import CityServer
    from app.server.__main__ import open_store
    from app.server.auth import make_user_record

    async def main() -> None:
        store = open_store(db)
        server = CityServer("" if "://" in db else db, port=0, deadline_interval=0, store=store)
        await server.start()
        store.put_user(make_user_record("bench", PASSWORD, "dispatcher", cost=2**10))
        store.put_user(make_user_record("watch", PASSWORD, "observer", cost=2**10))
        bodies: list[ev.EventBody] = [ev.AgencyUpserted(agency=Agency(id="fire", name="Fire"))]
        bodies += [
            ev.UnitUpserted(unit=Unit(id=f"U{i}", agency="fire", type="engine"))
            for i in range(UNITS)
        ]
        await server.inject(bodies)
        await server.stop()

    asyncio.run(main())


def start_servers(db: str, n: int, logs: Path) -> list[ReplicaProcess]:
    procs = []
    for i in range(n):
        p = ReplicaProcess(db, logs / f"replica-{i}.log", extra=["--rate", "1e6", "--burst", "1e6"])
        p.start()
        procs.append(p)
    return procs


# --- clients ------------------------------------------------------------------------------------
async def sign_in(port: int, user: str) -> ClientConnection:
    ws = await connect(f"ws://127.0.0.1:{port}", compression=None, max_size=2**24)
    hello = Hello(username=user, password=PASSWORD, workstation=f"bench-{user}", last_seq=10**12)
    await ws.send(encode(hello), text=True)
    await ws.recv()  # welcome
    await ws.recv()  # snapshot (asked for by the out-of-range last_seq)
    return ws


@dataclass
class Desk:
    """An observer desk: timestamps every event it receives, checks the order."""

    ws: ClientConnection
    start: int
    last: int = 0
    count: int = 0
    gaps: int = 0
    delays: list[float] = field(default_factory=list)

    async def read(self) -> None:
        async for raw in self.ws:
            now = time.time()
            msg = _events.decode(raw)
            for e in msg.events:
                if e.seq <= self.start:
                    continue
                if self.last and e.seq != self.last + 1:
                    self.gaps += 1
                self.last = e.seq
                self.count += 1
                self.delays.append(now - e.time)


async def dispatcher(port: int, window: int, until: float, lat: list[float], k: int) -> int:
    ws = await sign_in(port, "bench")
    waiting: dict[str, float] = {}
    done = asyncio.Event()
    acked = 0
    prefix = uuid.uuid4().hex

    async def reader() -> None:
        nonlocal acked
        async for raw in ws:
            a = _answer.decode(raw)
            if a.msg not in ("ack", "error"):
                continue
            sent = waiting.pop(a.id, None)
            if sent is not None:
                lat.append(time.perf_counter() - sent)
                acked += a.msg == "ack"
                done.set()

    task = asyncio.create_task(reader())
    n = 0
    while time.perf_counter() < until:
        while len(waiting) < window and time.perf_counter() < until:
            n += 1
            cid = f"{prefix}-{n}"
            unit = f"U{(k * 37 + n) % UNITS}"
            cmd = (
                f'{{"msg":"command","id":"{cid}","type":"move_unit","payload":'
                f'{{"unit_id":"{unit}","lat":{37 + n * 1e-7},"lon":-122.4}}}}'
            )
            waiting[cid] = time.perf_counter()
            await ws.send(cmd, text=True)
        done.clear()
        await done.wait()
    await ws.close()
    task.cancel()
    return acked


def pct(xs: list[float], q: float) -> float:
    if not xs:
        return float("nan")
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(q * len(xs)))]


async def measure(ports: list[int], args: argparse.Namespace, start_seq: int) -> dict[str, float]:
    desks = [Desk(await sign_in(p, "watch"), start_seq) for p in ports for _ in range(args.desks)]
    readers = [asyncio.create_task(d.read()) for d in desks]
    lat: list[float] = []
    t0 = time.perf_counter()
    until = t0 + args.seconds
    acked = await asyncio.gather(
        *(
            dispatcher(ports[k % len(ports)], args.window, until, lat, k)
            for k in range(args.clients)
        )
    )
    wall = time.perf_counter() - t0
    total = sum(acked)
    # Let the desks receive the last events (wait on the condition, at most 10 s).
    end = time.perf_counter() + 10
    while time.perf_counter() < end and any(d.count < total for d in desks):
        await asyncio.sleep(0.05)
    deliver_wall = time.perf_counter() - t0
    for r in readers:
        r.cancel()
    for d in desks:
        await d.ws.close()
    delays = [x for d in desks for x in d.delays]
    return {
        "cmds_s": total / wall,
        "ack_p50": 1000 * pct(lat, 0.5),
        "ack_p99": 1000 * pct(lat, 0.99),
        "fan_s": sum(d.count for d in desks) / deliver_wall,
        "deliv_p99": 1000 * pct(delays, 0.99),
        "missing": sum(max(0, total - d.count) for d in desks),
        "gaps": sum(d.gaps for d in desks),
        "desks": len(desks),
    }


# --- baseline -----------------------------------------------------------------------------------
def raw_commits(url: str, clients: int, seconds: float) -> float:
    with psycopg.connect(url, autocommit=True) as con:
        con.execute("CREATE TABLE IF NOT EXISTS bench_raw (id BIGSERIAL PRIMARY KEY, data TEXT)")
    counts = [0] * clients

    def work(i: int) -> None:
        with psycopg.connect(url) as con:
            end = time.perf_counter() + seconds
            while time.perf_counter() < end:
                con.execute("INSERT INTO bench_raw (data) VALUES (%s)", ('{"lat": 37.0}',))
                con.commit()
                counts[i] += 1

    threads = [threading.Thread(target=work, args=(i,)) for i in range(clients)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sum(counts) / (time.perf_counter() - t0)


# --- failover -----------------------------------------------------------------------------------
def failover_times(db: str, logs: Path, rounds: int) -> list[float]:
    from PySide6 import QtCore
    from qasync import QEventLoop

    from app.store.store import Store
    from app.sync.backoff import Backoff
    from app.sync.engine import SyncEngine

    app = QtCore.QCoreApplication.instance() or QtCore.QCoreApplication([])
    loop = QEventLoop(app)
    asyncio.set_event_loop(loop)
    a = ReplicaProcess(db, logs / "failover-a.log")
    a.start()
    times = []
    try:
        for r in range(rounds):
            b = ReplicaProcess(db, logs / f"failover-b{r}.log")
            b.start()
            eng = SyncEngine(
                Store(),
                f"{b.url},{a.url}",
                f"fo{r}",
                cache_path=logs / f"fo{r}.sqlite",
                backoff=Backoff(initial=0.05, maximum=0.4),
                ping_interval=0.5,
                dead_after=3.0,
            )

            async def once(eng: SyncEngine = eng, b: ReplicaProcess = b) -> float:
                eng.start("watch", PASSWORD)
                await eng.wait_until(eng.synced, timeout=30)
                t0 = time.perf_counter()
                b.kill()
                await eng.wait_until(lambda: eng.url == a.url and eng.synced(), timeout=30)
                took = time.perf_counter() - t0
                await eng.stop()
                eng.close()
                return took

            times.append(loop.run_until_complete(once()))
    finally:
        a.stop()
        loop.close()
        asyncio.set_event_loop(None)
    return times


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--seconds", type=float, default=4.0)
    p.add_argument("--clients", type=int, default=6)
    p.add_argument("--window", type=int, default=8)
    p.add_argument("--desks", type=int, default=50, help="observer desks per replica")
    p.add_argument("--failovers", type=int, default=3)
    args = p.parse_args()
    logging.basicConfig(level="WARNING")
    bin_dir = pg_bin()
    if bin_dir is None:
        print("PostgreSQL is not installed (scripts/setup.sh --dev)", file=sys.stderr)
        return 2
    cluster = PgCluster(bin_dir, fsync=True)
    cluster.start()
    tmp = Path(tempfile.mkdtemp(prefix="cityops-bench-"))
    rows: list[tuple[str, dict[str, float]]] = []
    try:
        raw = raw_commits(cluster.database("raw"), args.clients, 2.0)
        print(
            f"baseline: raw psycopg one-row transactions, {args.clients} connections: {raw:,.0f}/s"
        )
        setups = [("SQLite, 1 server", str(tmp / "city.db"), 1)]
        setups += [(f"PostgreSQL, {n} replica{'s' * (n > 1)}", "", n) for n in (1, 2, 3)]
        for name, db, n in setups:
            db = db or cluster.database(f"bench{n}")
            prepare(db)
            procs = start_servers(db, n, tmp)
            try:
                res = asyncio.run(measure([q.port for q in procs], args, UNITS + 1))
            finally:
                for q in procs:
                    q.stop()
            rows.append((name, res))
            print(
                f"{name}: {res['cmds_s']:,.0f} durable commands/s "
                f"(×{res['cmds_s'] / raw:.2f} the raw baseline), ack p50/p99 "
                f"{res['ack_p50']:.1f}/{res['ack_p99']:.1f} ms; fan-out to {res['desks']:.0f} "
                f"desks {res['fan_s']:,.0f} events/s, delivery p99 {res['deliv_p99']:.1f} ms; "
                f"missing {res['missing']:.0f}, gaps {res['gaps']:.0f}",
                flush=True,
            )
        fo_db = cluster.database("failover")
        prepare(fo_db)
        fo = failover_times(fo_db, tmp, args.failovers)
        fo_note = ", ".join(f"{t * 1000:.0f}" for t in fo)
        print(
            f"failover (kill -9 of the desk's replica -> online and caught up on the other): "
            f"{fo_note} ms (median {statistics.median(fo) * 1000:.0f} ms)"
        )
    finally:
        cluster.stop()
        subprocess.run(["rm", "-rf", str(tmp)], check=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
