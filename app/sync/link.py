"""The engine's connection loop: sign in, catch up, send the outbox, heartbeat, reconnect.

A mixin of :class:`app.sync.engine.SyncEngine` (it shares the engine's state); kept apart so each
file reads on its own. Everything runs on the engine's asyncio loop.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import ssl as ssl_module
import time
from typing import TYPE_CHECKING, Any

import msgspec
import websockets

from app import protocol as p
from app.domain.model import User
from app.net.client import Connection, LoginFailed
from app.store.store import Store
from app.sync.backoff import Backoff
from app.sync.cache import LocalCache
from app.sync.jobs import JobSet, send_command
from app.sync.outbox import TRANSIENT_CODES, Outbox
from app.sync.replica import CatchUpStalled, Replica
from app.sync.status import ConnectionStatus, LinkState

log = logging.getLogger(__name__)


class LinkDown(Exception):
    """The connection failed, broke or went silent (the engine reconnects)."""


class LoginRefused(Exception):
    """The server refused the credentials; new ones are needed (no automatic retry)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


NETWORK_ERRORS = (OSError, TimeoutError, ConnectionError, websockets.WebSocketException)


class LinkLoop:
    """Owns nothing of its own: the connection half of the sync engine."""

    if TYPE_CHECKING:  # provided by SyncEngine
        url: str
        servers: list[str]
        _untried: int
        ssl: ssl_module.SSLContext | None
        workstation: str
        ping_interval: float
        dead_after: float
        cache: LocalCache
        outbox: Outbox
        replica: Replica
        status: ConnectionStatus
        last_catch_up: tuple[str, int, float]
        _backoff: Backoff
        _username: str
        _password: str
        _token: str
        _token_expires: float
        _conn: Connection | None
        _wake: asyncio.Event | None
        _jobs: JobSet
        _ack_wait_since: float | None
        user: User | None
        store: Store
        loginFailed: Any
        caughtUp: Any

        def _set_offline(self, why: str = "") -> None: ...
        def _refresh(self, confirmed_changes: Any = None, reset: bool = False) -> None: ...
        def _handle(self, msg: Any) -> None: ...
        def _answer(self, answer: p.Ack | p.ErrorMsg) -> None: ...

    # --- connection loop ------------------------------------------------------------------------
    async def _run(self) -> None:
        while True:
            self.status.update(state=LinkState.CONNECTING, detail=f"connecting to {self.url}")
            retry_now = False
            try:
                await self._session()
            except LoginRefused as exc:
                retry_now = self._token_refused(exc)
                if not retry_now:
                    self._set_offline(f"login refused ({exc.message})")
                    self.loginFailed.emit(exc.code, exc.message)
                    return
            except (LinkDown, CatchUpStalled, *NETWORK_ERRORS) as exc:
                log.info("sync link down: %s", exc or type(exc).__name__)
                self._set_offline(str(exc) or type(exc).__name__)
                retry_now = self._fail_over()
            except Exception as exc:  # a bug or a broken file must not end reconnecting
                log.exception("sync session failed")
                self._set_offline(str(exc))
            finally:
                await self._drop_connection()
            if not retry_now:
                await asyncio.sleep(self._backoff.next())

    def _fail_over(self) -> bool:
        """Move on to the next server of the list; True while one of them is untried.

        Any replica serves the same log, so the next one catches this desk up from its last
        position and the outbox is sent again (idempotent: an answered command keeps its answer).
        After a whole round without success the backoff paces the attempts.
        """
        if len(self.servers) < 2:
            return False
        here = self.servers.index(self.url) if self.url in self.servers else -1
        self.url = self.servers[(here + 1) % len(self.servers)]
        log.info("failing over to %s", self.url)
        if self._untried <= 0:
            return False
        self._untried -= 1
        return True

    def _token_refused(self, exc: LoginRefused) -> bool:
        """Forget a refused token; True when the password in memory is worth a try at once."""
        if not self._token:
            return False
        log.info("session token refused (%s)", exc.code)
        self._token = ""
        self.cache.clear_token()
        return bool(self._password)

    async def _drop_connection(self) -> None:
        conn, self._conn = self._conn, None
        wake, self._wake = self._wake, None
        if wake is not None:
            wake.set()  # a sender waiting for work sees that its connection is gone
        if conn is not None:
            with contextlib.suppress(*NETWORK_ERRORS):
                await conn.close()
        await self._jobs.stop(timeout=self.ping_interval + 1.0)

    async def _connect(self) -> Connection:
        use_token = bool(self._token) and self._token_expires > time.time()
        if not use_token and not self._password:
            raise LoginRefused("no_credentials", "no saved session; sign in with a password")
        try:
            return await Connection.connect(
                self.url,
                username=self._username,
                password="" if use_token else self._password,
                token=self._token if use_token else "",
                workstation=self.workstation,
                last_seq=self.replica.resume_seq(),
                ssl=self.ssl,
                open_timeout=self.dead_after,
            )
        except LoginFailed as exc:
            auth_close = exc.close_code in (p.CLOSE_AUTH_FAILED, p.CLOSE_TOKEN_EXPIRED)
            if exc.code in ("closed", "bad_message") and not auth_close:
                raise LinkDown(f"the server closed the connection at sign-in ({exc})") from exc
            raise LoginRefused(exc.code, exc.message) from exc
        except (msgspec.DecodeError, msgspec.ValidationError) as exc:
            raise LinkDown(f"unreadable answer to sign-in: {exc}") from exc

    async def _session(self) -> None:
        conn = self._conn = await self._connect()
        self._logged_in(conn.welcome)
        self.status.update(state=LinkState.CATCHING_UP, detail="catching up")
        await self._catch_up(conn)
        self._backoff.reset()  # only now: a catch-up that keeps failing must not hammer the server
        self._untried = len(self.servers) - 1
        now = time.time()
        self.cache.mark_synced(now)
        self.status.update(state=LinkState.ONLINE, detail="online", last_sync=now)
        self.caughtUp.emit()
        self._wake = asyncio.Event()
        self._wake.set()
        heart = self._jobs.spawn(self._heartbeat(conn))
        sender = self._jobs.spawn(self._sender(conn, self._wake))
        update: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        try:
            while True:
                update = asyncio.ensure_future(conn.updates.get())
                jobs = {update, heart, sender}
                await asyncio.wait(jobs, return_when=asyncio.FIRST_COMPLETED)
                for job in (heart, sender):
                    if job.done() and not update.done():
                        job.result()  # raises LinkDown
                        raise LinkDown("the connection's heartbeat or sender stopped")
                msg = update.result()
                if msg is None:
                    if conn.close_code == p.CLOSE_SESSION_ENDED:
                        self._session_ended(conn)
                    raise LinkDown(f"the server closed the connection ({conn.close_code})")
                self._handle(msg)
        finally:
            # Not awaited: asyncio.wait_for on 3.11 can swallow a cancel (the heartbeat also ends
            # itself once this connection is dropped).
            update.cancel()
            heart.cancel()
            sender.cancel()

    def _session_ended(self, conn: Connection) -> None:
        """The server ended this account's sessions (signed out by the administrator, disabled,
        new password): forget the token and the password, so the desk asks for a sign-in rather
        than signing in again by itself. Raises LoginRefused."""
        self._token = ""
        self._password = ""
        self.cache.clear_token()
        reason = getattr(conn.ws, "close_reason", "") or "the server ended this session"
        raise LoginRefused("session_ended", reason)

    def _logged_in(self, welcome: p.Welcome) -> None:
        self.user = welcome.user
        self._username = welcome.user.username
        self._token, self._token_expires = welcome.token, welcome.token_expires
        self.cache.save_session(welcome.user, welcome.token, welcome.token_expires)
        if self.store.user != welcome.user or self.store.workstation != self.workstation:
            self.store.set_session(welcome.user, self.workstation)
        log.info("signed in as %s (server seq %d)", welcome.user.username, welcome.server_seq)

    async def _catch_up(self, conn: Connection) -> None:
        """Snapshot or missed events: persisted per batch, shown once at the end."""
        done = await self.replica.catch_up(
            conn,
            self.dead_after,
            lambda n: self.status.update(detail=f"catching up ({n} events)"),
            self._handle,
        )
        self.last_catch_up = (done.how, done.received, done.seconds)
        self.outbox.settle(self.replica.seq)
        self._refresh(done.changes, reset=done.reset)

    async def _heartbeat(self, conn: Connection) -> None:
        """Ping every ``ping_interval`` s; a link silent for ``dead_after`` s is dead."""
        # A ping goes out ``ping_interval`` after the last pong, so waiting ``dead_after`` minus
        # that for its pong declares the link dead ``dead_after`` after the last sign of life.
        wait = max(self.ping_interval, self.dead_after - self.ping_interval)
        while self._conn is conn:
            try:
                rtt = await conn.ping(timeout=wait)
            except TimeoutError:
                raise LinkDown(f"no answer from the server for {self.dead_after:g} s") from None
            except ConnectionError as exc:
                raise LinkDown(str(exc)) from exc
            self.status.update(latency_ms=round(rtt * 1000.0, 1), last_sync=time.time())
            self._check_ack_wait(conn)
            await asyncio.sleep(self.ping_interval)

    def _check_ack_wait(self, conn: Connection) -> None:
        # An acknowledged command whose events have not arrived for a while: ask for them.
        if not any(e.state == "acked" for e in self.outbox.entries):
            self._ack_wait_since = None
        elif self._ack_wait_since is None:
            self._ack_wait_since = time.monotonic()
        elif time.monotonic() - self._ack_wait_since > 2 * self.ping_interval:
            self._ack_wait_since = time.monotonic()
            self._jobs.spawn(conn.resync(self.replica.seq))

    async def _sender(self, conn: Connection, wake: asyncio.Event) -> None:
        """Send the queued commands one at a time, in order, each once answered.

        One at a time because a command may depend on the one before (a note on an incident
        created offline) and a command the server asks to retry must not be overtaken.
        """
        while self._conn is conn:
            entry = next((e for e in self.outbox.entries if e.state != "acked"), None)
            if entry is None:
                wake.clear()
                await wake.wait()
                continue
            answer = await send_command(conn, entry, timeout=max(30.0, 5 * self.dead_after))
            if self._conn is not conn:
                return
            if answer is None:
                raise LinkDown(f"no answer to the queued {entry.type} command")
            if isinstance(answer, p.ErrorMsg) and answer.code in TRANSIENT_CODES:
                log.info("command %s deferred by the server (%s)", answer.id, answer.code)
                await asyncio.sleep(self.ping_interval / 2)
                continue
            self._answer(answer)
