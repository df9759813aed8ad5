"""Notes on an incident's narrative: added with an id, struck out with a reason, never deleted.

As in a CAD narrative, a note is a permanent record. A wrong one is struck out afterwards by its
author or a supervisor, with the reason: the note stays where it was, shown struck through with
who struck it, when and why (the report prints it the same way).

A note is named by its id, never by its place in the narrative: the narrative also holds the
lines the reducer writes itself (transitions, deadline changes), and a desk's pending note sits
among entries it has not seen yet. The id is chosen by the desk that adds the note (the sync
engine fills ``note_id`` in, as it does an incident's id), so a note added offline can be struck
out before it reached the server; a command without one gets an id from the runner. Entries
recorded before notes had ids have none and cannot be struck out.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

import msgspec

from app.domain import commands as c
from app.domain import events as ev
from app.domain.model import Incident, NarrativeEntry, NoteStrike, Role, User

if TYPE_CHECKING:  # the reducer calls in here: no import cycle at run time
    from app.domain.state import CityState

log = logging.getLogger(__name__)

READ_ONLY_ROLES = frozenset({Role.OBSERVER, Role.AUDITOR, Role.ADMIN})


def find_note(inc: Incident, note_id: str) -> NarrativeEntry | None:
    """The narrative entry with ``note_id`` (None for '' or an unknown id)."""
    if not note_id:
        return None
    for entry in inc.narrative:
        if entry.id == note_id:
            return entry
    return None


def _incident(state: CityState, incident_id: str) -> Incident:
    inc = state.incidents.get(incident_id)
    if inc is None:
        raise c.CommandError("unknown_id", f"no incident {incident_id!r}")
    return inc


def decide_add_note(
    state: CityState, body: c.AddNote, actor: User, now: float, new_id: Callable[[], str]
) -> list[ev.EventBody]:
    inc = _incident(state, body.incident_id)
    note_id = body.note_id or new_id()
    if find_note(inc, note_id) is not None:
        raise c.CommandError("duplicate_id", f"{inc.number} already has a note {note_id}")
    if not body.text.strip() and not body.attachment:
        raise c.CommandError("text_required", "a note needs some text")
    entry = NarrativeEntry(
        at=now,
        who=actor.username,
        text=body.text,
        kind=body.kind,
        attachment=body.attachment,
        id=note_id,
    )
    return [ev.NoteAdded(incident_id=inc.id, entry=entry)]


def authorize_strike(user: User, body: c.StrikeNote, state: CityState) -> None:
    """The note's author or a supervisor may strike it out; read-only roles may not."""
    if user.role in READ_ONLY_ROLES:
        raise c.CommandError("forbidden", f"a {user.role.value} may not strike out notes")
    if user.role == Role.SUPERVISOR:
        return
    inc = state.incidents.get(body.incident_id)
    note = find_note(inc, body.note_id) if inc is not None else None
    if note is None:
        return  # decide() reports the unknown id
    if note.who != user.username:
        raise c.CommandError(
            "forbidden", f"only {note.who}, who wrote the note, or a supervisor may strike it out"
        )


def decide_strike(state: CityState, body: c.StrikeNote) -> list[ev.EventBody]:
    inc = _incident(state, body.incident_id)
    note = find_note(inc, body.note_id)
    if note is None:
        raise c.CommandError("unknown_id", f"{inc.number} has no note {body.note_id!r}")
    if note.struck is not None:
        raise c.CommandError("no_change", f"the note was struck out already by {note.struck.who}")
    reason = body.reason.strip()
    if not reason:
        raise c.CommandError("text_required", "striking out a note needs a reason")
    return [ev.NoteStruck(incident_id=inc.id, note_id=note.id, reason=reason)]


def apply_strike(inc: Incident, body: ev.NoteStruck, at: float, who: str) -> None:
    """The reducer's part: the entry is kept, marked struck (a second strike changes nothing)."""
    strike = NoteStrike(at=at, who=who, reason=body.reason)
    inc.narrative = [
        msgspec.structs.replace(e, struck=strike) if e.id == body.note_id and not e.struck else e
        for e in inc.narrative
    ]
