"""The workstation's offline cache: confirmed state, last seq, session, outbox and refusals.

One SQLite file per workstation. Entities are msgspec JSON blobs keyed by id, written for changed ids
only, in one transaction per batch (stdlib ``executemany``: the catch-up hot path). sqlite-utils
creates the schema. Plain Python: no Qt, no network, usable from any thread that owns it.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import msgspec
import sqlite_utils

from app.domain.alerts import Alert
from app.domain.devices import CameraZone, Device
from app.domain.model import Agency, Camera, GridCell, Incident, LinkageRequest, Unit, User
from app.domain.rounds import InspectorStatus, Round
from app.domain.state import Changes, CityState, RulesData
from app.store.refusal import Refusal

log = logging.getLogger(__name__)

SCHEMA_VERSION = 2

# table name -> (CityState attribute, entity type)
ENTITY_TABLES: dict[str, tuple[str, type[msgspec.Struct]]] = {
    "incidents": ("incidents", Incident),
    "units": ("units", Unit),
    "cameras": ("cameras", Camera),
    "agencies": ("agencies", Agency),
    "linkages": ("linkages", LinkageRequest),
    "grid_cells": ("grid_cells", GridCell),
    "alerts": ("alerts", Alert),
    "devices": ("devices", Device),  # the sensor registry and camera zones (app.domain.devices)
    "camera_zones": ("camera_zones", CameraZone),
    "rounds": ("rounds", Round),  # field inspectors (app.domain.rounds)
    "inspectors": ("inspectors", InspectorStatus),
}

_enc = msgspec.json.Encoder()


class CacheError(Exception):
    """The cache file cannot be used (corrupt, from a newer version, not a cache)."""


@dataclass
class OutboxEntry:
    """A command the server has not acknowledged yet (kept until its events are confirmed)."""

    id: str
    type: str
    payload: dict[str, Any]
    expected_version: int | None
    created: float
    state: str = "pending"  # pending | acked
    ack_seq: int = 0  # seq of the command's last event, once acknowledged
    incident_id: str = ""


class LocalCache:
    """Owns one cache file. Every write is a single transaction (a crash loses no half batch)."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._conn = sqlite3.connect(str(self.path), isolation_level=None)
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute("PRAGMA synchronous=NORMAL")
            self._create_schema()
        except sqlite3.DatabaseError as exc:
            raise CacheError(f"{self.path} is not a usable cache file: {exc}") from exc

    # --- schema ---------------------------------------------------------------------------------
    def _create_schema(self) -> None:
        db = sqlite_utils.Database(self._conn)
        for table in ENTITY_TABLES:
            db.table(table).create({"id": str, "data": bytes}, pk="id", if_not_exists=True)
        db.table("meta").create({"key": str, "value": str}, pk="key", if_not_exists=True)
        db.table("outbox").create(
            {
                "pos": int,
                "id": str,
                "type": str,
                "payload": str,
                "expected_version": int,
                "created": float,
                "state": str,
                "ack_seq": int,
                "incident_id": str,
            },
            pk="pos",
            not_null={"id", "type", "payload"},
            if_not_exists=True,
        )
        db.table("outbox").create_index(["id"], unique=True, if_not_exists=True)
        db.table("refusals").create(
            {
                "command_id": str,
                "at": float,
                "incident_id": str,
                "type": str,
                "payload": str,
                "code": str,
                "message": str,
                "expected_version": int,
                "origin": str,
            },
            pk="command_id",
            if_not_exists=True,
        )
        found = self.get_meta("schema")
        if found == "1":
            # Schema 2 keeps, per refusal, the version the operator saw and where it was refused.
            cols = {c.name for c in db.table("refusals").columns}
            if "expected_version" not in cols:
                db.table("refusals").add_column("expected_version", int)
            if "origin" not in cols:
                db.table("refusals").add_column("origin", str)
            self.set_meta(schema=str(SCHEMA_VERSION))
            found = str(SCHEMA_VERSION)
        if found is None:
            self.set_meta(schema=str(SCHEMA_VERSION))
        elif found != str(SCHEMA_VERSION):
            raise CacheError(
                f"{self.path} has cache schema {found}; this console reads schema {SCHEMA_VERSION}"
            )

    def close(self) -> None:
        self._conn.close()

    # --- meta -----------------------------------------------------------------------------------
    def get_meta(self, key: str, default: str | None = None) -> str | None:
        row = self._conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_meta(self, **values: str) -> None:
        self._conn.executemany(
            "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", list(values.items())
        )

    @property
    def last_seq(self) -> int:
        """Seq of the last confirmed event in the cache; -1 when it holds no state yet."""
        return int(self.get_meta("last_seq", "-1") or -1)

    @property
    def synced_at(self) -> float | None:
        value = self.get_meta("synced_at")
        return float(value) if value else None

    def mark_synced(self, t: float | None = None) -> None:
        self.set_meta(synced_at=repr(time.time() if t is None else t))

    # --- session --------------------------------------------------------------------------------
    def save_session(self, user: User, token: str, token_expires: float) -> None:
        self.set_meta(
            user=_enc.encode(user).decode(), token=token, token_expires=repr(token_expires)
        )

    def load_session(self) -> tuple[User | None, str, float]:
        raw = self.get_meta("user")
        user = msgspec.json.decode(raw, type=User) if raw else None
        return (
            user,
            self.get_meta("token", "") or "",
            float(self.get_meta("token_expires", "0") or 0),
        )

    def clear_token(self) -> None:
        self.set_meta(token="", token_expires="0")

    # --- confirmed state ------------------------------------------------------------------------
    def has_state(self) -> bool:
        return self.last_seq >= 0

    def load_state(self) -> CityState | None:
        """The confirmed state as last written, or None when the cache has none."""
        if not self.has_state():
            return None
        st = CityState()
        try:
            for table, (attr, typ) in ENTITY_TABLES.items():
                dec = msgspec.json.Decoder(typ)
                target: dict[str, Any] = getattr(st, attr)
                for key, data in self._conn.execute(f"SELECT id, data FROM {table}"):
                    target[key] = dec.decode(data)
            st.counters = msgspec.json.decode(self.get_meta("counters", "{}") or "{}")
            rules = self.get_meta("rules")
            if rules:
                st.set_rules_data(msgspec.json.decode(rules, type=RulesData))
        except (msgspec.DecodeError, msgspec.ValidationError) as exc:
            raise CacheError(f"{self.path} holds an unreadable record: {exc}") from exc
        st.index_origins()
        st.seq = self.last_seq
        return st

    def save_state(self, state: CityState) -> None:
        """Replace the whole cached state (after a snapshot)."""
        with _Transaction(self._conn):
            for table, (attr, _typ) in ENTITY_TABLES.items():
                self._conn.execute(f"DELETE FROM {table}")
                rows = [(k, _enc.encode(v)) for k, v in getattr(state, attr).items()]
                self._conn.executemany(f"INSERT INTO {table} (id, data) VALUES (?, ?)", rows)
            self._write_rules(state)
            self._write_seq(state)

    def save_changes(self, state: CityState, ch: Changes) -> None:
        """Write the entities ``ch`` names (as they are now in ``state``) and the seq."""
        with _Transaction(self._conn):
            for table, ids in (
                ("incidents", ch.incidents),
                ("units", ch.units),
                ("cameras", ch.cameras),
                ("linkages", ch.linkages),
                ("agencies", ch.agencies),
                ("alerts", ch.alerts),
                ("devices", ch.devices),
                ("camera_zones", ch.zones),
                ("rounds", ch.rounds),
                ("inspectors", ch.inspectors),
            ):
                if ids:
                    self._upsert(table, getattr(state, ENTITY_TABLES[table][0]), ids)
            if ch.grid:
                self._conn.execute("DELETE FROM grid_cells")
                self._upsert("grid_cells", state.grid_cells, state.grid_cells.keys())
            if ch.grid or ch.rules:
                self._write_rules(state)
            self._write_seq(state)

    def _upsert(self, table: str, source: dict[str, Any], ids: Iterable[str]) -> None:
        ids = list(ids)
        rows = [(k, _enc.encode(source[k])) for k in ids if k in source]
        self._conn.executemany(f"INSERT OR REPLACE INTO {table} (id, data) VALUES (?, ?)", rows)
        # Changed and gone: an incident withdrawn from a liaison's view (incident_withdrawn).
        gone = [(k,) for k in ids if k not in source]
        if gone:
            self._conn.executemany(f"DELETE FROM {table} WHERE id = ?", gone)

    def _write_rules(self, state: CityState) -> None:
        # The server's rules, so this desk decides with them offline and after a restart too.
        self.set_meta(rules=_enc.encode(state.rules_data()).decode())

    def _write_seq(self, state: CityState) -> None:
        self.set_meta(last_seq=str(state.seq), counters=_enc.encode(state.counters).decode())

    def rows(self, table: str) -> dict[str, bytes]:
        """Raw rows of an entity table (id -> JSON blob), for checks and diagnostics."""
        if table not in ENTITY_TABLES:
            raise KeyError(f"no cache table {table!r}")
        return {k: bytes(v) for k, v in self._conn.execute(f"SELECT id, data FROM {table}")}

    # --- outbox ---------------------------------------------------------------------------------
    def outbox_add(self, entry: OutboxEntry) -> None:
        self._conn.execute(
            "INSERT INTO outbox (id, type, payload, expected_version, created, state, ack_seq,"
            " incident_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                entry.id,
                entry.type,
                _enc.encode(entry.payload).decode(),
                entry.expected_version,
                entry.created,
                entry.state,
                entry.ack_seq,
                entry.incident_id,
            ),
        )

    def outbox_load(self) -> list[OutboxEntry]:
        rows = self._conn.execute(
            "SELECT id, type, payload, expected_version, created, state, ack_seq, incident_id"
            " FROM outbox ORDER BY pos"
        ).fetchall()
        return [
            OutboxEntry(
                id=r[0],
                type=r[1],
                payload=msgspec.json.decode(r[2]),
                expected_version=r[3],
                created=r[4] or 0.0,
                state=r[5] or "pending",
                ack_seq=r[6] or 0,
                incident_id=r[7] or "",
            )
            for r in rows
        ]

    def outbox_ack(self, command_id: str, seq: int) -> None:
        self._conn.execute(
            "UPDATE outbox SET state = 'acked', ack_seq = ? WHERE id = ?", (seq, command_id)
        )

    def outbox_remove(self, command_ids: Iterable[str]) -> None:
        self._conn.executemany("DELETE FROM outbox WHERE id = ?", [(i,) for i in command_ids])

    # --- refusals -------------------------------------------------------------------------------
    def refuse(self, entry: OutboxEntry, refusal: Refusal) -> None:
        """Move a command from the outbox to the refusals list (one transaction)."""
        with _Transaction(self._conn):
            self._insert_refusal(refusal)
            self._conn.execute("DELETE FROM outbox WHERE id = ?", (entry.id,))

    def refusal_add(self, refusal: Refusal) -> None:
        """Keep a refusal that never reached the outbox (refused on this desk)."""
        self._insert_refusal(refusal)

    def _insert_refusal(self, refusal: Refusal) -> None:
        self._conn.execute(
            "INSERT OR REPLACE INTO refusals (command_id, at, incident_id, type, payload, code,"
            " message, expected_version, origin) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                refusal.command_id,
                refusal.at,
                refusal.incident_id,
                refusal.type,
                _enc.encode(refusal.payload).decode(),
                refusal.code,
                refusal.message,
                refusal.expected_version,
                refusal.where,
            ),
        )

    def refusals_load(self) -> list[Refusal]:
        rows = self._conn.execute(
            "SELECT command_id, at, incident_id, type, payload, code, message, expected_version,"
            " origin FROM refusals ORDER BY at"
        ).fetchall()
        return [
            Refusal(
                command_id=r[0],
                at=r[1],
                incident_id=r[2],
                type=r[3],
                payload=msgspec.json.decode(r[4]),
                code=r[5],
                message=r[6],
                expected_version=r[7],
                where=r[8] or "server",
            )
            for r in rows
        ]

    def refusal_dismiss(self, command_id: str) -> None:
        self._conn.execute("DELETE FROM refusals WHERE command_id = ?", (command_id,))


class _Transaction:
    """BEGIN … COMMIT on an autocommit connection (ROLLBACK on error)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def __enter__(self) -> None:
        self._conn.execute("BEGIN")

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        self._conn.execute("COMMIT" if exc_type is None else "ROLLBACK")
