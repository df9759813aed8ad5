"""Workstations on server replicas sharing one PostgreSQL database: a replica killed with
SIGKILL in the middle of a burst, desks failing over to another replica and catching up."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.domain import events as ev
from app.domain.commands import parse_payload
from app.domain.model import Role
from app.server.auth import make_user_record
from app.server.pgstore import PgEventStore
from app.server.thread import ServerThread
from tests.pg import ReplicaProcess
from tests.sync.checks import cache_matches, same_rows
from tests.sync.citydata import reference_events
from tests.sync.conftest import PASSWORD, make_engine

CREATE: dict[str, Any] = {
    "category": "fire.structure",
    "lat": 37.77,
    "lon": -122.41,
    "address": "1 Market St",
}


@pytest.fixture
def replica_a(pg_url: str) -> Iterator[ServerThread]:
    """Replica A in this process (a thread), with the accounts and the reference data."""
    store = PgEventStore(pg_url)
    for name in ("dana", "erin"):
        store.put_user(make_user_record(name, PASSWORD, Role.DISPATCHER, display_name=name))
    store.close()
    a = ServerThread("", store=PgEventStore(pg_url), deadline_interval=0)
    a.start()
    a.call(lambda s: s.inject([e.body for e in reference_events()]))
    yield a
    a.stop()


def descriptions(a: ServerThread) -> Counter[str]:
    assert a.server is not None and a.server.store is not None
    log = a.server.store.read_since(0, 1_000_000)
    return Counter(
        e.body.incident.description for e in log if isinstance(e.body, ev.IncidentCreated)
    )


def test_kill_9_of_a_replica_mid_burst_loses_and_doubles_nothing(
    aloop: asyncio.AbstractEventLoop, replica_a: ServerThread, pg_url: str, tmp_path: Path
) -> None:
    b = ReplicaProcess(pg_url, tmp_path / "replica-b.log")
    b.start()
    a = replica_a

    async def scenario() -> None:
        on_b = make_engine(f"{b.url},{a.url}", "wsB", tmp_path / "b.sqlite")
        on_a = make_engine(f"{a.url},{b.url}", "wsA", tmp_path / "a.sqlite")
        on_b.start("dana", PASSWORD)
        on_a.start("erin", PASSWORD)
        await on_b.wait_until(on_b.synced)
        await on_a.wait_until(on_a.synced)
        assert on_b.url == b.url
        for n in range(60):
            on_b.submit(parse_payload("create_incident", {**CREATE, "description": f"b{n}"}))
        for n in range(30):
            on_a.submit(parse_payload("create_incident", {**CREATE, "description": f"a{n}"}))
        await on_b.wait_until(lambda: len(on_b.outbox) <= 40, timeout=30)
        b.kill()  # mid-burst: some of B's commands acknowledged, one perhaps mid-commit
        acked_before = sum(1 for d in descriptions(a) if d.startswith("b"))
        assert 0 < acked_before < 60
        await on_b.wait_until(lambda: on_b.url == a.url and on_b.synced(), timeout=60)
        await on_a.wait_until(on_a.synced, timeout=60)
        assert a.server is not None
        server = a.server
        await on_b.wait_until(lambda: on_b.confirmed.seq == server.state.seq, timeout=30)
        await on_a.wait_until(lambda: on_a.confirmed.seq == server.state.seq, timeout=30)
        counts = descriptions(a)
        # Every command exactly once: the acknowledged ones and the ones re-sent after failover.
        assert counts == Counter([f"b{n}" for n in range(60)] + [f"a{n}" for n in range(30)])
        log = server.store.read_since(0, 1_000_000)  # type: ignore[union-attr]
        assert [e.seq for e in log] == list(range(1, len(log) + 1))
        # Every workstation ends with the same state, the server's.
        assert cache_matches(on_b.cache, server.state) == []
        assert same_rows(on_a.cache, on_b.cache) == []
        assert on_a.store.state.incidents == on_b.store.state.incidents
        for eng in (on_a, on_b):
            await eng.stop()
            eng.close()

    try:
        aloop.run_until_complete(scenario())
    finally:
        b.stop()


def test_a_desk_fails_over_and_back_catching_up_from_its_position(
    aloop: asyncio.AbstractEventLoop, replica_a: ServerThread, pg_url: str, tmp_path: Path
) -> None:
    b = ReplicaProcess(pg_url, tmp_path / "replica-b.log")
    b.start()
    a = replica_a

    async def scenario() -> None:
        desk = make_engine(f"{b.url},{a.url}", "wsB", tmp_path / "b.sqlite")
        other = make_engine(a.url, "wsA", tmp_path / "a.sqlite")
        desk.start("dana", PASSWORD)
        other.start("erin", PASSWORD)
        await desk.wait_until(desk.synced)
        await other.wait_until(other.synced)
        for n in range(5):
            other.submit(parse_payload("create_incident", {**CREATE, "description": f"x{n}"}))
        await other.wait_until(other.synced)
        assert a.server is not None
        server = a.server
        await desk.wait_until(lambda: desk.confirmed.seq == server.state.seq)
        b.kill()
        await desk.wait_until(lambda: desk.url == a.url and desk.synced(), timeout=30)
        # Caught up from its last position (nothing missed here), not from a snapshot.
        assert desk.last_catch_up[0] in ("none", "events"), desk.last_catch_up
        for n in range(5):
            other.submit(parse_payload("create_incident", {**CREATE, "description": f"y{n}"}))
        await other.wait_until(other.synced)
        await desk.wait_until(lambda: desk.confirmed.seq == server.state.seq, timeout=30)
        assert cache_matches(desk.cache, server.state) == []
        for eng in (desk, other):
            await eng.stop()
            eng.close()

    try:
        aloop.run_until_complete(scenario())
    finally:
        b.stop()
