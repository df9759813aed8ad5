"""What the citizen side keeps beside the event log: registered applications' API keys (hashed),
each Open311 report's private record (token, reporter contact, verification), uploaded photos
and the outbox of messages to reporters.

The tables live in the server's own SQLite file (WAL), written through a connection of their own,
so the event store's schema and write path stay untouched. The reporter's contact is written
here and into the incident's ``reporter_contact`` (which only the centre's own consoles see); it
is never part of any answer of the HTTP side.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import secrets
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

KEY_PREFIX = "co311_"
KEY_CACHE_S = 1.0

SCHEMA = """
CREATE TABLE IF NOT EXISTS open311_keys (
    name TEXT PRIMARY KEY,
    hash TEXT NOT NULL UNIQUE,
    hint TEXT NOT NULL,
    created REAL NOT NULL,
    revoked REAL
);
CREATE TABLE IF NOT EXISTS citizen_reports (
    incident_id TEXT PRIMARY KEY,
    app TEXT NOT NULL,
    contact TEXT NOT NULL,
    media_id TEXT NOT NULL DEFAULT '',
    created REAL NOT NULL,
    error TEXT NOT NULL DEFAULT '',
    verify_hash TEXT NOT NULL DEFAULT '',
    verify_until REAL NOT NULL DEFAULT 0,
    verify_answer TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS citizen_reports_verify ON citizen_reports (verify_hash)
    WHERE verify_hash != '';
CREATE TABLE IF NOT EXISTS citizen_media (
    id TEXT PRIMARY KEY,
    mime TEXT NOT NULL,
    data BLOB NOT NULL,
    created REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS citizen_outbox (
    id INTEGER PRIMARY KEY,
    time REAL NOT NULL,
    incident_id TEXT NOT NULL,
    contact TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    sent REAL
);
"""


def key_hash(key: str) -> str:
    """Keys are 32 random bytes: a plain SHA-256 cannot be reversed or guessed, and it keeps a
    check cheap enough to run on every POST (unlike a password hash, which is slow on purpose)."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ApiKey:
    name: str
    hint: str  # the first characters, to tell keys apart in a listing
    created: float
    revoked: float | None


@dataclass(frozen=True)
class Contact:
    """The reporter, as given in the POST (all optional)."""

    email: str = ""
    phone: str = ""
    first_name: str = ""
    last_name: str = ""
    account_id: str = ""
    device_id: str = ""

    @property
    def reachable(self) -> bool:
        return bool(self.email or self.phone)

    def summary(self) -> str:
        """One line for the incident's private ``reporter_contact``."""
        name = " ".join(p for p in (self.first_name, self.last_name) if p)
        parts = [name, f"<{self.email}>" if self.email else "", self.phone]
        return " ".join(p for p in parts if p)[:300]


@dataclass(frozen=True)
class Report:
    incident_id: str
    app: str
    contact: Contact
    media_id: str
    created: float
    error: str
    verify_until: float
    verify_answer: str


class CitizenStore:
    """The citizen-side tables. Writes go through one connection under a lock (call them from a
    worker thread); reads use a connection per thread and never wait for a writer (WAL), so the
    event loop may call them directly: they are single indexed lookups."""

    def __init__(self, path: Path | str, synchronous: str = "NORMAL") -> None:
        if synchronous.upper() not in ("NORMAL", "FULL"):
            raise ValueError(f"synchronous must be NORMAL or FULL, not {synchronous!r}")
        self._con = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._con.execute("PRAGMA journal_mode=WAL")
        # As durable as the event store (the server's --synchronous): NORMAL survives a killed
        # server, FULL also power loss.
        self._con.execute(f"PRAGMA synchronous={synchronous.upper()}")
        self._con.execute("PRAGMA busy_timeout=10000")
        self._con.executescript(SCHEMA)
        self._lock = threading.Lock()
        self._path = path
        self._local = threading.local()
        self._readers: list[sqlite3.Connection] = []
        self._keys: dict[str, tuple[str | None, float]] = {}

    def _read(self) -> sqlite3.Connection:
        con: sqlite3.Connection | None = getattr(self._local, "con", None)
        if con is None:
            con = sqlite3.connect(self._path, check_same_thread=False, isolation_level=None)
            con.execute("PRAGMA busy_timeout=10000")
            self._local.con = con
            self._readers.append(con)
        return con

    def close(self) -> None:
        with self._lock:
            self._con.close()
            for con in self._readers:
                con.close()
            self._readers.clear()

    # --- API keys -----------------------------------------------------------------------------
    def create_key(self, name: str) -> str:
        """A new key for application ``name`` (shown once; only its hash is kept)."""
        name = name.strip()
        if not name or len(name) > 64 or any(ch.isspace() or ch == ":" for ch in name):
            raise ValueError("an application name is 1-64 characters, no spaces or ':'")
        key = KEY_PREFIX + secrets.token_urlsafe(32)
        with self._lock:
            row = self._con.execute("SELECT revoked FROM open311_keys WHERE name = ?", (name,))
            found = row.fetchone()
            if found is not None and found[0] is None:
                raise ValueError(f"the application {name} has a key already; revoke it first")
            self._con.execute(
                "INSERT OR REPLACE INTO open311_keys VALUES (?, ?, ?, ?, NULL)",
                (name, key_hash(key), key[: len(KEY_PREFIX) + 4], time.time()),
            )
        return key

    def revoke_key(self, name: str) -> bool:
        with self._lock:
            cur = self._con.execute(
                "UPDATE open311_keys SET revoked = ? WHERE name = ? AND revoked IS NULL",
                (time.time(), name),
            )
        self._keys.clear()
        return cur.rowcount > 0

    def list_keys(self) -> list[ApiKey]:
        rows = (
            self._read()
            .execute("SELECT name, hint, created, revoked FROM open311_keys ORDER BY name")
            .fetchall()
        )
        return [ApiKey(*r) for r in rows]

    def check_key(self, key: str) -> str | None:
        """The application whose live key this is, or None. An answer is reused for
        ``KEY_CACHE_S`` seconds (so a revoked key stops working within that time)."""
        if not key.startswith(KEY_PREFIX) or len(key) > 100:
            return None
        now = time.monotonic()
        cached = self._keys.get(key)
        if cached is not None and now - cached[1] < KEY_CACHE_S:
            return cached[0]
        found = self._check_key(key)
        if len(self._keys) > 10_000:
            self._keys.clear()
        self._keys[key] = (found, now)
        return found

    def _check_key(self, key: str) -> str | None:
        digest = key_hash(key)
        row = (
            self._read()
            .execute(
                "SELECT name, hash FROM open311_keys WHERE hash = ? AND revoked IS NULL", (digest,)
            )
            .fetchone()
        )
        if row is None or not hmac.compare_digest(row[1], digest):
            return None
        return str(row[0])

    # --- reports --------------------------------------------------------------------------------
    def add_reports(self, rows: list[tuple[str, str, Contact, str, str]]) -> None:
        """Record reports ``(incident_id, app, contact, media_id, error)`` in one transaction."""
        now = time.time()
        with self._lock:
            self._con.execute("BEGIN")
            try:
                self._con.executemany(
                    "INSERT OR IGNORE INTO citizen_reports "
                    "(incident_id, app, contact, media_id, created, error) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    [(i, app, json.dumps(c.__dict__), m, now, e) for i, app, c, m, e in rows],
                )
                self._con.execute("COMMIT")
            except BaseException:
                self._con.execute("ROLLBACK")
                raise

    def report(self, incident_id: str) -> Report | None:
        return self._one("incident_id", incident_id)

    def report_by_verification(self, secret: str) -> Report | None:
        return self._one("verify_hash", key_hash(secret[:200])) if secret else None

    def media_of(self, incident_ids: list[str]) -> dict[str, str]:
        if not incident_ids:
            return {}
        marks = ",".join("?" * len(incident_ids))
        rows = (
            self._read()
            .execute(
                f"SELECT incident_id, media_id FROM citizen_reports "
                f"WHERE media_id != '' AND incident_id IN ({marks})",
                incident_ids,
            )
            .fetchall()
        )
        return dict(rows)

    def _one(self, column: str, value: str) -> Report | None:
        row = (
            self._read()
            .execute(
                "SELECT incident_id, app, contact, media_id, created, error, verify_until, "
                f"verify_answer FROM citizen_reports WHERE {column} = ?",
                (value,),
            )
            .fetchone()
        )
        if row is None:
            return None
        contact = Contact(**json.loads(row[2]))
        return Report(row[0], row[1], contact, *row[3:])

    # --- verification -------------------------------------------------------------------------
    def open_verification(
        self, incident_id: str, until: float, subject: str, make_body: Callable[[str], str]
    ) -> str | None:
        """Issue a verification secret for a resolved report with a reachable reporter and queue
        the message carrying its link; returns the secret (None: nobody to ask)."""
        rep = self.report(incident_id)
        if rep is None or not rep.contact.reachable:
            return None
        secret = secrets.token_urlsafe(24)
        body = make_body(secret)
        to = rep.contact.email or rep.contact.phone
        with self._lock:
            self._con.execute("BEGIN IMMEDIATE")
            try:
                self._con.execute(
                    "UPDATE citizen_reports SET verify_hash = ?, verify_until = ?, "
                    "verify_answer = '' WHERE incident_id = ?",
                    (key_hash(secret), until, incident_id),
                )
                self._con.execute(
                    "INSERT INTO citizen_outbox (time, incident_id, contact, subject, body) "
                    "VALUES (?, ?, ?, ?, ?)",
                    (time.time(), incident_id, to, subject, body),
                )
                self._con.execute("COMMIT")
            except BaseException:
                self._con.execute("ROLLBACK")
                raise
        return secret

    def queue_message(self, incident_id: str, contact: str, subject: str, body: str) -> None:
        """Queue one message to a reporter (the outbox a mail or SMS gateway sends from)."""
        with self._lock:
            self._con.execute(
                "INSERT INTO citizen_outbox (time, incident_id, contact, subject, body) "
                "VALUES (?, ?, ?, ?, ?)",
                (time.time(), incident_id, contact, subject, body),
            )

    def answer_verification(self, incident_id: str, answer: str) -> None:
        with self._lock:
            self._con.execute(
                "UPDATE citizen_reports SET verify_answer = ? WHERE incident_id = ?",
                (answer, incident_id),
            )

    def outbox(self, incident_id: str = "") -> list[tuple[str, str, str]]:
        """(contact, subject, body) of the queued messages, oldest first."""
        rows = (
            self._read()
            .execute(
                "SELECT contact, subject, body FROM citizen_outbox "
                "WHERE ? = '' OR incident_id = ? ORDER BY id",
                (incident_id, incident_id),
            )
            .fetchall()
        )
        return [(r[0], r[1], r[2]) for r in rows]

    # --- media ----------------------------------------------------------------------------------
    def put_media(self, mime: str, data: bytes) -> str:
        media_id = secrets.token_hex(12)
        with self._lock:
            self._con.execute(
                "INSERT INTO citizen_media VALUES (?, ?, ?, ?)",
                (media_id, mime, data, time.time()),
            )
        return media_id

    def media(self, media_id: str) -> tuple[str, bytes] | None:
        row = (
            self._read()
            .execute("SELECT mime, data FROM citizen_media WHERE id = ?", (media_id[:64],))
            .fetchone()
        )
        return None if row is None else (str(row[0]), bytes(row[1]))
