"""Move a server's event log and accounts from one store to another (SQLite -> PostgreSQL).

``python -m app.server migrate --from sqlite:///srv/cityops/city.db --to postgresql://...``

Every event keeps its position, time, actor and workstation; the current-state tables are
rebuilt by the same reducer the server runs, in batches of one transaction each, so an
interrupted migration is resumed by running it again (it continues after the target's last
event). Accounts, command answers (idempotency across the move) and the audit trail go along.
The target must be empty or a prefix of the source: a log that differs is refused.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from app.domain.state import Changes
from app.server.pgstore import PgEventStore, is_postgres_url
from app.server.records import AuditEntry, Batch
from app.server.store import SqliteEventStore

log = logging.getLogger(__name__)

BATCH = 2000


class MigrationError(Exception):
    """The migration cannot go on (the message says why; nothing half-done is left behind)."""


@dataclass
class MigrationReport:
    events: int
    copied: int
    users: int
    answers: int
    audit: int


def sqlite_path(url: str) -> Path:
    if url.startswith("sqlite:///"):
        return Path(url[len("sqlite://") :])
    if "://" in url:
        raise MigrationError(f"--from must be sqlite:///PATH, not {url!r}")
    return Path(url)


def migrate(source_url: str, target_url: str) -> MigrationReport:
    src_path = sqlite_path(source_url)
    if not src_path.is_file():
        raise MigrationError(f"no SQLite database at {src_path}")
    if not is_postgres_url(target_url):
        raise MigrationError(f"--to must be a postgresql:// URL, not {target_url!r}")
    src = SqliteEventStore(src_path)
    dst = PgEventStore(target_url)
    try:
        return _copy(src, dst)
    finally:
        src.close()
        dst.close()


def _copy(src: SqliteEventStore, dst: PgEventStore) -> MigrationReport:
    total = src.last_seq()
    state = dst.load_state()
    start = state.seq
    if start > total:
        raise MigrationError(f"the target log ({start} events) is longer than the source's")
    if start:
        a, b = src.read_since(start - 1, 1), dst.read_since(start - 1, 1)
        if a != b:
            raise MigrationError(f"the target's event {start} differs from the source's: refused")
    answers = dict(_rows(src, "SELECT id, answer FROM commands"))
    pending_answers = [(cid, a.encode()) for cid, a in answers.items()]
    copied = 0
    pos = start
    while pos < total:
        events = src.read_since(pos, BATCH)
        if not events:
            break
        if events[0].seq != pos + 1:
            raise MigrationError(f"the source log has a gap after {pos}")
        changes = Changes()
        for e in events:
            changes.merge(state.apply(e))
            state.seq = e.seq
        batch = Batch(events=events, changes=changes)
        if events[-1].seq >= total:  # answers go with the last batch: one commit, all or none
            batch.answers = pending_answers
        dst.append(batch, state)
        copied += len(events)
        pos = events[-1].seq
        log.info("migrated %d / %d events", pos, total)
    users = src.list_users()
    for rec in users:
        dst.put_user(rec)
    audit: list[AuditEntry] = []
    if copied:  # the audit trail moves once, with the events
        audit = src.read_audit(limit=10**9)
        dst.audit(audit)
    return MigrationReport(
        total, copied, len(users), len(pending_answers) if copied else 0, len(audit)
    )


def _rows(store: SqliteEventStore, sql: str) -> list[tuple[str, str]]:
    con = sqlite3.connect(store.path)
    try:
        return [
            (str(a), b if isinstance(b, str) else bytes(b).decode()) for a, b in con.execute(sql)
        ]
    finally:
        con.close()
