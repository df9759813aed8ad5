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
from app.domain.commands import CommandError
from app.domain.library import Library, default_library
from app.domain.state import Changes, CityState
from app.net.client import Connection
from app.paths import data_dir
from app.store.store import Store
from app.sync.backoff import Backoff
from app.sync.cache import CacheError, LocalCache, OutboxEntry, Refusal
from app.sync.feed import StoreFeed
from app.sync.jobs import JobSet
from app.sync.link import NETWORK_ERRORS, LinkDown, LinkLoop
from app.sync.outbox import Outbox
from app.sync.projection import decide_local
from app.sync.replica import Replica
from app.sync.status import ConnectionStatus, LinkState, clock_text

log = logging.getLogger(__name__)


class SyncEngine(LinkLoop, QtCore.QObject):
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
        ssl: ssl_module.SSLContext | None = None,
        parent: QtCore.QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.url = url
        self.ssl = (
            ssl  # wss://: the site's CA (e.g. its self-signed certificate); None = system CAs
        )
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
        self._jobs = JobSet(expected=(LinkDown, *NETWORK_ERRORS))  # of the current connection
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
