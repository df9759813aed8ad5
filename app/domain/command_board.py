"""Major incidents: the command board (ICS) a supervisor opens by declaring an incident major.

The board holds who fills each command and general staff role, the objectives of each
operational period, the incidents grouped under it and an append-only log of decisions: every
change to the board is itself a line in the log, so the briefing shows how the command evolved.
Resources by agency are not stored: they follow from the units on the incident and its children.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import msgspec

from app.domain import commands as c
from app.domain import events as ev
from app.domain.model import (
    ICS_ROLES,
    BoardEntry,
    CommandBoard,
    Incident,
    Objective,
    Unit,
)

if TYPE_CHECKING:  # the reducer calls in here: no import cycle at run time
    from app.domain.state import CityState

log = logging.getLogger(__name__)

BOARD_KINDS = ("role", "objective", "objective_done", "period", "decision", "child")
MAX_TEXT = 2000  # characters of an objective, a decision or a person's name


def _incident(state: CityState, incident_id: str) -> Incident:
    inc = state.incidents.get(incident_id)
    if inc is None:
        raise c.CommandError("unknown_id", f"no incident with id {incident_id!r}")
    return inc


def decide_declare(state: CityState, cmd: c.DeclareMajor) -> list[ev.EventBody]:
    inc = _incident(state, cmd.incident_id)
    if inc.board is not None:
        raise c.CommandError("no_change", f"{inc.number} is already a major incident")
    if not inc.is_open():
        raise c.CommandError("invalid_transition", f"{inc.number} is {inc.status.value}")
    if inc.parent_id:
        raise c.CommandError(
            "invalid_transition", f"{inc.number} is grouped under another major incident"
        )
    name = cmd.name.strip()
    if not name:
        raise c.CommandError("text_required", "a major incident needs a name")
    if len(name) > 200:
        raise c.CommandError("invalid_payload", "a major incident's name is 200 characters at most")
    return [ev.MajorDeclared(incident_id=inc.id, name=name)]


def decide_update(state: CityState, cmd: c.UpdateBoard) -> list[ev.EventBody]:
    inc = _incident(state, cmd.incident_id)
    board = inc.board
    if board is None:
        raise c.CommandError("invalid_transition", f"{inc.number} is not a major incident")
    if cmd.kind not in BOARD_KINDS:
        raise c.CommandError(
            "invalid_payload", f"a board change is one of: {', '.join(BOARD_KINDS)}"
        )
    if max(len(cmd.text), len(cmd.person)) > MAX_TEXT:
        raise c.CommandError("invalid_payload", f"{MAX_TEXT} characters at most")
    body = ev.BoardUpdated(incident_id=inc.id, kind=cmd.kind)
    if cmd.kind == "role":
        if cmd.role not in ICS_ROLES:
            raise c.CommandError(
                "invalid_payload", f"an ICS role is one of: {', '.join(ICS_ROLES)}"
            )
        person = cmd.person.strip()
        if board.roles.get(cmd.role, "") == person:
            raise c.CommandError("no_change", f"{person or 'nobody'} already holds that role")
        return [msgspec.structs.replace(body, role=cmd.role, person=person)]
    if cmd.kind in ("objective", "decision"):
        text = cmd.text.strip()
        if not text:
            raise c.CommandError("text_required", f"a {cmd.kind} needs its text")
        return [msgspec.structs.replace(body, text=text)]
    if cmd.kind == "objective_done":
        if not 0 <= cmd.index < len(board.objectives):
            raise c.CommandError("unknown_id", f"no objective {cmd.index}")
        if board.objectives[cmd.index].done:
            raise c.CommandError("no_change", "that objective is met already")
        return [msgspec.structs.replace(body, index=cmd.index)]
    if cmd.kind == "period":
        return [msgspec.structs.replace(body, text=cmd.text.strip())]
    child = _incident(state, cmd.child_id)
    if child.id == inc.id:
        raise c.CommandError("invalid_payload", "an incident cannot be grouped under itself")
    if child.board is not None:
        raise c.CommandError("invalid_payload", f"{child.number} is a major incident itself")
    if child.parent_id:
        raise c.CommandError("no_change", f"{child.number} is grouped already")
    return [msgspec.structs.replace(body, child_id=child.id)]


def apply_declared(inc: Incident, b: ev.MajorDeclared, t: float, who: str) -> None:
    inc.board = CommandBoard(
        name=b.name,
        declared_by=who,
        declared_at=t,
        period_started=t,
        log=[BoardEntry(at=t, who=who, kind="declared", text=f"declared major: {b.name}")],
    )


def apply_update(state: CityState, inc: Incident, b: ev.BoardUpdated, t: float, who: str) -> str:
    """Change the board; returns the id of a child grouped under it ('' otherwise)."""
    board = inc.board
    if board is None:
        return ""
    board = msgspec.structs.replace(board)
    line = ""
    if b.kind == "role":
        roles = dict(board.roles)
        if b.person:
            roles[b.role] = b.person
        else:
            roles.pop(b.role, None)
        board.roles = roles
        line = f"{role_label(b.role)}: {b.person or 'vacant'}"
    elif b.kind == "objective":
        board.objectives = [*board.objectives, Objective(period=board.period, text=b.text)]
        line = f"objective (period {board.period}): {b.text}"
    elif b.kind == "objective_done" and 0 <= b.index < len(board.objectives):
        objs = list(board.objectives)
        objs[b.index] = msgspec.structs.replace(objs[b.index], done=True)
        board.objectives = objs
        line = f"objective met: {objs[b.index].text}"
    elif b.kind == "period":
        board.period += 1
        board.period_started = t
        line = f"operational period {board.period} begins" + (f": {b.text}" if b.text else "")
    elif b.kind == "decision":
        line = b.text
    elif b.kind == "child":
        board.children = [*board.children, b.child_id]
        child = state.incidents.get(b.child_id)
        line = f"grouped {child.number if child else b.child_id} under this incident"
    board.log = [*board.log, BoardEntry(at=t, who=who, kind=b.kind, text=line)]
    inc.board = board
    return b.child_id if b.kind == "child" else ""


def role_label(role: str) -> str:
    return role.replace("_", " ").capitalize()


@dataclass
class AgencyResources:
    """The units of one agency working the major incident or its children."""

    agency: str
    units: list[Unit] = field(default_factory=list)
    requested: int = 0  # units asked for through linkage requests still open


def resources(state: CityState, inc: Incident) -> list[AgencyResources]:
    """Resources by agency over the incident and every incident grouped under it."""
    ids = {inc.id, *(inc.board.children if inc.board else [])}
    by: dict[str, AgencyResources] = {}
    for iid in ids:
        child = state.incidents.get(iid)
        if child is None:
            continue
        for uid in child.assigned_units:
            unit = state.units.get(uid)
            if unit is not None:
                by.setdefault(unit.agency, AgencyResources(unit.agency)).units.append(unit)
    for req in state.linkages.values():
        if req.incident_id in ids and req.state.value in ("requested", "accepted"):
            by.setdefault(req.to_agency, AgencyResources(req.to_agency)).requested += req.count
    return sorted(by.values(), key=lambda r: r.agency)


def majors(incidents: Iterable[Incident]) -> list[Incident]:
    return [i for i in incidents if i.board is not None]
