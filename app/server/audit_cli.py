"""``python -m app.server audit``: the audit trail of a server database, read-only."""

from __future__ import annotations

import argparse
import logging
import sqlite3
import sys
from pathlib import Path

import msgspec
import psycopg

from app.server.audit import (
    AuditFilter,
    AuditRow,
    open_readonly,
    parse_time,
    read_audit,
    to_csv,
)
from app.server.pgstore import PgEventStore, is_postgres_url

log = logging.getLogger(__name__)


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(
        prog="python -m app.server audit",
        description="List the audit trail (commands, sign-ins, admin actions), oldest first.",
    )
    p.add_argument(
        "--db", required=True, help="the server's SQLite database, or its postgresql://... URL"
    )
    p.add_argument("--since", help="ISO 8601 date or time (UTC unless it says otherwise)")
    p.add_argument("--until", help="ISO 8601 date or time (exclusive)")
    p.add_argument("--user", default="")
    p.add_argument("--desk", default="", help="workstation name")
    p.add_argument("--incident", default="", help="incident number or id")
    p.add_argument("--type", default="", help="command type, e.g. assign_units")
    p.add_argument("--kind", default="", choices=["", "command", "login", "admin"])
    p.add_argument("--outcome", default="", choices=["", "accepted", "refused"])
    p.add_argument("--limit", type=int, default=1000)
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="a JSON list of rows")
    out.add_argument("--csv", action="store_true", help="CSV with a header")
    args = p.parse_args(argv)
    try:
        f = AuditFilter(
            since=parse_time(args.since) if args.since else None,
            until=parse_time(args.until) if args.until else None,
            user=args.user,
            workstation=args.desk,
            incident=args.incident,
            command_type=args.type,
            kind=args.kind,
            outcome=args.outcome,
            limit=args.limit,
        )
    except ValueError as exc:
        print(f"audit: {exc}", file=sys.stderr)
        return 2
    try:
        rows = _read(args.db, f)
    except (OSError, ValueError, sqlite3.Error, psycopg.Error) as exc:
        print(f"audit: cannot read {args.db}: {exc}", file=sys.stderr)
        return 2
    if args.json:
        sys.stdout.write(msgspec.json.encode(rows).decode() + "\n")
    elif args.csv:
        sys.stdout.write(to_csv(rows))
    else:
        for r in rows:
            when = to_csv([r]).splitlines()[1].split(",", 1)[0]
            where = f" {r.incident_number}" if r.incident_number else ""
            print(
                f"{when} {r.username}@{r.workstation} {r.kind} {r.command_type}{where}: "
                f"{r.result}{' — ' + r.detail if r.detail else ''}"
            )
    return 0


def _read(db: str, f: AuditFilter) -> list[AuditRow]:
    if is_postgres_url(db):
        store = PgEventStore(db)
        try:
            return store.audit_rows(f)
        finally:
            store.close()
    con = open_readonly(Path(db))
    try:
        return read_audit(con, f)
    finally:
        con.close()
