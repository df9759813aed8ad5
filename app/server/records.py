"""The server database's schema and the plain records the event store reads and writes."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from app.domain.events import Event
from app.domain.state import Changes

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS events (
    seq INTEGER PRIMARY KEY,
    time REAL NOT NULL,
    actor TEXT NOT NULL,
    workstation TEXT NOT NULL,
    type TEXT NOT NULL,
    incident_id TEXT NOT NULL,
    payload TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS events_incident ON events (incident_id) WHERE incident_id != '';
CREATE TABLE IF NOT EXISTS incidents (id TEXT PRIMARY KEY, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS units (id TEXT PRIMARY KEY, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS cameras (id TEXT PRIMARY KEY, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS agencies (id TEXT PRIMARY KEY, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS linkages (id TEXT PRIMARY KEY, data TEXT NOT NULL);
-- An incident's narrative (notes, transitions, snapshots) is kept one row per entry, so adding a
-- note writes that note, not the whole record again; incidents.data holds the rest.
CREATE TABLE IF NOT EXISTS notes (
    incident_id TEXT NOT NULL,
    n INTEGER NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (incident_id, n)
);
CREATE TABLE IF NOT EXISTS grid_cells (id TEXT PRIMARY KEY, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS alerts (id TEXT PRIMARY KEY, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS devices (id TEXT PRIMARY KEY, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS camera_zones (id TEXT PRIMARY KEY, data TEXT NOT NULL);
-- Field inspectors' rounds (by "inspector/day") and duty, last fix and bounded track.
CREATE TABLE IF NOT EXISTS rounds (id TEXT PRIMARY KEY, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS inspectors (id TEXT PRIMARY KEY, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS commands (
    id TEXT PRIMARY KEY,
    answer TEXT NOT NULL,
    time REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS users (
    username TEXT PRIMARY KEY,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL,
    agency TEXT NOT NULL DEFAULT '',
    salt BLOB NOT NULL,
    hash BLOB NOT NULL,
    disabled INTEGER NOT NULL DEFAULT 0,
    created REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS tokens (
    hash TEXT PRIMARY KEY,
    username TEXT NOT NULL,
    workstation TEXT NOT NULL,
    expires REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS audit (
    id INTEGER PRIMARY KEY,
    time REAL NOT NULL,
    username TEXT NOT NULL,
    workstation TEXT NOT NULL,
    peer TEXT NOT NULL,
    kind TEXT NOT NULL,
    command_id TEXT NOT NULL,
    command_type TEXT NOT NULL,
    result TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT ''
);
"""


@dataclass
class AuditEntry:
    """One audited action: a command (accepted or refused), a login or an admin action."""

    time: float
    username: str
    workstation: str
    peer: str
    kind: str  # command | login | admin
    command_id: str
    command_type: str
    result: str  # "ok" or an error code
    detail: str = ""


@dataclass
class UserRecord:
    username: str
    display_name: str
    role: str
    agency: str
    salt: bytes
    hash: bytes
    disabled: bool


@dataclass
class PreparedBatch:
    """A batch encoded for the writer thread (rows ready for executemany)."""

    events: list[tuple[Any, ...]]
    entities: dict[str, list[tuple[str, str]]]
    grid: list[tuple[str, str]] | None
    meta: list[tuple[str, str]]
    answers: list[tuple[str, bytes]]
    audit: list[AuditEntry]
    notes: list[tuple[str, int, str]] = field(default_factory=list)  # new narrative entries
    notes_reset: list[str] = field(default_factory=list)  # incidents whose notes are rewritten
    gone: list[tuple[str, str]] = field(default_factory=list)  # (table, id): retired records


@dataclass
class Batch:
    """What one group commit writes, atomically."""

    events: list[Event] = field(default_factory=list)
    changes: Changes = field(default_factory=Changes)
    answers: list[tuple[str, bytes]] = field(default_factory=list)  # command id -> encoded answer
    audit: list[AuditEntry] = field(default_factory=list)
