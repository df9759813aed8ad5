"""Call-taking logic behind the intake panel: the draft call, what it still lacks, the payloads.

No Qt. The panel keeps a :class:`IntakeDraft` in step with its fields and asks this module what
is missing (to gate the Create button), what to submit, and which units to send with a
"create + dispatch" so a priority-1 call goes out in a few keystrokes.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass, field
from typing import Any

from PySide6 import QtCore

from app.console.i18n import QT_TRANSLATE_NOOP
from app.console.resources import recommend_units
from app.domain.library import Category
from app.domain.model import SourceChannel
from app.domain.recommend import Recommendation
from app.domain.state import CityState

log = logging.getLogger(__name__)

FIELD_LABELS: dict[str, str] = {
    "category": QT_TRANSLATE_NOOP("Intake", "category"),
    "location": QT_TRANSLATE_NOOP("Intake", "location"),
    "address": QT_TRANSLATE_NOOP("Intake", "address"),
    "description": QT_TRANSLATE_NOOP("Intake", "description"),
    "reporter_contact": QT_TRANSLATE_NOOP("Intake", "reporter contact"),
    "priority": QT_TRANSLATE_NOOP("Intake", "priority"),
}


@dataclass
class IntakeDraft:
    """What the call-taker has entered so far."""

    category: Category | None = None
    priority: int = 0  # 0: the category's default
    source: SourceChannel = SourceChannel.HOTLINE
    lat: float | None = None
    lon: float | None = None
    address: str = ""
    grid_cell: str = ""
    neighbourhood: str = ""
    description: str = ""
    reporter_contact: str = ""
    register: bool = True  # hotline calls taken by the centre are registered at once
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def has_location(self) -> bool:
        return self.lat is not None and self.lon is not None

    def effective_priority(self) -> int:
        if self.priority:
            return self.priority
        return self.category.default_priority if self.category else 0


def missing_fields(draft: IntakeDraft) -> list[str]:
    """Names of what the call still needs before it can be created, in form order."""
    missing: list[str] = []
    if draft.category is None:
        missing.append("category")
    if not draft.has_location:
        missing.append("location")
    if draft.category is not None:
        for name in draft.category.required_fields:
            value = getattr(draft, name, None)
            if value is None:
                value = draft.extra.get(name, "")
            if not str(value).strip() and name not in missing:
                missing.append(name)
    if draft.priority and not 1 <= draft.priority <= 4:
        missing.append("priority")
    return missing


def missing_message(missing: list[str]) -> str:
    """One sentence for a tooltip: ``Still needed: address, description``."""
    if not missing:
        return ""
    names = ", ".join(
        QtCore.QCoreApplication.translate("Intake", FIELD_LABELS.get(m, m.replace("_", " ")))
        for m in missing
    )
    return QtCore.QCoreApplication.translate("Intake", "Still needed: %1").replace("%1", names)


def new_incident_id() -> str:
    """A client-chosen id, so the operator can dispatch before the server has answered."""
    return str(uuid.uuid4())


def create_payload(draft: IntakeDraft, incident_id: str) -> dict[str, Any]:
    """The ``create_incident`` payload; raises ValueError naming what is missing."""
    missing = missing_fields(draft)
    if missing:
        raise ValueError(missing_message(missing))
    assert draft.category is not None and draft.lat is not None and draft.lon is not None
    return {
        "incident_id": incident_id,
        "category": draft.category.code,
        "priority": draft.effective_priority(),
        "source": draft.source.value,
        "lat": draft.lat,
        "lon": draft.lon,
        "address": draft.address.strip(),
        "grid_cell": draft.grid_cell,
        "neighbourhood": draft.neighbourhood,
        "description": draft.description.strip(),
        "reporter_contact": draft.reporter_contact.strip(),
        "register": draft.register,
    }


def further_call_note(draft: IntakeDraft, now_label: str = "") -> str:
    """The note added to an existing incident when a new call turns out to be a duplicate."""
    parts = ["Further call"]
    if now_label:
        parts[0] += f" at {now_label}"
    body: list[str] = []
    if draft.description.strip():
        body.append(draft.description.strip())
    if draft.address.strip():
        body.append(f"at {draft.address.strip()}")
    if draft.reporter_contact.strip():
        body.append(f"caller {draft.reporter_contact.strip()}")
    if draft.source != SourceChannel.HOTLINE:
        body.append(f"via {draft.source.value.replace('_', ' ')}")
    text = parts[0] + ": " + ("; ".join(body) if body else "same incident reported again")
    return text


def dispatch_plan(
    draft: IntakeDraft, state: CityState, now: float, top_n: int | None = None
) -> list[Recommendation]:
    """The units a "create + dispatch" sends: the top ``units_needed`` recommendations."""
    if draft.category is None or not draft.has_location:
        return []
    assert draft.lat is not None and draft.lon is not None
    n = top_n if top_n is not None else max(1, draft.category.units_needed)
    return recommend_units(state, draft.category.capabilities, draft.lat, draft.lon, now, n)
