"""``python -m app.server``: run the server, create the first admin, make a site certificate.

python -m app.server --host 0.0.0.0 --port 8765 --db /srv/cityops/city.db
python -m app.server --host 127.0.0.1 --db /tmp/demo.db --seed-demo   (demo accounts: loopback)
python -m app.server --db city.db --http-port 8766 --cap-feed https://alerts.example.org/cap.atom
python -m app.server --db postgresql://cityops@dbhost/cityops --port 8765   (one of several replicas)
python -m app.server init-admin --db /srv/cityops/city.db --username admin [--password P]
python -m app.server migrate --from sqlite:///srv/cityops/city.db --to postgresql://dbhost/cityops
python -m app.server make-cert --out /srv/cityops/tls --host ops.example.org
python -m app.server api-key create|list|revoke --db /srv/cityops/city.db [--name APP]
python -m app.server audit --db /srv/cityops/city.db [--since ISO] [--user NAME] [--json|--csv]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import getpass
import ipaddress
import logging
import signal
import sys
from pathlib import Path

import psycopg

from app.city import load_city
from app.domain.deadlines import CalendarConfigError, WorkCalendar, load_calendar
from app.interop.poller import check_feed_url
from app.server.auth import make_user_record
from app.server.certs import make_cert, server_context
from app.server.config import ServerConfig
from app.server.core import CityServer
from app.server.migrate import MigrationError, migrate
from app.server.passwords import policy_problem
from app.server.pgstore import PgEventStore, is_postgres_url
from app.server.seed import add_demo_users, demo_seed_job
from app.server.store import EventStore, SqliteEventStore

log = logging.getLogger(__name__)


def _serve_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8765)
    p.add_argument(
        "--db",
        required=True,
        help="SQLite database file (created if new), or postgresql://... for a replica sharing "
        "one PostgreSQL database with others",
    )
    p.add_argument("--tls-cert", type=Path, help="certificate (PEM) for wss://")
    p.add_argument("--tls-key", type=Path, help="private key (PEM) for wss://")
    p.add_argument(
        "--http-port",
        type=int,
        help="also serve Open311, the public page and reporters' verification on this port "
        "(0: any free port; TLS like the websocket side)",
    )
    p.add_argument("--jurisdiction", default=ServerConfig.jurisdiction_id, help="Open311 id")
    p.add_argument("--public-url", default="", help="base URL of links sent to reporters")
    p.add_argument(
        "--verify-hours",
        type=float,
        default=ServerConfig.verify_timeout / 3600,
        help="hours a reporter has to confirm a fix before the centre verifies it",
    )
    p.add_argument("--seed-demo", action="store_true", help="load the demo city into an empty db")
    p.add_argument(
        "--allow-demo-accounts",
        action="store_true",
        help="let --seed-demo run on a non-loopback --host (its accounts' passwords are public)",
    )
    p.add_argument(
        "--synchronous",
        choices=["NORMAL", "FULL"],
        default="NORMAL",
        help="NORMAL survives a killed server; FULL also survives power loss (slower)",
    )
    p.add_argument("--rate", type=float, default=ServerConfig.rate, help="messages/s per client")
    p.add_argument("--burst", type=float, default=ServerConfig.burst)
    p.add_argument("--heartbeat-timeout", type=float, default=ServerConfig.heartbeat_timeout)
    p.add_argument("--deadline-interval", type=float, default=ServerConfig.deadline_interval)
    p.add_argument("--token-hours", type=float, default=ServerConfig.token_ttl / 3600)
    p.add_argument("--fanout-delay", type=float, default=ServerConfig.fanout_delay)
    p.add_argument(
        "--calendar",
        type=Path,
        help="working-hours calendar JSON for deadlines (default: 08:30-17:30 Mon-Fri, "
        "US federal and San Francisco holidays, America/Los_Angeles)",
    )
    p.add_argument(
        "--mqtt",
        default="",
        metavar="HOST:PORT",
        help="MQTT broker the city's sensors publish to (cityops/sensors/<device>); "
        "alarms become cases",
    )
    p.add_argument("--stale-check-interval", type=float, default=ServerConfig.stale_check_interval)
    p.add_argument(
        "--video-analytics",
        action="store_true",
        help="watch the zones drawn on camera pictures (a worker process); detections open cases",
    )
    p.add_argument(
        "--cap-feed",
        action="append",
        default=[],
        metavar="URL",
        help="poll this CAP alert source (a CAP message, Atom or RSS feed, EDXL-DE envelope; "
        "http or https); repeat for several",
    )
    p.add_argument(
        "--cap-poll-interval",
        type=float,
        default=ServerConfig.cap_poll_interval,
        help="seconds between polls of each CAP feed (doubled per failure, up to an hour)",
    )
    p.add_argument("--log-level", default="INFO")


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "init-admin":
        return _init_admin(argv[1:])
    if argv and argv[0] == "make-cert":
        return _make_cert(argv[1:])
    if argv and argv[0] == "migrate":
        return _migrate(argv[1:])
    if argv and argv[0] == "audit":
        from app.server.audit_cli import main as audit_main

        return audit_main(argv[1:])
    if argv and argv[0] == "api-key":
        from app.server.http.cli import api_key_main

        return api_key_main(argv[1:])
    p = argparse.ArgumentParser(prog="python -m app.server", description=__doc__.split("\n")[0])
    _serve_args(p)
    args = p.parse_args(argv)
    logging.basicConfig(level=args.log_level.upper(), format="%(asctime)s %(name)s %(message)s")
    if bool(args.tls_cert) != bool(args.tls_key):
        p.error("--tls-cert and --tls-key go together")
    if args.seed_demo and not args.allow_demo_accounts and not is_loopback(args.host):
        p.error(
            f"--seed-demo creates the demo accounts, whose passwords are published in "
            f"resources/city/users.json; on --host {args.host} anyone on the network could sign "
            f"in with them. Use --host 127.0.0.1, or add --allow-demo-accounts if you mean it."
        )
    for url in args.cap_feed:
        try:
            check_feed_url(url)
        except ValueError as exc:
            p.error(str(exc))
    ssl = server_context(args.tls_cert, args.tls_key) if args.tls_cert else None
    calendar = None
    if args.calendar:
        try:
            calendar = load_calendar(args.calendar)
        except (OSError, CalendarConfigError) as exc:
            p.error(str(exc))
    config = ServerConfig(
        synchronous=args.synchronous,
        rate=args.rate,
        burst=args.burst,
        heartbeat_timeout=args.heartbeat_timeout,
        deadline_interval=args.deadline_interval,
        token_ttl=args.token_hours * 3600,
        fanout_delay=args.fanout_delay,
        mqtt=args.mqtt,
        stale_check_interval=args.stale_check_interval,
        video_analytics=args.video_analytics,
        jurisdiction_id=args.jurisdiction,
        public_url=args.public_url,
        verify_timeout=args.verify_hours * 3600,
        cap_feeds=tuple(args.cap_feed),
        cap_poll_interval=args.cap_poll_interval,
    )
    try:
        asyncio.run(_serve(args, config, ssl, calendar))
    except KeyboardInterrupt:
        pass
    return 0


async def _serve(
    args: argparse.Namespace, config: ServerConfig, ssl: object, calendar: WorkCalendar | None
) -> None:
    server = CityServer(
        "" if is_postgres_url(args.db) else args.db,
        args.host,
        args.port,
        ssl,  # type: ignore[arg-type]
        config=config,
        calendar=calendar,
        http_port=args.http_port,
        store=open_store(args.db, config.synchronous) if is_postgres_url(args.db) else None,
    )
    await server.start()
    if args.seed_demo:
        await _seed_demo(server)
    print(f"CityOps server listening on {args.host}:{server.port}", flush=True)
    if server.http is not None:
        print(f"HTTP side (Open311, public page) on {args.host}:{server.http.port}", flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    await stop.wait()
    await server.stop()


async def _seed_demo(server: CityServer) -> None:
    city = load_city()
    seqs = await server.proc.inject(demo_seed_job(city), "system")
    assert server.store is not None
    made = add_demo_users(server.store, city)
    log.info("demo city: %d reference events, %d demo accounts", len(seqs), made)


def is_loopback(host: str) -> bool:
    """True when ``host`` only listens on this machine (127.0.0.0/8, ::1, localhost)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False  # a name, '' or 0.0.0.0-like: reachable from elsewhere


def _init_admin(argv: list[str]) -> int:
    p = argparse.ArgumentParser(prog="python -m app.server init-admin")
    p.add_argument("--db", required=True, help="SQLite file or postgresql://...")
    p.add_argument("--username", required=True)
    p.add_argument("--password", help="default: asked for on the terminal")
    p.add_argument("--display-name", default="Administrator")
    args = p.parse_args(argv)
    password = args.password or getpass.getpass(f"password for {args.username}: ")
    problem = policy_problem(password, args.username)
    if problem:
        print(f"refused: {problem}", file=sys.stderr)
        return 2
    store = open_store(args.db)
    try:
        if store.get_user(args.username) is not None:
            print(f"the account {args.username} already exists", file=sys.stderr)
            return 1
        try:
            rec = make_user_record(args.username, password, "admin", args.display_name)
        except ValueError as exc:
            print(exc, file=sys.stderr)
            return 2
        store.put_user(rec)
    finally:
        store.close()
    print(f"admin account {args.username} created in {args.db}")
    return 0


def open_store(db: str, synchronous: str = "NORMAL") -> EventStore:
    """The store ``--db`` names: a PostgreSQL URL or a SQLite file."""
    if is_postgres_url(db):
        return PgEventStore(db)
    return SqliteEventStore(Path(db), synchronous)


def _migrate(argv: list[str]) -> int:
    p = argparse.ArgumentParser(prog="python -m app.server migrate")
    p.add_argument("--from", dest="source", required=True, help="sqlite:///PATH of the old server")
    p.add_argument(
        "--to",
        dest="target",
        required=True,
        help="postgresql://... (empty, or a partial copy of the same log to resume)",
    )
    args = p.parse_args(argv)
    logging.basicConfig(level="INFO", format="%(asctime)s %(name)s %(message)s")
    try:
        r = migrate(args.source, args.target)
    except (MigrationError, psycopg.Error) as exc:
        print(f"migration failed: {exc}", file=sys.stderr)
        return 1
    print(
        f"{r.events} events in the log ({r.copied} copied now), {r.users} accounts, "
        f"{r.answers} command answers, {r.audit} audit entries"
    )
    return 0


def _make_cert(argv: list[str]) -> int:
    p = argparse.ArgumentParser(prog="python -m app.server make-cert")
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--host", required=True, help="the name (or IP) workstations connect to")
    p.add_argument("--days", type=int, default=825)
    args = p.parse_args(argv)
    try:
        cert, key = make_cert(args.out, args.host, args.days)
    except RuntimeError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"certificate {cert}\nprivate key {key}\ncopy {cert.name} to every workstation")
    return 0


if __name__ == "__main__":
    sys.exit(main())
