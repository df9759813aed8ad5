"""Accountability between departments: returned cases and their arbitration, and escalation
notices that reach the people the library names.

A department that was dispatched a case it holds is not its own returns it ("not ours", "wrong
place", "needs another department") with a reason; the case waits for a supervisor's arbitration,
which has its own deadline. Arbitration gives the case to a department: another one upholds the
return (the centre dispatched wrongly; the case goes back to dispatch for the new department), the
same one rejects it (the department must handle it). Both outcomes are counted per department
(:func:`dispute_counts`).

Escalation: when the deadline engine raises a stage clock to a level (1 warning, 2 overdue,
3 escalated) it records who is told, from the category's ``escalation`` policy or the default one
below; a recipient acknowledges, and the acknowledgement is recorded.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

import msgspec

from app.domain import commands as c
from app.domain import events as ev
from app.domain.model import (
    Dispute,
    EscalationNotice,
    Incident,
    Role,
    Stage,
    StageClock,
    Status,
    User,
)
from app.domain.rules import Rules
from app.domain.state import CityState

log = logging.getLogger(__name__)

RETURN_KINDS: dict[str, str] = {
    "not_ours": "not ours",
    "wrong_place": "wrong place",
    "needs_other": "needs another department",
}
ARBITRATION_MINUTES = 60
"""Arbitration deadline, in the category's clock (working minutes where it counts working hours)."""

DEFAULT_ESCALATION: dict[str, list[str]] = {
    "1": ["role:supervisor"],
    "2": ["role:supervisor", "department"],
    "3": ["role:supervisor", "department", "head"],
}
"""Who is told at each level when a category names nobody: the centre's supervisors; from
overdue on also the responsible department (its liaisons); escalated, also the department's head
(the agency's ``head`` account, else its liaisons)."""

LEVEL_NAMES = {1: "warning", 2: "overdue", 3: "escalated"}


def _incident(state: CityState, incident_id: str) -> Incident:
    inc = state.incidents.get(incident_id)
    if inc is None:
        raise c.CommandError("unknown_id", f"no incident with id {incident_id!r}")
    return inc


# --- returns and arbitration ------------------------------------------------------------------------
def decide_return(
    state: CityState, cmd: c.ReturnCase, actor: User, now: float, rules: Rules, new_id: str = ""
) -> list[ev.EventBody]:
    inc = _incident(state, cmd.incident_id)
    if cmd.kind not in RETURN_KINDS:
        raise c.CommandError(
            "invalid_payload", f"a return is one of: {', '.join(RETURN_KINDS)}", {"kind": cmd.kind}
        )
    if inc.status not in (Status.DISPATCHED, Status.IN_PROGRESS):
        raise c.CommandError(
            "invalid_transition",
            f"{inc.number} is {inc.status.value}: only a dispatched case can be returned",
        )
    if inc.open_dispute() is not None:
        raise c.CommandError("no_change", f"{inc.number} is already waiting for arbitration")
    if cmd.suggested_department and cmd.suggested_department not in state.agencies:
        raise c.CommandError("unknown_id", f"no agency {cmd.suggested_department!r}")
    if cmd.suggested_department == inc.department:
        raise c.CommandError(
            "invalid_payload", f"{inc.department} is the department the case is with already"
        )
    if not cmd.reason.strip():
        raise c.CommandError("text_required", "returning a case needs a reason")
    cat = rules.category_for(inc)
    wh = cat.working_hours if cat is not None else False
    dispute = Dispute(
        id=cmd.dispute_id or new_id or str(uuid.uuid4()),
        from_agency=inc.department,
        kind=cmd.kind,
        reason=cmd.reason,
        suggested=cmd.suggested_department,
        returned_by=actor.username,
        returned_at=now,
        due=rules.due(now, ARBITRATION_MINUTES, wh),
    )
    return [ev.CaseReturned(incident_id=inc.id, dispute=dispute)]


def decide_arbitration(
    state: CityState, cmd: c.ArbitrateCase, now: float, rules: Rules
) -> list[ev.EventBody]:
    inc = _incident(state, cmd.incident_id)
    dispute = inc.open_dispute()
    if dispute is None:
        raise c.CommandError("no_change", f"{inc.number} has no return waiting for arbitration")
    if cmd.department not in state.agencies:
        raise c.CommandError("unknown_id", f"no agency {cmd.department!r}")
    if not cmd.reason.strip():
        raise c.CommandError("text_required", "an arbitration needs a reason")
    upheld = cmd.department != inc.department
    out: list[ev.EventBody] = [
        ev.CaseArbitrated(
            incident_id=inc.id,
            dispute_id=dispute.id,
            state="upheld" if upheld else "rejected",
            department=cmd.department,
            reason=cmd.reason,
        )
    ]
    if not upheld:
        return out
    # The case goes back to dispatch, for the department arbitration named: the old
    # department's units come off it and the dispatch clock starts again.
    for unit_id in inc.assigned_units:
        unit = state.units.get(unit_id)
        if unit is None or unit.agency != cmd.department:
            out.append(ev.UnitReleased(incident_id=inc.id, unit_id=unit_id))
    cat = rules.category_for(inc)
    minutes = float(cat.limits.dispatch) if cat is not None else 60.0
    wh = cat.working_hours if cat is not None else False
    clocks = {k: v for k, v in inc.clocks.items() if k != Stage.HANDLE.value}
    clocks[Stage.DISPATCH.value] = StageClock(started=now, due=rules.due(now, minutes, wh))
    out.append(
        ev.IncidentTransitioned(
            incident_id=inc.id,
            action="redirect",
            from_status=inc.status,
            to_status=Status.REGISTERED,
            reason=f"arbitration: to {cmd.department}",
            clocks=clocks,
            rework_count=inc.rework_count,
        )
    )
    return out


@dataclass
class DisputeCounts:
    """Returns a department made, and how arbitration judged them."""

    returns: int = 0
    upheld: int = 0  # the department was right: a wrong dispatch by the centre
    rejected: int = 0  # unfounded: counts against the department
    open: int = 0


def dispute_counts(incidents: Iterable[Incident]) -> tuple[dict[str, DisputeCounts], int]:
    """Per returning department, and the centre's wrong dispatches (upheld returns)."""
    out: dict[str, DisputeCounts] = {}
    wrong = 0
    for inc in incidents:
        if inc.exercise:
            continue
        for d in inc.disputes:
            n = out.setdefault(d.from_agency, DisputeCounts())
            n.returns += 1
            if d.state == "upheld":
                n.upheld += 1
                wrong += 1
            elif d.state == "rejected":
                n.rejected += 1
            else:
                n.open += 1
    return out, wrong


# --- escalation notices ------------------------------------------------------------------------------
def recipients(inc: Incident, level: int, state: CityState, rules: Rules) -> list[str]:
    """Who is told at ``level``: the category's policy, else :data:`DEFAULT_ESCALATION`."""
    cat = rules.category_for(inc)
    policy = (cat.escalation if cat is not None and cat.escalation else DEFAULT_ESCALATION).get(
        str(level), []
    )
    out: list[str] = []
    for who in policy:
        if who == "department":
            token = f"agency:{inc.department}" if inc.department else ""
        elif who == "head":
            agency = state.agencies.get(inc.department)
            token = (
                f"user:{agency.head}"
                if agency is not None and agency.head
                else (f"agency:{inc.department}" if inc.department else "")
            )
        else:
            token = who
        if token and token not in out:
            out.append(token)
    return out


def is_recipient(user: User | None, notice: EscalationNotice) -> bool:
    if user is None:
        return False
    for token in notice.recipients:
        kind, _, value = token.partition(":")
        if kind == "role" and user.role.value == value:
            return True
        if kind == "user" and user.username == value:
            return True
        if kind == "agency" and user.role == Role.LIAISON and user.agency == value:
            return True
    return False


def notices_due(
    inc: Incident, stage: str, level: int, now: float, state: CityState, rules: Rules
) -> list[ev.EventBody]:
    """An EscalationNoticed when ``stage`` reached ``level`` (>= 1) and nobody was told yet."""
    if level < 1 or any(n.stage == stage and n.level == level for n in inc.escalations):
        return []
    notice = EscalationNotice(
        stage=stage, level=level, recipients=recipients(inc, level, state, rules), at=now
    )
    return [ev.EscalationNoticed(incident_id=inc.id, notice=notice)]


def decide_acknowledge(
    state: CityState, cmd: c.AcknowledgeEscalation, actor: User
) -> list[ev.EventBody]:
    inc = _incident(state, cmd.incident_id)
    notice = next(
        (n for n in inc.escalations if n.stage == cmd.stage and n.level == cmd.level), None
    )
    if notice is None:
        raise c.CommandError(
            "unknown_id", f"{inc.number} has no level {cmd.level} notice on {cmd.stage}"
        )
    if notice.acknowledged_by:
        raise c.CommandError("no_change", f"already acknowledged by {notice.acknowledged_by}")
    if not is_recipient(actor, notice):
        raise c.CommandError(
            "forbidden", f"this notice is for {', '.join(notice.recipients) or 'nobody'}"
        )
    return [ev.EscalationAcknowledged(incident_id=inc.id, stage=cmd.stage, level=cmd.level)]


def pending_notices(inc: Incident, user: User | None) -> list[EscalationNotice]:
    """Unacknowledged notices on ``inc`` addressed to ``user``."""
    return [n for n in inc.escalations if not n.acknowledged_by and is_recipient(user, n)]


def with_dispute(inc: Incident, dispute_id: str, **changes: object) -> list[Dispute]:
    return [
        msgspec.structs.replace(d, **changes) if d.id == dispute_id else d for d in inc.disputes
    ]
