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
    token TEXT NOT NULL UNIQUE,
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
    token: str
    app: str
    contact: Contact
    media_id: str
    created: float
    error: str
    verify_until: float
    verify_answer: str


class CitizenStore:
    """The citizen-side tables. Blocking: call from a worker thread (or a CLI)."""

    def __init__(self, path: Path | str) -> None:
        self._con = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._con.execute("PRAGMA journal_mode=WAL")
        self._con.execute("PRAGMA busy_timeout=10000")
        self._con.executescript(SCHEMA)
        self._lock = threading.Lock()

    def close(self) -> None:
        with self._lock:
            self._con.close()

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
        return cur.rowcount > 0

    def list_keys(self) -> list[ApiKey]:
        with self._lock:
            rows = self._con.execute(
                "SELECT name, hint, created, revoked FROM open311_keys ORDER BY name"
            ).fetchall()
        return [ApiKey(*r) for r in rows]

    def check_key(self, key: str) -> str | None:
        """The application whose live key this is, or None."""
        if not key.startswith(KEY_PREFIX) or len(key) > 100:
            return None
        digest = key_hash(key)
        with self._lock:
            row = self._con.execute(
                "SELECT name, hash FROM open311_keys WHERE hash = ? AND revoked IS NULL", (digest,)
            ).fetchone()
        if row is None or not hmac.compare_digest(row[1], digest):
            return None
        return str(row[0])

    # --- reports --------------------------------------------------------------------------------
    def add_report(self, incident_id: str, app: str, contact: Contact, media_id: str) -> str:
        """Record a report before its command is decided; returns its token."""
        token = secrets.token_hex(8)
        with self._lock:
            self._con.execute(
                "INSERT INTO citizen_reports (incident_id, token, app, contact, media_id, created) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (incident_id, token, app, json.dumps(contact.__dict__), media_id, time.time()),
            )
        return token

    def set_error(self, incident_id: str, error: str) -> None:
        with self._lock:
            self._con.execute(
                "UPDATE citizen_reports SET error = ? WHERE incident_id = ?",
                (error[:500], incident_id),
            )

    def report(self, incident_id: str) -> Report | None:
        return self._one("incident_id", incident_id)

    def report_by_token(self, token: str) -> Report | None:
        return self._one("token", token[:64])

    def report_by_verification(self, secret: str) -> Report | None:
        return self._one("verify_hash", key_hash(secret[:200])) if secret else None

    def media_of(self, incident_ids: list[str]) -> dict[str, str]:
        if not incident_ids:
            return {}
        marks = ",".join("?" * len(incident_ids))
        with self._lock:
            rows = self._con.execute(
                f"SELECT incident_id, media_id FROM citizen_reports "
                f"WHERE media_id != '' AND incident_id IN ({marks})",
                incident_ids,
            ).fetchall()
        return dict(rows)

    def _one(self, column: str, value: str) -> Report | None:
        with self._lock:
            row = self._con.execute(
                "SELECT incident_id, token, app, contact, media_id, created, error, verify_until, "
                f"verify_answer FROM citizen_reports WHERE {column} = ?",
                (value,),
            ).fetchone()
        if row is None:
            return None
        contact = Contact(**json.loads(row[3]))
        return Report(row[0], row[1], row[2], contact, *row[4:])

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

    def answer_verification(self, incident_id: str, answer: str) -> None:
        with self._lock:
            self._con.execute(
                "UPDATE citizen_reports SET verify_answer = ? WHERE incident_id = ?",
                (answer, incident_id),
            )

    def outbox(self, incident_id: str = "") -> list[tuple[str, str, str]]:
        """(contact, subject, body) of the queued messages, oldest first."""
        with self._lock:
            rows = self._con.execute(
                "SELECT contact, subject, body FROM citizen_outbox "
                "WHERE ? = '' OR incident_id = ? ORDER BY id",
                (incident_id, incident_id),
            ).fetchall()
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
        with self._lock:
            row = self._con.execute(
                "SELECT mime, data FROM citizen_media WHERE id = ?", (media_id[:64],)
            ).fetchone()
        return None if row is None else (str(row[0]), bytes(row[1]))
