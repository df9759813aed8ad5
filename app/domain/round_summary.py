"""What the centre reads off the rounds: one row per inspector (duty, last fix, today's round
progress, verification tasks) and the coverage of today's rounds per grid cell. Pure functions
of the city state and a clock; the console's Inspectors panel and map layers show them."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from app.domain.model import Stage, Status
from app.domain.rounds import Round, local_day
from app.domain.rules import clock_overdue
from app.domain.state import CityState

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class InspectorRow:
    username: str
    display_name: str
    on_duty: bool
    position_age_s: float | None  # None: no fix yet
    ticked: int
    total: int  # checkpoints of today's round (0: no round)
    cells: tuple[str, ...]  # the account's cells and today's round's
    open_tasks: int  # cases in those cells at the verify stage
    overdue_tasks: int


@dataclass(frozen=True)
class CellCoverage:
    cell: str
    inspectors: tuple[str, ...]  # whose round today names the cell
    visited: int
    total: int  # today's checkpoints that lie in the cell

    @property
    def share(self) -> float | None:
        return self.visited / self.total if self.total else None


def todays_rounds(state: CityState, now: float) -> list[Round]:
    day = local_day(state.rules(), now)
    return sorted((r for r in state.rounds.values() if r.day == day), key=lambda r: r.inspector)


def inspector_rows(state: CityState, now: float) -> list[InspectorRow]:
    """Every inspector the centre knows of: from a fix, or from a round today."""
    rounds = {r.inspector: r for r in todays_rounds(state, now)}
    names = sorted(set(state.inspectors) | set(rounds))
    tasks: dict[str, list[bool]] = {}  # cell -> overdue flag per verify-stage case
    for inc in state.incidents.values():
        if inc.status == Status.RESOLVED and inc.location.grid_cell:
            clk = inc.clocks.get(Stage.VERIFY.value)
            overdue = clk is not None and clock_overdue(clk, now)
            tasks.setdefault(inc.location.grid_cell, []).append(overdue)
    rows = []
    for name in names:
        st = state.inspectors.get(name)
        rnd = rounds.get(name)
        cells = tuple(sorted(set(st.cells if st else ()) | set(rnd.cells if rnd else ())))
        flags = [f for c in cells for f in tasks.get(c, ())]
        ticked, total = rnd.progress() if rnd else (0, 0)
        rows.append(
            InspectorRow(
                username=name,
                display_name=(st.display_name if st else "") or name,
                on_duty=bool(st and st.on_duty),
                position_age_s=max(0.0, now - st.position_at) if st and st.position_at else None,
                ticked=ticked,
                total=total,
                cells=cells,
                open_tasks=len(flags),
                overdue_tasks=sum(flags),
            )
        )
    return rows


def coverage(state: CityState, now: float) -> list[CellCoverage]:
    """Today's rounds per grid cell: the cells the rounds name, and every cell a checkpoint
    lies in, with the share of those checkpoints ticked off."""
    rules = state.rules()
    visited: dict[str, int] = {}
    total: dict[str, int] = {}
    who: dict[str, set[str]] = {}
    for rnd in todays_rounds(state, now):
        for cell in rnd.cells:
            who.setdefault(cell, set()).add(rnd.inspector)
        for cp in rnd.checkpoints:
            cell = rules.locate(cp.lat, cp.lon)[0]
            if not cell:
                continue  # outside the grid: counted in the inspector's progress only
            who.setdefault(cell, set()).add(rnd.inspector)
            total[cell] = total.get(cell, 0) + 1
            visited[cell] = visited.get(cell, 0) + (cp.id in rnd.ticks)
    return [
        CellCoverage(c, tuple(sorted(who[c])), visited.get(c, 0), total.get(c, 0))
        for c in sorted(who)
    ]
