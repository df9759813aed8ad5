"""Who may do what. The server enforces it; consoles use it to grey out what a role cannot do."""

from __future__ import annotations

import msgspec

from app.domain import commands as c
from app.domain import notes, rounds
from app.domain.devices import MACHINE_COMMANDS, REFERENCE_COMMANDS
from app.domain.model import Incident, Role, User
from app.domain.reference_commands import ADMIN_COMMANDS
from app.domain.scoring import SetEvaluationWeights
from app.domain.state import CityState
from app.domain.workflow import ACTIONS

SUPERVISOR_ONLY: frozenset[type[msgspec.Struct]] = frozenset(
    {
        c.DecideExtension,
        c.SuspendDeadline,
        c.ResumeDeadline,
        c.IssueAlert,
        c.ArbitrateCase,
        c.DeclareMajor,
        SetEvaluationWeights,
    }
)
LIAISON_ACTIONS = frozenset({"start", "resolve"})  # a handling department's own feedback
INSPECTOR_ACTIONS = frozenset({"verify", "fail_verification"})  # the verify stage's answers


def shared_with(incident: Incident, agency: str) -> bool:
    """A liaison sees an incident its agency is responsible for or has been pulled into."""
    return bool(agency) and (incident.department == agency or agency in incident.linked_agencies)


class Forbidden(c.CommandError):
    def __init__(self, message: str) -> None:
        super().__init__("forbidden", message)


def authorize(user: User, body: msgspec.Struct, state: CityState) -> None:
    """Raise Forbidden when ``user``'s role may not run ``body``."""
    name = c.COMMAND_NAMES.get(type(body), type(body).__name__)
    role = user.role
    if isinstance(body, c.StrikeNote):
        notes.authorize_strike(user, body, state)  # the author or a supervisor
        return
    if type(body) in REFERENCE_COMMANDS:  # the device registry and camera zones
        if role in (Role.ADMIN, Role.SUPERVISOR):
            return
        raise Forbidden(f"{name.replace('_', ' ')} needs an administrator or a supervisor")
    if type(body) in MACHINE_COMMANDS and role != Role.SUPERVISOR:
        raise Forbidden(f"{name.replace('_', ' ')} comes from the server's own intake")
    if type(body) in ADMIN_COMMANDS:  # agencies, stations, units and cameras
        if role == Role.ADMIN:
            return
        raise Forbidden("agencies, stations, units and cameras are maintained by the administrator")
    if type(body) in rounds.COMMAND_TYPES:
        why = rounds.authorize(user, body)
        if why:
            raise Forbidden(why)
        return
    if isinstance(body, c.SetCategory) and role != Role.ADMIN:
        raise Forbidden("the standard library is maintained by the administrator")
    if role == Role.SUPERVISOR:
        return
    if role == Role.DISPATCHER:
        if type(body) in SUPERVISOR_ONLY:
            raise Forbidden(f"{name.replace('_', ' ')} needs a supervisor")
        if isinstance(body, c.Transition):
            act = ACTIONS.get(body.action)
            if act is not None and act.supervisor_only:
                raise Forbidden(f"{act.label.lower()} needs a supervisor")
        return
    if role == Role.CALL_TAKER:
        if isinstance(body, (c.CreateIncident, c.AddNote, c.AcknowledgeEscalation)):
            return
        raise Forbidden(f"a call-taker may create incidents and add notes, not {name}")
    if role == Role.LIAISON:
        _authorize_liaison(user, body, state, name)
        return
    if role == Role.INSPECTOR:
        _authorize_inspector(user, body, state, name)
        return
    if role == Role.AUDITOR:
        raise Forbidden("auditors have read-only access")
    if role == Role.OBSERVER and isinstance(body, c.AcknowledgeEscalation):
        return  # decide() checks that the notice is addressed to them
    if role == Role.OBSERVER:
        raise Forbidden("observers and trainees have read-only access")
    if role == Role.ADMIN:
        if isinstance(body, c.SetCategory | SetEvaluationWeights):
            return  # the library and the score's weights are the administrator's (and supervisors')
        raise Forbidden("the admin account manages accounts and the library, not incidents")
    raise Forbidden(f"role {role} may not {name}")


def _authorize_liaison(user: User, body: msgspec.Struct, state: CityState, name: str) -> None:
    agency = user.agency
    if isinstance(body, c.AnswerLinkage):
        req = state.linkages.get(body.request_id)
        if req is None:
            return  # decide() reports the unknown id
        if body.action in ("accept", "decline", "fulfil") and req.to_agency == agency:
            return
        if body.action == "cancel" and req.from_agency == agency:
            return
        raise Forbidden(f"only {req.to_agency} may answer this linkage request")
    if isinstance(body, (c.SetUnitStatus, c.MoveUnit, c.RelocateUnit)):
        unit = state.units.get(body.unit_id)
        if unit is None or unit.agency == agency:
            return
        raise Forbidden(f"{unit.id} belongs to {unit.agency}; a {agency} liaison updates own units")
    if isinstance(body, c.RequestLinkage) and body.from_agency not in ("", agency):
        raise Forbidden(f"a {agency} liaison files linkage requests from {agency} only")
    incident_id = getattr(body, "incident_id", None)
    if isinstance(body, c.ReturnCase):
        inc = state.incidents.get(body.incident_id)
        if inc is None or inc.department == agency:
            return
        raise Forbidden(f"only {inc.department} may return this case")
    if isinstance(body, c.AcknowledgeEscalation):
        return  # decide() checks that the notice is addressed to them
    if isinstance(body, (c.AddNote, c.RequestLinkage, c.RequestExtension)) or (
        isinstance(body, c.Transition) and body.action in LIAISON_ACTIONS
    ):
        inc = state.incidents.get(incident_id or "")
        if inc is None or shared_with(inc, agency):
            return
        raise Forbidden(f"this incident is not shared with {agency}")
    raise Forbidden(f"a department liaison may not {name.replace('_', ' ')}")


def inspector_cells(user: User) -> frozenset[str]:
    """The grid cells an inspector patrols: the account's ``agency`` field, comma-separated
    (docs/PROTOCOL.md, "Field inspectors")."""
    if user.role != Role.INSPECTOR:
        return frozenset()
    return frozenset(c.strip() for c in user.agency.split(",") if c.strip())


def _authorize_inspector(user: User, body: msgspec.Struct, state: CityState, name: str) -> None:
    if isinstance(body, c.CreateIncident):
        if body.source != "inspector":
            raise Forbidden("an inspector reports cases with source inspector")
        return
    if isinstance(body, c.Transition) and body.action in INSPECTOR_ACTIONS:
        inc = state.incidents.get(body.incident_id)
        if inc is None:
            return  # decide() reports the unknown id
        if inc.location.grid_cell and inc.location.grid_cell in inspector_cells(user):
            return
        raise Forbidden("this case is not in your grid cells")
    raise Forbidden(f"an inspector may report cases and verify them, not {name.replace('_', ' ')}")
