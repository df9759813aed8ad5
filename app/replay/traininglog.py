"""The training log: a separate SQLite file holding a trainee's commands and resulting events.

Never the source replay: the replay is opened read-only and only its path and SHA-256 are noted
here, so the score can find it and check it is the same file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import sqlite3
from pathlib import Path
from typing import Any

from app.domain.events import Event, decode_event, encode_event, event_type, incident_of

log = logging.getLogger(__name__)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS commands (
    id TEXT PRIMARY KEY,
    time REAL NOT NULL,
    type TEXT NOT NULL,
    payload TEXT NOT NULL,
    result TEXT NOT NULL,
    code TEXT NOT NULL DEFAULT '',
    message TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS events (
    seq INTEGER PRIMARY KEY,
    time REAL NOT NULL,
    actor TEXT NOT NULL,
    workstation TEXT NOT NULL,
    type TEXT NOT NULL,
    incident_id TEXT NOT NULL,
    payload TEXT NOT NULL,
    command_id TEXT NOT NULL
);
"""


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with Path(path).open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


class TrainingLog:
    """Owns one training log file (created on first use)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.con = sqlite3.connect(self.path)
        self.con.executescript(_SCHEMA)
        row = self.con.execute("SELECT MAX(seq) FROM events").fetchone()
        self._seq = int(row[0] or 0)

    @classmethod
    def create(
        cls,
        path: Path,
        replay_path: Path,
        replay_title: str,
        trainee: str,
        start: float,
        time_zone: str,
    ) -> TrainingLog:
        path = Path(path)
        if path.exists():
            raise FileExistsError(f"training log {path} already exists")
        if path.resolve() == Path(replay_path).resolve():
            raise ValueError("the training log must not be the replay file itself")
        tl = cls(path)
        tl.set_meta(
            {
                "replay_path": str(Path(replay_path).resolve()),
                "replay_sha256": file_sha256(Path(replay_path)),
                "replay_title": replay_title,
                "trainee": trainee,
                "started": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                "start": start,
                "end": start,
                "time_zone": time_zone,
            }
        )
        return tl

    def set_meta(self, values: dict[str, Any]) -> None:
        with self.con:
            self.con.executemany(
                "INSERT OR REPLACE INTO meta VALUES (?, ?)",
                [(k, json.dumps(v)) for k, v in values.items()],
            )

    def meta(self) -> dict[str, Any]:
        return {k: json.loads(v) for k, v in self.con.execute("SELECT key, value FROM meta")}

    def next_seq(self) -> int:
        self._seq += 1
        return self._seq

    def record(
        self,
        command_id: str,
        time: float,
        type_name: str,
        payload: dict[str, Any],
        events: list[Event],
        refused: tuple[str, str] | None = None,
    ) -> None:
        """One command and its outcome: the events it produced, or the refusal (code, message)."""
        code, message = refused or ("", "")
        with self.con:
            self.con.execute(
                "INSERT INTO commands VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    command_id,
                    time,
                    type_name,
                    json.dumps(payload, default=str),
                    "refused" if refused else "ok",
                    code,
                    message,
                ),
            )
            self.con.executemany(
                "INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        e.seq,
                        e.time,
                        e.actor,
                        e.workstation,
                        event_type(e.body),
                        incident_of(e.body),
                        encode_event(e).decode(),
                        command_id,
                    )
                    for e in events
                ],
            )

    def events(self) -> list[Event]:
        return [
            decode_event(r[0]) for r in self.con.execute("SELECT payload FROM events ORDER BY seq")
        ]

    def commands(self) -> list[dict[str, Any]]:
        cur = self.con.execute(
            "SELECT id, time, type, payload, result, code, message FROM commands ORDER BY time, rowid"
        )
        keys = ("id", "time", "type", "payload", "result", "code", "message")
        return [dict(zip(keys, r, strict=True)) for r in cur]

    def close(self) -> None:
        self.con.close()
