"""Projecting the outbox onto the confirmed state: what the operator sees while changes are pending."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field

import msgspec

from app.domain import events as ev
from app.domain.commands import CommandError
from app.domain.model import User
from app.domain.runner import CommandRunner
from app.domain.state import Changes, CityState, OverlayState
from app.sync.cache import OutboxEntry

log = logging.getLogger(__name__)

PROVISIONAL_PREFIX = "P-"


def provisional_number(incident_id: str) -> str:
    """The number an incident created offline shows until the server issues the real one."""
    return PROVISIONAL_PREFIX + incident_id.replace("-", "")[:8].upper()


def is_provisional(number: str) -> bool:
    return number.startswith(PROVISIONAL_PREFIX)


@dataclass
class Projection:
    """The outcome of replaying the outbox on top of the confirmed state."""

    changes: Changes = field(default_factory=Changes)  # what provisional events touched
    pending: dict[str, int] = field(default_factory=dict)  # incident id -> pending commands
    stale: dict[str, CommandError] = field(default_factory=dict)  # no longer applies locally


_RUNNER = CommandRunner()


def decide_local(state: CityState, entry: OutboxEntry, user: User) -> list[ev.EventBody]:
    """Run a queued command through the command runner as the server will, at its own time and
    with the rules the state holds (the server's library, calendar and locator)."""
    return _RUNNER.run_message(
        state, user, entry.type, entry.payload, entry.created, entry.expected_version
    )


def provisional_events(
    bodies: Iterable[ev.EventBody], entry: OutboxEntry, user: User, workstation: str
) -> list[ev.Event]:
    out = []
    for b in bodies:
        if isinstance(b, ev.IncidentCreated):
            # The server numbers incidents; until it does, show a number that cannot clash.
            inc = msgspec.structs.replace(b.incident, number=provisional_number(b.incident.id))
            b = ev.IncidentCreated(incident=inc)
        out.append(
            ev.Event(
                seq=0, time=entry.created, actor=user.username, workstation=workstation, body=b
            )
        )
    return out


def project(
    view: OverlayState,
    confirmed: CityState,
    entries: Iterable[OutboxEntry],
    user: User | None,
    workstation: str = "",
) -> Projection:
    """Reset ``view`` to ``confirmed`` and apply every queued command to it, in order.

    ``view`` is reset in place so the store keeps showing the same object (no model resets).
    A command that no longer applies (someone else got there first) is left out of the view but
    stays queued: only the server's answer removes it, so nothing is dropped silently.
    """
    OverlayState.__init__(view, confirmed)
    proj = Projection()
    if user is None:
        return proj
    for entry in entries:
        try:
            bodies = decide_local(view, entry, user)
        except CommandError as exc:
            proj.stale[entry.id] = exc
            if entry.incident_id:
                proj.pending[entry.incident_id] = proj.pending.get(entry.incident_id, 0) + 1
            continue
        ch = view.apply_all(provisional_events(bodies, entry, user, workstation))
        proj.changes.merge(ch)
        touched = {entry.incident_id} if entry.incident_id else set()
        touched |= ch.incidents
        for inc_id in touched:
            proj.pending[inc_id] = proj.pending.get(inc_id, 0) + 1
    return proj
