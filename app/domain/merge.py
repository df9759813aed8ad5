"""Merged reports: several reports of one problem, from any channel, handled as one master case.

A merged report keeps the status it had and stops being a case of its own: ``merged_into`` names
its master, the master lists it (``Incident.merged``: number, channel, report time), its running
stage clock is stopped and no case action applies to it until it is unmerged. When the master
reaches a final status (closed, cancelled, rejected) its open reports follow it in the same
command, each with a stage note "closed with master N". An unmerge (with a reason) gives the report
back as an independent case in the stage it had, its clock running again for the time it had left.

The older one-way ``duplicate_of`` link is read as the same relation (``apply_legacy_duplicate``):
old event streams and replays show the merge on both sides; new commands never write it.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import msgspec

from app.domain import commands as c
from app.domain import events as ev
from app.domain.model import (
    CURRENT_STAGE,
    FINAL_STATUSES,
    OPEN_STATUSES,
    Incident,
    MergedReport,
    StageClock,
    Status,
    User,
)
from app.domain.rules import Rules

if TYPE_CHECKING:  # the reducer calls in here: no import cycle at run time
    from app.domain.state import CityState

log = logging.getLogger(__name__)

# What cannot be done to a merged report: it is handled through its master.
REFUSED_WHILE_MERGED: tuple[type[msgspec.Struct], ...] = (
    c.Transition,
    c.AssignUnits,
    c.RequestLinkage,
    c.SuspendDeadline,
    c.ResumeDeadline,
    c.RequestExtension,
    c.DecideExtension,
    c.ReturnCase,
    c.ArbitrateCase,
    c.DeclareMajor,
)
FOLLOW_NOTE = {
    Status.CLOSED: "closed with master {number}",
    Status.CANCELLED: "cancelled with master {number}",
    Status.REJECTED: "rejected with master {number}",
}


def _incident(state: CityState, incident_id: str) -> Incident:
    inc = state.incidents.get(incident_id)
    if inc is None:
        raise c.CommandError("unknown_id", f"no incident with id {incident_id!r}")
    return inc


def check_not_merged(state: CityState, body: msgspec.Struct) -> None:
    """Refuse a case action on a merged report, naming the master to act on instead."""
    if not isinstance(body, REFUSED_WHILE_MERGED):
        return
    inc = state.incidents.get(getattr(body, "incident_id", ""))
    if inc is None or not inc.merged_into:
        return
    master = state.incidents.get(inc.merged_into)
    where = master.number if master is not None else inc.merged_into
    raise c.CommandError(
        "merged",
        f"{inc.number} is merged into {where}: act on {where}, or unmerge {inc.number} first",
        {"master_id": inc.merged_into},
    )


def decide_merge(
    state: CityState, body: c.MergeReports, actor: User, now: float, rules: Rules
) -> list[ev.EventBody]:
    """``report_merged`` for each report; refused whole when any report may not be merged."""
    master = _incident(state, body.master_id)
    if not body.report_ids:
        raise c.CommandError("invalid_payload", "name at least one report to merge")
    twice = sorted({r for r in body.report_ids if body.report_ids.count(r) > 1})
    if twice:
        raise c.CommandError("invalid_payload", f"each report once, please: {', '.join(twice)}")
    if master.id in body.report_ids:
        raise c.CommandError("invalid_payload", "a case cannot be merged into itself")
    if master.merged_into:
        top = state.incidents.get(master.merged_into)
        where = top.number if top is not None else master.merged_into
        raise c.CommandError(
            "merge_cycle",
            f"{master.number} is itself merged into {where}: merge into {where} instead",
            {"master_id": master.merged_into},
        )
    if not master.is_open():
        raise c.CommandError(
            "invalid_transition",
            f"{master.number} is {master.status.value}: reports merge into an open case only",
        )
    out: list[ev.EventBody] = []
    for report_id in body.report_ids:
        report = _incident(state, report_id)
        _check_report(state, report, master)
        clocks = _stopped(report, now)
        entry = MergedReport(
            incident_id=report.id,
            number=report.number,
            source=report.source,
            reported_at=report.created_at,
            merged_at=now,
            status=report.status,
            merged_by=actor.username,
            reason=body.reason,
        )
        out.append(
            ev.ReportMerged(incident_id=report.id, master_id=master.id, entry=entry, clocks=clocks)
        )
    return out


def _check_report(state: CityState, report: Incident, master: Incident) -> None:
    if report.merged_into == master.id:
        raise c.CommandError("no_change", f"{report.number} is already merged into {master.number}")
    if report.merged_into:
        other = state.incidents.get(report.merged_into)
        where = other.number if other is not None else report.merged_into
        raise c.CommandError(
            "already_merged",
            f"{report.number} is already merged into {where}; unmerge it first",
            {"master_id": report.merged_into},
        )
    if report.merged:
        raise c.CommandError(
            "merge_cycle",
            f"{report.number} is the master of {len(report.merged)} report(s): merge "
            f"{master.number} into {report.number}, or unmerge its reports first",
        )
    if not report.is_open():
        raise c.CommandError(
            "invalid_transition",
            f"{report.number} is {report.status.value}: only an open case can be merged",
        )
    if report.exercise != master.exercise:
        raise c.CommandError("invalid_payload", "an exercise case and a real case cannot be merged")
    if report.assigned_units:
        raise c.CommandError(
            "invalid_transition",
            f"{report.number} has units assigned ({', '.join(report.assigned_units)}): "
            f"release them first, or merge {master.number} into {report.number}",
        )
    if report.board is not None:
        raise c.CommandError(
            "invalid_transition", f"{report.number} is a major incident: it cannot be merged"
        )


def _stopped(report: Incident, now: float) -> dict[str, StageClock]:
    """The report's clocks with the running stage's stopped at ``now`` (as a suspension)."""
    clocks = dict(report.clocks)
    stage = CURRENT_STAGE.get(report.status)
    clk = clocks.get(stage) if stage else None
    if stage and clk is not None and clk.done is None and clk.suspended_at is None:
        clocks[stage] = msgspec.structs.replace(clk, suspended_at=now)
    return clocks


def decide_unmerge(
    state: CityState, body: c.UnmergeReport, now: float, rules: Rules
) -> list[ev.EventBody]:
    report = _incident(state, body.report_id)
    if not report.merged_into:
        raise c.CommandError("not_merged", f"{report.number} is not merged into another case")
    master = state.incidents.get(report.merged_into)
    entry = None
    if master is not None:
        entry = next((m for m in master.merged if m.incident_id == report.id), None)
    if not body.reason.strip():  # checked last: a view asks "may I?" before the reason is typed
        raise c.CommandError("text_required", "unmerging a report needs a reason")
    status = entry.status if entry is not None else report.status
    if status not in OPEN_STATUSES:
        status = Status.REGISTERED  # a legacy duplicate closed before merging existed
    merged_at = entry.merged_at if entry is not None else now
    return [
        ev.ReportUnmerged(
            incident_id=report.id,
            master_id=report.merged_into,
            status=status,
            clocks=_restarted(report, status, merged_at, now, rules),
            reason=body.reason.strip(),
        )
    ]


def _restarted(
    report: Incident, status: Status, merged_at: float, now: float, rules: Rules
) -> dict[str, StageClock]:
    """The clocks of a report given back in ``status``: its stopped clock runs again with the
    time it had left; a stage whose clock is gone or finished (a legacy duplicate) starts anew."""
    clocks = dict(report.clocks)
    stage = CURRENT_STAGE.get(status)
    if stage is None:
        return clocks
    cat = rules.category_for(report)
    wh = cat.working_hours if cat is not None else False
    clk = clocks.get(stage)
    if clk is None or clk.done is not None or clk.due is None:
        minutes = float(getattr(cat.limits, stage)) if cat is not None else 60.0
        clocks[stage] = StageClock(started=now, due=rules.due(now, minutes, wh))
    elif clk.suspended_at is not None and clk.suspended_at == merged_at:
        due = rules.resume(clk.due, clk.suspended_at, now, wh)
        clocks[stage] = msgspec.structs.replace(clk, suspended_at=None, due=due, overdue=False)
    return clocks


def follow_master(
    state: CityState, master: Incident, action: str, target: Status
) -> list[ev.EventBody]:
    """The master reached a final status: its open reports follow it (closed, cancelled or
    rejected with it), each with the stage note naming the master."""
    if target not in FINAL_STATUSES or not master.merged:
        return []
    note = FOLLOW_NOTE[target].format(number=master.number)
    out: list[ev.EventBody] = []
    for entry in master.merged:
        report = state.incidents.get(entry.incident_id)
        if report is None or report.status not in OPEN_STATUSES:
            continue
        out.append(
            ev.IncidentTransitioned(
                incident_id=report.id,
                action=action,
                from_status=report.status,
                to_status=target,
                reason=note,
                clocks=dict(report.clocks),  # stopped as merged: an unmerge restarts them
                rework_count=report.rework_count,
            )
        )
    return out


# --- the reducer's part (CityState._apply_body calls these) ------------------------------------
def apply_merged(state: CityState, b: ev.ReportMerged, t: float, actor: str) -> set[str]:
    """Apply ``report_merged``; either side may be absent (a liaison's view holds only the
    cases shared with its agency). Returns the incidents changed."""
    touched: set[str] = set()
    master_number = b.master_id[:8]
    if b.master_id in state.incidents:
        master = state._w_incident(b.master_id)
        master_number = master.number
        kept = [m for m in master.merged if m.incident_id != b.incident_id]
        master.merged = [*kept, b.entry]
        state._log(master, t, actor, f"report {b.entry.number} merged in", b.entry.reason, "system")
        state._touch(master, t)
        touched.add(master.id)
    if b.incident_id in state.incidents:
        report = state._w_incident(b.incident_id)
        report.merged_into = b.master_id
        report.clocks = dict(b.clocks)
        state._log(report, t, actor, f"merged into {master_number}", b.entry.reason, "system")
        state._touch(report, t)
        touched.add(report.id)
    return touched


def apply_unmerged(state: CityState, b: ev.ReportUnmerged, t: float, actor: str) -> set[str]:
    touched: set[str] = set()
    number = b.incident_id[:8]
    if b.incident_id in state.incidents:
        report = state._w_incident(b.incident_id)
        number = report.number
        master = state.incidents.get(b.master_id)
        report.merged_into = ""
        if report.status != b.status:
            report.timestamps = {**report.timestamps, b.status.value: t}
        report.status = b.status
        report.clocks = dict(b.clocks)
        where = master.number if master is not None else b.master_id[:8]
        state._log(report, t, actor, f"unmerged from {where}", b.reason, "system")
        state._touch(report, t)
        touched.add(report.id)
    if b.master_id in state.incidents:
        master = state._w_incident(b.master_id)
        master.merged = [m for m in master.merged if m.incident_id != b.incident_id]
        state._log(master, t, actor, f"report {number} unmerged", b.reason, "system")
        state._touch(master, t)
        touched.add(master.id)
    return touched


def apply_legacy_duplicate(state: CityState, b: ev.IncidentsLinked, t: float) -> set[str]:
    """An old stream's ``duplicate_of`` link read as a merge (the old command then rejected or
    cancelled the duplicate in the same batch: it stays so, merged into its master)."""
    dup = state._w_incident(b.incident_id)
    master = state._w_incident(b.other_id)
    dup.merged_into = master.id
    entry = MergedReport(
        incident_id=dup.id,
        number=dup.number,
        source=dup.source,
        reported_at=dup.created_at,
        merged_at=t,
        status=dup.status,
    )
    master.merged = [*[m for m in master.merged if m.incident_id != dup.id], entry]
    state._touch(dup, t)
    state._touch(master, t)
    return {dup.id, master.id}


def master_of(state: CityState, inc: Incident) -> Incident:
    """The case that speaks for ``inc``: its master when merged, else itself."""
    if inc.merged_into:
        master = state.incidents.get(inc.merged_into)
        if master is not None:
            return master
    return inc
