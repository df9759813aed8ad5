"""Catching up after many missed events; login failures; a dead link noticed by the heartbeat."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from websockets.asyncio.server import ServerConnection, serve

from app import protocol as p
from app.domain import commands as c
from app.domain import events as ev
from app.domain.model import NarrativeEntry
from app.sync.cache import LocalCache
from app.sync.status import LinkState
from tests.sync.checks import cache_matches
from tests.sync.citydata import DISPATCHER
from tests.sync.conftest import PASSWORD, LiveServer, make_engine


def missed_events(incident_id: str, n: int) -> list[ev.EventBody]:
    out: list[ev.EventBody] = []
    for i in range(n):
        if i % 4 == 3:
            entry = NarrativeEntry(at=1_700_000_000.0 + i, who="erin", text=f"update {i}")
            out.append(ev.NoteAdded(incident_id=incident_id, entry=entry))
        else:
            unit = f"E{1 + i % 5}"
            lat = 37.70 + (i % 1000) / 10_000
            out.append(ev.UnitMoved(unit_id=unit, lat=lat, lon=-122.45, heading=i % 360, at=i))
    return out


def test_catch_up_after_ten_thousand_missed_events(
    aloop: asyncio.AbstractEventLoop, server: LiveServer, tmp_path: Path
) -> None:
    async def scenario() -> None:
        eng = make_engine(server.url, "ws1", tmp_path / "c.sqlite")
        eng.start("dana", PASSWORD)
        await eng.wait_until(eng.synced)
        eng.submit(
            c.CreateIncident(category="fire.structure", lat=37.77, lon=-122.41, address="1 Main"),
        )
        await eng.wait_until(eng.synced)
        incident_id = next(iter(eng.confirmed.incidents))
        await eng.stop()
        seq_before = eng.confirmed.seq
        server.inject(missed_events(incident_id, 10_000))
        assert server.state.seq == seq_before + 10_000

        signals: list[str] = []
        eng.store.unitsChanged.connect(lambda ids: signals.append("units"))
        eng.store.incidentsChanged.connect(lambda ids: signals.append("incidents"))
        eng.store.stateReset.connect(lambda: signals.append("reset"))
        eng.start()
        await eng.wait_until(eng.synced, timeout=30)
        how, count, seconds = eng.last_catch_up
        assert (how, count) == ("events", 10_000)
        assert seconds < 10
        assert eng.confirmed.seq == server.state.seq
        # One coarse update for the whole catch-up, not one per event.
        assert signals.count("units") == 1 and signals.count("incidents") == 1
        assert "reset" not in signals
        view = eng.store.state
        notes = [e for e in view.incidents[incident_id].narrative if e.kind == "note"]
        assert len(notes) == 2_500 and notes[-1].text == "update 9999"
        assert view.units["E5"].lat == server.state.units["E5"].lat
        assert cache_matches(eng.cache, server.state) == []
        await eng.stop()
        eng.close()

    aloop.run_until_complete(scenario())


def test_wrong_password_stops_and_says_so(
    aloop: asyncio.AbstractEventLoop, server: LiveServer, tmp_path: Path
) -> None:
    failures: list[tuple[str, str]] = []

    async def scenario() -> None:
        eng = make_engine(server.url, "ws1", tmp_path / "c.sqlite")
        eng.loginFailed.connect(lambda code, msg: failures.append((code, msg)))
        eng.start("dana", "not-the-password")
        await eng.wait_until(lambda: bool(failures), timeout=10)
        assert failures[0][0] == "auth_failed"
        assert eng.status.state == LinkState.OFFLINE and "login refused" in eng.status.detail
        # Nothing works without a signed-in user, and the refusal says why.
        refused: list[tuple[str, str, str]] = []
        eng.store.refusals.changed.connect(
            lambda r: refused.append((r.incident_id, r.code, r.message)) if r else None
        )
        eng.submit(c.MoveUnit(unit_id="E1", lat=37.7, lon=-122.4))
        assert refused[0][1] == "not_signed_in" and len(eng.outbox) == 0
        await eng.stop()
        eng.close()

    aloop.run_until_complete(scenario())


def test_a_refused_token_falls_back_to_the_password(
    aloop: asyncio.AbstractEventLoop, server: LiveServer, tmp_path: Path
) -> None:
    path = tmp_path / "c.sqlite"
    cache = LocalCache(path)
    cache.save_session(DISPATCHER, "token-the-server-never-issued", time.time() + 3600)
    cache.close()

    async def scenario() -> None:
        eng = make_engine(server.url, "ws1", path)
        eng.start("dana", PASSWORD)
        await eng.wait_until(eng.synced, timeout=10)
        assert eng.user is not None and eng.user.username == "dana"
        _, token, _ = eng.cache.load_session()
        assert token and token != "token-the-server-never-issued"
        await eng.stop()
        eng.close()

    aloop.run_until_complete(scenario())


def test_a_silent_server_is_declared_dead_within_seconds(
    aloop: asyncio.AbstractEventLoop, tmp_path: Path
) -> None:
    """A server that signs in and then stops answering (no close, no pongs): a hung link."""
    hellos: list[p.Hello] = []

    async def hung(ws: ServerConnection) -> None:
        msg = p.decode_client(await ws.recv())
        assert isinstance(msg, p.Hello)
        hellos.append(msg)
        welcome = p.Welcome(
            user=DISPATCHER,
            token="t",
            token_expires=time.time() + 3600,
            server_seq=0,
            server_time=time.time(),
            catch_up="events",
        )
        await ws.send(p.encode(welcome), text=True)
        await ws.send(p.encode(p.EventsMsg(events=[], final=True)), text=True)
        await ws.wait_closed()  # never answers again (until the client gives up)

    async def scenario() -> None:
        async with serve(hung, "127.0.0.1", 0, compression=None) as srv:
            port = srv.sockets[0].getsockname()[1]
            eng = make_engine(f"ws://127.0.0.1:{port}", "ws1", tmp_path / "c.sqlite",
                              ping_interval=0.2, dead_after=1.0)  # fmt: skip
            eng.start("dana", PASSWORD)
            await eng.wait_until(lambda: eng.status.state == LinkState.ONLINE, timeout=5)
            up = time.monotonic()
            await eng.wait_until(lambda: eng.status.state != LinkState.ONLINE, timeout=5)
            assert time.monotonic() - up < 3.0  # dead_after is 1 s here (6 s by default)
            assert "no answer from the server" in eng.status.detail or len(hellos) > 1
            await eng.wait_until(lambda: len(hellos) >= 2, timeout=5)  # and it reconnects
            await eng.stop()
            eng.close()

    aloop.run_until_complete(scenario())
