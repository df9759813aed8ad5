"""What one case contributes to the indicators, read from the reduced state.

The tracker keeps one :class:`CaseFacts` per incident; an event that touches the incident replaces
its facts, so every aggregate is updated by subtracting the old contribution and adding the new
one. Facts depend only on the incident (plus what the tracker remembers of its past: the first
dispatch and the department it was first dispatched to), never on the wall clock; what does depend
on "now" (overdue pending) is counted when the indicators are read.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from app.domain.deadlines import elapsed_seconds
from app.domain.model import Incident, IncidentKind, Stage, Status
from app.domain.rules import Rules
from app.evaluation.periods import PeriodKeys

log = logging.getLogger(__name__)

HANDLED = frozenset({Status.RESOLVED, Status.VERIFIED, Status.CLOSED})
NOT_THEIRS = frozenset({Status.REJECTED, Status.CANCELLED})
DISPATCHED_ONCE = frozenset(
    {Status.DISPATCHED, Status.IN_PROGRESS, Status.RESOLVED, Status.VERIFIED, Status.CLOSED}
)

# The dimensions every case is counted under (besides the whole, "all").
DIMENSIONS = (
    "department",
    "cell",
    "neighbourhood",
    "category",
    "source",
    "priority",
    "operator",
    "shift",
    "day",
    "week",
    "month",
    "emergency_priority",  # response times of the emergency categories only, by priority
)


@dataclass
class Memory:
    """What the tracker remembers of a case's past that its current record no longer shows."""

    first_dispatch: float | None = None
    first_on_scene: float | None = None
    dispatched_to: str | None = None  # department at the first dispatch
    operator: str = ""  # who dispatched first


def _on_time(inc: Incident, stage: Stage) -> bool | None:
    """The stage finished by its due time; None when the stage has not finished (or no clock)."""
    clk = inc.clocks.get(stage.value)
    if clk is None or clk.done is None or clk.due is None:
        return None
    return clk.done <= clk.due


@dataclass(frozen=True)
class CaseFacts:
    """One case's contribution. ``keys`` are (dimension, value) pairs it is counted under."""

    keys: tuple[tuple[str, str], ...]
    counted: bool  # the department's work (not rejected, cancelled or an exercise)
    open: bool
    handled: bool
    filed_on_time: bool | None
    dispatched_on_time: bool | None
    dispatched: bool
    correct_dispatch: bool
    handled_on_time: bool | None
    closed_on_time: bool | None
    rework: bool
    extended: bool
    handle_s: float | None  # dispatched -> resolved, in working time where the category says so
    dispatch_s: float | None  # received -> first unit dispatched
    onscene_s: float | None  # received -> first unit on scene
    travel_s: float | None  # first dispatched -> first on scene
    emergency: bool


def _first(inc: Incident, transition: str) -> tuple[float, str] | None:
    """When and by whom a transition first happened: the reducer writes each one in the
    narrative, which keeps the first dispatch after a rework has overwritten the timestamp."""
    for entry in inc.narrative:
        if entry.kind == "transition" and entry.text.startswith(transition):
            return entry.at, entry.who
    return None


def remember(mem: Memory, inc: Incident) -> None:
    """Fold what the incident shows now into its memory (first dispatch, first on scene)."""
    if mem.first_dispatch is None and Status.DISPATCHED.value in inc.timestamps:
        first = _first(inc, "registered -> dispatched")
        t, who = first if first is not None else (inc.timestamps[Status.DISPATCHED.value], "")
        mem.first_dispatch = t
        mem.dispatched_to = inc.department
        mem.operator = who or "(unknown)"
    if mem.first_on_scene is None and Status.IN_PROGRESS.value in inc.timestamps:
        first = _first(inc, "dispatched -> in_progress")
        mem.first_on_scene = first[0] if first else inc.timestamps[Status.IN_PROGRESS.value]


def case_facts(inc: Incident, mem: Memory, periods: PeriodKeys, rules: Rules) -> CaseFacts:
    received = inc.created_at
    # A report merged into a master case is received (counted as an incident, under its channel)
    # but handled once, as the master: it is not a case of the department's on its own.
    counted = not inc.exercise and inc.status not in NOT_THEIRS and not inc.merged_into
    handled = inc.status in HANDLED
    handle_s: float | None = None
    clk = inc.clocks.get(Stage.HANDLE.value)
    if handled and clk is not None and clk.started is not None and clk.done is not None:
        wh = rules.working_hours(inc.category)
        try:
            handle_s = max(0.0, elapsed_seconds(rules.calendar, clk.started, clk.done, wh))
        except ValueError as exc:  # a clock the calendar cannot count (non-finite): left out
            log.debug("handling time of %s not counted: %s", inc.id, exc)
    dispatch_s = onscene_s = travel_s = None
    if mem.first_dispatch is not None:
        dispatch_s = max(0.0, mem.first_dispatch - received)
    if mem.first_on_scene is not None:
        onscene_s = max(0.0, mem.first_on_scene - received)
        if mem.first_dispatch is not None:
            travel_s = max(0.0, mem.first_on_scene - mem.first_dispatch)
    dispatched = mem.first_dispatch is not None or inc.status in DISPATCHED_ONCE
    keys = (
        ("department", inc.department or "(none)"),
        ("cell", inc.location.grid_cell or "(none)"),
        ("neighbourhood", inc.location.neighbourhood or "(none)"),
        ("category", inc.category),
        ("source", inc.source.value),
        ("priority", f"P{inc.priority}"),
        ("operator", mem.operator or "(none)"),
        *periods.keys(received),
    )
    if inc.kind == IncidentKind.EMERGENCY:
        keys = (*keys, ("emergency_priority", f"P{inc.priority}"))
    return CaseFacts(
        keys=keys,
        counted=counted,
        open=inc.is_open(),
        handled=handled,
        filed_on_time=_on_time(inc, Stage.REGISTER),
        dispatched_on_time=_on_time(inc, Stage.DISPATCH),
        dispatched=dispatched,
        correct_dispatch=dispatched
        and (mem.dispatched_to is None or mem.dispatched_to == inc.department),
        handled_on_time=_on_time(inc, Stage.HANDLE) if handled else None,
        closed_on_time=_on_time(inc, Stage.VERIFY),
        rework=inc.rework_count > 0,
        extended=inc.extension_count > 0,
        handle_s=handle_s,
        dispatch_s=dispatch_s,
        onscene_s=onscene_s,
        travel_s=travel_s,
        emergency=inc.kind == IncidentKind.EMERGENCY,
    )
