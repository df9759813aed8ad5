"""Catch-up after sign-in and resync, the deadline watcher, TLS, and the thread-hosted server."""

from __future__ import annotations

import asyncio
import ssl
import time
import uuid
from pathlib import Path

import pytest

from app.domain import events as ev
from app.domain.model import Incident, IncidentKind, Location, SourceChannel, StageClock, Status
from app.domain.state import CityState
from app.net.client import Connection
from app.protocol import Ack, EventsMsg, SnapshotMsg
from app.server import ServerThread
from app.server.certs import client_context, make_cert, server_context
from tests.server.conftest import (
    PASSWORD,
    create_incident,
    events_until,
    live_server,
    login,
    run,
    url,
)

# Each test runs on the SQLite store and on the PostgreSQL one.
pytestmark = pytest.mark.usefixtures("both_stores")


def test_catch_up_in_batches_and_by_snapshot(tmp_path: Path) -> None:
    async def main() -> None:
        async with live_server(tmp_path / "city.db", catchup_batch=7, snapshot_after=100) as server:
            d = await login(server, "disp1")
            start = server.state.seq
            for _ in range(20):
                await create_incident(d)
            target = server.state.seq
            # From ``start``: events in batches of 7, the last one final.
            late = await Connection.connect(url(server), "obs", PASSWORD, "w", last_seq=start)
            assert late.welcome.catch_up == "events" and late.welcome.server_seq == target
            batches: list[EventsMsg] = []
            while not batches or not batches[-1].final:
                upd = await late.next_update()
                assert isinstance(upd, EventsMsg)
                batches.append(upd)
            seqs = [e.seq for b in batches for e in b.events]
            assert seqs == list(range(start + 1, target + 1))
            assert all(len(b.events) <= 7 for b in batches) and len(batches) >= 2
            # A fresh client gets a snapshot equal to the server's state.
            fresh = await Connection.connect(url(server), "obs", PASSWORD, "w", last_seq=-1)
            snap = await fresh.next_update()
            assert isinstance(snap, SnapshotMsg) and snap.snapshot.seq == target
            mine = CityState.from_snapshot(snap.snapshot)
            assert mine.incidents == server.state.incidents and mine.units == server.state.units
            # Up to date: an empty final batch. Too far behind: a snapshot.
            same = await Connection.connect(url(server), "obs", PASSWORD, "w", last_seq=target)
            empty = await same.next_update()
            assert isinstance(empty, EventsMsg) and empty.events == [] and empty.final
            far = await Connection.connect(url(server), "obs", PASSWORD, "w", last_seq=0)
            assert far.welcome.catch_up == "events"  # target < 100 behind
            # Resync from a seq: the events after it again, then live events continue.
            await same.resync(target - 2)
            again = await same.next_update()
            assert isinstance(again, EventsMsg) and [e.seq for e in again.events] == [
                target - 1,
                target,
            ]
            ans = await d.send_command("move_unit", {"unit_id": "E1", "lat": 37.7, "lon": -122.4})
            assert isinstance(ans, Ack)
            live = await events_until(same, ans.seq)
            assert live[-1].seq == ans.seq
            for c in (d, late, fresh, same, far):
                await c.close()

    run(main())


def test_live_events_during_a_catch_up_are_neither_lost_nor_doubled(tmp_path: Path) -> None:
    async def main() -> None:
        async with live_server(tmp_path / "city.db", catchup_batch=50) as server:
            d = await login(server, "disp1")
            for i in range(300):
                await d.send_command(
                    "move_unit", {"unit_id": "E1", "lat": 37.7 + i * 1e-5, "lon": -122.4}
                )

            async def writer() -> None:
                for i in range(200):
                    await d.send_command(
                        "move_unit", {"unit_id": "E2", "lat": 37.7 + i * 1e-5, "lon": -122.4}
                    )

            task = asyncio.create_task(writer())
            readers = []
            for _ in range(5):
                readers.append(
                    await Connection.connect(url(server), "obs", PASSWORD, "w", last_seq=0)
                )
                await asyncio.sleep(0.02)
            await task
            final = server.state.seq
            for r in readers:
                seqs: list[int] = []
                while not seqs or seqs[-1] < final:
                    upd = await r.next_update()
                    assert isinstance(upd, EventsMsg)
                    seqs += [e.seq for e in upd.events]
                assert seqs == list(range(1, final + 1))
                await r.close()
            await d.close()

    run(main())


def _overdue_incident(now: float) -> Incident:
    return Incident(
        id=str(uuid.uuid4()),
        number="2026-900001",
        kind=IncidentKind.EMERGENCY,
        category="fire.structure",
        priority=1,
        status=Status.REPORTED,
        location=Location(lat=37.78, lon=-122.41, address="1 Market St"),
        source=SourceChannel.HOTLINE,
        department="fire",
        clocks={"register": StageClock(started=now - 600, due=now - 540)},  # 1 min limit, 9 late
        created_at=now - 600,
    )


def test_deadline_watcher_alerts_once_per_change(tmp_path: Path) -> None:
    async def main() -> None:
        async with live_server(tmp_path / "city.db", deadline_interval=0.2) as server:
            obs = await login(server, "obs")
            now = time.time()
            late = _overdue_incident(now)
            (seq,) = await server.inject([ev.IncidentCreated(incident=late)])
            got = await events_until(obs, seq + 1, timeout=3)
            alerts = [e for e in got if isinstance(e.body, ev.DeadlineAlert)]
            assert len(alerts) == 1
            alert = alerts[0]
            assert alert.actor == "system" and alert.body.incident_id == late.id  # type: ignore[union-attr]
            assert alert.body.stage == "register" and alert.body.overdue  # type: ignore[union-attr]
            assert alert.body.escalation == 3  # type: ignore[union-attr]  # > 50 % over
            clock = server.state.incidents[late.id].clocks["register"]
            assert clock.overdue and clock.escalation == 3
            before = server.state.seq
            await asyncio.sleep(0.6)  # more scans: nothing changed, no new alerts
            assert server.state.seq == before
            # Registered: the register clock is done and the new dispatch clock is in time.
            sup = await login(server, "sup")
            ans = await sup.send_command(
                "transition", {"incident_id": late.id, "action": "register"}
            )
            assert isinstance(ans, Ack)
            await asyncio.sleep(0.6)
            assert server.state.seq == ans.seq
            clocks = server.state.incidents[late.id].clocks
            assert clocks["register"].done is not None and not clocks["dispatch"].overdue
            await sup.close()
            await obs.close()

    run(main())


@pytest.fixture
def site_cert(tmp_path: Path) -> tuple[Path, Path]:
    return make_cert(tmp_path / "tls", "localhost")


def test_wss_with_a_site_certificate(tmp_path: Path, site_cert: tuple[Path, Path]) -> None:
    cert, key = site_cert
    assert key.stat().st_mode & 0o077 == 0

    async def main() -> None:
        async with live_server(tmp_path / "city.db", ssl=server_context(cert, key)) as server:
            ctx = client_context(cert)
            conn = await Connection.connect(
                f"wss://localhost:{server.port}", "obs", PASSWORD, "w", ssl=ctx
            )
            assert conn.welcome.user.username == "obs"
            await conn.next_update()  # the snapshot
            d = await Connection.connect(
                f"wss://localhost:{server.port}", "disp1", PASSWORD, "w", last_seq=10**9, ssl=ctx
            )
            acks = await asyncio.gather(
                *[
                    d.send_command(
                        "move_unit", {"unit_id": "E1", "lat": 37.7 + i / 1e4, "lon": -122.4}
                    )
                    for i in range(20)
                ]
            )
            assert all(isinstance(a, Ack) for a in acks)
            got = await events_until(conn, max(a.seq for a in acks if isinstance(a, Ack)))
            assert len(got) == 20
            await d.close()
            await conn.close()
            plain = ssl.create_default_context()  # does not trust the site certificate
            with pytest.raises(ssl.SSLCertVerificationError):
                await Connection.connect(
                    f"wss://localhost:{server.port}", "obs", PASSWORD, "w", ssl=plain
                )

    run(main())


def test_server_thread_embeds_the_server(tmp_path: Path) -> None:
    th = ServerThread(tmp_path / "city.db", deadline_interval=0, password_cost=0)
    th.start()
    try:
        assert th.port > 0 and th.url == f"ws://127.0.0.1:{th.port}"
        from tests.server.conftest import city_bodies

        seqs = th.call(lambda s: s.inject(city_bodies()))
        assert seqs == list(range(1, len(seqs) + 1))
        assert th.server is not None and "E1" in th.server.state.units
    finally:
        th.stop()
    assert not th._thread.is_alive()  # type: ignore[union-attr]


def test_a_client_that_stops_reading_is_dropped_and_others_keep_up(tmp_path: Path) -> None:
    from websockets.asyncio.client import connect

    from app.protocol import Hello, encode

    async def main() -> None:
        async with live_server(tmp_path / "city.db", max_lag_bytes=64 * 1024) as server:
            d = await login(server, "disp1")
            fast = await login(server, "obs")
            # A raw socket that signs in and never reads again (websockets stops reading from
            # the socket once 16 messages wait unread, so the server's buffer fills).
            slow = await connect(url(server), compression=None, max_queue=1)
            await slow.send(encode(Hello(username="disp2", password=PASSWORD)), text=True)
            await asyncio.sleep(0.3)
            assert any(s.name == "disp2" for s in server.fanout.sessions)
            picture = "x" * 60_000  # a snapshot note: the one field allowed to be this big
            last = 0
            for _ in range(80):
                note = {"text": "snap", "kind": "snapshot", "attachment": picture}
                ans = await d.send_command(
                    "add_note", {"incident_id": await create_incident(d), **note}
                )
                assert isinstance(ans, Ack)
                last = ans.seq
            got = await events_until(fast, last, timeout=20)
            assert got[-1].seq == last
            loop = asyncio.get_running_loop()
            end = loop.time() + 10
            while any(s.name == "disp2" for s in server.fanout.sessions) and loop.time() < end:
                await asyncio.sleep(0.1)
            assert not any(s.name == "disp2" for s in server.fanout.sessions)
            slow.transport.abort()
            await d.close()
            await fast.close()

    run(main())
