"""One server replica among several on one PostgreSQL database.

Deciding: a single decider at a time, by lock. Before a replica decides a batch it locks the
log's head row (:meth:`PgEventStore.lock_head`), applies the events other replicas committed
since its state, then decides, writes and commits in that same transaction. So every command,
whichever replica accepted it, is decided against the current state (two dispatchers on two
replicas assigning one unit: the second is refused with a conflict, exactly as on one server),
and a re-sent command finds the answer another replica stored (idempotency across failover).
A lock rather than an optimistic version check with retry: a decision is cheap next to a
commit, the lock is held only for one batch, and there is no retry path to get wrong.

Fanning out: every replica listens on the ``cityops_events`` channel in a thread of its own; a
notification only wakes the follower task, which reads the log by position from the replica's
last seq and hands the events to its fan-out in order. A poll every ``poll`` seconds covers a
lost notification or a listener that is reconnecting.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from typing import Any

import psycopg

from app.domain import events as ev
from app.protocol import ErrorMsg, encode
from app.server.pgstore import CHANNEL, PgEventStore
from app.server.processor import CommandJob, Job, Processor, _Outcome

log = logging.getLogger(__name__)

POLL_SECONDS = 1.0  # read the log at least this often even without a notification
FOLLOW_BATCH = 5000


class ReplicaProcessor(Processor):
    """A :class:`Processor` that shares its event log with other replicas."""

    store: PgEventStore

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Events of other replicas absorbed under the head lock are fanned out together with the
        # batch's own events, after its commit: no encoding or socket writes while holding it.
        self._deliver = self.on_commit
        self.on_commit = self._emit
        self._held_back: list[ev.Event] = []
        self.poll = POLL_SECONDS
        self.foreign = 0  # events absorbed from other replicas (for tests and status)
        self._follow: asyncio.Task[None] | None = None
        self._listener: threading.Thread | None = None
        self._stopping = threading.Event()
        self._wake: asyncio.Event | None = None
        self._notified = 0
        self._stale = False  # a failed commit left the state ahead of the database

    def start(self) -> None:
        super().start()
        loop = asyncio.get_running_loop()
        self._wake = asyncio.Event()
        self._follow = loop.create_task(self._follow_log(), name="replica-follow")
        self._listener = threading.Thread(
            target=self._listen, args=(loop,), name="cityops-listen", daemon=True
        )
        self._listener.start()

    async def stop(self) -> None:
        self._stopping.set()
        if self._follow is not None:
            self._follow.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._follow
        await super().stop()
        if self._listener is not None:
            await asyncio.get_running_loop().run_in_executor(None, self._listener.join, 5.0)

    # --- deciding under the head lock ----------------------------------------------------------
    async def _process(self, jobs: list[Job]) -> None:
        loop = asyncio.get_running_loop()
        try:
            if self._stale:
                self._reload()
            foreign = await loop.run_in_executor(self._writer, self.store.lock_head, self.state.seq)
        except Exception as exc:
            log.exception("could not lock the event log")
            self._fail(jobs, _Outcome(), exc)
            return
        try:
            self._absorb(foreign)
            await super()._process(jobs)
        finally:
            if self.store.holding:  # the batch failed before its commit: roll back
                await loop.run_in_executor(self._writer, self.store.unlock_head)
            if self._held_back:  # the batch ended without a commit to carry them
                self._emit([], [])

    def _absorb(self, events: list[ev.Event]) -> None:
        """Apply events another replica committed, and fan them out to this replica's desks."""
        events = [e for e in events if e.seq > self.state.seq]
        if not events:
            return
        if events[0].seq != self.state.seq + 1:
            raise RuntimeError(f"log gap: at {self.state.seq}, next read is {events[0].seq}")
        for e in events:
            self.state.apply(e)
            self.state.seq = e.seq
        self.committed_seq = self.state.seq
        self.foreign += len(events)
        self._held_back.extend(events)

    def _emit(self, events: list[ev.Event], replies: list[tuple[object, bytes]]) -> None:
        held, self._held_back = self._held_back, []
        self._deliver(held + events if held else events, replies)

    def _fail(self, jobs: list[Job], out: _Outcome, exc: Exception) -> None:
        """Nothing of the batch happened: back to the database's state, answer "send again".

        Unlike one server, the database may hold events this replica has not sent its desks yet:
        they go out now. With the database away the state stays marked stale and is reloaded
        before anything else is decided or followed.
        """
        try:
            self._reload()
        except Exception:
            log.exception("the database is unreachable; the state is reloaded once it is back")
            self._stale = True
            if self._wake is not None:
                self._wake.set()
        replies: list[tuple[object, bytes]] = []
        for job in jobs:
            if isinstance(job, CommandJob):
                text = f"the server could not store the command ({exc}); send it again"
                err = ErrorMsg(id=job.msg.id, code="storage_error", message=text)
                replies.append((job.origin, encode(err)))
            elif job.done is not None and not job.done.done():
                job.done.set_exception(exc)
        self.on_commit([], replies)

    def _reload(self) -> None:
        sent = self.committed_seq  # what this replica's desks have been sent
        state = self.store.load_state()
        missed = [e for e in self.store.read_since(sent, 10**9) if e.seq <= state.seq]
        self.state = state
        self.committed_seq = state.seq
        self._stale = False
        if missed:
            self.on_commit(missed, [])

    # --- following the other replicas ----------------------------------------------------------
    async def _follow_log(self) -> None:
        assert self._wake is not None
        loop = asyncio.get_running_loop()
        while True:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self.poll)
            self._wake.clear()
            try:
                if self._stale:
                    async with self.lock:
                        self._reload()
                if self._notified <= self.state.seq:
                    head = await loop.run_in_executor(None, self.store.last_seq)
                    if head <= self.state.seq:
                        continue
                async with self.lock:
                    while True:
                        events = await loop.run_in_executor(
                            None, self.store.read_since, self.state.seq, FOLLOW_BATCH
                        )
                        self._absorb(events)
                        self._emit([], [])
                        if len(events) < FOLLOW_BATCH:
                            break
            except asyncio.CancelledError:
                raise
            except Exception:  # the database is away: keep polling until it is back
                log.exception("reading the shared event log failed")

    def _listen(self, loop: asyncio.AbstractEventLoop) -> None:
        """LISTEN in a thread: each notification sets the follower's wake-up (nothing more)."""
        while not self._stopping.is_set():
            try:
                with psycopg.connect(self.store.dsn, autocommit=True) as con:
                    con.execute(f"LISTEN {CHANNEL}")
                    loop.call_soon_threadsafe(self._wake_up, 0)  # may have missed some meanwhile
                    while not self._stopping.is_set():
                        for n in con.notifies(timeout=0.5):
                            seq = int(n.payload) if n.payload.isdigit() else 0
                            loop.call_soon_threadsafe(self._wake_up, seq)
            except psycopg.Error as exc:
                log.warning("listening for new events failed (%s); polling meanwhile", exc)
                self._stopping.wait(self.poll)
            except RuntimeError:  # the loop has closed
                return

    def _wake_up(self, seq: int) -> None:
        if seq > self.state.seq or seq == 0:
            self._notified = max(self._notified, seq)
            if self._wake is not None:
                self._wake.set()
