"""Two consoles on one server: convergence after an offline spell, and a refused offline change."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from app.domain import commands as c
from app.domain.commands import parse_payload
from app.sync.status import LinkState
from tests.sync.checks import cache_matches, same_rows
from tests.sync.conftest import PASSWORD, LiveServer, make_engine

CREATE: dict[str, Any] = {
    "category": "fire.structure",
    "lat": 37.77,
    "lon": -122.41,
    "address": "1 Market St",
}


def test_a_console_offline_for_a_while_ends_identical(
    aloop: asyncio.AbstractEventLoop, server: LiveServer, tmp_path: Path
) -> None:
    async def scenario() -> None:
        a = make_engine(server.url, "wsA", tmp_path / "a.sqlite")
        b = make_engine(server.url, "wsB", tmp_path / "b.sqlite")
        a.start("dana", PASSWORD)
        b.start("erin", PASSWORD)
        await a.wait_until(a.synced)
        await b.wait_until(b.synced)
        a.submit(parse_payload("create_incident", {**CREATE, "description": "shared"}))
        await a.wait_until(a.synced)
        shared = next(iter(a.confirmed.incidents))
        await b.wait_until(lambda: shared in b.store.state.incidents)

        await a.stop()  # A loses its link; both keep working
        assert a.status.state == LinkState.OFFLINE
        for n in range(10):
            a.submit(c.AddNote(incident_id=shared, text=f"A{n}"))
            b.submit(c.AddNote(incident_id=shared, text=f"B{n}"))
            b.submit(c.MoveUnit(unit_id="E3", lat=37.70 + n / 100, lon=-122.4))
            a.submit(c.MoveUnit(unit_id="E4", lat=37.71 + n / 100, lon=-122.5))
        a.submit(parse_payload("create_incident", {**CREATE, "description": "made offline"}))
        assert len(a.outbox) == 21
        await b.wait_until(b.synced)
        # While offline A sees its own changes, not B's.
        texts = [e.text for e in a.store.state.incidents[shared].narrative if e.kind == "note"]
        assert texts == [f"A{n}" for n in range(10)]

        a.start()
        await a.wait_until(a.synced, timeout=20)
        await b.wait_until(lambda: b.confirmed.seq == server.state.seq and b.synced())
        await a.wait_until(lambda: a.confirmed.seq == server.state.seq)
        assert same_rows(a.cache, b.cache) == []
        assert cache_matches(a.cache, server.state) == []
        assert len(a.cache.rows("incidents")) == 2
        narrative = server.state.incidents[shared].narrative
        assert sorted(e.text for e in narrative if e.kind == "note") == sorted(
            [f"A{n}" for n in range(10)] + [f"B{n}" for n in range(10)]
        )
        # What each console shows is the confirmed state (nothing pending any more).
        assert a.store.state.incidents == b.store.state.incidents == server.state.incidents
        for eng in (a, b):
            await eng.stop()
            eng.close()

    aloop.run_until_complete(scenario())


def test_a_conflicting_offline_assignment_is_refused_and_shown(
    aloop: asyncio.AbstractEventLoop, server: LiveServer, tmp_path: Path
) -> None:
    refused: list[tuple[str, str, str]] = []

    async def scenario() -> None:
        a = make_engine(server.url, "wsA", tmp_path / "a.sqlite")
        b = make_engine(server.url, "wsB", tmp_path / "b.sqlite")
        a.store.refusals.changed.connect(
            lambda r: refused.append((r.incident_id, r.code, r.message)) if r else None
        )
        a.start("dana", PASSWORD)
        b.start("erin", PASSWORD)
        await a.wait_until(a.synced)
        await b.wait_until(b.synced)
        a.submit(parse_payload("create_incident", {**CREATE, "description": "A's fire"}))
        b.submit(parse_payload("create_incident", {**CREATE, "description": "B's fire"}))
        await a.wait_until(lambda: a.synced() and len(a.confirmed.incidents) == 2)
        await b.wait_until(lambda: b.synced() and len(b.confirmed.incidents) == 2)
        by_text = {i.description: i for i in a.confirmed.incidents.values()}
        mine, theirs = by_text["A's fire"], by_text["B's fire"]

        await a.stop()
        a.submit(c.AssignUnits(incident_id=mine.id, unit_ids=["E1"]))
        a.submit(c.AddNote(incident_id=mine.id, text="E1 on its way"))
        assert a.store.state.units["E1"].incident_id == mine.id  # shown at once, as pending
        assert a.store.is_pending(mine.id)
        b.submit(c.AssignUnits(incident_id=theirs.id, unit_ids=["E1"]))
        await b.wait_until(b.synced)

        a.start()
        await a.wait_until(lambda: a.synced() and bool(a.store.refusals.items()), timeout=20)
        assert len(refused) == 1
        incident_id, code, message = refused[0]
        assert (incident_id, code) == (mine.id, "conflict")
        assert "E1" in message and theirs.number in message and "erin" in message
        assert [(r.incident_id, r.code, r.type) for r in a.store.refusals.items()] == [
            (mine.id, "conflict", "assign_units")
        ]
        assert a.status.refused == 1
        # Back to the server's truth; the note that did not conflict went through.
        view = a.store.state
        assert view.units["E1"].incident_id == theirs.id
        assert mine.id not in [u.incident_id for u in view.units.values()]
        assert any(e.text == "E1 on its way" for e in view.incidents[mine.id].narrative)
        assert not a.store.is_pending(mine.id)
        await a.wait_until(lambda: a.confirmed.seq == server.state.seq)
        assert cache_matches(a.cache, server.state) == []
        # The refusal list survives a restart until the operator dismisses it.
        await a.stop()
        a.close()
        again = make_engine(server.url, "wsA", tmp_path / "a.sqlite")
        assert [r.code for r in again.store.refusals.items()] == ["conflict"]
        again.dismiss_refusal(again.store.refusals.items()[0].command_id)
        assert again.store.refusals.items() == [] and again.cache.refusals_load() == []
        again.close()
        await b.stop()
        b.close()

    aloop.run_until_complete(scenario())


def test_a_stale_offline_cancel_is_refused_not_applied_over_a_dispatch(
    aloop: asyncio.AbstractEventLoop, server: LiveServer, tmp_path: Path
) -> None:
    """A cancels a case while offline; meanwhile B dispatched it. A's cancel carries the version
    A saw, so after the reconnect the server refuses it as a conflict (the unit stays on the
    case), the inbox shows it with the case's state now, and dismissing it clears it for good."""

    async def scenario() -> None:
        a = make_engine(server.url, "wsA", tmp_path / "a.sqlite")
        b = make_engine(server.url, "wsB", tmp_path / "b.sqlite")
        a.start("dana", PASSWORD)
        b.start("erin", PASSWORD)
        await a.wait_until(a.synced)
        await b.wait_until(b.synced)
        a.submit(parse_payload("create_incident", {**CREATE, "description": "smoke"}))
        await a.wait_until(lambda: a.synced() and len(a.confirmed.incidents) == 1)
        inc = next(iter(a.confirmed.incidents.values()))
        await b.wait_until(lambda: inc.id in b.store.state.incidents)
        seen = a.store.state.incidents[inc.id].version

        await a.stop()
        a.submit(c.Transition(incident_id=inc.id, action="cancel", reason="caller withdrew"))
        assert a.outbox.entries[-1].expected_version == seen
        b.submit(c.AssignUnits(incident_id=inc.id, unit_ids=["E2"]))
        await b.wait_until(b.synced)

        a.start()
        await a.wait_until(lambda: a.synced() and bool(a.store.refusals.items()), timeout=20)
        (refusal,) = a.store.refusals.items()
        assert (refusal.incident_id, refusal.code, refusal.type) == (
            inc.id,
            "conflict",
            "transition",
        )
        assert refusal.expected_version == seen and refusal.payload["action"] == "cancel"
        assert server.state.incidents[inc.id].status.value == "dispatched"
        assert server.state.units["E2"].incident_id == inc.id
        assert a.store.state.units["E2"].incident_id == inc.id
        a.dismiss_refusal(refusal.command_id)
        assert a.store.refusals.items() == [] and a.status.refused == 0
        await a.stop()
        a.close()
        again = make_engine(server.url, "wsA", tmp_path / "a.sqlite")
        assert again.store.refusals.items() == [] and again.cache.refusals_load() == []
        again.close()
        await b.stop()
        b.close()

    aloop.run_until_complete(scenario())
