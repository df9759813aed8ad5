"""The protocol client (app/net/client.py) against a live server."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from app.net.client import Connection, LoginFailed
from app.protocol import CLOSE_AUTH_FAILED, Ack, ErrorMsg, EventsMsg, SnapshotMsg
from tests.server.conftest import PASSWORD, live_server, run, url


def test_client_session_from_sign_in_to_close(tmp_path: Path) -> None:
    async def main() -> None:
        async with live_server(tmp_path / "city.db") as server:
            with pytest.raises(LoginFailed) as refused:
                await Connection.connect(url(server), "disp1", "wrong-pass", "w")
            assert refused.value.code == "auth_failed"
            assert refused.value.close_code == CLOSE_AUTH_FAILED
            conn = await Connection.connect(url(server), "disp1", PASSWORD, "desk-9")
            assert conn.welcome.user.username == "disp1" and conn.welcome.catch_up == "snapshot"
            first = await conn.next_update()
            assert isinstance(first, SnapshotMsg) and conn.last_seq == first.snapshot.seq
            rtt = await conn.ping()
            assert 0 < rtt < 1
            ans = await conn.send_command(
                "move_unit", {"unit_id": "E1", "lat": 37.7, "lon": -122.4}
            )
            assert isinstance(ans, Ack) and conn.last_seq == ans.seq  # events came before the ack
            seen = []

            async def consume() -> None:
                async for upd in conn:
                    seen.append(upd)

            reader = asyncio.create_task(consume())
            await asyncio.sleep(0.05)
            await conn.close()
            await asyncio.wait_for(reader, 5)  # the iterator ends when the connection closes
            assert all(isinstance(u, EventsMsg) for u in seen)
            assert conn.closed
            with pytest.raises(ConnectionError):
                await conn.send_command("move_unit", {"unit_id": "E1", "lat": 37.7, "lon": -122.4})
            with pytest.raises(ConnectionError):
                await conn.ping()

    run(main())


def test_pending_requests_fail_when_the_server_goes_away(tmp_path: Path) -> None:
    async def main() -> None:
        async with live_server(tmp_path / "city.db") as server:
            conn = await Connection.connect(url(server), "disp1", PASSWORD, "w", last_seq=10**9)
            await conn.next_update()
        # The server stopped: the connection ends and requests say so at once.
        await conn.wait_closed(5)
        with pytest.raises(ConnectionError):
            await conn.send_command("add_note", {"incident_id": "x", "text": "y"}, timeout=5)
        with pytest.raises(ConnectionError):
            await conn.next_update(1)

    run(main())


def test_a_snapshot_bigger_than_the_client_message_limit_arrives(tmp_path: Path) -> None:
    from app.protocol import MAX_MESSAGE_BYTES
    from tests.server.conftest import create_incident, login

    async def main() -> None:
        async with live_server(tmp_path / "city.db") as server:
            d = await login(server, "disp1")
            picture = "smoke " * 100_000  # 600 kB: a snapshot note's attachment
            for _ in range(10):
                incident_id = await create_incident(d)
                note = {"incident_id": incident_id, "text": "s", "kind": "snapshot"}
                ans = await d.send_command("add_note", {**note, "attachment": picture})
                assert not isinstance(ans, ErrorMsg), ans
            conn = await Connection.connect(url(server), "obs", PASSWORD, "w")
            snap = await conn.next_update()
            assert isinstance(snap, SnapshotMsg) and len(snap.snapshot.incidents) == 10
            assert len(snap.snapshot.incidents) * 600_000 > MAX_MESSAGE_BYTES
            await conn.close()
            await d.close()

    run(main())
