"""``decide``: the one place where a command becomes events.

Pure: reads the state, never mutates it. The server runs it authoritatively; a workstation runs the
same function on its local state to show an offline change at once, as pending.
"""

from __future__ import annotations

import datetime as dt
import math
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

import msgspec

from app.domain import (
    accountability,
    command_board,
    intake,
    library_admin,
    merge,
    moveup,
    notes,
    reference_admin,
    round_rules,
)
from app.domain import commands as c
from app.domain import events as ev
from app.domain.alert_rules import decide_import_alert
from app.domain.devices import COMMANDS as DEVICE_COMMANDS
from app.domain.library import Category, Library
from app.domain.model import (
    BUSY_UNIT_STATUSES,
    ExtensionRequest,
    Incident,
    LinkageRequest,
    LinkageState,
    LinkKind,
    Location,
    Role,
    Stage,
    StageClock,
    Status,
    UnitStatus,
    User,
)
from app.domain.rules import Rules
from app.domain.scoring import EvaluationWeightsSet, SetEvaluationWeights, check_weights
from app.domain.state import CityState
from app.domain.workflow import STAGE_DONE, STAGE_START, TransitionRefused, check_transition


@dataclass
class Context:
    """Who decides, when, and with which rules. Built by the command runner
    (:mod:`app.domain.runner`) from the state's reference data: nowhere else."""

    actor: User
    now: float
    rules: Rules
    new_id: Callable[[], str] = field(default=lambda: str(uuid.uuid4()))
    expected_version: int | None = None
    year: int | None = None  # year for incident numbers; default: from ``now``

    @property
    def library(self) -> Library:
        return self.rules.library


Body = ev.EventBody
DEVICE_COMMAND_TYPES = frozenset(DEVICE_COMMANDS.values())
MAX_BACKDATE_S = 7 * 86400


def _incident(state: CityState, incident_id: str) -> Incident:
    inc = state.incidents.get(incident_id)
    if inc is None:
        raise c.CommandError("unknown_id", f"no incident with id {incident_id!r}")
    return inc


def _limits(category: Category | None, stage: str) -> tuple[float, bool]:
    if category is None:
        return 60.0, False
    return float(getattr(category.limits, stage)), category.working_hours


def _start_clock(cat: Category | None, stage: str, t: float, ctx: Context) -> StageClock:
    minutes, wh = _limits(cat, stage)
    return StageClock(started=t, due=ctx.rules.due(t, minutes, wh))


def _category(ctx: Context, code: str) -> Category | None:
    return ctx.library.by_code.get(code)


def _transition_events(
    state: CityState, inc: Incident, action: str, reason: str, ctx: Context
) -> list[Body]:
    try:
        act = check_transition(inc, action, reason)
    except TransitionRefused as exc:
        raise c.CommandError(exc.code, exc.message, {"status": inc.status}) from None
    t = ctx.now
    cat = ctx.rules.category_for(inc)
    clocks = dict(inc.clocks)
    for stage in STAGE_DONE.get(action, ()):
        clk = clocks.get(stage)
        if clk is not None and clk.done is None:
            clocks[stage] = msgspec.structs.replace(clk, done=t)
    for stage in STAGE_START.get(action, ()):
        clocks[stage] = _start_clock(cat, stage, t, ctx)
    if action == "fail_verification" or action == "reopen":
        clocks.pop(Stage.VERIFY.value, None)
    out: list[Body] = [
        ev.IncidentTransitioned(
            incident_id=inc.id,
            action=action,
            from_status=inc.status,
            to_status=act.target,
            reason=reason,
            clocks=clocks,
            rework_count=inc.rework_count + (1 if act.rework else 0),
        )
    ]
    if act.target in (Status.CLOSED, Status.CANCELLED, Status.REJECTED):
        for unit_id in inc.assigned_units:
            out.append(ev.UnitReleased(incident_id=inc.id, unit_id=unit_id))
        out += merge.follow_master(state, inc, action, act.target)
    return out


def decide(state: CityState, body: msgspec.Struct, ctx: Context) -> list[Body]:
    """Events that record ``body``'s outcome; raises CommandError when it is refused."""
    t = ctx.now
    merge.check_not_merged(state, body)
    if isinstance(body, c.CreateIncident):
        cat = _category(ctx, body.category)
        if cat is None:
            raise c.CommandError("unknown_id", f"unknown category code {body.category!r}")
        _check_position(body.lat, body.lon)
        priority = body.priority or cat.default_priority
        if not 1 <= priority <= 4:
            raise c.CommandError("invalid_payload", f"priority must be 1-4, not {priority}")
        for name in cat.required_fields:
            if not str(getattr(body, name, "")).strip():
                raise c.CommandError(
                    "missing_field", f"{cat.name_en} needs the field '{name}'", {"field": name}
                )
        if body.reported_at:
            if body.reported_at > t + 60:
                raise c.CommandError("invalid_payload", "reported_at lies in the future")
            if body.reported_at < t - MAX_BACKDATE_S:
                raise c.CommandError("invalid_payload", "reported_at is more than 7 days old")
            t = min(t, body.reported_at)
        incident_id = body.incident_id or ctx.new_id()
        if incident_id in state.incidents:
            raise c.CommandError("duplicate_id", f"incident {incident_id} already exists")
        # The one locator decides where a point lies; what the client sent is kept only where
        # the city's grid does not reach (a point outside it, or no grid loaded).
        found_cell, found_hood = ctx.rules.locate(body.lat, body.lon)
        cell, hood = found_cell or body.grid_cell, found_hood or body.neighbourhood
        year = ctx.year or dt.datetime.fromtimestamp(t, dt.UTC).year
        inc = Incident(
            id=incident_id,
            number=state.next_number(year),
            kind=cat.kind,
            category=cat.code,
            priority=priority,
            status=Status.REPORTED,
            location=Location(
                lat=body.lat, lon=body.lon, address=body.address, grid_cell=cell, neighbourhood=hood
            ),
            source=body.source,
            description=body.description,
            reporter_contact=body.reporter_contact,
            department=body.department or cat.department,
            timestamps={Status.REPORTED.value: t},
            clocks={Stage.REGISTER.value: _start_clock(cat, Stage.REGISTER.value, t, ctx)},
            exercise=body.exercise,
            created_at=t,
            updated_at=t,
            library_version=ctx.rules.library_version,
        )
        out: list[Body] = [ev.IncidentCreated(incident=inc)]
        if body.register:
            out += _transition_events(state, inc, "register", "", ctx)
        return out

    if isinstance(body, c.Transition):
        inc = _incident(state, body.incident_id)
        return _transition_events(state, inc, body.action, body.reason, ctx)

    if isinstance(body, c.AssignUnits):
        inc = _incident(state, body.incident_id)
        if not body.unit_ids:
            raise c.CommandError("invalid_payload", "name at least one unit to dispatch")
        twice = sorted({u for u in body.unit_ids if body.unit_ids.count(u) > 1})
        if twice:
            raise c.CommandError(
                "invalid_payload", f"each unit once, please: {', '.join(twice)} named twice"
            )
        if not inc.is_open():
            raise c.CommandError(
                "invalid_transition",
                f"{inc.number} is {inc.status.value}; units cannot be dispatched to it",
            )
        out = []
        for unit_id in body.unit_ids:
            u = state.units.get(unit_id)
            if u is None:
                raise c.CommandError("unknown_id", f"no unit {unit_id!r}")
            if u.incident_id == inc.id:
                continue
            if u.status == UnitStatus.OUT_OF_SERVICE:
                raise c.CommandError("unavailable", f"{unit_id} is out of service")
            if u.incident_id or u.status in BUSY_UNIT_STATUSES:
                holder = state.incidents.get(u.incident_id)
                where = holder.number if holder else (u.incident_id or "another incident")
                who = f" by {u.assigned_by}" if u.assigned_by else ""
                raise c.CommandError(
                    "conflict",
                    f"{unit_id} is already assigned to {where}{who}",
                    {"unit": unit_id, "incident": u.incident_id, "holder": u.assigned_by},
                )
            out.append(ev.UnitAssigned(incident_id=inc.id, unit_id=unit_id))
        if not out:
            raise c.CommandError("no_change", "those units are already on this incident")
        # Dispatching units registers and dispatches a pending case in the same step.
        cur = inc
        if cur.status == Status.REPORTED:
            evs = _transition_events(state, cur, "register", "", ctx)
            out += evs
            cur = _after(cur, evs[0])
        if cur.status == Status.REGISTERED:
            out += _transition_events(state, cur, "dispatch", "units dispatched", ctx)
        return out

    if isinstance(body, c.ReleaseUnit):
        inc = _incident(state, body.incident_id)
        if body.unit_id not in inc.assigned_units:
            raise c.CommandError("not_assigned", f"{body.unit_id} is not on {inc.number}")
        return [ev.UnitReleased(incident_id=inc.id, unit_id=body.unit_id)]

    if isinstance(body, c.SetUnitStatus):
        u = state.units.get(body.unit_id)
        if u is None:
            raise c.CommandError("unknown_id", f"no unit {body.unit_id!r}")
        if body.status == u.status:
            raise c.CommandError("no_change", f"{u.id} is already {u.status.value}")
        if body.status in (UnitStatus.EN_ROUTE, UnitStatus.ON_SCENE) and not u.incident_id:
            raise c.CommandError(
                "invalid_transition",
                f"{u.id} is not assigned to an incident; dispatch it before "
                f"setting it {body.status.value.replace('_', ' ')}",
            )
        out = []
        inc_id = u.incident_id
        if body.status in (UnitStatus.AVAILABLE, UnitStatus.OUT_OF_SERVICE) and inc_id:
            out.append(ev.UnitReleased(incident_id=inc_id, unit_id=u.id))
            inc_id = ""
        out.append(ev.UnitStatusChanged(unit_id=u.id, status=body.status, incident_id=inc_id))
        inc2 = state.incidents.get(u.incident_id)
        if (
            body.status == UnitStatus.ON_SCENE
            and inc2 is not None
            and inc2.status == Status.DISPATCHED
        ):
            out += _transition_events(state, inc2, "start", f"{u.id} on scene", ctx)
        return out

    if isinstance(body, c.MoveUnit):
        if body.unit_id not in state.units:
            raise c.CommandError("unknown_id", f"no unit {body.unit_id!r}")
        _check_position(body.lat, body.lon)
        if not (math.isfinite(body.heading) and 0.0 <= body.heading < 360.0):
            raise c.CommandError(
                "invalid_payload",
                f"heading must be 0 to 360 degrees (exclusive), not {body.heading}",
            )
        return [
            ev.UnitMoved(
                unit_id=body.unit_id, lat=body.lat, lon=body.lon, heading=body.heading, at=t
            )
        ]

    if isinstance(body, c.AddNote):
        return notes.decide_add_note(state, body, ctx.actor, t, ctx.new_id)

    if isinstance(body, c.StrikeNote):
        return notes.decide_strike(state, body)

    if isinstance(body, c.UpdateIncident):
        inc = _incident(state, body.incident_id)
        ch = body.changes
        if ch.priority is not msgspec.UNSET and not 1 <= ch.priority <= 4:
            raise c.CommandError("invalid_payload", f"priority must be 1-4, not {ch.priority}")
        if ch.category is not msgspec.UNSET and ch.category not in ctx.library.by_code:
            raise c.CommandError("unknown_id", f"unknown category code {ch.category!r}")
        if ch.department is not msgspec.UNSET and ch.department not in state.agencies:
            raise c.CommandError("unknown_id", f"no agency {ch.department!r}")
        if ch.location is not msgspec.UNSET:
            loc = ch.location
            _check_position(loc.lat, loc.lon)
            cell, hood = ctx.rules.locate(loc.lat, loc.lon)
            loc = msgspec.structs.replace(
                loc, grid_cell=cell or loc.grid_cell, neighbourhood=hood or loc.neighbourhood
            )
            ch = msgspec.structs.replace(ch, location=loc)
        real = _real_changes(inc, ch)
        if real is None:
            raise c.CommandError("no_change", f"{inc.number} already has those values")
        return [ev.IncidentUpdated(incident_id=inc.id, changes=real)]

    if isinstance(body, c.RequestLinkage):
        inc = _incident(state, body.incident_id)
        if body.to_agency not in state.agencies:
            raise c.CommandError("unknown_id", f"no agency {body.to_agency!r}")
        if body.count < 1:
            raise c.CommandError("invalid_payload", "ask for at least one unit")
        if not inc.is_open():
            raise c.CommandError("invalid_transition", f"{inc.number} is {inc.status.value}")
        req = LinkageRequest(
            id=body.request_id or ctx.new_id(),
            incident_id=inc.id,
            # A liaison asks on behalf of its own agency; the centre for the incident's owner.
            from_agency=body.from_agency
            or (ctx.actor.agency if ctx.actor.role == Role.LIAISON else "")
            or inc.department,
            to_agency=body.to_agency,
            capability=body.capability,
            count=body.count,
            created_at=t,
            updated_at=t,
            requested_by=ctx.actor.username,
        )
        if req.id in state.linkages:
            raise c.CommandError("duplicate_id", f"linkage request {req.id} already exists")
        return [ev.LinkageRequested(request=req)]

    if isinstance(body, c.AnswerLinkage):
        found = state.linkages.get(body.request_id)
        if found is None:
            raise c.CommandError("unknown_id", f"no linkage request {body.request_id!r}")
        req = found
        allowed = {
            "accept": ({LinkageState.REQUESTED}, LinkageState.ACCEPTED),
            "decline": ({LinkageState.REQUESTED}, LinkageState.DECLINED),
            "fulfil": ({LinkageState.ACCEPTED}, LinkageState.FULFILLED),
            "cancel": ({LinkageState.REQUESTED, LinkageState.ACCEPTED}, LinkageState.CANCELLED),
        }
        if body.action not in allowed:
            raise c.CommandError(
                "invalid_payload", f"linkage action must be one of {', '.join(allowed)}"
            )
        sources, target = allowed[body.action]
        if req.state not in sources:
            raise c.CommandError(
                "invalid_transition",
                f"cannot {body.action} a linkage request that is {req.state.value}",
            )
        if body.action == "decline" and not body.reason.strip():
            raise c.CommandError("text_required", "declining a linkage request needs a reason")
        return [ev.LinkageAnswered(request_id=req.id, state=target, reason=body.reason)]

    if isinstance(body, c.LinkIncidents) and body.kind == LinkKind.DUPLICATE_OF:
        # A duplicate is merged now (two-way, app.domain.merge), never a one-way link.
        one = c.MergeReports(master_id=body.other_id, report_ids=[body.incident_id])
        return merge.decide_merge(state, one, ctx.actor, t, ctx.rules)
    if isinstance(body, c.LinkIncidents):
        inc = _incident(state, body.incident_id)
        other = _incident(state, body.other_id)
        if inc.id == other.id:
            raise c.CommandError("invalid_payload", "an incident cannot be linked to itself")
        if any(lk.other_id == other.id for lk in inc.links):
            raise c.CommandError("no_change", f"{inc.number} is already linked to {other.number}")
        return [ev.IncidentsLinked(incident_id=inc.id, other_id=other.id, kind=body.kind)]

    if isinstance(body, c.MergeIncidents):  # the older form: one report, the same rule
        one = c.MergeReports(
            master_id=body.master_id, report_ids=[body.duplicate_id], reason=body.reason
        )
        return merge.decide_merge(state, one, ctx.actor, t, ctx.rules)
    if isinstance(body, c.MergeReports):
        return merge.decide_merge(state, body, ctx.actor, t, ctx.rules)
    if isinstance(body, c.UnmergeReport):
        return merge.decide_unmerge(state, body, t, ctx.rules)

    if isinstance(body, c.SetCameraStatus):
        if body.camera_id not in state.cameras:
            raise c.CommandError("unknown_id", f"no camera {body.camera_id!r}")
        if body.status not in ("online", "offline", "maintenance"):
            raise c.CommandError("invalid_payload", "camera status: online, offline or maintenance")
        return [ev.CameraStatusChanged(camera_id=body.camera_id, status=body.status)]

    if type(body) in DEVICE_COMMAND_TYPES:
        return intake.decide_intake(state, body, ctx, decide)
    if isinstance(body, c.RelocateUnit):
        return moveup.decide_relocate(state, body)
    if isinstance(body, c.SetCategory):
        return library_admin.decide_set_category(state, body, ctx.rules)
    if type(body) in reference_admin.ADMIN_COMMANDS:
        return reference_admin.decide_reference(state, body, t, ctx.rules)
    if isinstance(body, c.DeclareMajor):
        return command_board.decide_declare(state, body)
    if isinstance(body, c.UpdateBoard):
        return command_board.decide_update(state, body)
    if isinstance(body, c.ReturnCase):
        return accountability.decide_return(state, body, ctx.actor, t, ctx.rules, ctx.new_id())
    if isinstance(body, c.ArbitrateCase):
        return accountability.decide_arbitration(state, body, t, ctx.rules)
    if isinstance(body, c.AcknowledgeEscalation):
        return accountability.decide_acknowledge(state, body, ctx.actor)

    if isinstance(body, (c.SuspendDeadline, c.ResumeDeadline, c.RequestExtension)):
        return _deadline_events(state, body, ctx)
    if isinstance(body, c.DecideExtension):
        return _deadline_events(state, body, ctx)
    if isinstance(body, (c.ImportAlert, c.IssueAlert)):
        return list(decide_import_alert(state, body, t))

    if type(body) in round_rules.COMMAND_TYPES:
        return round_rules.decide_round_command(state, body, ctx.actor, t, ctx.rules)

    if isinstance(body, SetEvaluationWeights):
        try:
            return [EvaluationWeightsSet(weights=check_weights(body.weights))]
        except ValueError as exc:
            raise c.CommandError("invalid_payload", str(exc)) from None

    raise c.CommandError("unknown_type", f"no rule for {type(body).__name__}")


def _check_position(lat: float, lon: float) -> None:
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
        raise c.CommandError(
            "invalid_payload",
            f"position {lat},{lon} is not valid (latitude -90..90, longitude -180..180)",
        )


def _real_changes(inc: Incident, ch: ev.IncidentChanges) -> ev.IncidentChanges | None:
    """Only the fields that differ from the incident; None when nothing would change."""
    kept: dict[str, object] = {}
    for name in ch.__struct_fields__:
        value = getattr(ch, name)
        if value is not msgspec.UNSET and value != getattr(inc, name):
            kept[name] = value
    return ev.IncidentChanges(**kept) if kept else None  # type: ignore[arg-type]


def _after(inc: Incident, body: Body) -> Incident:
    assert isinstance(body, ev.IncidentTransitioned)
    return msgspec.structs.replace(inc, status=body.to_status, clocks=body.clocks)


def _open_clock(inc: Incident) -> tuple[str, StageClock]:
    stage = inc.current_stage()
    clk = inc.clocks.get(stage) if stage else None
    if stage is None or clk is None:
        raise c.CommandError(
            "invalid_transition", f"{inc.number} is {inc.status.value}: no deadline is running"
        )
    return stage, clk


def _deadline_events(state: CityState, body: msgspec.Struct, ctx: Context) -> list[Body]:
    inc = _incident(state, getattr(body, "incident_id", ""))
    stage, clk = _open_clock(inc)
    t = ctx.now
    _, wh = _limits(ctx.rules.category_for(inc), stage)
    pending = inc.pending_extension
    granted = inc.extension_count

    if isinstance(body, c.SuspendDeadline):
        if clk.suspended_at is not None:
            raise c.CommandError("no_change", f"the {stage} deadline is already suspended")
        if not body.reason.strip():
            raise c.CommandError("text_required", "suspending a deadline needs a reason")
        change, clk, reason = "suspended", msgspec.structs.replace(clk, suspended_at=t), body.reason
    elif isinstance(body, c.ResumeDeadline):
        if clk.suspended_at is None or clk.due is None:
            raise c.CommandError("no_change", f"the {stage} deadline is not suspended")
        # The clock did not run while suspended: push the due time by the suspended span.
        due = ctx.rules.resume(clk.due, clk.suspended_at, t, wh)
        clk = msgspec.structs.replace(clk, suspended_at=None, due=due, overdue=False)
        change, reason = "resumed", body.reason
    elif isinstance(body, c.RequestExtension):
        if body.minutes <= 0:
            raise c.CommandError(
                "invalid_payload", "an extension must be a positive number of minutes"
            )
        if pending is not None:
            raise c.CommandError(
                "no_change", "an extension request is already waiting for approval"
            )
        # Missing words are checked last: a view asking "may I?" before the operator typed them
        # gets every other reason first (see widgets/detail/access.py).
        if not body.reason.strip():
            raise c.CommandError("text_required", "an extension request needs a reason")
        pending = ExtensionRequest(
            stage=stage,
            minutes=body.minutes,
            reason=body.reason,
            requested_by=ctx.actor.username,
            requested_at=t,
        )
        change, reason = "extension_requested", f"{body.minutes} min: {body.reason}"
    else:
        assert isinstance(body, c.DecideExtension)
        if pending is None:
            raise c.CommandError("no_change", f"{inc.number} has no extension request to decide")
        if body.approve:
            due = ctx.rules.due(clk.due if clk.due is not None else t, pending.minutes, wh)
            clk = msgspec.structs.replace(
                clk,
                due=due,
                extended_minutes=clk.extended_minutes + pending.minutes,
                overdue=False,
            )
            change, reason, granted = "extended", body.reason or pending.reason, granted + 1
        else:
            change, reason = "extension_refused", body.reason
        pending = None
    return [
        ev.DeadlineChanged(
            incident_id=inc.id,
            stage=stage,
            change=change,
            clock=clk,
            reason=reason,
            pending_extension=pending,
            extension_count=granted,
        )
    ]
