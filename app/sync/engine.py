"""The sync engine: the live CommandGateway between the console's store and the server.

Runs on the GUI thread's asyncio loop (qasync) on top of :class:`app.net.client.Connection`. It
keeps the confirmed state and the offline cache, shows queued commands optimistically through an
overlay, and reconnects on its own with jittered exponential backoff.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sqlite3
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import msgspec
import websockets
from PySide6 import QtCore

from app import protocol as p
from app.domain.commands import CommandError
from app.domain.library import Library, default_library
from app.domain.state import Changes, CityState
from app.net.client import Connection, LoginFailed
from app.paths import data_dir
from app.store.store import Store
from app.sync.backoff import Backoff
from app.sync.cache import CacheError, LocalCache, OutboxEntry, Refusal
from app.sync.feed import StoreFeed
from app.sync.jobs import JobSet, send_command
from app.sync.outbox import TRANSIENT_CODES, Outbox
from app.sync.projection import decide_local
from app.sync.replica import CatchUpStalled, Replica
from app.sync.status import ConnectionStatus, LinkState, clock_text

log = logging.getLogger(__name__)


class LinkDown(Exception):
    """The connection failed, broke or went silent (the engine reconnects)."""


class LoginRefused(Exception):
    """The server refused the credentials; new ones are needed (no automatic retry)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


_NETWORK_ERRORS = (OSError, TimeoutError, ConnectionError, websockets.WebSocketException)


class SyncEngine(QtCore.QObject):
    """Owns the confirmed state, the cache, the outbox, the refusals list and the connection.

    Views read ``store.state``: an overlay of the confirmed state with every queued command
    re-decided on top. All network I/O runs in tasks on the running loop, so every handler runs
    on the GUI thread and may touch the store directly.
    """

    refusalsChanged = QtCore.Signal()  # ``refusals`` gained or lost an entry
    loginFailed = QtCore.Signal(str, str)  # code, message: new credentials are needed
    caughtUp = QtCore.Signal()  # the confirmed state matches the server (after each (re)login)

    def __init__(
        self,
        store: Store,
        url: str,
        workstation: str,
        *,
        cache_path: Path | str | None = None,
        library: Library | None = None,
        clock: Callable[[], float] = time.time,
        ping_interval: float = 2.0,
        dead_after: float = 6.0,
        backoff: Backoff | None = None,
        parent: QtCore.QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.url = url
        self.workstation = workstation
        self.library = library or default_library()
        self._clock = clock
        self.ping_interval = ping_interval
        self.dead_after = dead_after
        self._backoff = backoff or Backoff()
        self.cache = _open_cache(Path(cache_path or data_dir() / f"cache-{workstation}.sqlite"))
        self.outbox = Outbox(self.cache)
        self.refusals: list[Refusal] = self.cache.refusals_load()
        self.status = ConnectionStatus(self)
        self.user, self._token, self._token_expires = self.cache.load_session()
        self._username = self.user.username if self.user else ""
        self._password = ""  # memory only: to sign in again when the token is refused
        self.replica = Replica(self.cache)
        self.feed = StoreFeed(store, self.library, workstation)
        self._conn: Connection | None = None
        self._task: asyncio.Task[None] | None = None
        self._jobs = JobSet(expected=(LinkDown, *_NETWORK_ERRORS))  # of the current connection
        self._ack_wait_since: float | None = None
        self._wake: asyncio.Event | None = None  # wakes the current connection's sender
        # (how, events received, seconds) of the last catch-up: "snapshot" | "events" | "none"
        self.last_catch_up: tuple[str, int, float] = ("none", 0, 0.0)
        self.last_error = ""  # why the link last went down (kept after stop())
        self.store.set_session(self.user, workstation)
        self._refresh(reset=True)
        self._set_offline()

    # --- lifecycle ------------------------------------------------------------------------------
    @property
    def has_cached_state(self) -> bool:
        return self.cache.has_state()

    @property
    def confirmed(self) -> CityState:
        """The state the server has confirmed (without queued commands)."""
        return self.replica.state

    def start(self, username: str = "", password: str = "") -> None:
        """Connect in the background (and keep reconnecting) until :meth:`stop`.

        Without a password the cached token signs in; meanwhile a workstation that has signed in
        before works from its cache.
        """
        if username:
            if self._username and username != self._username:
                # Another operator: neither the cached token nor the cached user is theirs.
                self._token = ""
                self.user = None
                self.store.set_session(None, self.workstation)
            self._username = username
        if password:
            self._password = password
        if self._task is None or self._task.done():
            self._task = asyncio.get_running_loop().create_task(self._run(), name="sync-engine")
            self._task.add_done_callback(_log_task_end)

    async def stop(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            done, _ = await asyncio.wait({task}, timeout=max(5.0, self.dead_after))
            if not done:
                log.warning("the sync task did not stop in time")
        await self._drop_connection()
        if self.feed.scheduled:
            self._refresh()
        self._set_offline()

    def close(self) -> None:
        """Close the cache file (after :meth:`stop`)."""
        self.cache.close()

    def synced(self) -> bool:
        """Online, nothing queued and the display up to date."""
        return self.status.state == LinkState.ONLINE and not self.outbox and not self.feed.scheduled

    async def wait_until(self, predicate: Callable[[], bool], timeout: float = 10.0) -> None:
        """Let the loop run until ``predicate()``; TimeoutError after ``timeout`` s."""
        deadline = time.monotonic() + timeout
        while not predicate():
            if time.monotonic() > deadline:
                raise TimeoutError(f"sync engine: condition not met within {timeout} s")
            await asyncio.sleep(0.01)

    # --- CommandGateway -------------------------------------------------------------------------
    def submit(
        self, type: str, payload: dict[str, Any], expected_version: int | None = None
    ) -> str:
        """Check the command locally, show it at once as pending and queue it durably.

        A command refused locally is reported through ``store.commandRefused`` and not queued.
        """
        command_id = str(uuid.uuid4())
        try:
            # Plain JSON values from here on: what is queued is exactly what will be sent.
            payload = msgspec.to_builtins(dict(payload))
        except (TypeError, ValueError) as exc:
            self.store.commandRefused.emit("", "invalid_payload", f"invalid {type} payload: {exc}")
            return command_id
        # Ids chosen here let later queued commands refer to what this one creates.
        if type == "create_incident" and not payload.get("incident_id"):
            payload["incident_id"] = str(uuid.uuid4())
        if type == "request_linkage" and not payload.get("request_id"):
            payload["request_id"] = str(uuid.uuid4())
        entry = OutboxEntry(
            id=command_id,
            type=type,
            payload=payload,
            expected_version=expected_version,
            created=self._clock(),
            incident_id=self._incident_for(payload),
        )
        try:
            if self.user is None:
                raise CommandError("not_signed_in", "sign in before making changes")
            if self.store.read_only:
                raise CommandError("forbidden", "this session is read-only")
            decide_local(self.feed.view, entry, self.user, self.library)
        except CommandError as exc:
            log.info("command %s refused locally: %s", type, exc.message)
            self.store.commandRefused.emit(entry.incident_id, exc.code, exc.message)
            return command_id
        try:
            self.outbox.add(entry)
        except sqlite3.Error as exc:  # disk full, file gone: say so rather than lose it quietly
            log.error("could not queue %s: %s", type, exc)
            message = f"the change could not be saved on this workstation ({exc})"
            self.store.commandRefused.emit(entry.incident_id, "storage_error", message)
            return command_id
        self._refresh()
        if self._wake is not None:
            self._wake.set()  # the sender picks it up once online
        return command_id

    def dismiss_refusal(self, command_id: str) -> None:
        """The operator has seen a refusal: take it off the list."""
        self.cache.refusal_dismiss(command_id)
        self.refusals = [r for r in self.refusals if r.command_id != command_id]
        self.status.update(refused=len(self.refusals))
        self.refusalsChanged.emit()

    def _incident_for(self, payload: dict[str, Any]) -> str:
        for key in ("incident_id", "duplicate_id"):
            if isinstance(payload.get(key), str) and payload[key]:
                return str(payload[key])
        view = self.feed.view
        unit = view.units.get(str(payload.get("unit_id", "")))
        if unit is not None:
            return unit.incident_id
        req = view.linkages.get(str(payload.get("request_id", "")))
        return req.incident_id if req is not None else ""

    # --- display --------------------------------------------------------------------------------
    def _refresh(self, confirmed_changes: Changes | None = None, reset: bool = False) -> None:
        self.feed.refresh(self.confirmed, self.outbox.entries, self.user, confirmed_changes, reset)
        self.status.update(pending=len(self.outbox))

    def _refresh_later(self, confirmed_changes: Changes | None = None) -> None:
        self.feed.later(self._refresh, confirmed_changes)

    def _set_offline(self, why: str = "") -> None:
        synced = self.cache.synced_at
        detail = "offline"
        if self.cache.has_state() and synced is not None:
            detail = f"offline (cached state from {clock_text(synced)})"
        if why:
            self.last_error = why
            detail += f": {why}"
        self.status.update(
            state=LinkState.OFFLINE,
            detail=detail,
            pending=len(self.outbox),
            refused=len(self.refusals),
            last_sync=synced,
        )

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
            except (LinkDown, CatchUpStalled, *_NETWORK_ERRORS) as exc:
                log.info("sync link down: %s", exc or type(exc).__name__)
                self._set_offline(str(exc) or type(exc).__name__)
            except Exception as exc:  # a bug or a broken file must not end reconnecting
                log.exception("sync session failed")
                self._set_offline(str(exc))
            finally:
                await self._drop_connection()
            if not retry_now:
                await asyncio.sleep(self._backoff.next())

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
            with contextlib.suppress(*_NETWORK_ERRORS):
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
                msg = update.result()
                if msg is None:
                    raise LinkDown(f"the server closed the connection ({conn.close_code})")
                self._handle(msg)
        finally:
            # Not awaited: asyncio.wait_for on 3.11 can swallow a cancel (the heartbeat also ends
            # itself once this connection is dropped).
            update.cancel()
            heart.cancel()
            sender.cancel()

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
        while self._conn is conn:
            try:
                rtt = await conn.ping(timeout=self.dead_after)
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
            self._jobs.spawn(conn.resync(self.confirmed.seq))

    # --- commands out, answers in ---------------------------------------------------------------
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

    def _answer(self, answer: p.Ack | p.ErrorMsg) -> None:
        if isinstance(answer, p.Ack):
            if self.outbox.ack(answer.id, answer.seq) is not None:
                self.outbox.settle(self.confirmed.seq)
                self._refresh_later()
            return
        refusal = self.outbox.refuse(answer.id, answer.code, answer.message)
        if refusal is None:
            return
        log.info("server refused %s on %r: %s", refusal.type, refusal.incident_id, answer.message)
        self.refusals.append(refusal)
        self._refresh()  # back to the server's truth
        self.status.update(refused=len(self.refusals))
        self.store.commandRefused.emit(refusal.incident_id, answer.code, answer.message)
        self.refusalsChanged.emit()

    def _handle(self, msg: p.SnapshotMsg | p.EventsMsg | p.ErrorMsg) -> None:
        if isinstance(msg, p.EventsMsg):
            ch = self.replica.apply(msg.events)
            self.outbox.settle(self.replica.seq)
            now = time.time()
            self.cache.mark_synced(now)
            self.status.update(last_sync=now)
            self._refresh_later(ch)
        elif isinstance(msg, p.SnapshotMsg):
            self.replica.reset(msg.snapshot)
            self.outbox.settle(self.replica.seq)
            self._refresh(reset=True)
        else:
            log.warning("server says %s: %s", msg.code, msg.message)


def _open_cache(path: Path) -> LocalCache:
    """Open the cache; an unreadable file is kept aside (renamed, never deleted) and replaced."""
    try:
        return LocalCache(path)
    except CacheError as exc:
        aside = path.with_name(f"{path.name}.unreadable-{time.strftime('%Y%m%d-%H%M%S')}")
        path.rename(aside)
        for suffix in ("-wal", "-shm"):
            extra = path.with_name(path.name + suffix)
            if extra.exists():
                extra.rename(aside.with_name(aside.name + suffix))
        log.error("%s; kept it as %s and started a new cache", exc, aside.name)
        return LocalCache(path)


def _log_task_end(task: asyncio.Task[None]) -> None:
    if not task.cancelled() and task.exception() is not None:
        log.error("sync engine stopped", exc_info=task.exception())
