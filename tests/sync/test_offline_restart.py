"""Working through a server outage: 50 changes offline, a console restart, exactly-once delivery."""

from __future__ import annotations

import asyncio
import logging
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from app.domain import commands as c
from app.domain.commands import parse_payload
from app.sync.projection import is_provisional
from app.sync.status import LinkState
from tests.sync.checks import cache_matches
from tests.sync.conftest import PASSWORD, LiveServer, make_engine

CREATE: dict[str, Any] = {
    "category": "fire.structure",
    "lat": 37.77,
    "lon": -122.41,
    "address": "1 Market St",
}


def test_fifty_offline_changes_survive_a_restart_and_arrive_exactly_once(
    aloop: asyncio.AbstractEventLoop, server: LiveServer, tmp_path: Path
) -> None:
    cache_path = tmp_path / "ws1" / "cache-ws1.sqlite"
    refused: list[tuple[str, str, str]] = []

    async def before_restart() -> tuple[list[str], list[str]]:
        eng = make_engine(server.url, "ws1", cache_path)
        eng.start("dana", PASSWORD)
        await eng.wait_until(eng.synced)
        server.stop()
        await eng.wait_until(lambda: eng.status.state != LinkState.ONLINE, timeout=5)
        eng.store.refusals.changed.connect(
            lambda r: refused.append((r.incident_id, r.code, r.message)) if r else None
        )

        made: list[str] = []
        incidents: list[str] = []
        for i in range(5):
            made.append(
                eng.submit(
                    parse_payload("create_incident", {**CREATE, "description": f"offline {i}"})
                )
            )
            incidents.append(next(iter(eng.outbox.entries[-1:])).incident_id)
        made.append(eng.submit(c.AssignUnits(incident_id=incidents[0], unit_ids=["E1"])))
        for n in range(24):
            text = f"note {n}"
            made.append(eng.submit(c.AddNote(incident_id=incidents[n % 5], text=text)))
        for n in range(20):
            unit = f"E{2 + n % 4}"
            made.append(eng.submit(c.MoveUnit(unit_id=unit, lat=37.7 + n / 1000, lon=-122.4)))
        # A command the rules refuse is refused at once and not queued.
        eng.submit(c.AddNote(incident_id=incidents[0], text="   "))
        assert refused and refused[-1][:2] == (incidents[0], "text_required")
        assert len(eng.outbox) == 50 and eng.status.pending == 50
        view = eng.store.state
        assert all(is_provisional(view.incidents[i].number) for i in incidents)
        assert view.units["E1"].incident_id == incidents[0]
        assert eng.store.is_pending(incidents[0]) and eng.store.pending_count() >= 30
        await eng.stop()
        eng.close()
        return made, incidents

    made, incidents = aloop.run_until_complete(before_restart())
    # A copy of the cache as it was: re-sending its outbox later must change nothing.
    shutil.copy(cache_path, tmp_path / "copy.sqlite")

    async def restart_offline_then_reconnect() -> None:
        eng = make_engine(server.url, "ws1", cache_path)
        # The console restarts while the server is still down: state and outbox from the cache.
        assert len(eng.outbox) == 50
        assert eng.store.user is not None and eng.store.user.username == "dana"
        assert all(i in eng.store.state.incidents for i in incidents)
        assert eng.status.detail.startswith("offline (cached state from ")
        eng.start()  # no password: the cached token signs in
        await asyncio.sleep(0.3)
        assert eng.status.state in (LinkState.OFFLINE, LinkState.CONNECTING)
        server.start()
        await eng.wait_until(eng.synced, timeout=20)
        # The server refused nothing; the one local refusal is still in the inbox after the
        # restart, until the operator dismisses it (then it is gone for good).
        kept = eng.store.refusals.items()
        assert [(r.code, r.where) for r in kept] == [("text_required", "local")]
        eng.dismiss_refusal(kept[0].command_id)
        assert not eng.store.refusals.items() and eng.cache.refusals_load() == []
        assert eng.status.refused == 0
        view = eng.store.state
        assert not any(is_provisional(view.incidents[i].number) for i in incidents)
        assert eng.store.pending_count() == 0
        assert cache_matches(eng.cache, server.state) == []
        await eng.stop()
        eng.close()

    aloop.run_until_complete(restart_offline_then_reconnect())
    _check_exactly_once(server, made, incidents)

    async def resend_everything() -> None:
        eng = make_engine(server.url, "ws1", tmp_path / "copy.sqlite")
        assert len(eng.outbox) == 50
        eng.start()
        await eng.wait_until(eng.synced, timeout=20)
        assert all(r.where == "local" for r in eng.store.refusals.items())
        assert cache_matches(eng.cache, server.state) == []
        await eng.stop()
        eng.close()

    aloop.run_until_complete(resend_everything())
    _check_exactly_once(server, made, incidents)
    assert refused[-1][1] == "text_required"  # nothing else was refused


def _check_exactly_once(server: LiveServer, made: list[str], incidents: list[str]) -> None:
    # Answers are keyed by (account, command id): "dana\x1f<command id>".
    answered = {r[0].partition("\x1f")[2] for r in server.query("SELECT id FROM commands")}
    assert set(made) <= answered
    kinds = Counter(
        r[0]
        for r in server.query(
            "SELECT type FROM events WHERE actor = 'dana' AND type != 'incident_transitioned'"
        )
    )
    assert kinds == {"incident_created": 5, "unit_assigned": 1, "note_added": 24, "unit_moved": 20}
    state = server.state
    notes = Counter(
        e.text for i in incidents for e in state.incidents[i].narrative if e.kind == "note"
    )
    assert notes == {f"note {n}": 1 for n in range(24)}
    assert len({state.incidents[i].number for i in incidents}) == 5


def test_a_rate_limited_replay_keeps_order_and_loses_nothing(
    aloop: asyncio.AbstractEventLoop, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A server that allows 20 messages/s (burst 3): 30 queued commands that depend on each
    other (notes on incidents created offline) are retried, in order, until all are accepted."""
    from tests.sync.citydata import reference_events

    caplog.set_level(logging.INFO, logger="app.sync")
    server = LiveServer(tmp_path / "server.sqlite", rate=20.0, burst=3.0)
    server.start()
    server.inject([e.body for e in reference_events()])

    async def scenario() -> None:
        eng = make_engine(server.url, "ws1", tmp_path / "c.sqlite", ping_interval=0.2)
        eng.start("dana", PASSWORD)
        await eng.wait_until(eng.synced)
        await eng.stop()
        for i in range(10):
            eng.submit(parse_payload("create_incident", {**CREATE, "description": f"limited {i}"}))
            iid = eng.outbox.entries[-1].incident_id
            eng.submit(c.AddNote(incident_id=iid, text=f"first {i}"))
            eng.submit(c.AddNote(incident_id=iid, text=f"second {i}"))
        assert len(eng.outbox) == 30
        eng.start()
        await eng.wait_until(eng.synced, timeout=30)
        assert not eng.store.refusals.items()
        state = server.state
        assert len(state.incidents) == 10
        for inc in state.incidents.values():
            k = inc.description.split()[-1]
            notes = [e.text for e in inc.narrative if e.kind == "note"]
            assert notes == [f"first {k}", f"second {k}"]
        deferred = [
            r for r in caplog.records if "deferred by the server (rate_limited)" in r.message
        ]
        assert deferred  # the limit was really hit
        assert cache_matches(eng.cache, state) == []
        await eng.stop()
        eng.close()

    try:
        aloop.run_until_complete(scenario())
    finally:
        server.stop()
