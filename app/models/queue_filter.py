"""Filter and sort keys of the incident queue (pure Python: used by the Qt model and the bench)."""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from app.console.i18n import QT_TRANSLATE_NOOP
from app.domain.library import Library
from app.domain.model import Incident, StatusGroup, status_group
from app.domain.rules import incident_overdue


class Column(enum.IntEnum):
    NUMBER = 0
    PRIORITY = enum.auto()
    CATEGORY = enum.auto()
    STATUS = enum.auto()
    LOCATION = enum.auto()
    DEPARTMENT = enum.auto()
    AGE = enum.auto()
    DUE = enum.auto()
    UNITS = enum.auto()
    SOURCE = enum.auto()


HEADERS: dict[Column, str] = {
    Column.NUMBER: QT_TRANSLATE_NOOP("Tables", "Number"),
    Column.PRIORITY: "P",
    Column.CATEGORY: QT_TRANSLATE_NOOP("Tables", "Category"),
    Column.STATUS: QT_TRANSLATE_NOOP("Tables", "Status"),
    Column.LOCATION: QT_TRANSLATE_NOOP("Tables", "Location / grid"),
    Column.DEPARTMENT: QT_TRANSLATE_NOOP("Tables", "Dept"),
    Column.AGE: QT_TRANSLATE_NOOP("Tables", "Age"),
    Column.DUE: QT_TRANSLATE_NOOP("Tables", "Due in"),
    Column.UNITS: QT_TRANSLATE_NOOP("Tables", "Units"),
    Column.SOURCE: QT_TRANSLATE_NOOP("Tables", "Source"),
}

_FAR = float("inf")


def current_due(inc: Incident) -> float:
    """Due time of the stage the case is in now (inf when none runs)."""
    stage = inc.current_stage()
    if stage is None:
        return _FAR
    clk = inc.clocks.get(stage)
    if clk is None or clk.due is None or clk.done is not None:
        return _FAR
    return clk.due


def is_overdue(inc: Incident, now: float) -> bool:
    return incident_overdue(inc, now)


def sort_key_fn(column: Column, library: Library) -> Callable[[Incident], Any]:
    """A key per column; every key ends with the incident number so it is total and stable."""
    if column == Column.PRIORITY:
        return lambda i: (i.priority, -i.created_at, i.number)
    if column == Column.CATEGORY:
        names = {c.code: c.name_en for c in library.categories}
        return lambda i: (names.get(i.category, i.category), i.number)
    if column == Column.STATUS:
        return lambda i: (i.status.value, i.number)
    if column == Column.LOCATION:
        return lambda i: (i.location.grid_cell, i.location.address, i.number)
    if column == Column.DEPARTMENT:
        return lambda i: (i.department, i.number)
    if column == Column.AGE:
        return lambda i: (-i.created_at, i.number)
    if column == Column.DUE:
        return lambda i: (current_due(i), i.number)
    if column == Column.UNITS:
        return lambda i: (len(i.assigned_units), i.number)
    if column == Column.SOURCE:
        return lambda i: (i.source.value, i.number)
    return lambda i: (i.number,)


@dataclass
class QueueFilter:
    """What the operator asked to see. Empty sets mean 'any'."""

    groups: set[StatusGroup] = field(
        default_factory=lambda: {StatusGroup.PENDING, StatusGroup.ACTIVE}
    )
    priorities: set[int] = field(default_factory=set)
    categories: set[str] = field(default_factory=set)  # codes or dotted prefixes ("fire.")
    departments: set[str] = field(default_factory=set)
    neighbourhoods: set[str] = field(default_factory=set)
    text: str = ""
    overdue_only: bool = False
    # A drill-down: exactly these incidents, whatever their status group (None: any).
    incident_ids: frozenset[str] | None = None
    # Reports merged into a master case are worked through the master: hidden unless asked for
    # (or searched for: a caller's number must be found; or drilled down to).
    show_merged: bool = False

    def matcher(self, library: Library, now: float) -> Callable[[Incident], bool]:
        groups = set(self.groups)
        prios = set(self.priorities)
        cats = set(self.categories)
        deps = set(self.departments)
        hoods = set(self.neighbourhoods)
        needle = self.text.strip().lower()
        names = {c.code: f"{c.name_en} {c.name_zh}".lower() for c in library.categories}
        overdue_only = self.overdue_only
        only = self.incident_ids
        hide_merged = not self.show_merged and not needle and only is None

        def match(i: Incident) -> bool:
            if hide_merged and i.merged_into:
                return False
            if only is not None:
                if i.id not in only:
                    return False
            elif groups and status_group(i.status) not in groups:
                return False
            if prios and i.priority not in prios:
                return False
            if cats and i.category not in cats and not any(i.category.startswith(p) for p in cats):
                return False
            if deps and i.department not in deps and not deps.intersection(i.linked_agencies):
                return False
            if hoods and i.location.neighbourhood not in hoods:
                return False
            if overdue_only and not is_overdue(i, now):
                return False
            if needle:
                hay = " ".join(
                    (
                        i.number,
                        i.category,
                        names.get(i.category, ""),
                        i.location.address,
                        i.location.grid_cell,
                        i.location.neighbourhood,
                        i.description,
                        " ".join(i.assigned_units),
                    )
                ).lower()
                if needle not in hay:
                    return False
            return True

        return match
