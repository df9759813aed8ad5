"""Importing into a server: every alert or incident from outside goes through the server's
processor (and so through the one command runner), like any desk's command: authorised,
decided against the authoritative state, committed, broadcast and audited.

Used by the server (a running :class:`~app.server.processor.Processor`) and by the command line
(:func:`on_database`, which runs a processor over a server database while the server is stopped).
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TypeVar

import msgspec

from app.domain.alerts import Alert, ImportAlert
from app.domain.commands import AddNote
from app.domain.model import Role, User
from app.domain.runner import to_payload, type_name
from app.interop.eido import TRANSFER_NOTE, Received
from app.protocol import Ack, CommandMsg, ErrorMsg
from app.server.processor import CommandJob, Processor, decode_answer, key_of
from app.server.store import SqliteEventStore

log = logging.getLogger(__name__)

T = TypeVar("T")

INTEROP_USER = User(
    username="interop", display_name="Alert and transfer import", role=Role.DISPATCHER
)
"""The account outside messages are recorded as (a dispatcher: it may create incidents and
record alerts, nothing a supervisor alone may do)."""

_NS = uuid.UUID("6c0f4a52-8f0e-4a49-9a57-1b1f0e1c0a11")


def command_id(kind: str, key: str) -> str:
    """A stable command id for an outside message, so importing it twice is answered with the
    first answer (the processor's idempotency) instead of recording it twice."""
    return str(uuid.uuid5(_NS, f"{kind}:{key}"))


async def submit(
    proc: Processor,
    commands: list[tuple[str, msgspec.Struct]],
    user: User = INTEROP_USER,
    workstation: str = "interop",
) -> list[Ack | ErrorMsg]:
    """Submit ``(command id, command)`` pairs in order and wait until all are decided and
    committed; the answers in the same order."""
    for cid, cmd in commands:
        msg = CommandMsg(id=cid, type=type_name(cmd), payload=to_payload(cmd))
        proc.submit(CommandJob(msg=msg, user=user, workstation=workstation, peer="", origin=None))
    # The queue is first in, first out: once this no-op is committed, so is every command above.
    await proc.inject(lambda _state: [], actor=user.username)
    keys = [key_of(user.username, cid) for cid, _ in commands]
    answers = proc.store.command_answers(keys)
    return [decode_answer(answers[k]) for k in keys]


async def import_alerts(
    proc: Processor, alerts: list[Alert], source: str = "", user: User = INTEROP_USER
) -> list[Ack | ErrorMsg]:
    """Record validated alerts (new, updates, cancels) through the processor: all of them or,
    when the runner would refuse one (a cancel of an alert not held, one already held), none,
    each answered with that refusal (a document is never half-imported)."""
    cmds: list[tuple[str, msgspec.Struct]] = [
        (command_id("cap", a.id), ImportAlert(alert=a, source=source)) for a in alerts
    ]
    if not cmds:
        return []
    async with proc.lock:  # between batches: the state is the committed one
        err = proc.runner.refusal(proc.state, user, *(cmd for _, cmd in cmds), now=proc.clock())
    if err is not None:
        return [ErrorMsg(id=cid, code=err.code, message=err.message) for cid, _ in cmds]
    return await submit(proc, cmds, user)


async def import_eido(
    proc: Processor, received: Received, key: str, user: User = INTEROP_USER
) -> tuple[str, list[Ack | ErrorMsg]]:
    """Create the incident a received EIDO describes, with its notes and the sender's note; the
    incident id (stable per EIDO id, so a re-send is answered, not doubled) and the answers."""
    incident_id = command_id("eido-incident", key)
    create = msgspec.structs.replace(received.create, incident_id=incident_id)
    cmds: list[tuple[str, msgspec.Struct]] = [(command_id("eido", key), create)]
    texts = [(TRANSFER_NOTE, received.transfer_note)] + [("note", n) for n in received.notes]
    for i, (kind, text) in enumerate(texts):
        note = AddNote(incident_id=incident_id, text=text, kind=kind)
        cmds.append((command_id(f"eido-note-{i}", key), note))
    return incident_id, await submit(proc, cmds, user)


def on_database(db: Path, work: Callable[[Processor], Awaitable[T]]) -> T:
    """Run ``work`` with a processor over the server database ``db`` (the server must not be
    running on it: one processor owns a database at a time)."""

    async def main() -> T:
        store = SqliteEventStore(db)
        proc = Processor(store, lambda _events, _replies: None)
        proc.start()
        try:
            return await work(proc)
        finally:
            await proc.stop()
            store.close()

    return asyncio.run(main())
