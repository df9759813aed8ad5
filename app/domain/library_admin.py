"""The standard library as data the administrator maintains: one category changed or added is a
new library version (``library_loaded``), so every desk and every replay applies the same change
at the same point of the log, and cases keep the version they were opened under."""

from __future__ import annotations

import logging

from app.domain import commands as c
from app.domain import events as ev
from app.domain.rules import Rules, library_version
from app.domain.state import CityState

log = logging.getLogger(__name__)

INTAKE_FIELDS = frozenset({"address", "description", "reporter_contact"})
"""Fields of a new case a category may require."""
ESCALATION_TOKENS = ("role:", "user:", "agency:")
MAX_LIMIT_MINUTES = 60 * 24 * 90  # a stage limit of three months at most


def decide_set_category(state: CityState, cmd: c.SetCategory, rules: Rules) -> list[ev.EventBody]:
    cat = cmd.category
    code = cat.code.strip()
    if not code or any(ch.isspace() for ch in code) or len(code) > 64:
        raise c.CommandError("invalid_payload", "a category code is 1-64 characters, no spaces")
    if not cat.name_en.strip():
        raise c.CommandError("text_required", "a category needs its English name")
    if not 1 <= cat.default_priority <= 4:
        raise c.CommandError("invalid_payload", "the default priority is 1-4")
    for stage in ("register", "dispatch", "handle", "verify"):
        minutes = getattr(cat.limits, stage)
        if not 1 <= minutes <= MAX_LIMIT_MINUTES:
            raise c.CommandError(
                "invalid_payload",
                f"the {stage} limit must be 1 to {MAX_LIMIT_MINUTES} minutes, not {minutes}",
            )
    old = rules.library.by_code.get(code)
    moved = old is None or old.department != cat.department
    if state.agencies and moved and cat.department not in state.agencies:
        raise c.CommandError("unknown_id", f"no agency {cat.department!r}")
    unknown = set(cat.required_fields) - INTAKE_FIELDS
    if unknown:
        raise c.CommandError(
            "invalid_payload",
            f"a category may require {', '.join(sorted(INTAKE_FIELDS))}, not {sorted(unknown)}",
        )
    for level, who in cat.escalation.items():
        if level not in ("1", "2", "3"):
            raise c.CommandError("invalid_payload", f"escalation levels are 1-3, not {level!r}")
        for token in who:
            if token not in ("department", "head") and not token.startswith(ESCALATION_TOKENS):
                raise c.CommandError("invalid_payload", f"unknown escalation recipient {token!r}")
    current = list(rules.library.categories)
    new = [cat if x.code == code else x for x in current]
    if all(x.code != code for x in current):
        new.append(cat)
    version = library_version(new)
    if version == rules.library_version or new == current:
        raise c.CommandError("no_change", f"{code} is already so")
    return [ev.LibraryLoaded(version=version, categories=new)]
