"""Evaluation of departments for the public page (one pass over a list of incidents).

The console and reports use app.evaluation (kept from the event stream, undefined as None);
this one-shot version stays for the public page until it moves over.

The 100-point scheme used by digital urban-management centres: handling rate 30, on-time handling
rate 20, (1 - rework rate) 20, (1 - overdue-pending rate) 20, (1 - extension rate) 10. Rejected and
cancelled cases are not the department's work and are left out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from app.domain.model import Incident, Stage, Status
from app.domain.rules import incident_overdue

WEIGHTS = {
    "handling": 30.0,
    "on_time": 20.0,
    "rework": 20.0,
    "overdue_pending": 20.0,
    "extension": 10.0,
}
HANDLED = frozenset({Status.RESOLVED, Status.VERIFIED, Status.CLOSED})
NOT_THEIRS = frozenset({Status.REJECTED, Status.CANCELLED})


def _share(part: int, whole: int) -> float:
    """``part / whole``, 0 when there is nothing to divide by."""
    return part / whole if whole else 0.0


@dataclass(frozen=True)
class DepartmentScore:
    department: str
    cases: int
    handled: int
    on_time: int
    rework: int
    overdue_pending: int
    extended: int

    @property
    def handling_rate(self) -> float:
        return _share(self.handled, self.cases)

    @property
    def on_time_rate(self) -> float:
        return _share(self.on_time, self.handled)

    @property
    def rework_rate(self) -> float:
        return _share(self.rework, self.handled)

    @property
    def overdue_pending_rate(self) -> float:
        return _share(self.overdue_pending, self.cases)

    @property
    def extension_rate(self) -> float:
        return _share(self.extended, self.cases)

    @property
    def score(self) -> float:
        """0-100; a department with no cases scores 0 (nothing to evaluate)."""
        if not self.cases:
            return 0.0
        return (
            WEIGHTS["handling"] * self.handling_rate
            + WEIGHTS["on_time"] * self.on_time_rate
            + WEIGHTS["rework"] * (1.0 - self.rework_rate)
            + WEIGHTS["overdue_pending"] * (1.0 - self.overdue_pending_rate)
            + WEIGHTS["extension"] * (1.0 - self.extension_rate)
        )


def handled_on_time(inc: Incident) -> bool:
    clk = inc.clocks.get(Stage.HANDLE.value)
    return clk is not None and clk.done is not None and clk.due is not None and clk.done <= clk.due


def overdue_now(inc: Incident, now: float) -> bool:
    return incident_overdue(inc, now)


def evaluate(
    incidents: Iterable[Incident],
    now: float,
    since: float | None = None,
    until: float | None = None,
) -> list[DepartmentScore]:
    """Scores per responsible department over the cases reported in [since, until)."""
    acc: dict[str, list[int]] = {}
    for inc in incidents:
        if inc.status in NOT_THEIRS or inc.exercise or inc.merged_into:
            continue  # a merged report is handled once, as its master
        if since is not None and inc.created_at < since:
            continue
        if until is not None and inc.created_at >= until:
            continue
        row = acc.setdefault(inc.department or "(none)", [0, 0, 0, 0, 0, 0])
        row[0] += 1
        if inc.status in HANDLED:
            row[1] += 1
            if handled_on_time(inc):
                row[2] += 1
            if inc.rework_count:
                row[3] += 1
        elif overdue_now(inc, now):
            row[4] += 1
        if inc.extension_count:
            row[5] += 1
    scores = [DepartmentScore(dep, *vals) for dep, vals in acc.items()]
    return sorted(scores, key=lambda s: (-s.score, s.department))
