"""The command pipeline: one task decides every command against the authoritative state, in
arrival order, and group-commits what arrived while the previous commit was in flight.

Serialising decisions here is what makes optimistic concurrency hold: of two dispatchers
assigning the same unit, the second is decided against a state that already has the first's
assignment, so ``decide()`` refuses it with a conflict naming the holder.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import msgspec

from app.domain import events as ev
from app.domain.commands import CommandError
from app.domain.model import User
from app.domain.runner import CommandRunner
from app.domain.state import Changes, CityState
from app.protocol import Ack, CommandMsg, ErrorMsg, encode
from app.server.store import AuditEntry, Batch, EventStore

log = logging.getLogger(__name__)

# Recent command answers kept in memory; the rest are read from the store. Every new command id
# is looked up in the store anyway (it is in no cache), so the cache only spares that read for
# re-sends, which come soon after the original: a small one bounds the server's memory.
ANSWER_CACHE = 10_000

Commit = Callable[[list[ev.Event], list[tuple["object", bytes]]], None]


@dataclass(eq=False)
class CommandJob:
    """A client's command; ``origin`` is the session to answer (None: answer nobody)."""

    msg: CommandMsg
    user: User
    workstation: str
    peer: str
    origin: object | None


@dataclass(eq=False)
class InternalJob:
    """Events the server itself records (reference data, deadline alerts) as ``actor``.

    ``make`` builds the bodies from the current state at decision time.
    """

    make: Callable[[CityState], list[ev.EventBody]]
    actor: str = "system"
    done: asyncio.Future[list[int]] | None = None


Job = CommandJob | InternalJob


@dataclass
class _Outcome:
    batch: Batch = field(default_factory=Batch)
    replies: list[tuple[object, bytes]] = field(default_factory=list)
    internal: list[tuple[InternalJob, list[int]]] = field(default_factory=list)


class Processor:
    """Owns the authoritative :class:`CityState` and the only path that changes it."""

    def __init__(
        self,
        store: EventStore,
        on_commit: Commit,
        max_batch: int = 2000,
        runner: CommandRunner | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.store = store
        self.runner = runner or CommandRunner()
        self.clock = clock  # the decision time of each batch (tests drive it)
        self.on_commit = on_commit
        self.max_batch = max_batch
        self.state: CityState = store.load_state()
        self.committed_seq = self.state.seq
        self.queue: asyncio.Queue[Job] = asyncio.Queue()
        # Held while a batch is decided and committed: snapshots and catch-up start points are
        # taken between batches, so they never include uncommitted events.
        self.lock = asyncio.Lock()
        self._answers: OrderedDict[str, bytes] = OrderedDict()
        self._writer = ThreadPoolExecutor(1, thread_name_prefix="cityops-commit")
        self._task: asyncio.Task[None] | None = None
        self.commits = 0

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._run(), name="committer")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            try:
                await self._task
            except asyncio.CancelledError:
                pass
        self._writer.shutdown(wait=True)

    def submit(self, job: Job) -> None:
        self.queue.put_nowait(job)

    async def inject(
        self, make: Callable[[CityState], list[ev.EventBody]], actor: str
    ) -> list[int]:
        fut: asyncio.Future[list[int]] = asyncio.get_running_loop().create_future()
        self.submit(InternalJob(make=make, actor=actor, done=fut))
        return await fut

    # --- the committer task ---------------------------------------------------------------------
    async def _run(self) -> None:
        while True:
            jobs = [await self.queue.get()]
            while len(jobs) < self.max_batch and not self.queue.empty():
                jobs.append(self.queue.get_nowait())
            try:
                async with self.lock:
                    await self._process(jobs)
            except asyncio.CancelledError:
                raise
            except Exception:  # never let one bad batch stop the server
                log.exception("command batch failed")

    async def _process(self, jobs: list[Job]) -> None:
        now = self.clock()
        out = _Outcome()
        cached = self._lookup([answer_key(j) for j in jobs if isinstance(j, CommandJob)])
        in_batch: dict[str, bytes] = {}
        for job in jobs:
            if isinstance(job, InternalJob):
                seqs = self._run_internal(job, now, out)
                out.internal.append((job, seqs))
                continue
            cid = answer_key(job)  # scoped to the account: another's id is not a key to its answer
            known = in_batch.get(cid) or cached.get(cid)
            if known is not None:  # a re-send: the original answer, nothing changes
                out.replies.append((job.origin, known))
                out.batch.audit.append(_audit(job, now, "replayed", ""))
                continue
            answer, code, message = self._decide(job, now, out)
            in_batch[cid] = answer
            out.batch.answers.append((cid, answer))
            out.replies.append((job.origin, answer))
            out.batch.audit.append(_audit(job, now, code, message))
        loop = asyncio.get_running_loop()
        try:
            # Encoding here (Python work) and only the SQLite writes on the writer thread (which
            # release the GIL) keeps the two threads from trading the GIL back and forth.
            prepared = self.store.prepare(out.batch, self.state)
            await loop.run_in_executor(self._writer, self.store.write, prepared)
        except Exception as exc:
            log.exception("commit failed; reloading the state from the store")
            self._fail(jobs, out, exc)
            return
        self.commits += 1
        self.committed_seq = self.state.seq
        for cid, answer in out.batch.answers:
            self._remember(cid, answer)
        self.on_commit(out.batch.events, out.replies)
        for job, seqs in out.internal:
            if job.done is not None and not job.done.done():
                job.done.set_result(seqs)

    def _decide(self, job: CommandJob, now: float, out: _Outcome) -> tuple[bytes, str, str]:
        msg = job.msg
        try:
            bodies = self.runner.run_message(
                self.state, job.user, msg.type, msg.payload, now, msg.expected_version
            )
        except CommandError as exc:
            err = ErrorMsg(id=msg.id, code=exc.code, message=exc.message, details=exc.details)
            return encode(err), exc.code, exc.message
        except Exception as exc:  # a bug in a rule must not take the server down
            log.exception("deciding %s %s failed", msg.type, msg.id)
            err = ErrorMsg(id=msg.id, code="internal", message=f"the server failed: {exc}")
            return encode(err), "internal", str(exc)
        if not bodies:
            return encode(Ack(id=msg.id, seq=self.state.seq, first_seq=0)), "ok", ""
        seqs = self._append(bodies, job.user.username, job.workstation, now, out)
        return encode(Ack(id=msg.id, seq=seqs[-1], first_seq=seqs[0])), "ok", ""

    def _run_internal(self, job: InternalJob, now: float, out: _Outcome) -> list[int]:
        try:
            bodies = job.make(self.state)
        except Exception as exc:
            log.exception("internal job failed")
            if job.done is not None and not job.done.done():
                job.done.set_exception(exc)
            return []
        return self._append(bodies, job.actor, "server", now, out) if bodies else []

    def _append(
        self, bodies: list[ev.EventBody], actor: str, workstation: str, now: float, out: _Outcome
    ) -> list[int]:
        seqs = []
        changes: Changes = out.batch.changes
        for body in bodies:
            if isinstance(body, ev.IncidentCreated):
                exercise = body.incident.exercise
            else:
                inc = self.state.incidents.get(ev.incident_of(body, self.state.linkages))
                exercise = inc.exercise if inc is not None else False
            e = ev.Event(
                seq=self.state.seq + 1,
                time=now,
                actor=actor,
                workstation=workstation,
                body=body,
                exercise=exercise,
            )
            changes.merge(self.state.apply(e))
            self.state.seq = e.seq  # even when the reducer skipped it: seqs never repeat
            out.batch.events.append(e)
            seqs.append(e.seq)
        return seqs

    def _fail(self, jobs: list[Job], out: _Outcome, exc: Exception) -> None:
        """The commit failed: nothing of the batch happened. Rebuild the state from the store."""
        self.state = self.store.load_state()
        self.committed_seq = self.state.seq
        replies: list[tuple[object, bytes]] = []
        for job in jobs:
            if isinstance(job, CommandJob):
                err = ErrorMsg(
                    id=job.msg.id,
                    code="storage_error",
                    message=f"the server could not store the command ({exc}); send it again",
                )
                replies.append((job.origin, encode(err)))
            elif job.done is not None and not job.done.done():
                job.done.set_exception(exc)
        self.on_commit([], replies)

    # --- idempotency --------------------------------------------------------------------------
    def _lookup(self, ids: list[str]) -> dict[str, bytes]:
        found: dict[str, bytes] = {}
        missing = []
        for cid in ids:
            ans = self._answers.get(cid)
            if ans is None:
                missing.append(cid)
            else:
                found[cid] = ans
        if missing:
            found.update(self.store.command_answers(missing))
        return found

    def _remember(self, cid: str, answer: bytes) -> None:
        self._answers[cid] = answer
        if len(self._answers) > ANSWER_CACHE:
            self._answers.popitem(last=False)


def answer_key(job: CommandJob) -> str:
    """The idempotency key: (account, command id). A user name never holds a control character
    (app.server.names), so the separator cannot be forged."""
    return f"{job.user.username}\x1f{job.msg.id}"


def _audit(job: CommandJob, now: float, result: str, message: str) -> AuditEntry:
    return AuditEntry(
        time=now,
        username=job.user.username,
        workstation=job.workstation,
        peer=job.peer,
        kind="command",
        command_id=job.msg.id,
        command_type=job.msg.type,
        result=result,
        detail=message[:500],
    )


def decode_answer(data: bytes) -> Ack | ErrorMsg:
    """Read a stored answer back (for tools and tests)."""
    return msgspec.json.decode(data, type=Ack | ErrorMsg)  # type: ignore[arg-type]
