"""Reading the audit trail: who did what, from which desk, when, on which case, and whether it
was accepted — for the console's audit viewer (supervisors, auditors, the administrator) and
``python -m app.server audit``. Both read the same rows through :func:`read_audit`.

The audit table records every command (accepted, refused, re-sent), sign-in and admin action. A
command's case is found through its answer: an accepted command's first event names it.
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from pathlib import Path
from typing import Any

import msgspec

from app.audit import AuditFilter, AuditRow, to_csv
from app.domain.model import Role

__all__ = ["AUDIT_READERS", "POSTGRES", "SQLITE", "AuditFilter", "AuditRow", "read_audit", "to_csv"]

log = logging.getLogger(__name__)

AUDIT_READERS = frozenset({Role.SUPERVISOR, Role.ADMIN, Role.AUDITOR})
MAX_ROWS = 10_000


class Dialect(msgspec.Struct, frozen=True):
    """How the two stores spell what the audit query needs."""

    mark: str  # a parameter
    sep: str  # the answers' key separator (processor.answer_key): char 31
    first_seq: str  # an answer's first event
    is_ack: str  # the answer is an ack
    number: str  # an incident record's number


SQLITE = Dialect(
    mark="?",
    sep="char(31)",
    first_seq="json_extract(c.answer, '$.first_seq')",
    is_ack="json_extract(c.answer, '$.msg') = 'ack'",
    number="json_extract(data, '$.number')",
)
POSTGRES = Dialect(
    mark="%s",
    sep="chr(31)",
    first_seq="(c.answer::jsonb ->> 'first_seq')::bigint",
    is_ack="c.answer::jsonb ->> 'msg' = 'ack'",
    number="data::jsonb ->> 'number'",
)


def read_audit(con: Any, f: AuditFilter, d: Dialect = SQLITE) -> list[AuditRow]:
    """Rows matching ``f``, oldest first (the newest ``limit`` of them). ``con``: a sqlite3
    connection (``SQLITE``) or a psycopg one (``POSTGRES``): the same query on either store."""
    if f.outcome not in ("", "accepted", "refused"):
        raise ValueError("outcome is accepted, refused or empty")
    limit = max(1, min(int(f.limit), MAX_ROWS))
    m = d.mark
    where: list[str] = []
    args: list[object] = []
    if f.since is not None:
        where.append(f"a.time >= {m}")
        args.append(f.since)
    if f.until is not None:
        where.append(f"a.time < {m}")
        args.append(f.until)
    for col, value in (
        ("a.username", f.user),
        ("a.workstation", f.workstation),
        ("a.command_type", f.command_type),
        ("a.kind", f.kind),
    ):
        if value:
            where.append(f"{col} = {m}")
            args.append(value)
    if f.outcome == "accepted":
        where.append("a.result = 'ok'")
    elif f.outcome == "refused":
        where.append("a.result NOT IN ('ok', 'replayed')")
    incident_sql = (
        f"(SELECT e.incident_id FROM events e WHERE e.seq = {d.first_seq} AND {d.is_ack})"
    )
    if f.incident:
        where.append(
            f"{incident_sql} IN (SELECT id FROM incidents WHERE id = {m} OR {d.number} = {m})"
        )
        args += [f.incident, f.incident]
    sql = (
        "SELECT a.time, a.username, a.workstation, a.peer, a.kind, a.command_id, a.command_type,"
        f" a.result, a.detail, {incident_sql} AS inc FROM audit a"
        # Answers are kept per (account, command id): see processor.answer_key.
        f" LEFT JOIN commands c ON c.id = a.username || {d.sep} || a.command_id"
        " AND a.kind = 'command'"
    )
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += f" ORDER BY a.id DESC LIMIT {m}"
    args.append(limit)
    rows = con.execute(sql, args).fetchall()
    numbers: dict[str, str] = {}
    ids = sorted({r[9] for r in rows if r[9]})
    if ids:
        marks = ",".join([m] * len(ids))
        for iid, number in con.execute(
            f"SELECT id, {d.number} FROM incidents WHERE id IN ({marks})", ids
        ).fetchall():
            numbers[iid] = number or ""
    out = [
        AuditRow(
            time=r[0],
            username=r[1],
            workstation=r[2],
            peer=r[3],
            kind=r[4],
            command_id=r[5],
            command_type=r[6],
            result=r[7],
            detail=r[8],
            incident_id=r[9] or "",
            incident_number=numbers.get(r[9] or "", ""),
        )
        for r in rows
    ]
    return out[::-1]


def open_readonly(path: Path | str) -> sqlite3.Connection:
    """A read-only connection to a server's SQLite database (never changes it)."""
    p = Path(path)
    if not p.is_file():
        raise FileNotFoundError(f"no server database at {p}")
    return sqlite3.connect(f"file:{p}?mode=ro", uri=True)


def parse_time(text: str) -> float:
    """An ISO 8601 date or date-time (naive: UTC) as epoch seconds; ValueError when not."""
    t = dt.datetime.fromisoformat(text)
    if t.tzinfo is None:
        t = t.replace(tzinfo=dt.UTC)
    return t.timestamp()


def filter_from_payload(payload: Any) -> AuditFilter:
    """The filter an audit request carries; msgspec.ValidationError when malformed."""
    return msgspec.convert(payload or {}, AuditFilter)
