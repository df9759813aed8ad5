"""The rules a command is decided with: the case library, the working calendar and the locator.

They are reference data in the city state (``library_loaded``, ``calendar_loaded``,
``grid_loaded``), so the server, every workstation (online or offline), a replay and a training
session decide with exactly the same rules. A state that never received one of those events
decides with the built-in default (the shipped library, the default calendar, no grid), which is
also what a server starts with.

The overdue rule lives here too, once: a stage is overdue when its clock is past due in real time
(or the server's deadline watcher said so); the time left counts working time where the category
says so.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass, field

from app.domain.deadlines import (
    WorkCalendar,
    assess,
    calendar_from_config,
    due_time,
    elapsed_seconds,
    resume_shift,
)
from app.domain.library import Category, Library, default_library
from app.domain.locator import Locator
from app.domain.model import CalendarSpec, Incident, StageClock

log = logging.getLogger(__name__)

DEFAULT_LIBRARY_VERSION = "builtin"


@dataclass(frozen=True)
class Rules:
    """Reference data a decision needs, derived from the state (rebuilt when it changes)."""

    library: Library
    library_version: str
    calendar: WorkCalendar
    locator: Locator | None
    history: dict[str, Library] = field(default_factory=dict)  # earlier versions, by version

    def category_for(self, inc: Incident) -> Category | None:
        """The category as it was when the case was opened: a library change applies to cases
        opened after it (limits, working hours), never to running ones."""
        lib = self.library
        if inc.library_version and inc.library_version != self.library_version:
            lib = self.history.get(inc.library_version) or (
                default_library() if inc.library_version == DEFAULT_LIBRARY_VERSION else lib
            )
        cat = lib.by_code.get(inc.category)
        return cat if cat is not None else self.library.by_code.get(inc.category)

    # --- deadlines ----------------------------------------------------------------------------
    def working_hours_of(self, inc: Incident) -> bool:
        cat = self.category_for(inc)
        return cat.working_hours if cat is not None else False

    def working_hours(self, category: str) -> bool:
        cat = self.library.by_code.get(category)
        return cat.working_hours if cat is not None else False

    def due(self, start: float, minutes: float, working_hours: bool) -> float:
        return due_time(self.calendar, start, minutes, working_hours)

    def resume(self, due: float, suspended_at: float, resumed_at: float, wh: bool) -> float:
        return resume_shift(self.calendar, due, suspended_at, resumed_at, wh)

    def locate(self, lat: float, lon: float) -> tuple[str, str]:
        if self.locator is None:
            return "", ""
        return self.locator.locate(lat, lon)

    # --- the overdue rule (see clock_overdue) ----------------------------------------------------
    def overdue(self, inc: Incident, now: float) -> bool:
        return incident_overdue(inc, now)

    def remaining_s(self, inc: Incident, stage: str, now: float) -> float | None:
        """Time the stage clock still has (negative when overdue), in working seconds where the
        category counts working hours; measured at the suspension while suspended."""
        clk = inc.clocks.get(stage)
        if clk is None or clk.due is None or clk.done is not None:
            return None
        at = now if clk.suspended_at is None else min(now, clk.suspended_at)
        if not (math.isfinite(at) and math.isfinite(clk.due)):
            return None
        return elapsed_seconds(self.calendar, at, clk.due, self.working_hours_of(inc))

    def escalation(self, inc: Incident, stage: str, now: float) -> int:
        """Escalation level (0 in time .. 3 escalated) of a stage, on the category's clock."""
        clk = inc.clocks.get(stage)
        cat = self.category_for(inc)
        if clk is None or clk.due is None or clk.done is not None or cat is None:
            return 0
        limit = float(getattr(cat.limits, stage, 0) or 0) + clk.extended_minutes
        level = assess(
            self.calendar, clk.due, now, limit, cat.working_hours, clk.suspended_at
        ).escalation
        return max(level, clk.escalation)


def clock_overdue(clock: StageClock, now: float) -> bool:
    """The overdue rule, once: a running stage clock is overdue when it is past due in real time
    (a case due Friday 17:30 is overdue on Saturday although no working time has passed), or when
    the server's deadline watcher flagged it. A suspended clock is not overdue unless flagged."""
    if clock.done is not None:
        return False
    if clock.overdue:
        return True
    return clock.due is not None and clock.suspended_at is None and now > clock.due


def overdue_after(inc: Incident) -> float | None:
    """The time after which the incident's current stage is overdue (:func:`clock_overdue`):
    ``-inf`` when it is flagged, None when it cannot become overdue as time passes alone."""
    stage = inc.current_stage()
    clk = inc.clocks.get(stage) if stage else None
    if clk is None or clk.done is not None:
        return None
    if clk.overdue:
        return -math.inf
    if clk.due is None or clk.suspended_at is not None:
        return None
    return clk.due


def incident_overdue(inc: Incident, now: float) -> bool:
    """The incident's current stage is overdue (:func:`clock_overdue`)."""
    after = overdue_after(inc)
    return after is not None and now > after


def calendar_of(spec: CalendarSpec | None) -> WorkCalendar:
    if spec is None:
        return WorkCalendar()
    return calendar_from_config(
        {
            "tz": spec.tz,
            "day_start": spec.day_start,
            "day_end": spec.day_end,
            "lunch": spec.lunch,
            "workdays": spec.workdays,
            "holidays": spec.holidays,
            "city_holidays": spec.city_holidays,
        }
    )


def calendar_spec(cal: WorkCalendar) -> CalendarSpec:
    cfg = cal.to_config()
    return CalendarSpec(
        tz=cfg["tz"],
        day_start=cfg["day_start"],
        day_end=cfg["day_end"],
        lunch=cfg["lunch"],
        workdays=cfg["workdays"],
        holidays=cfg["holidays"],
        city_holidays=cfg["city_holidays"],
    )


def library_version(categories: list[Category]) -> str:
    """A content version: the same categories give the same version on every machine."""
    import hashlib

    import msgspec

    digest = hashlib.sha256(msgspec.json.encode(categories)).hexdigest()
    return f"sha256:{digest[:16]}"


def default_rules() -> Rules:
    return Rules(default_library(), DEFAULT_LIBRARY_VERSION, WorkCalendar(), None)
