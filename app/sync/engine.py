"""The sync engine: the live CommandGateway between the console's store and the server.

Runs on the GUI thread's asyncio loop (qasync). It keeps the confirmed state and the offline cache,
shows queued commands optimistically through an overlay, and reconnects on its own.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6 import QtCore

from app import protocol as p
from app.domain import events as ev
from app.domain.commands import CommandError
from app.domain.library import Library, default_library
from app.domain.state import Changes, CityState, OverlayState
from app.paths import data_dir
from app.store.store import Store
from app.sync.backoff import Backoff
from app.sync.cache import LocalCache, OutboxEntry, Refusal
from app.sync.link import Link, LinkError, LoginRefused
from app.sync.outbox import TRANSIENT_CODES, Outbox
from app.sync.projection import Projection, decide_local, project
from app.sync.status import ConnectionStatus, LinkState, clock_text

log = logging.getLogger(__name__)

_TOKEN_CODES = frozenset({"token_expired", "auth_failed", "invalid_token", "unknown_token"})


class SyncEngine(QtCore.QObject):
    """Owns the confirmed state, the cache, the outbox, the refusals list and the connection.

    Views read ``store.state``: an overlay of the confirmed state with every queued command
    re-decided on top (reset in place, so its identity never changes). All network I/O happens in
    one task on the running loop; every handler runs on that loop's thread.
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
        path = cache_path or data_dir() / f"cache-{workstation}.sqlite"
        self.cache = LocalCache(path)
        self.outbox = Outbox(self.cache)
        self.refusals: list[Refusal] = self.cache.refusals_load()
        self.status = ConnectionStatus(self)
        self.user, self._token, self._token_expires = self.cache.load_session()
        self._username = self.user.username if self.user else ""
        self._password = ""  # kept in memory only, to log in again when the token is refused
        self.confirmed: CityState = self.cache.load_state() or CityState()
        self._view = OverlayState(self.confirmed)
        self._provisional = Changes()
        self._stale: set[str] = set()
        self._link: Link | None = None
        self._send_queue: asyncio.Queue[p.CommandMsg | p.Ping | p.Resync] | None = None
        self._task: asyncio.Task[None] | None = None
        self._ack_wait_since: float | None = None
        self.coalesce = 0.02  # s: live messages within this window give one display update
        self._dirty = Changes()  # confirmed changes not shown yet
        self._flush_handle: asyncio.TimerHandle | None = None
        # (how, events received, seconds) of the last catch-up: "snapshot" | "events" | "none"
        self.last_catch_up: tuple[str, int, float] = ("none", 0, 0.0)
        self.store.set_session(self.user, workstation)
        self._reproject(reset=True)
        self._set_offline()

    # --- lifecycle ------------------------------------------------------------------------------
    @property
    def has_cached_state(self) -> bool:
        return self.cache.has_state()

    def start(self, username: str = "", password: str = "") -> None:
        """Connect in the background (and keep reconnecting) until :meth:`stop`.

        Without a password the cached token is used; a workstation that has logged in before
        works from its cache meanwhile.
        """
        if username:
            if self._username and username != self._username:
                self._token = ""  # another operator: the cached token is not theirs
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
            with contextlib.suppress(asyncio.CancelledError):
                await task
        if self._flush_handle is not None:
            self._reproject()
        self._set_offline()

    def close(self) -> None:
        """Close the cache file (after :meth:`stop`)."""
        self.cache.close()

    # --- CommandGateway -------------------------------------------------------------------------
    def submit(
        self, type: str, payload: dict[str, Any], expected_version: int | None = None
    ) -> str:
        """Check the command locally, show it at once as pending and queue it durably.

        A command refused locally is reported through ``store.commandRefused`` and not queued.
        """
        command_id = str(uuid.uuid4())
        payload = dict(payload)
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
            incident_id=self._incident_for(type, payload),
        )
        try:
            if self.user is None:
                raise CommandError("not_signed_in", "sign in before making changes")
            if self.store.read_only:
                raise CommandError("forbidden", "this session is read-only")
            decide_local(self._view, entry, self.user, self.library)
        except CommandError as exc:
            log.info("command %s refused locally: %s", type, exc.message)
            self.store.commandRefused.emit(entry.incident_id, exc.code, exc.message)
            return command_id
        self.outbox.add(entry)
        self._reproject()
        if self._send_queue is not None and self.status.state == LinkState.ONLINE:
            self._send_queue.put_nowait(_command_msg(entry))
        return command_id

    def dismiss_refusal(self, command_id: str) -> None:
        """The operator has seen a refusal: take it off the list."""
        self.cache.refusal_dismiss(command_id)
        self.refusals = [r for r in self.refusals if r.command_id != command_id]
        self.status.update(refused=len(self.refusals))
        self.refusalsChanged.emit()

    def _incident_for(self, type: str, payload: dict[str, Any]) -> str:
        for key in ("incident_id", "duplicate_id"):
            if isinstance(payload.get(key), str) and payload[key]:
                return str(payload[key])
        state = self._view
        unit = state.units.get(str(payload.get("unit_id", "")))
        if unit is not None:
            return unit.incident_id
        req = state.linkages.get(str(payload.get("request_id", "")))
        return req.incident_id if req is not None else ""

    # --- display --------------------------------------------------------------------------------
    def _later(self, confirmed_changes: Changes | None = None) -> None:
        """Reproject soon: messages that arrive together (a command's events and its ack, a
        burst of live batches) give one display update instead of one per message."""
        if confirmed_changes:
            self._dirty.merge(confirmed_changes)
        if self._flush_handle is None:
            loop = asyncio.get_running_loop()
            self._flush_handle = loop.call_later(self.coalesce, self._reproject)

    def _reproject(self, confirmed_changes: Changes | None = None, reset: bool = False) -> None:
        """Rebuild the displayed overlay and tell the store what changed (coarse, batched)."""
        if self._flush_handle is not None:
            self._flush_handle.cancel()
            self._flush_handle = None
        if confirmed_changes:
            self._dirty.merge(confirmed_changes)
        confirmed_changes, self._dirty = self._dirty, Changes()
        before = self._provisional
        proj: Projection = project(
            self._view, self.confirmed, self.outbox.entries, self.user, self.library,
            self.workstation,
        )  # fmt: skip
        self._provisional = proj.changes
        newly_stale = set(proj.stale) - self._stale
        for cid in newly_stale:
            log.info("queued command %s no longer applies locally: %s", cid, proj.stale[cid])
        self._stale = set(proj.stale)
        if reset or self.store.state is not self._view:
            self.store.replace_state(self._view)
        else:
            ch = Changes()
            ch.merge(before)
            ch.merge(proj.changes)
            ch.merge(confirmed_changes)
            if ch:
                self.store.emit_changes(ch)
        self.store.set_pending(proj.pending)
        self.status.update(pending=len(self.outbox))

    def _set_offline(self, why: str = "") -> None:
        synced = self.cache.synced_at
        if self.cache.has_state() and synced is not None:
            detail = f"offline (cached state from {clock_text(synced)})"
        else:
            detail = "offline"
        if why:
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
                retry_now = self._login_refused(exc)
                if not retry_now:
                    self._set_offline(f"login refused ({exc.message})")
                    self.loginFailed.emit(exc.code, exc.message)
                    return
            except LinkError as exc:
                log.info("sync link down: %s", exc)
                self._set_offline(str(exc))
            except Exception as exc:  # a bug or a broken cache must not end reconnecting
                log.exception("sync session failed")
                self._set_offline(str(exc))
            finally:
                await self._drop_link()
            if not retry_now:
                await asyncio.sleep(self._backoff.next())

    def _login_refused(self, exc: LoginRefused) -> bool:
        """Forget a refused token; True when the password in memory is worth a try at once."""
        if self._token:
            log.info("token refused (%s); %s", exc.code, "using the password" if self._password
                     else "a new login is needed")  # fmt: skip
            self._token = ""
            self.cache.clear_token()
            return bool(self._password)
        return False

    async def _drop_link(self) -> None:
        link, self._link = self._link, None
        self._send_queue = None
        if link is not None:
            await link.close()

    async def _session(self) -> None:
        use_token = bool(self._token) and self._token_expires > time.time()
        if not use_token and not self._password:
            raise LoginRefused("no_credentials", "no saved session; sign in with a password")
        link = self._link = await Link.open(self.url, timeout=self.dead_after)
        hello = p.Hello(
            username=self._username,
            password="" if use_token else self._password,
            token=self._token if use_token else "",
            workstation=self.workstation,
            last_seq=self.confirmed.seq if self.cache.has_state() else -1,
        )
        welcome = await link.login(hello, timeout=self.dead_after)
        self._logged_in(welcome)
        self._backoff.reset()
        self.status.update(state=LinkState.CATCHING_UP, detail="catching up")
        await self._catch_up(link, welcome)
        now = time.time()
        self.cache.mark_synced(now)
        self.status.update(state=LinkState.ONLINE, detail="online", last_sync=now)
        self.caughtUp.emit()
        queue = self._send_queue = asyncio.Queue()
        for entry in self.outbox.unsent():
            queue.put_nowait(_command_msg(entry))
        sender = asyncio.get_running_loop().create_task(self._sender(link, queue))
        try:
            while True:
                msg = await link.recv(self.dead_after)
                self._handle(msg)
                if sender.done():
                    sender.result()  # re-raise a send failure here
        finally:
            sender.cancel()
            with contextlib.suppress(asyncio.CancelledError, LinkError):
                await sender

    def _logged_in(self, welcome: p.Welcome) -> None:
        self.user = welcome.user
        self._username = welcome.user.username
        self._token, self._token_expires = welcome.token, welcome.token_expires
        self.cache.save_session(welcome.user, welcome.token, welcome.token_expires)
        if self.store.user != welcome.user or self.store.workstation != self.workstation:
            self.store.set_session(welcome.user, self.workstation)
        log.info("signed in as %s (server seq %d)", welcome.user.username, welcome.server_seq)

    async def _catch_up(self, link: Link, welcome: p.Welcome) -> None:
        """Receive the snapshot or the missed events; persist per batch, show once at the end."""
        started = time.perf_counter()
        if welcome.catch_up == "events" and welcome.server_seq <= self.confirmed.seq:
            self.last_catch_up = ("none", 0, 0.0)
            return
        total = Changes()
        received = 0
        while True:
            msg = await link.recv(self.dead_after)
            if isinstance(msg, p.SnapshotMsg):
                self.confirmed = CityState.from_snapshot(msg.snapshot)
                self.cache.save_state(self.confirmed)
                self.outbox.settle(self.confirmed.seq)
                self._reproject(reset=True)
                if welcome.catch_up == "snapshot":
                    self.last_catch_up = ("snapshot", 0, time.perf_counter() - started)
                    return
            elif isinstance(msg, p.EventsMsg):
                total.merge(self._apply_confirmed(msg.events))
                received += len(msg.events)
                self.status.update(detail=f"catching up ({received} events)")
                if msg.final:
                    break
            else:
                self._handle(msg)
        self.outbox.settle(self.confirmed.seq)
        self._reproject(total)
        self.last_catch_up = ("events", received, time.perf_counter() - started)

    def _apply_confirmed(self, events: list[ev.Event]) -> Changes:
        fresh = [e for e in events if e.seq > self.confirmed.seq]
        ch = self.confirmed.apply_all(fresh)
        if fresh:
            self.cache.save_changes(self.confirmed, ch)
        return ch

    async def _sender(self, link: Link, queue: asyncio.Queue[Any]) -> None:
        """Sends queued commands in order, and a ping every ``ping_interval`` s."""
        loop = asyncio.get_running_loop()
        next_ping = loop.time()
        while True:
            if loop.time() >= next_ping:
                await link.send(p.Ping(t=loop.time()))
                next_ping = loop.time() + self.ping_interval
                self._check_ack_wait(queue)
            try:
                msg = await asyncio.wait_for(queue.get(), max(0.0, next_ping - loop.time()))
            except TimeoutError:
                continue
            await link.send(msg)

    def _check_ack_wait(self, queue: asyncio.Queue[Any]) -> None:
        # An acknowledged command whose events have not arrived for a while: ask for them.
        waiting = any(e.state == "acked" for e in self.outbox.entries)
        if not waiting:
            self._ack_wait_since = None
        elif self._ack_wait_since is None:
            self._ack_wait_since = time.monotonic()
        elif time.monotonic() - self._ack_wait_since > 2 * self.ping_interval:
            queue.put_nowait(p.Resync(since=self.confirmed.seq))
            self._ack_wait_since = time.monotonic()

    # --- incoming -------------------------------------------------------------------------------
    def _handle(self, msg: p.ServerMsg) -> None:
        if isinstance(msg, p.EventsMsg):
            ch = self._apply_confirmed(msg.events)
            self.outbox.settle(self.confirmed.seq)
            now = time.time()
            self.cache.mark_synced(now)
            self.status.update(last_sync=now)
            self._later(ch)
        elif isinstance(msg, p.Pong):
            rtt = (asyncio.get_running_loop().time() - msg.t) * 1000.0
            self.status.update(latency_ms=round(max(0.0, rtt), 1), last_sync=time.time())
        elif isinstance(msg, p.Ack):
            if self.outbox.ack(msg.id, msg.seq) is not None:
                self.outbox.settle(self.confirmed.seq)
                self._later()
        elif isinstance(msg, p.ErrorMsg):
            self._handle_error(msg)
        elif isinstance(msg, p.SnapshotMsg):
            self.confirmed = CityState.from_snapshot(msg.snapshot)
            self.cache.save_state(self.confirmed)
            self.outbox.settle(self.confirmed.seq)
            self._reproject(reset=True)
        else:
            log.debug("ignoring %s", type(msg).__name__)

    def _handle_error(self, msg: p.ErrorMsg) -> None:
        if not msg.id or self.outbox.get(msg.id) is None:
            log.warning("server error %s: %s", msg.code, msg.message)
            return
        if msg.code in TRANSIENT_CODES:
            # Not a "no": send it again shortly on this connection (or on the next one).
            log.info("command %s deferred by the server (%s)", msg.id, msg.code)
            queue = self._send_queue
            entry = self.outbox.get(msg.id)
            if queue is not None and entry is not None:
                asyncio.get_running_loop().call_later(
                    self.ping_interval / 2, _resend, queue, self.outbox, msg.id
                )
            return
        refusal = self.outbox.refuse(msg.id, msg.code, msg.message)
        if refusal is None:
            return
        log.info("server refused %s on %r: %s", refusal.type, refusal.incident_id, msg.message)
        self.refusals.append(refusal)
        self._reproject()  # back to the server's truth
        self.status.update(refused=len(self.refusals))
        self.store.commandRefused.emit(refusal.incident_id, msg.code, msg.message)
        self.refusalsChanged.emit()

    # --- helpers for tests and tools ------------------------------------------------------------
    async def wait_until(self, predicate: Callable[[], bool], timeout: float = 10.0) -> None:
        """Wait (polling the loop) until ``predicate()``; TimeoutError after ``timeout`` s."""
        deadline = time.monotonic() + timeout
        while not predicate():
            if time.monotonic() > deadline:
                raise TimeoutError(f"sync engine: condition not met within {timeout} s")
            await asyncio.sleep(0.01)

    def synced(self) -> bool:
        """Online with an empty outbox: everything made here is confirmed."""
        return (
            self.status.state == LinkState.ONLINE and not self.outbox and self._flush_handle is None
        )


def _command_msg(entry: OutboxEntry) -> p.CommandMsg:
    return p.CommandMsg(
        id=entry.id, type=entry.type, payload=entry.payload, expected_version=entry.expected_version
    )


def _resend(queue: asyncio.Queue[Any], outbox: Outbox, command_id: str) -> None:
    entry = outbox.get(command_id)
    if entry is not None and entry.state != "acked":
        queue.put_nowait(_command_msg(entry))


def _log_task_end(task: asyncio.Task[None]) -> None:
    if not task.cancelled() and task.exception() is not None:
        log.error("sync engine stopped", exc_info=task.exception())
