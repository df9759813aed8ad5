"""Durable storage of the server: the append-only event log, current-state tables, command answers,
accounts, tokens and the audit trail, in one SQLite database in WAL mode.

Everything the server needs from storage goes through the :class:`EventStore` protocol, so a
PostgreSQL store (several server processes fanning out through LISTEN/NOTIFY) can replace
:class:`SqliteEventStore` without touching the server (see docs/PROTOCOL.md, "Scaling out").
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Protocol

import msgspec

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
from app.server.batching import BatchPreparer
from app.server.records import (
    SCHEMA,
    SCHEMA_VERSION,
    AuditEntry,
    Batch,
    PreparedBatch,
    UserRecord,
)

log = logging.getLogger(__name__)


class EventStore(Protocol):
    """Storage the server runs on. Writes happen on one thread; reads may come from any."""

    def prepare(self, batch: Batch, state: CityState) -> object:
        """Encode what ``write`` commits (on the caller's thread, while ``state`` is stable)."""
        ...

    def write(self, prepared: object) -> None:
        """Commit a prepared batch in one transaction (on the writer thread)."""
        ...

    def append(self, batch: Batch, state: CityState) -> None:
        """``write(prepare(batch, state))``."""
        ...

    def read_since(self, seq: int, limit: int) -> list[Event]: ...

    def last_seq(self) -> int: ...

    def load_state(self) -> CityState: ...

    def command_answers(self, ids: Sequence[str]) -> dict[str, bytes]: ...

    def get_user(self, username: str) -> UserRecord | None: ...

    def put_user(self, rec: UserRecord) -> None: ...

    def list_users(self) -> list[UserRecord]: ...

    def put_token(
        self, token_hash: str, username: str, workstation: str, expires: float
    ) -> None: ...

    def get_token(self, token_hash: str) -> tuple[str, str, float] | None: ...

    def delete_tokens(self, username: str = "", token_hash: str = "") -> int:
        """Revoke one token (by hash) or every token of an account; returns how many."""
        ...

    def audit(self, entries: Iterable[AuditEntry]) -> None: ...

    def read_audit(self, limit: int = 1000) -> list[AuditEntry]: ...

    def close(self) -> None: ...


class SqliteEventStore(BatchPreparer):
    """:class:`EventStore` on one SQLite file in WAL mode.

    ``synchronous="NORMAL"`` (default) survives a killed process (the WAL is in the OS cache) but
    may lose the last commits on power loss; ``"FULL"`` fsyncs every commit and survives both.
    The writer connection belongs to the thread that commits; reads use a per-thread connection.
    """

    def __init__(self, path: Path | str, synchronous: str = "NORMAL") -> None:
        if synchronous.upper() not in ("NORMAL", "FULL", "OFF", "EXTRA"):
            raise ValueError(f"synchronous must be NORMAL or FULL, not {synchronous!r}")
        self.path = Path(path)
        self.synchronous = synchronous.upper()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        self._write_lock = threading.Lock()
        self._conns: list[sqlite3.Connection] = []
        self._notes: dict[str, int] = {}  # incident id -> narrative entries in the notes table
        con = self._con()
        con.executescript(SCHEMA)
        con.execute(
            "INSERT OR IGNORE INTO meta (key, value) VALUES ('schema', ?)", (str(SCHEMA_VERSION),)
        )
        con.commit()

    def _con(self) -> sqlite3.Connection:
        con: sqlite3.Connection | None = getattr(self._local, "con", None)
        if con is None:
            con = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
            con.execute("PRAGMA journal_mode=WAL")
            con.execute(f"PRAGMA synchronous={self.synchronous}")
            con.execute("PRAGMA busy_timeout=10000")
            self._local.con = con
            self._conns.append(con)
        return con

    # --- events and current state ------------------------------------------------------------
    def write(self, prepared: object) -> None:
        p = prepared
        assert isinstance(p, PreparedBatch)
        now = time.time()
        with self._write_lock:
            con = self._con()
            con.execute("BEGIN IMMEDIATE")
            try:
                con.executemany("INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?)", p.events)
                for table, records in p.entities.items():
                    if records:
                        con.executemany(
                            f"INSERT OR REPLACE INTO {table} (id, data) VALUES (?, ?)", records
                        )
                for table, gone in p.gone:
                    con.execute(f"DELETE FROM {table} WHERE id = ?", (gone,))
                if p.grid is not None:
                    con.execute("DELETE FROM grid_cells")
                    con.executemany("INSERT INTO grid_cells (id, data) VALUES (?, ?)", p.grid)
                con.executemany(
                    "DELETE FROM notes WHERE incident_id = ?", [(i,) for i in p.notes_reset]
                )
                con.executemany("INSERT OR REPLACE INTO notes VALUES (?, ?, ?)", p.notes)
                con.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", p.meta)
                con.executemany(
                    "INSERT OR IGNORE INTO commands VALUES (?, ?, ?)",
                    [(cid, answer.decode(), now) for cid, answer in p.answers],
                )
                _insert_audit(con, p.audit)
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise

    def append(self, batch: Batch, state: CityState) -> None:
        self.write(self.prepare(batch, state))

    def read_since(self, seq: int, limit: int) -> list[Event]:
        cur = self._con().execute(
            "SELECT payload FROM events WHERE seq > ? ORDER BY seq LIMIT ?", (seq, limit)
        )
        return [decode_event(p) for (p,) in cur]

    def last_seq(self) -> int:
        row = self._con().execute("SELECT max(seq) FROM events").fetchone()
        return int(row[0] or 0)

    def load_state(self) -> CityState:
        con = self._con()

        def rows(table: str, typ: type[Any]) -> list[Any]:
            dec = msgspec.json.Decoder(typ)
            return [dec.decode(d) for (d,) in con.execute(f"SELECT data FROM {table}")]

        meta = dict(con.execute("SELECT key, value FROM meta").fetchall())
        incidents = rows("incidents", Incident)
        narratives: dict[str, list[NarrativeEntry]] = {}
        note = msgspec.json.Decoder(NarrativeEntry)
        for i, data in con.execute("SELECT incident_id, data FROM notes ORDER BY incident_id, n"):
            narratives.setdefault(i, []).append(note.decode(data))
        self._notes = {}
        for inc in incidents:
            if inc.id in narratives:
                inc.narrative = narratives[inc.id]
                self._notes[inc.id] = len(inc.narrative)
            # else: a record written before the notes table (its narrative is inside it); the
            # next change of the incident moves the narrative out.
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
        last = self.last_seq()
        if last != snap.seq:  # cannot happen with one transaction per batch; say so if it does
            log.error("current-state tables at seq %s but the log ends at %s", snap.seq, last)
        state = CityState.from_snapshot(snap)
        if "rules" in meta:  # all of the rules' data: library, calendar, grid, weights, policy
            state.set_rules_data(msgspec.json.decode(meta["rules"], type=RulesData))
        return state

    def command_answers(self, ids: Sequence[str]) -> dict[str, bytes]:
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        cur = self._con().execute(f"SELECT id, answer FROM commands WHERE id IN ({marks})", ids)
        return {cid: bytes(ans) if isinstance(ans, bytes) else ans.encode() for cid, ans in cur}

    # --- accounts ------------------------------------------------------------------------------
    def get_user(self, username: str) -> UserRecord | None:
        row = (
            self._con()
            .execute(
                "SELECT username, display_name, role, agency, salt, hash, disabled FROM users "
                "WHERE username = ?",
                (username,),
            )
            .fetchone()
        )
        return None if row is None else _user(row)

    def put_user(self, rec: UserRecord) -> None:
        with self._write_lock:
            self._con().execute(
                "INSERT INTO users VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(username) DO UPDATE "
                "SET display_name=excluded.display_name, role=excluded.role, "
                "agency=excluded.agency, salt=excluded.salt, hash=excluded.hash, "
                "disabled=excluded.disabled",
                (
                    rec.username,
                    rec.display_name,
                    rec.role,
                    rec.agency,
                    rec.salt,
                    rec.hash,
                    int(rec.disabled),
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
        with self._write_lock:
            con = self._con()
            con.execute("DELETE FROM tokens WHERE expires < ?", (time.time(),))
            con.execute(
                "INSERT OR REPLACE INTO tokens VALUES (?, ?, ?, ?)",
                (token_hash, username, workstation, expires),
            )

    def get_token(self, token_hash: str) -> tuple[str, str, float] | None:
        row = (
            self._con()
            .execute(
                "SELECT username, workstation, expires FROM tokens WHERE hash = ?", (token_hash,)
            )
            .fetchone()
        )
        return None if row is None else (row[0], row[1], float(row[2]))

    def delete_tokens(self, username: str = "", token_hash: str = "") -> int:
        if not username and not token_hash:
            return 0
        with self._write_lock:
            cur = self._con().execute(
                "DELETE FROM tokens WHERE hash = ? OR username = ?",
                (token_hash or None, username or None),
            )
            return cur.rowcount

    # --- audit ---------------------------------------------------------------------------------
    def audit(self, entries: Iterable[AuditEntry]) -> None:
        with self._write_lock:
            _insert_audit(self._con(), list(entries))

    def read_audit(self, limit: int = 1000) -> list[AuditEntry]:
        cur = self._con().execute(
            "SELECT time, username, workstation, peer, kind, command_id, command_type, result, "
            "detail FROM audit ORDER BY id DESC LIMIT ?",
            (limit,),
        )
        return [AuditEntry(*r) for r in cur][::-1]

    def close(self) -> None:
        for con in self._conns:
            try:
                con.close()
            except sqlite3.ProgrammingError:  # made in a thread that has ended
                pass
        self._conns.clear()
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


def _insert_audit(con: sqlite3.Connection, entries: list[AuditEntry]) -> None:
    if entries:
        con.executemany(
            "INSERT INTO audit (time, username, workstation, peer, kind, command_id, "
            "command_type, result, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
