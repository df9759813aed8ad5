"""The event store on PostgreSQL: several server replicas on one database.

Same promise as :class:`app.server.store.SqliteEventStore`: a batch (events, current-state rows,
command answers, audit) is one transaction, and the server answers only after it committed
(PostgreSQL's default ``synchronous_commit=on`` flushes the WAL at commit).

Global order without gaps: the one row of ``log_head`` holds the last position. A replica that
decides a batch first locks that row (``SELECT ... FOR UPDATE``) and keeps it locked until its
transaction commits, so positions are handed out in commit order: a reader that has seen position
N never later finds an N-1, and no two replicas ever decide on different states (see
:mod:`app.server.pgreplica`). A row lock rather than a sequence: a sequence hands out numbers
at insert time, so a later transaction could commit N+1 before N and a reader would skip N.

Every commit also sends ``NOTIFY cityops_events, '<last seq>'``: only a wake-up for the other
replicas, which then read the table by position (a notification lost while a listener
reconnects loses nothing).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterable, Sequence
from typing import Any

import msgspec
import psycopg

from app.domain.alerts import Alert
from app.domain.devices import CameraZone, Device
from app.domain.events import (
    Event,
    decode_event,
)
from app.domain.model import (
    Agency,
    Camera,
    GridCell,
    Incident,
    LinkageRequest,
    NarrativeEntry,
    Unit,
)
from app.domain.rounds import InspectorStatus, Round
from app.domain.state import CityState, RulesData, Snapshot
from app.server.audit import POSTGRES, AuditFilter, AuditRow, read_audit
from app.server.batching import BatchPreparer
from app.server.records import SCHEMA_VERSION, AuditEntry, Batch, PreparedBatch, UserRecord

log = logging.getLogger(__name__)

CHANNEL = "cityops_events"
SCHEMA_LOCK = 0x0C17_0005  # advisory lock key: replicas starting together create the schema once

ENTITY_TABLES = (
    "alerts",
    "incidents",
    "units",
    "cameras",
    "agencies",
    "linkages",
    "grid_cells",
    "devices",  # the sensor registry and camera zones (app.domain.devices)
    "camera_zones",
    "rounds",  # field inspectors (app.domain.rounds)
    "inspectors",
)

PG_SCHEMA = [
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS log_head (id INTEGER PRIMARY KEY CHECK (id = 1), "
    "seq BIGINT NOT NULL)",
    "INSERT INTO log_head VALUES (1, 0) ON CONFLICT DO NOTHING",
    """CREATE TABLE IF NOT EXISTS events (
        seq BIGINT PRIMARY KEY,
        time DOUBLE PRECISION NOT NULL,
        actor TEXT NOT NULL,
        workstation TEXT NOT NULL,
        type TEXT NOT NULL,
        incident_id TEXT NOT NULL,
        payload TEXT NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS events_incident ON events (incident_id) WHERE incident_id != ''",
    *[
        f"CREATE TABLE IF NOT EXISTS {t} (id TEXT PRIMARY KEY, data TEXT NOT NULL)"
        for t in ENTITY_TABLES
    ],
    # An incident's narrative one row per entry, as in the SQLite store (app/server/records.py).
    """CREATE TABLE IF NOT EXISTS notes (
        incident_id TEXT NOT NULL,
        n INTEGER NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (incident_id, n))""",
    """CREATE TABLE IF NOT EXISTS commands (
        id TEXT PRIMARY KEY, answer TEXT NOT NULL, time DOUBLE PRECISION NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS users (
        username TEXT PRIMARY KEY,
        display_name TEXT NOT NULL,
        role TEXT NOT NULL,
        agency TEXT NOT NULL DEFAULT '',
        salt BYTEA NOT NULL,
        hash BYTEA NOT NULL,
        disabled BOOLEAN NOT NULL DEFAULT FALSE,
        created DOUBLE PRECISION NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS tokens (
        hash TEXT PRIMARY KEY,
        username TEXT NOT NULL,
        workstation TEXT NOT NULL,
        expires DOUBLE PRECISION NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS audit (
        id BIGSERIAL PRIMARY KEY,
        time DOUBLE PRECISION NOT NULL,
        username TEXT NOT NULL,
        workstation TEXT NOT NULL,
        peer TEXT NOT NULL,
        kind TEXT NOT NULL,
        command_id TEXT NOT NULL,
        command_type TEXT NOT NULL,
        result TEXT NOT NULL,
        detail TEXT NOT NULL DEFAULT '')""",
]


class StaleState(RuntimeError):
    """A batch was decided on a state older than the log (another replica appended meanwhile)."""


def is_postgres_url(db: str) -> bool:
    return db.startswith(("postgresql://", "postgres://"))


class PgEventStore(BatchPreparer):
    """:class:`app.server.store.EventStore` on PostgreSQL.

    One writer connection (the processor's commit thread; its transaction may span a decision,
    see :meth:`lock_head`), one autocommit reader connection per thread.
    """

    def __init__(self, dsn: str, connect_timeout: float = 10.0) -> None:
        self.dsn = dsn
        self.connect_timeout = connect_timeout
        self._local = threading.local()
        self._conns: list[psycopg.Connection[Any]] = []
        self._conns_lock = threading.Lock()
        self._wlock = threading.Lock()
        self._wcon: psycopg.Connection[Any] | None = None
        self._held = False
        self._head = 0
        # Narrative entries already in the notes table per incident (as in the SQLite store).
        # Another replica's entries for the same incident are the same rows (both decide on the
        # same state), so a count that lags only rewrites identical rows.
        self._notes: dict[str, int] = {}
        with self._connect(autocommit=False) as con:
            con.execute("SELECT pg_advisory_xact_lock(%s)", (SCHEMA_LOCK,))
            for stmt in PG_SCHEMA:
                con.execute(stmt)  # type: ignore[arg-type]
            con.execute(
                "INSERT INTO meta VALUES ('schema', %s) ON CONFLICT DO NOTHING",
                (str(SCHEMA_VERSION),),
            )
            con.commit()

    @property
    def processor_class(self) -> type:
        """The server runs its commands through a replica-aware processor on this store."""
        from app.server.pgreplica import ReplicaProcessor

        return ReplicaProcessor

    def _connect(self, autocommit: bool) -> psycopg.Connection[Any]:
        return psycopg.connect(
            self.dsn, autocommit=autocommit, connect_timeout=int(self.connect_timeout)
        )

    def _con(self) -> psycopg.Connection[Any]:
        con: psycopg.Connection[Any] | None = getattr(self._local, "con", None)
        if con is None or con.closed or con.broken:
            con = self._connect(autocommit=True)
            self._local.con = con
            with self._conns_lock:
                self._conns.append(con)
        return con

    def _writer(self) -> psycopg.Connection[Any]:
        if self._wcon is None or self._wcon.closed or self._wcon.broken:
            self._wcon = self._connect(autocommit=False)
        return self._wcon

    # --- the head lock: deciding on the current state ------------------------------------------
    def lock_head(self, known: int) -> list[Event]:
        """Begin the writer's transaction holding the head row; return the events after ``known``.

        Until :meth:`write` commits (or :meth:`unlock_head` rolls back) no other replica can
        append, so a batch decided on ``known`` plus the returned events is decided on the
        current state.
        """
        self._wlock.acquire()
        try:
            con = self._writer()
            row = con.execute("SELECT seq FROM log_head WHERE id = 1 FOR UPDATE").fetchone()
            self._head = int(row[0]) if row else 0
            events: list[Event] = []
            if self._head > known:
                cur = con.execute(
                    "SELECT payload FROM events WHERE seq > %s ORDER BY seq", (known,)
                )
                events = [decode_event(p) for (p,) in cur]
            self._held = True
            return events
        except BaseException:
            self._abort()
            raise

    @property
    def holding(self) -> bool:
        """The writer's transaction holds the head lock (``write`` not yet called)."""
        return self._held

    def unlock_head(self) -> None:
        """Roll back the writer's transaction if :meth:`write` did not end it."""
        if self._held:
            self._abort()

    def _abort(self) -> None:
        self._held = False
        try:
            if self._wcon is not None and not self._wcon.closed:
                self._wcon.rollback()
        except psycopg.Error:
            log.warning("rollback failed; the connection is dropped", exc_info=True)
            self._wcon.close() if self._wcon is not None else None
        finally:
            self._wlock.release()

    # --- events and current state ------------------------------------------------------------
    def write(self, prepared: object) -> None:
        p = prepared
        assert isinstance(p, PreparedBatch)
        if not self._held:
            self.lock_head(2**62)  # only the lock: a caller without it checks the order below
        con = self._writer()
        try:
            if p.events:
                first, last = p.events[0][0], p.events[-1][0]
                if first != self._head + 1 or last != self._head + len(p.events):
                    raise StaleState(
                        f"batch {first}..{last} decided on an old state; the log is at {self._head}"
                    )
            # One pipeline: the whole batch costs one round trip to the server (plus the commit),
            # which is time the head lock is held.
            with con.pipeline(), con.cursor() as cur:
                if p.events:
                    cur.executemany(
                        "INSERT INTO events VALUES (%s, %s, %s, %s, %s, %s, %s)", p.events
                    )
                    cur.execute("UPDATE log_head SET seq = %s WHERE id = 1", (p.events[-1][0],))
                for table, records in p.entities.items():
                    if records:
                        cur.executemany(
                            f"INSERT INTO {table} (id, data) VALUES (%s, %s) "  # type: ignore[arg-type]
                            "ON CONFLICT (id) DO UPDATE SET data = EXCLUDED.data",
                            records,
                        )
                for table, gone in p.gone:
                    cur.execute(f"DELETE FROM {table} WHERE id = %s", (gone,))  # type: ignore[arg-type]
                if p.grid is not None:
                    cur.execute("DELETE FROM grid_cells")
                    cur.executemany("INSERT INTO grid_cells (id, data) VALUES (%s, %s)", p.grid)
                if p.notes_reset:
                    cur.executemany(
                        "DELETE FROM notes WHERE incident_id = %s", [(i,) for i in p.notes_reset]
                    )
                if p.notes:
                    cur.executemany(
                        "INSERT INTO notes VALUES (%s, %s, %s) ON CONFLICT (incident_id, n) "
                        "DO UPDATE SET data = EXCLUDED.data",
                        p.notes,
                    )
                if p.meta:
                    cur.executemany(
                        "INSERT INTO meta VALUES (%s, %s) "
                        "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
                        p.meta,
                    )
                now = time.time()
                if p.answers:
                    cur.executemany(
                        "INSERT INTO commands VALUES (%s, %s, %s) ON CONFLICT DO NOTHING",
                        [(cid, answer.decode(), now) for cid, answer in p.answers],
                    )
                _insert_audit(cur, p.audit)
                if p.events:
                    cur.execute("SELECT pg_notify(%s, %s)", (CHANNEL, str(p.events[-1][0])))
            con.commit()
        except BaseException:
            self._abort()
            raise
        self._held = False
        self._wlock.release()

    def append(self, batch: Batch, state: CityState) -> None:
        self.write(self.prepare(batch, state))

    def read_since(self, seq: int, limit: int) -> list[Event]:
        cur = self._con().execute(
            "SELECT payload FROM events WHERE seq > %s ORDER BY seq LIMIT %s", (seq, limit)
        )
        return [decode_event(p) for (p,) in cur]

    def last_seq(self) -> int:
        row = self._con().execute("SELECT seq FROM log_head WHERE id = 1").fetchone()
        return int(row[0]) if row else 0

    def load_state(self) -> CityState:
        con = self._con()
        with con.transaction():
            # One snapshot for every table: the state is exactly that of one commit.
            con.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")

            def rows(table: str, typ: type[Any]) -> list[Any]:
                dec = msgspec.json.Decoder(typ)
                sql = f"SELECT data FROM {table}"
                return [dec.decode(d) for (d,) in con.execute(sql)]  # type: ignore[call-overload]

            meta = dict(con.execute("SELECT key, value FROM meta").fetchall())
            incidents = rows("incidents", Incident)
            narratives: dict[str, list[NarrativeEntry]] = {}
            note = msgspec.json.Decoder(NarrativeEntry)
            sql = "SELECT incident_id, data FROM notes ORDER BY incident_id, n"
            for i, data in con.execute(sql):
                narratives.setdefault(i, []).append(note.decode(data))
            counts = {}
            for inc in incidents:
                if inc.id in narratives:
                    inc.narrative = narratives[inc.id]
                    counts[inc.id] = len(inc.narrative)
            self._notes = counts
            snap = Snapshot(
                seq=int(meta.get("seq", 0)),
                incidents=incidents,
                units=rows("units", Unit),
                cameras=rows("cameras", Camera),
                agencies=rows("agencies", Agency),
                linkages=rows("linkages", LinkageRequest),
                grid_cells=rows("grid_cells", GridCell),
                counters=msgspec.json.decode(meta.get("counters", "{}"), type=dict[str, int]),
                alerts=rows("alerts", Alert),
                devices=rows("devices", Device),
                camera_zones=rows("camera_zones", CameraZone),
                rounds=rows("rounds", Round),
                inspectors=rows("inspectors", InspectorStatus),
            )
            head = con.execute("SELECT seq FROM log_head WHERE id = 1").fetchone()
        last = int(head[0]) if head else 0
        if last != snap.seq:  # cannot happen with one transaction per batch; say so if it does
            log.error("current-state tables at seq %s but the log ends at %s", snap.seq, last)
        state = CityState.from_snapshot(snap)
        if "rules" in meta:  # all of the rules' data: library, calendar, grid, weights, policy
            state.set_rules_data(msgspec.json.decode(meta["rules"], type=RulesData))
        return state

    def command_answers(self, ids: Sequence[str]) -> dict[str, bytes]:
        if not ids:
            return {}
        cur = self._con().execute(
            "SELECT id, answer FROM commands WHERE id = ANY(%s)", (list(ids),)
        )
        return {cid: ans.encode() for cid, ans in cur}

    # --- accounts ------------------------------------------------------------------------------
    def get_user(self, username: str) -> UserRecord | None:
        row = (
            self._con()
            .execute(
                "SELECT username, display_name, role, agency, salt, hash, disabled FROM users "
                "WHERE username = %s",
                (username,),
            )
            .fetchone()
        )
        return None if row is None else _user(row)

    def put_user(self, rec: UserRecord) -> None:
        self._con().execute(
            "INSERT INTO users VALUES (%s, %s, %s, %s, %s, %s, %s, %s) ON CONFLICT (username) "
            "DO UPDATE SET display_name=EXCLUDED.display_name, role=EXCLUDED.role, "
            "agency=EXCLUDED.agency, salt=EXCLUDED.salt, hash=EXCLUDED.hash, "
            "disabled=EXCLUDED.disabled",
            (
                rec.username,
                rec.display_name,
                rec.role,
                rec.agency,
                rec.salt,
                rec.hash,
                bool(rec.disabled),
                time.time(),
            ),
        )

    def list_users(self) -> list[UserRecord]:
        cur = self._con().execute(
            "SELECT username, display_name, role, agency, salt, hash, disabled FROM users "
            "ORDER BY username"
        )
        return [_user(r) for r in cur]

    def put_token(self, token_hash: str, username: str, workstation: str, expires: float) -> None:
        con = self._con()
        with con.transaction():
            con.execute("DELETE FROM tokens WHERE expires < %s", (time.time(),))
            con.execute(
                "INSERT INTO tokens VALUES (%s, %s, %s, %s) ON CONFLICT (hash) DO UPDATE SET "
                "username=EXCLUDED.username, workstation=EXCLUDED.workstation, "
                "expires=EXCLUDED.expires",
                (token_hash, username, workstation, expires),
            )

    def get_token(self, token_hash: str) -> tuple[str, str, float] | None:
        row = (
            self._con()
            .execute(
                "SELECT username, workstation, expires FROM tokens WHERE hash = %s", (token_hash,)
            )
            .fetchone()
        )
        return None if row is None else (row[0], row[1], float(row[2]))

    def delete_tokens(self, username: str = "", token_hash: str = "") -> int:
        if not username and not token_hash:
            return 0
        cur = self._con().execute(
            "DELETE FROM tokens WHERE hash = %s OR username = %s",
            (token_hash or None, username or None),
        )
        return cur.rowcount

    # --- audit ---------------------------------------------------------------------------------
    def audit(self, entries: Iterable[AuditEntry]) -> None:
        with self._con().cursor() as cur:
            _insert_audit(cur, list(entries))

    def read_audit(self, limit: int = 1000) -> list[AuditEntry]:
        cur = self._con().execute(
            "SELECT time, username, workstation, peer, kind, command_id, command_type, result, "
            "detail FROM audit ORDER BY id DESC LIMIT %s",
            (limit,),
        )
        return [AuditEntry(*r) for r in cur][::-1]

    def audit_rows(self, f: AuditFilter) -> list[AuditRow]:
        """The audit viewer's query (app/server/audit.py) on this database."""
        return read_audit(self._con(), f, POSTGRES)

    def close(self) -> None:
        with self._conns_lock:
            conns, self._conns = self._conns, []
        if self._wcon is not None:
            conns.append(self._wcon)
            self._wcon = None
        for con in conns:
            try:
                con.close()
            except psycopg.Error:
                pass
        self._local = threading.local()


def _user(row: Any) -> UserRecord:
    return UserRecord(
        username=row[0],
        display_name=row[1],
        role=row[2],
        agency=row[3],
        salt=bytes(row[4]),
        hash=bytes(row[5]),
        disabled=bool(row[6]),
    )


def _insert_audit(cur: psycopg.Cursor[Any], entries: list[AuditEntry]) -> None:
    if entries:
        cur.executemany(
            "INSERT INTO audit (time, username, workstation, peer, kind, command_id, "
            "command_type, result, detail) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)",
            [
                (
                    a.time,
                    a.username,
                    a.workstation,
                    a.peer,
                    a.kind,
                    a.command_id,
                    a.command_type,
                    a.result,
                    a.detail,
                )
                for a in entries
            ],
        )
