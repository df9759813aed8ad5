"""Queued commands shown on top of the confirmed state (no server, no Qt)."""

from __future__ import annotations

from typing import Any

import pytest

from app.domain.state import OverlayState
from app.sync.backoff import Backoff
from app.sync.cache import OutboxEntry
from app.sync.projection import is_provisional, project
from tests.sync.citydata import DISPATCHER, small_city


def _entry(cid: str, type_: str, payload: dict, t: float = 1_700_000_500.0) -> OutboxEntry:
    return OutboxEntry(
        id=cid,
        type=type_,
        payload=payload,
        expected_version=None,
        created=t,
        incident_id=payload.get("incident_id", ""),
    )


CREATE: dict[str, Any] = {
    "incident_id": "0f6c2a8e-1111-4222-8333-944455556666",
    "category": "fire.structure",
    "lat": 37.77,
    "lon": -122.41,
    "address": "1 Market St",
}


def test_offline_incident_gets_a_provisional_number_and_is_pending() -> None:
    confirmed = small_city()
    view = OverlayState(confirmed)
    iid = CREATE["incident_id"]
    entries = [
        _entry("a", "create_incident", CREATE),
        _entry("b", "assign_units", {"incident_id": iid, "unit_ids": ["E1"]}),
    ]
    proj = project(view, confirmed, entries, DISPATCHER)
    inc = view.incidents[iid]
    assert is_provisional(inc.number) and inc.number == "P-0F6C2A8E"
    assert inc.assigned_units == ["E1"] and view.units["E1"].incident_id == iid
    assert proj.pending == {iid: 2}
    assert not proj.stale
    # The confirmed state is untouched by provisional events.
    assert iid not in confirmed.incidents and confirmed.units["E1"].incident_id == ""


def test_a_command_that_no_longer_applies_stays_queued_but_is_not_shown() -> None:
    confirmed = small_city()
    view = OverlayState(confirmed)
    other = dict(CREATE, incident_id="aaaaaaaa-0000-0000-0000-000000000001")
    iid = CREATE["incident_id"]
    entries = [
        _entry("a", "create_incident", CREATE),
        _entry("b", "create_incident", other),
        _entry("c", "assign_units", {"incident_id": iid, "unit_ids": ["E1"]}),
        _entry("d", "assign_units", {"incident_id": other["incident_id"], "unit_ids": ["E1"]}),
    ]
    proj = project(view, confirmed, entries, DISPATCHER)
    assert set(proj.stale) == {"d"}
    assert "already assigned" in proj.stale["d"].message
    assert proj.pending[other["incident_id"]] == 2  # still counted: not dropped
    assert view.incidents[other["incident_id"]].assigned_units == []
    # Projecting again from scratch gives the same view (reset in place, same object).
    same = view
    project(view, confirmed, entries[:1], DISPATCHER)
    assert view is same and other["incident_id"] not in view.incidents


def test_backoff_doubles_to_the_cap_with_bounded_jitter() -> None:
    import random

    b = Backoff(rng=random.Random(7))
    delays = [b.next() for _ in range(10)]
    bases = [0.5, 1, 2, 4, 8, 16, 30, 30, 30, 30]
    for d, base in zip(delays, bases, strict=True):
        assert base * 0.8 <= d <= base * 1.2
    assert len({round(d / base, 6) for d, base in zip(delays, bases, strict=True)}) > 1
    b.reset()
    assert 0.4 <= b.next() <= 0.6
    with pytest.raises(ValueError):
        Backoff(initial=0)


def test_status_line_says_what_the_operator_needs(qapp: object) -> None:
    from app.sync.status import ConnectionStatus, LinkState

    st = ConnectionStatus()
    seen: list[str] = []
    st.changed.connect(lambda: seen.append(st.text()))
    st.update(state=LinkState.ONLINE, detail="online", latency_ms=12.4, pending=0)
    st.update(state=LinkState.ONLINE, detail="online", latency_ms=12.4)  # no change: no signal
    st.update(state=LinkState.OFFLINE, detail="offline (cached state from 09:15)", pending=3)
    assert seen == ["online · 12 ms", "offline (cached state from 09:15) · 3 pending"]
