"""The server's deadline watcher: assesses every open incident's current stage clock and records a
DeadlineAlert when its overdue flag or escalation level changes, so every console agrees."""

from __future__ import annotations

import logging
import math
from collections.abc import Callable

from app.domain import accountability
from app.domain import events as ev
from app.domain.deadlines import assess
from app.domain.state import CityState

log = logging.getLogger(__name__)


def deadline_alerts(state: CityState, now: float) -> list[ev.EventBody]:
    """DeadlineAlert bodies for every open incident whose current clock changed level, on the
    state's own library and calendar (the rules every desk decides with)."""
    rules = state.rules()
    calendar = rules.calendar
    out: list[ev.EventBody] = []
    for inc in state.incidents.values():
        if not inc.is_open():
            continue
        stage = inc.current_stage()
        clock = inc.clocks.get(stage) if stage else None
        if stage is None or clock is None or clock.due is None or clock.done is not None:
            continue
        cat = rules.category_for(inc)
        limit = float(getattr(cat.limits, stage, 60)) if cat is not None else 60.0
        limit += clock.extended_minutes
        working_hours = cat.working_hours if cat is not None else False
        if not (math.isfinite(clock.due) and math.isfinite(now)):
            continue
        try:
            a = assess(calendar, clock.due, now, limit, working_hours, clock.suspended_at)
        except ValueError as exc:  # a corrupt clock must not stop the watcher
            log.warning("cannot assess %s %s: %s", inc.number, stage, exc)
            continue
        out += accountability.notices_due(inc, stage, a.escalation, now, state, rules)
        if a.overdue != clock.overdue or a.escalation != clock.escalation:
            out.append(
                ev.DeadlineAlert(
                    incident_id=inc.id, stage=stage, overdue=a.overdue, escalation=a.escalation
                )
            )
    return out


def watcher_job(clock: Callable[[], float]) -> Callable[[CityState], list[ev.EventBody]]:
    """A job for :meth:`Processor.inject`: alerts as of the moment it is decided."""

    def make(state: CityState) -> list[ev.EventBody]:
        return deadline_alerts(state, clock())

    return make
