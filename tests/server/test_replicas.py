"""Several server replicas on one PostgreSQL database, in this process: fan-out across replicas,
decisions on the current state whichever replica takes the command, and a late replica."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from pathlib import Path

import psycopg
import pytest

from app.domain import events as ev
from app.net.client import Connection
from app.protocol import Ack, ErrorMsg
from app.server import CityServer
from app.server.pgstore import PgEventStore
from tests.server.conftest import create_incident, events_until, live_server, login, run


@contextlib.asynccontextmanager
async def replicas(tmp_path: Path, url: str, n: int) -> AsyncIterator[list[CityServer]]:
    async with contextlib.AsyncExitStack() as stack:
        servers = []
        for i in range(n):
            srv = await stack.enter_async_context(
                live_server(tmp_path / f"unused-{i}", store=PgEventStore(url))
            )
            servers.append(srv)
        yield servers


async def wait_for(pred: object, timeout: float = 10.0) -> None:
    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    while not pred():  # type: ignore[operator]
        if loop.time() > end:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(0.02)


def created(events: list[ev.Event]) -> list[str]:
    return [e.body.incident.id for e in events if isinstance(e.body, ev.IncidentCreated)]


@pytest.mark.parametrize("n", [2, 3])
def test_a_desk_on_one_replica_sees_the_others_commands_in_order(
    tmp_path: Path, pg_url: str, n: int
) -> None:
    async def main() -> None:
        async with replicas(tmp_path, pg_url, n) as servers:
            watcher = await login(servers[0], "obs")
            start = servers[0].proc.committed_seq
            writers: list[Connection] = [
                await login(srv, name)
                for srv, name in zip(servers[1:], ["disp1", "disp2"], strict=False)
            ]
            made: dict[int, list[str]] = {i: [] for i in range(len(writers))}

            async def burst(i: int) -> None:
                for _ in range(15):
                    made[i].append(await create_incident(writers[i]))

            await asyncio.gather(*(burst(i) for i in range(len(writers))))
            last = max(srv.store.last_seq() for srv in servers if srv.store is not None)
            seen = await events_until(watcher, last)
            # Gap-free, in the log's order, each once.
            assert [e.seq for e in seen] == list(range(start + 1, last + 1))
            ids = created(seen)
            for mine in made.values():  # each writer's commands in the order it sent them
                assert [i for i in ids if i in mine] == mine
            assert sorted(ids) == sorted(i for mine in made.values() for i in mine)
            # Every replica ends on the same state.
            await wait_for(lambda: all(s.proc.committed_seq == last for s in servers))
            for srv in servers[1:]:
                assert srv.state.incidents == servers[0].state.incidents
            for c in (watcher, *writers):
                await c.close()

    run(main(), timeout=120)


def test_two_dispatchers_on_two_replicas_racing_for_one_unit(tmp_path: Path, pg_url: str) -> None:
    async def main() -> None:
        async with replicas(tmp_path, pg_url, 2) as (a, b):
            d1 = await login(a, "disp1")
            d2 = await login(b, "disp2")
            for _ in range(4):
                i1 = await create_incident(d1)
                i2 = await create_incident(d2)
                r1, r2 = await asyncio.gather(
                    d1.send_command("assign_units", {"incident_id": i1, "unit_ids": ["E2"]}),
                    d2.send_command("assign_units", {"incident_id": i2, "unit_ids": ["E2"]}),
                )
                acks = [r for r in (r1, r2) if isinstance(r, Ack)]
                errs = [r for r in (r1, r2) if isinstance(r, ErrorMsg)]
                assert len(acks) == 1 and len(errs) == 1, (r1, r2)
                assert errs[0].code == "conflict"
                rel = await d1.send_command(
                    "set_unit_status", {"unit_id": "E2", "status": "available"}
                )
                assert isinstance(rel, Ack), rel
            await d1.close()
            await d2.close()

    run(main(), timeout=120)


def test_a_command_sent_again_to_another_replica_keeps_its_answer(
    tmp_path: Path, pg_url: str
) -> None:
    async def main() -> None:
        async with replicas(tmp_path, pg_url, 2) as (a, b):
            d1 = await login(a, "disp1")
            body = {
                "incident_id": "11111111-1111-1111-1111-111111111111",
                "category": "fire.structure",
                "lat": 37.78,
                "lon": -122.41,
                "address": "1 Market St",
            }
            first = await d1.send_command("create_incident", body, command_id="cmd-once")
            assert isinstance(first, Ack), first
            d1b = await login(b, "disp1")
            again = await d1b.send_command("create_incident", body, command_id="cmd-once")
            assert again == first
            assert a.store is not None
            log = a.store.read_since(0, 10_000)
            assert len([e for e in log if isinstance(e.body, ev.IncidentCreated)]) == 1
            for c in (d1, d1b):
                await c.close()

    run(main(), timeout=120)


def test_a_replica_started_later_catches_up(tmp_path: Path, pg_url: str) -> None:
    async def main() -> None:
        async with replicas(tmp_path, pg_url, 1) as (a,):
            d1 = await login(a, "disp1")
            ids = [await create_incident(d1) for _ in range(10)]
            async with live_server(tmp_path / "late", store=PgEventStore(pg_url)) as late:
                assert late.proc.committed_seq == a.proc.committed_seq
                assert set(ids) <= set(late.state.incidents)
                watcher = await login(late, "obs", last_seq=0)
                assert set(ids) <= set(
                    e.body.incident.id
                    for e in late.store.read_since(0, 10_000)  # type: ignore[union-attr]
                    if isinstance(e.body, ev.IncidentCreated)
                )
                more = await create_incident(d1)  # on A, after the late one started
                got = await events_until(watcher, a.proc.committed_seq)
                assert more in created(got)
                await wait_for(lambda: late.state.incidents == a.state.incidents)
                await watcher.close()
            await d1.close()

    run(main(), timeout=120)


def test_lost_database_connections_are_answered_and_recovered(tmp_path: Path, pg_url: str) -> None:
    async def main() -> None:
        async with replicas(tmp_path, pg_url, 2) as (a, b):
            d1 = await login(a, "disp1")
            watcher = await login(b, "obs")
            for _ in range(3):
                await create_incident(d1)
            with psycopg.connect(pg_url, autocommit=True) as con:
                con.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
            body = {
                "incident_id": "22222222-2222-2222-2222-222222222222",
                "category": "fire.structure",
                "lat": 37.78,
                "lon": -122.41,
                "address": "2 Market St",
            }
            answers = []
            for _ in range(20):  # "send it again" until stored, as the desks' outbox does
                ans = await d1.send_command("create_incident", body, command_id="after-loss")
                answers.append(ans)
                if isinstance(ans, Ack):
                    break
            assert isinstance(answers[-1], Ack), answers
            assert all(isinstance(x, Ack) or x.code == "storage_error" for x in answers)
            later = await create_incident(d1)
            assert a.store is not None
            log = a.store.read_since(0, 10_000)
            assert [e.seq for e in log] == list(range(1, len(log) + 1))
            made = created(log)
            assert made.count(str(body["incident_id"])) == 1 and later in made
            got = await events_until(watcher, log[-1].seq, timeout=10)
            assert later in created(got)
            await wait_for(lambda: b.state.incidents == a.state.incidents)
            for c in (d1, watcher):
                await c.close()

    run(main(), timeout=120)
