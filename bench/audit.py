"""Audit viewer benchmark: the one ``read_audit`` query on SQLite and on PostgreSQL.

    .venv/bin/python bench/audit.py [--rows 100000] [--repeat 20]

Fills a server database (SQLite file, and a throwaway PostgreSQL cluster when Debian's
PostgreSQL is installed) with ``--rows`` audit rows — commands with their stored answers and
events, sign-ins, admin actions, a tenth of them refused — and times the viewer's requests:
the newest 1,000 rows, one person's refusals, one incident's commands. Baseline, in the same
run: the raw library reading the same number of audit rows with a plain indexed-by-id SELECT (no
join to answers and events, no incident numbers): what the database gives for the rows alone.
"""

from __future__ import annotations

import sys
from pathlib import Path

# Run as a script, bench/ is first on sys.path and its queue.py would shadow the stdlib's.
_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]
sys.path.insert(0, str(_HERE.parent))

import argparse  # noqa: E402
import json  # noqa: E402
import logging  # noqa: E402
import sqlite3  # noqa: E402
import statistics  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402
from typing import Any  # noqa: E402

from app.audit import AuditFilter  # noqa: E402
from app.server.audit import POSTGRES, SQLITE, Dialect, read_audit  # noqa: E402
from app.server.pgstore import PgEventStore  # noqa: E402
from app.server.store import SqliteEventStore  # noqa: E402
from tests.pg import PgCluster, pg_bin  # noqa: E402

log = logging.getLogger(__name__)

USERS = [f"disp{n}" for n in range(20)]
SEP = "\x1f"


def rows(n: int) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """Audit rows, command answers and events of a busy log."""
    audit, answers, events = [], [], []
    t0 = 1_795_000_000.0
    seq = 0
    for i in range(n):
        user = USERS[i % len(USERS)]
        kind = "command" if i % 10 < 8 else ("login" if i % 10 == 8 else "admin")
        refused = i % 10 == 3
        cid = f"c{i:08d}"
        result = "unknown_id" if refused else "ok"
        audit.append(
            (t0 + i, user, f"ws-{user}", "10.0.0.1", kind, cid, "assign_units", result, "")
        )
        if kind == "command":
            if refused:
                answers.append((user + SEP + cid, json.dumps({"msg": "error"}), t0 + i))
            else:
                seq += 1
                incident = f"inc-{i // 40}"
                answers.append(
                    (user + SEP + cid, json.dumps({"msg": "ack", "first_seq": seq}), t0 + i)
                )
                events.append((seq, t0 + i, user, f"ws-{user}", "unit_assigned", incident, "{}"))
    return audit, answers, events


def fill_sqlite(path: Path, data: tuple[list[Any], list[Any], list[Any]]) -> sqlite3.Connection:
    SqliteEventStore(path).close()  # the server's schema
    con = sqlite3.connect(path)
    audit, answers, events = data
    cols = "time, username, workstation, peer, kind, command_id, command_type, result, detail"
    con.executemany(f"INSERT INTO audit ({cols}) VALUES (?,?,?,?,?,?,?,?,?)", audit)
    con.executemany("INSERT INTO commands VALUES (?,?,?)", answers)
    con.executemany("INSERT INTO events VALUES (?,?,?,?,?,?,?)", events)
    incidents = sorted({e[5] for e in events})
    con.executemany(
        "INSERT INTO incidents (id, data) VALUES (?, ?)",
        [(i, json.dumps({"id": i, "number": f"2026-{n:06d}"})) for n, i in enumerate(incidents)],
    )
    con.commit()
    return con


def fill_pg(url: str, data: tuple[list[Any], list[Any], list[Any]]) -> Any:
    store = PgEventStore(url)
    con = store._con()
    audit, answers, events = data
    cols = "time, username, workstation, peer, kind, command_id, command_type, result, detail"
    with con.cursor() as cur:
        cur.executemany(f"INSERT INTO audit ({cols}) VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s)", audit)
        cur.executemany("INSERT INTO commands VALUES (%s,%s,%s)", answers)
        cur.executemany("INSERT INTO events VALUES (%s,%s,%s,%s,%s,%s,%s)", events)
        incidents = sorted({e[5] for e in events})
        cur.executemany(
            "INSERT INTO incidents (id, data) VALUES (%s, %s)",
            [
                (i, json.dumps({"id": i, "number": f"2026-{n:06d}"}))
                for n, i in enumerate(incidents)
            ],
        )
        cur.execute("ANALYZE")
    return store


def timed(fn: Callable[[], object], repeat: int) -> tuple[float, int]:
    out: list[float] = []
    got: object = None
    for _ in range(repeat):
        t = time.perf_counter()
        got = fn()
        out.append(time.perf_counter() - t)
    return statistics.median(out) * 1000, len(got)  # type: ignore[arg-type]


def measure(name: str, con: Any, d: Dialect, repeat: int) -> None:
    m = d.mark
    baseline_sql = (
        "SELECT time, username, workstation, peer, kind, command_id, command_type, result, "
        f"detail FROM audit ORDER BY id DESC LIMIT {m}"
    )
    base_ms, base_n = timed(lambda: con.execute(baseline_sql, [1000]).fetchall(), repeat)
    print(f"{name}: raw SELECT of the newest {base_n} audit rows: {base_ms:.2f} ms (baseline)")
    cases = {
        "newest 1,000 rows": AuditFilter(limit=1000),
        "one person's refusals": AuditFilter(user="disp3", outcome="refused", limit=1000),
        "one incident's commands": AuditFilter(incident="2026-000123", limit=1000),
    }
    for label, f in cases.items():
        ms, n = timed(lambda f=f: read_audit(con, f, d), repeat)  # type: ignore[misc]
        print(f"{name}: read_audit {label}: {n} rows in {ms:.2f} ms ({ms / base_ms:.1f}x baseline)")


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--rows", type=int, default=100_000)
    p.add_argument("--repeat", type=int, default=20)
    args = p.parse_args()
    data = rows(args.rows)
    print(f"{args.rows} audit rows, {len(data[1])} command answers, {len(data[2])} events")
    with tempfile.TemporaryDirectory() as tmp:
        con = fill_sqlite(Path(tmp) / "audit.db", data)
        measure("SQLite", con, SQLITE, args.repeat)
        con.close()
    bin_dir = pg_bin()
    if bin_dir is None:
        print("PostgreSQL: not installed here (scripts/setup.sh installs it); skipped")
        return 0
    cluster = PgCluster(bin_dir)
    cluster.start()
    try:
        store = fill_pg(cluster.database("audit_bench"), data)
        measure("PostgreSQL", store._con(), POSTGRES, args.repeat)
        store.close()
    finally:
        cluster.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
