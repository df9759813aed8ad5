"""The standard library of case categories (data in ``resources/library/categories.json``)."""

from __future__ import annotations

import functools
import logging
from pathlib import Path

import msgspec

from app.domain.model import IncidentKind

log = logging.getLogger(__name__)


class StageLimits(msgspec.Struct, kw_only=True):
    """Deadline of each stage, in minutes (of working time when ``working_hours`` is set)."""

    register: int
    dispatch: int
    handle: int
    verify: int


class Category(msgspec.Struct, kw_only=True):
    code: str  # dotted, e.g. fire.structure, comp.manhole_cover, event.exposed_garbage
    name_en: str
    name_zh: str
    kind: IncidentKind
    group: str  # e.g. "Fire", "Public facilities 公用设施"
    class_type: str  # emergency | component | event
    default_priority: int
    department: str  # responsible agency id
    routing: str  # owner-first | area-first | emergency
    capabilities: list[str]  # required unit capabilities, e.g. ["fire_suppression"]
    units_needed: int
    limits: StageLimits
    working_hours: bool  # True: the clock counts working hours only
    # Left out of everything public (the public page, Open311): cases about people (medical,
    # police) or at someone's home.
    sensitive: bool = False
    required_fields: list[str] = msgspec.field(default_factory=list)
    sf_call_types: list[str] = msgspec.field(default_factory=list)  # SF Fire "Call Type" mapping
    # Who is told at each escalation level ("1".."3"): "role:supervisor", "department" (its
    # liaisons), "head" (the department head), "user:NAME". Empty: the centre's default policy
    # (app.domain.accountability.DEFAULT_ESCALATION).
    escalation: dict[str, list[str]] = msgspec.field(default_factory=dict)

    def display_name(self, lang: str = "en") -> str:
        return self.name_zh if lang.startswith("zh") else self.name_en


class Library:
    """All categories, by code."""

    def __init__(self, categories: list[Category]) -> None:
        self.categories = categories
        self.by_code: dict[str, Category] = {c.code: c for c in categories}

    def get(self, code: str) -> Category:
        try:
            return self.by_code[code]
        except KeyError:
            raise KeyError(f"unknown category code {code!r}") from None

    def search(self, text: str) -> list[Category]:
        """Categories whose code, English or Chinese name contains ``text`` (case-insensitive)."""
        needle = text.strip().lower()
        if not needle:
            return list(self.categories)
        return [
            c
            for c in self.categories
            if needle in c.code.lower() or needle in c.name_en.lower() or needle in c.name_zh
        ]


def load_library(path: Path | None = None) -> Library:
    if path is None:
        from app.paths import resource_path

        path = resource_path("library", "categories.json")
    cats = msgspec.json.decode(path.read_bytes(), type=list[Category])
    return Library(cats)


@functools.cache
def default_library() -> Library:
    return load_library()
