"""The sync engine: the live CommandGateway between the console's store and the server.

Runs on the GUI thread's asyncio loop (qasync) on top of :class:`app.net.client.Connection`. It
keeps the confirmed state and the offline cache, shows queued commands optimistically through an
overlay, and reconnects on its own with jittered exponential backoff.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import ssl as ssl_module
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import msgspec
from PySide6 import QtCore

from app import protocol as p
from app.domain import commands as c
from app.domain.runner import (
    VERSIONED,
    Command,
    CommandRunner,
    command_incident,
    to_payload,
    type_name,
)
from app.domain.state import Changes, CityState
from app.net.client import Connection
from app.paths import data_dir
from app.store.refusal import Refusal
from app.store.store import Store
from app.sync.backoff import Backoff
from app.sync.cache import CacheError, LocalCache, OutboxEntry
from app.sync.feed import StoreFeed
from app.sync.jobs import JobSet
from app.sync.link import NETWORK_ERRORS, LinkDown, LinkLoop
from app.sync.outbox import Outbox
from app.sync.projection import decide_local
from app.sync.replica import Replica
from app.sync.status import ConnectionStatus, LinkState, clock_text

log = logging.getLogger(__name__)

_RUNNER = CommandRunner()


class SyncEngine(LinkLoop, QtCore.QObject):
    """Owns the confirmed state, the cache, the outbox, the refusals list and the connection.

    Views read ``store.state``: an overlay of the confirmed state with every queued command
    re-decided on top. All network I/O runs in tasks on the running loop, so every handler runs
    on the GUI thread and may touch the store directly.
    """

    loginFailed = QtCore.Signal(str, str)  # code, message: new credentials are needed
    caughtUp = QtCore.Signal()  # the confirmed state matches the server (after each (re)login)

    def __init__(
        self,
        store: Store,
        url: str,
        workstation: str,
        *,
        cache_path: Path | str | None = None,
        clock: Callable[[], float] = time.time,
        ping_interval: float = 2.0,
        dead_after: float = 6.0,
        backoff: Backoff | None = None,
        ssl: ssl_module.SSLContext | None = None,
        parent: QtCore.QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        # "URL1,URL2,...": replicas of one server; the link fails over along the list.
        self.servers = [u.strip() for u in url.split(",") if u.strip()] or [url]
        self.url = self.servers[0]
        self._untried = len(self.servers) - 1
        self.ssl = (
            ssl  # wss://: the site's CA (e.g. its self-signed certificate); None = system CAs
        )
        self.workstation = workstation
        self._clock = clock
        self.ping_interval = ping_interval
        self.dead_after = dead_after
        self._backoff = backoff or Backoff()
        self.cache = _open_cache(Path(cache_path or data_dir() / f"cache-{workstation}.sqlite"))
        self.outbox = Outbox(self.cache)
        self.status = ConnectionStatus(self)
        self.user, self._token, self._token_expires = self.cache.load_session()
        self._username = self.user.username if self.user else ""
        self._password = ""  # memory only: to sign in again when the token is refused
        self.replica = Replica(self.cache)
        self.feed = StoreFeed(store, workstation)
        self._conn: Connection | None = None
        self._task: asyncio.Task[None] | None = None
        self._jobs = JobSet(expected=(LinkDown, *NETWORK_ERRORS))  # of the current connection
        self._ack_wait_since: float | None = None
        self._wake: asyncio.Event | None = None  # wakes the current connection's sender
        # (how, events received, seconds) of the last catch-up: "snapshot" | "events" | "none"
        self.last_catch_up: tuple[str, int, float] = ("none", 0, 0.0)
        self.last_error = ""  # why the link last went down (kept after stop())
        self.store.set_session(self.user, workstation)
        # The refusal inbox lives in the store; this desk's cache keeps it across restarts.
        self.store.refusals.attach(self.cache, self.cache.refusals_load())
        self.store.refusals.changed.connect(self._on_refusals)
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
    def submit(self, command: Command, expected_version: int | None = None) -> str:
        """Check the command with the runner on the shown state, show it at once as pending and
        queue it durably. A command refused here goes to the refusal inbox and is not queued.
        """
        command_id = str(uuid.uuid4())
        view = self.feed.view
        name = type_name(command)
        # Ids chosen here let later queued commands refer to what this one creates.
        if isinstance(command, c.CreateIncident) and not command.incident_id:
            command = msgspec.structs.replace(command, incident_id=str(uuid.uuid4()))
        if isinstance(command, c.RequestLinkage) and not command.request_id:
            command = msgspec.structs.replace(command, request_id=str(uuid.uuid4()))
        if isinstance(command, c.AddNote) and not command.note_id:
            command = msgspec.structs.replace(command, note_id=str(uuid.uuid4()))
        incident_id = command_incident(command, view)
        if expected_version is None and type(command) in VERSIONED:
            # The version of the incident as this desk shows it: a change made elsewhere in the
            # meantime (or while offline) makes the server refuse it as a conflict.
            inc = view.incidents.get(incident_id)
            expected_version = inc.version if inc is not None else None
        entry = OutboxEntry(
            id=command_id,
            type=name,
            payload=to_payload(command),  # plain JSON values: exactly what will be sent
            expected_version=expected_version,
            created=self._clock(),
            incident_id=incident_id,
        )
        try:
            if self.user is None:
                raise c.CommandError("not_signed_in", "sign in before making changes")
            if self.store.read_only:
                raise c.CommandError("forbidden", "this session is read-only")
            decide_local(view, entry, self.user)
        except c.CommandError as exc:
            log.info("command %s refused locally: %s", name, exc.message)
            self._refuse_local(entry, exc.code, exc.message)
            return command_id
        try:
            self.outbox.add(entry)
        except sqlite3.Error as exc:  # disk full, file gone: say so rather than lose it quietly
            log.error("could not queue %s: %s", name, exc)
            message = f"the change could not be saved on this workstation ({exc})"
            self._refuse_local(entry, "storage_error", message)
            return command_id
        self._refresh()
        if self._wake is not None:
            self._wake.set()  # the sender picks it up once online
        return command_id

    def refusal(self, *commands: Command) -> c.CommandError | None:
        if self.store.read_only:
            return c.CommandError("forbidden", "this session is read-only")
        return _RUNNER.refusal(self.feed.view, self.user, *commands, now=self._clock())

    def _refuse_local(self, entry: OutboxEntry, code: str, message: str) -> None:
        refusal = Refusal(
            command_id=entry.id,
            at=self._clock(),
            incident_id=entry.incident_id,
            type=entry.type,
            payload=entry.payload,
            code=code,
            message=message,
            expected_version=entry.expected_version,
            where="local",
        )
        self.store.refusals.add(refusal)

    async def sign_out(self) -> None:
        """End this desk's session: the server revokes the token (when reachable) and the cache
        forgets it, so the next start asks for the password."""
        conn = self._conn
        if conn is not None and not conn.closed:
            try:
                await conn.sign_out()
            except (ConnectionError, TimeoutError) as exc:
                log.warning("sign-out not confirmed by the server: %s", exc)
        self.cache.clear_token()
        self._token = ""
        self._password = ""

    async def admin(self, action: str, payload: dict[str, Any] | None = None) -> Any:
        """An admin or audit request to the server (online only): its result, or CommandError
        with the server's reason; ConnectionError when offline."""
        conn = self._conn
        if conn is None or conn.closed:
            raise ConnectionError("offline: this needs the server")
        answer = await conn.admin(action, payload or {})
        if isinstance(answer, p.ErrorMsg):
            raise c.CommandError(answer.code, answer.message)
        return answer.result

    def dismiss_refusal(self, command_id: str) -> None:
        """The operator has seen a refusal: take it off the inbox (and the cache) for good."""
        self.store.refusals.dismiss(command_id)

    def _on_refusals(self, _added: object) -> None:
        self.status.update(refused=len(self.store.refusals))

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
            refused=len(self.store.refusals),
            last_sync=synced,
        )

    # --- answers and incoming messages ---------------------------------------------------------
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
        self._refresh()  # back to the server's truth
        self.store.refusals.add(refusal, persisted=True)

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
