"""``python -m app.server api-key``: the administrator's management of Open311 API keys.

create --db FILE --name APP   prints a new key for APP (only its hash is stored)
list   --db FILE              the applications, when their key was made, whether it is revoked
revoke --db FILE --name APP   the key stops working at once
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import sys
from pathlib import Path

from app.server.http.citizens import CitizenStore

log = logging.getLogger(__name__)


def _when(t: float | None) -> str:
    if t is None:
        return "-"
    return dt.datetime.fromtimestamp(t, dt.UTC).strftime("%Y-%m-%d %H:%M UTC")


def api_key_main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(
        prog="python -m app.server api-key", description="Open311 API keys of applications"
    )
    p.add_argument("action", choices=["create", "list", "revoke"])
    p.add_argument("--db", type=Path, required=True, help="the server's database file")
    p.add_argument("--name", default="", help="the application (create, revoke)")
    args = p.parse_args(argv)
    if args.action != "list" and not args.name:
        p.error(f"{args.action} needs --name APP")
    if args.action != "create" and not args.db.exists():
        print(f"no database at {args.db}", file=sys.stderr)
        return 1
    store = CitizenStore(args.db)
    try:
        if args.action == "create":
            try:
                key = store.create_key(args.name)
            except ValueError as exc:
                print(exc, file=sys.stderr)
                return 2
            print(key)
            print(f"(the key of {args.name}; it is shown only now)", file=sys.stderr)
        elif args.action == "revoke":
            if not store.revoke_key(args.name):
                print(f"no live key for {args.name}", file=sys.stderr)
                return 1
            print(f"the key of {args.name} is revoked")
        else:
            for k in store.list_keys():
                state = f"revoked {_when(k.revoked)}" if k.revoked else "live"
                print(f"{k.name:24} {k.hint}…  created {_when(k.created)}  {state}")
    finally:
        store.close()
    return 0
