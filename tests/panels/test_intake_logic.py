"""The intake draft: what is missing, the create payload, the further-call note."""

from __future__ import annotations

import pytest

from app.console.intake import (
    IntakeDraft,
    create_payload,
    dispatch_plan,
    further_call_note,
    missing_fields,
    missing_message,
)
from app.domain.library import Library
from app.domain.model import SourceChannel
from app.store.store import Store
from tests.panels.scene import MARKET_5TH


def test_missing_fields_follow_the_category(library: Library) -> None:
    d = IntakeDraft()
    assert missing_fields(d) == ["category", "location"]
    d.category = library.get("fire.structure")  # needs an address
    d.lat, d.lon = MARKET_5TH
    assert missing_fields(d) == ["address"]
    assert missing_message(missing_fields(d)) == "Still needed: address"
    d.address = "Market St & 5th St"
    assert missing_fields(d) == []
    two = next(c for c in library.categories if c.required_fields == ["address", "description"])
    d.category = two
    assert missing_fields(d) == ["description"]


def test_create_payload_refuses_incomplete_and_uses_defaults(library: Library) -> None:
    d = IntakeDraft(category=library.get("fire.structure"))
    with pytest.raises(ValueError, match="location, address"):
        create_payload(d, "id-1")
    d.lat, d.lon, d.address = MARKET_5TH[0], MARKET_5TH[1], " Market St "
    p = create_payload(d, "id-1")
    assert p["incident_id"] == "id-1" and p["category"] == "fire.structure"
    assert p["priority"] == library.get("fire.structure").default_priority
    assert p["address"] == "Market St" and p["register"] is True and p["source"] == "hotline"


def test_further_call_note_names_what_the_caller_said() -> None:
    d = IntakeDraft(description="smoke again", reporter_contact="415 555 0100")
    assert (
        further_call_note(d, "14:05") == "Further call at 14:05: smoke again; caller 415 555 0100"
    )
    d2 = IntakeDraft(source=SourceChannel.CITIZEN)
    assert further_call_note(d2) == "Further call: via citizen report"


def test_dispatch_plan_takes_units_needed(library: Library, store: Store) -> None:
    d = IntakeDraft(category=library.get("fire.structure"), lat=MARKET_5TH[0], lon=MARKET_5TH[1])
    plan = dispatch_plan(d, store.state, store.now())
    cat = library.get("fire.structure")
    assert 0 < len(plan) <= cat.units_needed
    assert all(set(r.capabilities_matched) & set(cat.capabilities) for r in plan)
    assert dispatch_plan(IntakeDraft(), store.state, store.now()) == []
