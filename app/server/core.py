"""CityServer: the websocket server of the sync protocol (docs/PROTOCOL.md).

Owns the listening socket, the sign-in of each connection, its catch-up (snapshot or event
batches), the heartbeat and rate limits, and the periodic deadline watcher. Commands go to the
:class:`Processor`; committed events come back through :class:`Fanout`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sqlite3
import ssl as ssl_module
import time
from dataclasses import fields, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec
import psycopg
import websockets
from websockets.asyncio.server import Server, ServerConnection, serve

from app.domain import events as ev
from app.domain.deadlines import WorkCalendar
from app.domain.library import Library
from app.domain.model import Role
from app.domain.rules import calendar_spec, library_version
from app.domain.state import CityState
from app.protocol import (
    CLOSE_AUTH_FAILED,
    CLOSE_HEARTBEAT,
    CLOSE_POLICY,
    CLOSE_PROTOCOL_ERROR,
    CLOSE_RATE_LIMIT,
    CLOSE_SESSION_ENDED,
    CLOSE_TOKEN_EXPIRED,
    MAX_MESSAGE_BYTES,
    PROTOCOL_VERSION,
    AdminMsg,
    AdminResult,
    CommandMsg,
    ErrorMsg,
    EventsMsg,
    Hello,
    Ping,
    Pong,
    Resync,
    SignOut,
    SnapshotMsg,
    Welcome,
    decode_client,
    encode,
)
from app.server.admin import REVOKING, AdminError, run_admin
from app.server.admin_keys import KEY_ACTIONS, run_key_action
from app.server.audit import AUDIT_READERS, AuditRow, filter_from_payload, open_readonly, read_audit
from app.server.auth import Accounts, AuthError
from app.server.config import ServerConfig
from app.server.deadline_watch import watcher_job
from app.server.fanout import Fanout
from app.server.http.citizens import CitizenStore
from app.server.http.side import HttpSide
from app.server.limits import (
    AUDIT_DETAIL,
    AUDIT_ID,
    AUDIT_NAME,
    AUDIT_WORKSTATION,
    MAX_TYPE,
    TooLarge,
    check_payload,
    close_reason,
    cut,
)
from app.server.processor import CommandJob, Processor
from app.server.session import CLOSE_UNSUPPORTED, Session, TokenBucket
from app.server.store import AuditEntry, EventStore, SqliteEventStore
from app.server.throttle import Throttle
from app.server.visibility import filter_snapshot

if TYPE_CHECKING:  # imported when configured: a server without them loads no MQTT or OpenCV
    from app.interop.poller import FeedPoller
    from app.sensors.intake import SensorIntake
    from app.sensors.mqtt import MqttLink
    from app.sensors.videolink import VideoAnalyticsLink

log = logging.getLogger(__name__)


class CityServer:
    """The sync server, embeddable: ``await start()``, ``port``, ``await stop()``."""

    def __init__(
        self,
        db_path: Path | str,
        host: str = "127.0.0.1",
        port: int = 8765,
        ssl: ssl_module.SSLContext | None = None,
        *,
        config: ServerConfig | None = None,
        library: Library | None = None,
        calendar: WorkCalendar | None = None,
        store: EventStore | None = None,
        http_port: int | None = None,
        **overrides: Any,
    ) -> None:
        known = {f.name for f in fields(ServerConfig)}
        unknown = set(overrides) - known
        if unknown:
            raise TypeError(f"unknown server settings {sorted(unknown)}; known: {sorted(known)}")
        self.config = replace(config or ServerConfig(), **overrides)
        self.db_path = Path(db_path)
        self.host = host
        self.port = port
        self.ssl = ssl
        # The rules this server decides with; recorded as reference events at start when the
        # event log does not hold exactly these (see _load_rules), so every desk uses them too.
        self.library = library
        self.calendar = calendar
        self.store: EventStore | None = store
        self.http_port = http_port  # None: no HTTP side (Open311, public page)
        self.http: HttpSide | None = None
        cfg = self.config
        self.throttle = Throttle(
            cfg.login_delay_base,
            cfg.login_delay_cap,
            peer_free=cfg.login_peer_free,
            lock_after=cfg.login_lock_after,
            lock_time=cfg.login_lock_time,
        )
        self._server: Server | None = None
        self._tasks: list[asyncio.Task[None]] = []
        self.proc: Processor
        self.fanout: Fanout
        self.accounts: Accounts
        self.sensors: SensorIntake | None = None  # the MQTT sensor intake (config.mqtt)
        self.mqtt: MqttLink | None = None
        self.analytics: VideoAnalyticsLink | None = None  # config.video_analytics
        self.feeds: FeedPoller | None = None  # CAP feeds polled (config.cap_feeds)

    # --- life cycle ---------------------------------------------------------------------------
    async def start(self) -> None:
        cfg = self.config
        if self.store is None:
            self.store = SqliteEventStore(self.db_path, cfg.synchronous)
        self.accounts = Accounts(self.store, cfg.token_ttl, cfg.password_cost)
        self.fanout = Fanout(
            lambda: self.proc.state, cfg.fanout_delay, max_lag_bytes=cfg.max_lag_bytes
        )
        # A store shared by several replicas brings its own processor (app/server/pgreplica.py).
        proc_class = getattr(self.store, "processor_class", Processor)
        self.proc = proc_class(self.store, self._committed, cfg.max_batch)
        self.proc.start()
        await self._load_rules()
        if cfg.mqtt:
            from app.sensors.intake import SensorIntake
            from app.sensors.mqtt import MqttLink

            self.sensors = SensorIntake(self.proc, peer=cfg.mqtt, max_queue=cfg.max_queue)
            self.mqtt = MqttLink(self.sensors, cfg.mqtt, cfg.stale_check_interval)
            self.mqtt.start()
        if cfg.video_analytics:
            from app.sensors.videolink import VideoAnalyticsLink

            self.analytics = VideoAnalyticsLink(self.proc, cfg.analytics_check_interval)
            self.analytics.start()
        if cfg.cap_feeds:
            from app.interop.poller import FeedPoller

            self.feeds = FeedPoller(
                self.proc,
                cfg.cap_feeds,
                interval=cfg.cap_poll_interval,
                timeout=cfg.cap_fetch_timeout,
                max_body=cfg.cap_max_body,
                backoff_max=cfg.cap_backoff_max,
            )
            self.feeds.start()
        self._server = await serve(
            self._handler,
            self.host,
            self.port,
            ssl=self.ssl,
            max_size=MAX_MESSAGE_BYTES,
            compression=None,  # permessage-deflate caps broadcast far below what we need
            ping_interval=None,  # the protocol has its own heartbeat (ping/pong, 4009)
            close_timeout=2,
        )
        self.port = self._server.sockets[0].getsockname()[1]
        if self.http_port is not None:
            self.http = HttpSide(self, self.host, self.http_port, self.ssl)
            await self.http.start()
            self.http_port = self.http.port
        loop = asyncio.get_running_loop()
        self._tasks.append(loop.create_task(self._sweep_heartbeats(), name="heartbeats"))
        if cfg.deadline_interval > 0:
            self._tasks.append(loop.create_task(self._watch_deadlines(), name="deadlines"))
        log.info("CityOps server on %s:%s (seq %s)", self.host, self.port, self.proc.state.seq)

    async def stop(self) -> None:
        if self.http is not None:
            await self.http.stop()
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._tasks.clear()
        if self.mqtt is not None:
            await self.mqtt.stop()
        if self.feeds is not None:
            await self.feeds.stop()
        if self.analytics is not None:
            await self.analytics.stop()
        await self.proc.stop()
        if self.store is not None:
            self.store.close()

    @property
    def state(self) -> CityState:
        return self.proc.state

    async def inject(self, bodies: list[ev.EventBody], actor: str = "system") -> list[int]:
        """Record events as the server itself (reference data); returns their seqs."""
        return await self.proc.inject(lambda _state: list(bodies), actor)

    async def _load_rules(self) -> None:
        """Record the configured library and calendar as reference events when the log's differ.

        Only a server started with an explicit library or calendar records one; otherwise the
        log's own rules (or the built-in default) stay in force.
        """
        bodies: list[ev.EventBody] = []
        st = self.proc.state
        if self.library is not None:
            version = library_version(self.library.categories)
            if st.library_version != version:
                bodies.append(ev.LibraryLoaded(version=version, categories=self.library.categories))
        if self.calendar is not None:
            spec = calendar_spec(self.calendar)
            if st.calendar != spec:
                bodies.append(ev.CalendarLoaded(calendar=spec))
        if bodies:
            await self.inject(bodies)

    def _committed(self, events: list[ev.Event], replies: list[tuple[object, bytes]]) -> None:
        self.fanout.committed(events, replies)
        for origin, data in replies:  # the HTTP side waits on a future for its commands' answers
            if isinstance(origin, asyncio.Future) and not origin.done():
                origin.set_result(data)
        if self.http is not None and events:
            try:
                self.http.committed(events)
            except Exception:  # the HTTP side's bookkeeping must never stop the pipeline
                log.exception("the HTTP side failed to follow a commit")

    def due_time(self, start: float, minutes: float, working_hours: bool) -> float:
        """A deadline on the state's working-hours calendar (as the command runner computes it)."""
        return self.proc.state.rules().due(start, minutes, working_hours)

    # --- connections ------------------------------------------------------------------------------
    async def _handler(self, ws: ServerConnection) -> None:
        peer = str(ws.remote_address[0]) if ws.remote_address else "?"
        s = Session(ws=ws, peer=peer, bucket=TokenBucket(self.config.rate, self.config.burst))
        try:
            if await self._sign_in(s):
                async for raw in ws:
                    await self._on_message(s, raw)
        except websockets.ConnectionClosed:
            pass
        except Exception:  # never let one connection's surprise reach the server
            log.exception("connection %s@%s failed", s.name, peer)
            await ws.close(1011, "internal error")
        finally:
            self.fanout.remove(s)

    async def _sign_in(self, s: Session) -> bool:
        ws = s.ws
        try:
            raw = await asyncio.wait_for(ws.recv(), self.config.hello_timeout)
        except TimeoutError:
            await ws.close(CLOSE_POLICY, "sign in first (hello)")
            return False
        if isinstance(raw, bytes):
            await ws.close(CLOSE_UNSUPPORTED, "the protocol uses JSON text frames")
            return False
        try:
            msg = decode_client(raw)
        except (msgspec.DecodeError, msgspec.ValidationError, RecursionError) as exc:
            await self._refuse(s, "bad_message", _not_protocol(exc), CLOSE_PROTOCOL_ERROR)
            return False
        if not isinstance(msg, Hello):
            await self._refuse(s, "not_signed_in", "the first message must be hello", CLOSE_POLICY)
            return False
        if msg.protocol != PROTOCOL_VERSION:
            text = f"this server speaks protocol {PROTOCOL_VERSION}, not {msg.protocol}"
            await self._refuse(s, "protocol_version", text, CLOSE_PROTOCOL_ERROR)
            return False
        key = "" if msg.token else cut(msg.username.strip(), AUDIT_NAME)
        s.workstation = cut(msg.workstation, AUDIT_WORKSTATION)
        try:
            # One attempt at a time per name and per address, each after its wait.
            async with self.throttle.turn(key, s.peer):
                token, expires = await self._check_hello(s, key, msg)
        except AuthError as exc:
            self._audit(s, "login", "", "hello", exc.code, exc.message, username=key or "(token)")
            code = CLOSE_TOKEN_EXPIRED if exc.code == "token_expired" else CLOSE_AUTH_FAILED
            await self._refuse(s, exc.code, exc.message, code)
            return False
        s.token = token
        self._audit(s, "login", "", "hello", "ok", "token" if msg.token else "password")
        await self._catch_up(s, msg.last_seq, (token, expires))
        return True

    async def _check_hello(self, s: Session, key: str, msg: Hello) -> tuple[str, float]:
        """Check a sign-in (in the caller's throttle turn); sets ``s.user``. Raises AuthError."""
        locked = self.throttle.locked(key, s.peer) if key else 0.0
        if locked > 0:
            text = f"too many failed sign-ins from this address; try again in {locked / 60:.0f} min"
            raise AuthError("locked_out", text)
        delay = self.throttle.delay(key, s.peer)
        if delay > 0:
            await asyncio.sleep(delay)
        loop = asyncio.get_running_loop()
        try:
            if msg.token:
                token = msg.token
                user, expires = await loop.run_in_executor(
                    None, self.accounts.check_token, msg.token
                )
            else:
                user = await loop.run_in_executor(
                    None, self.accounts.check_password, msg.username, msg.password
                )
                token, expires = await loop.run_in_executor(
                    None, self.accounts.issue_token, user.username, s.workstation
                )
        except AuthError:
            self.throttle.failed(key, s.peer)
            raise
        self.throttle.succeeded(key, s.peer)
        s.user = user
        return token, expires

    async def _refuse(self, s: Session, code: str, message: str, close_code: int) -> None:
        with contextlib.suppress(websockets.ConnectionClosed):
            await s.ws.send(encode(ErrorMsg(code=code, message=message)), text=True)
        await s.ws.close(close_code, close_reason(message))

    async def _catch_up(self, s: Session, since: int, welcome: tuple[str, float] | None) -> None:
        """Bring ``s`` up to date (Welcome, then a snapshot or event batches), then go live."""
        s.live = False
        s.catch_up_since = time.monotonic()
        cfg = self.config
        async with self.proc.lock:  # between batches: the state holds exactly what is committed
            self.fanout.add(s)
            target = self.proc.committed_seq
            snapshot = (
                bool(s.agency) or since < 0 or since > target or target - since > cfg.snapshot_after
            )
            data = b""
            if snapshot:
                snap = self.proc.state.snapshot()
                if s.agency:
                    snap = filter_snapshot(snap, s.agency)
                data = encode(SnapshotMsg(snapshot=snap))
        if welcome is not None:
            assert s.user is not None
            hello = Welcome(
                user=s.user,
                token=welcome[0],
                token_expires=welcome[1],
                server_seq=target,
                server_time=time.time(),
                catch_up="snapshot" if snapshot else "events",
            )
            await s.ws.send(encode(hello), text=True)
        if snapshot:
            await s.ws.send(data, text=True)
        else:
            await self._send_events_since(s, since, target)
        s.last_sent = target
        s.last_recv = time.monotonic()
        s.catch_up_since = None
        self.fanout.go_live(s)

    async def _send_events_since(self, s: Session, since: int, target: int) -> None:
        loop = asyncio.get_running_loop()
        assert self.store is not None
        cur = since
        while True:
            batch = await loop.run_in_executor(
                None, self.store.read_since, cur, self.config.catchup_batch
            )
            batch = [e for e in batch if e.seq <= target]
            final = not batch or batch[-1].seq >= target
            await s.ws.send(encode(EventsMsg(events=batch, final=final)), text=True)
            if final:
                return
            cur = batch[-1].seq

    async def _on_message(self, s: Session, raw: str | bytes) -> None:
        s.last_recv = time.monotonic()
        if s.closing:  # signed out, disabled or too slow: nothing more is taken from it
            return
        if isinstance(raw, bytes):
            await s.ws.close(CLOSE_UNSUPPORTED, "the protocol uses JSON text frames")
            return
        cfg = self.config
        if not s.bucket.take():
            if s.strike(cfg.abuse_limit, cfg.abuse_window):
                await s.ws.close(CLOSE_RATE_LIMIT, "too many messages")
                return
            text = f"more than {cfg.rate:g} messages per second; slow down"
            s.write(encode(ErrorMsg(id=_message_id(raw), code="rate_limited", message=text)))
            return
        try:
            msg = decode_client(raw)
        except (msgspec.DecodeError, msgspec.ValidationError, RecursionError) as exc:
            s.write(encode(ErrorMsg(code="bad_message", message=_not_protocol(exc))))
            return
        if isinstance(msg, CommandMsg):
            self._on_command(s, msg)
        elif isinstance(msg, Ping):
            s.write(encode(Pong(t=msg.t, server_time=time.time())))
        elif isinstance(msg, Resync):
            if s.resyncs.take():
                await self._catch_up(s, msg.since, None)
                # The bucket refills from now on: resyncs queued behind this one are "at once".
                s.resyncs.stamp = time.monotonic()
            else:
                text = "at most one resync per second; wait for the one under way"
                s.write(encode(ErrorMsg(code="rate_limited", message=text)))
        elif isinstance(msg, AdminMsg):
            await self._on_admin(s, msg)
        elif isinstance(msg, SignOut):
            await self._sign_out(s)
        else:
            s.write(encode(ErrorMsg(code="bad_message", message="already signed in")))

    def _on_command(self, s: Session, msg: CommandMsg) -> None:
        assert s.user is not None
        if not msg.id or len(msg.id) > AUDIT_ID:
            text = f"a command needs an id (1-{AUDIT_ID} characters, a UUID)"
            cid = cut(msg.id, AUDIT_ID)
            self._audit(s, "command", cid, msg.type, "invalid_payload", text)
            s.write(encode(ErrorMsg(id=cid, code="invalid_payload", message=text)))
            return
        if len(msg.type) > MAX_TYPE:
            text = f"unknown command type {cut(msg.type, 40)!r}"
            self._audit(s, "command", msg.id, msg.type, "unknown_type", text)
            s.write(encode(ErrorMsg(id=msg.id, code="unknown_type", message=text)))
            return
        try:
            check_payload(msg.payload)
        except TooLarge as exc:
            details = {"field": exc.path, "limit": exc.limit}
            self._audit(s, "command", msg.id, msg.type, "too_large", str(exc))
            s.write(
                encode(ErrorMsg(id=msg.id, code="too_large", message=str(exc), details=details))
            )
            return
        if self.proc.queue.qsize() >= self.config.max_queue:
            text = "the server is overloaded; send the command again in a moment"
            self._audit(s, "command", msg.id, msg.type[:100], "busy", text)
            s.write(encode(ErrorMsg(id=msg.id, code="busy", message=text)))
            return
        s.in_flight += 1
        self.proc.submit(
            CommandJob(msg=msg, user=s.user, workstation=s.workstation, peer=s.peer, origin=s)
        )

    async def _on_admin(self, s: Session, msg: AdminMsg) -> None:
        assert s.user is not None and self.store is not None
        mid = cut(msg.id, AUDIT_ID)
        if msg.action == "read_audit":
            await self._read_audit(s, msg, mid)
            return
        if s.user.role != Role.ADMIN:
            self._audit(s, "admin", mid, msg.action, "forbidden", "not an admin")
            text = "account management needs an admin account"
            s.write(encode(ErrorMsg(id=mid, code="forbidden", message=text)))
            return
        try:
            check_payload(msg.payload)
        except TooLarge as exc:
            self._audit(s, "admin", mid, msg.action, "too_large", str(exc))
            s.write(encode(ErrorMsg(id=mid, code="too_large", message=str(exc))))
            return
        loop = asyncio.get_running_loop()
        try:
            if msg.action == "cap_feeds":  # the polled CAP feeds' health (no store access)
                result: Any = self.feeds.status() if self.feeds is not None else []
            elif msg.action in KEY_ACTIONS:
                result = await loop.run_in_executor(None, self._key_action, msg)
            else:
                result = await loop.run_in_executor(
                    None, run_admin, self.store, s.user, msg.action, msg.payload
                )
        except AdminError as exc:
            self._audit(s, "admin", mid, msg.action, exc.code, exc.message)
            err = ErrorMsg(id=mid, code=exc.code, message=exc.message, details=exc.details)
            s.write(encode(err))
            return
        name = (
            str(result.get("username") or result.get("name") or "")
            if isinstance(result, dict)
            else ""
        )
        self._audit(s, "admin", mid, msg.action, "ok", name)
        s.write(encode(AdminResult(id=mid, result=result)))
        if msg.action in REVOKING and name:
            why = {
                "disable_user": "was disabled",
                "set_password": "was given a new password",
                "end_sessions": "was signed out by the administrator",
            }[msg.action]
            self._end_sessions(name, f"the account {name} {why}; sign in again", but=s)

    def _key_action(self, msg: AdminMsg) -> Any:
        """An Open311 key action on the HTTP side's store (or the server's SQLite file)."""
        if self.http is not None:
            return run_key_action(self.http.citizens, msg.action, msg.payload)
        if not isinstance(self.store, SqliteEventStore):
            raise AdminError("invalid_payload", "Open311 keys live beside a SQLite store")
        citizens = CitizenStore(self.db_path)
        try:
            return run_key_action(citizens, msg.action, msg.payload)
        finally:
            citizens.close()

    def _end_sessions(self, username: str, reason: str, but: Session | None = None) -> None:
        """Close every open session of ``username`` (but ``but``) with 4003."""
        for other in list(self.fanout.sessions):
            if other is not but and other.user is not None and other.user.username == username:
                other.write(encode(ErrorMsg(code="session_ended", message=reason)))
                other.close_soon(CLOSE_SESSION_ENDED, close_reason(reason))

    async def _sign_out(self, s: Session) -> None:
        """Revoke this session's token and close (1000): the token signs nobody in again."""
        loop = asyncio.get_running_loop()
        if s.token:
            await loop.run_in_executor(None, self.accounts.revoke, s.token)
        self._audit(s, "logout", "", "sign_out", "ok", "")
        s.closing = True
        await s.ws.close(1000, "signed out")

    async def _read_audit(self, s: Session, msg: AdminMsg, mid: str) -> None:
        """The audit trail for supervisors, auditors and the administrator (read-only)."""
        assert s.user is not None
        if s.user.role not in AUDIT_READERS:
            self._audit(s, "admin", mid, msg.action, "forbidden", "not an audit reader")
            text = "reading the audit trail needs a supervisor, auditor or admin account"
            s.write(encode(ErrorMsg(id=mid, code="forbidden", message=text)))
            return
        try:
            f = filter_from_payload(msg.payload)
        except msgspec.ValidationError as exc:
            s.write(encode(ErrorMsg(id=mid, code="invalid_payload", message=str(exc))))
            return

        def read() -> list[AuditRow]:
            on_server = getattr(self.store, "audit_rows", None)  # PostgreSQL: the shared database
            if on_server is not None:
                return on_server(f)  # type: ignore[no-any-return]
            con = open_readonly(self.db_path)
            try:
                return read_audit(con, f)
            finally:
                con.close()

        try:
            rows = await asyncio.get_running_loop().run_in_executor(None, read)
        except (OSError, ValueError, sqlite3.Error, psycopg.Error) as exc:
            s.write(encode(ErrorMsg(id=mid, code="invalid_payload", message=str(exc))))
            return
        self._audit(s, "admin", mid, msg.action, "ok", f"{len(rows)} rows")
        s.write(encode(AdminResult(id=mid, result=msgspec.to_builtins(rows))))

    def _audit(
        self,
        s: Session,
        kind: str,
        cid: str,
        ctype: str,
        result: str,
        detail: str,
        username: str = "",
    ) -> None:
        assert self.store is not None
        # Every field is cut to its limit: a refused message never stores more than ~1 KB.
        entry = AuditEntry(
            time=time.time(),
            username=cut(username or s.name, AUDIT_NAME),
            workstation=cut(s.workstation, AUDIT_WORKSTATION),
            peer=s.peer,
            kind=kind,
            command_id=cut(cid, AUDIT_ID),
            command_type=cut(ctype, MAX_TYPE),
            result=cut(result, MAX_TYPE),
            detail=cut(detail, AUDIT_DETAIL),
        )
        try:
            self.store.audit([entry])
        except Exception:
            log.exception("could not write the audit entry %s", entry)

    # --- periodic tasks -----------------------------------------------------------------------
    async def _sweep_heartbeats(self) -> None:
        timeout = self.config.heartbeat_timeout
        while True:
            await asyncio.sleep(min(1.0, timeout / 4))
            now = time.monotonic()
            for s in list(self.fanout.sessions):
                if s.live and now - s.last_recv > timeout:
                    s.close_soon(CLOSE_HEARTBEAT, f"nothing received for {timeout:g} s")
                elif s.catch_up_since is not None and now - s.catch_up_since > timeout:
                    # It does not read its catch-up (the send waits on its full socket buffer).
                    s.close_soon(CLOSE_HEARTBEAT, f"catch-up not read within {timeout:g} s")

    async def _watch_deadlines(self) -> None:
        make = watcher_job(time.time)
        while True:
            await asyncio.sleep(self.config.deadline_interval)
            try:
                await self.proc.inject(make, "system")
            except Exception:
                log.exception("deadline watcher failed")


def _not_protocol(exc: Exception) -> str:
    if isinstance(exc, RecursionError):
        return "not a protocol message: JSON nested too deeply"
    return cut(f"not a protocol message: {exc}", AUDIT_DETAIL)


def _message_id(raw: str) -> str:
    """The id of a message refused unread (rate limit): looked for, not decoded."""
    try:
        msg = decode_client(raw)
    except (msgspec.DecodeError, msgspec.ValidationError, RecursionError):
        return ""
    return cut(str(getattr(msg, "id", "")), AUDIT_ID)
