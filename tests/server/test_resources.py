"""Resources under refused, unauthenticated and oversized input: what the server stores and keeps
in memory stays bounded, big fields are refused with ``too_large``, a note is written without the
incident's other notes, deep JSON is a ``bad_message``, and the connection limits hold."""

from __future__ import annotations

import asyncio
import json
import sqlite3
from pathlib import Path
from typing import Any

from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

from app.protocol import (
    CLOSE_PROTOCOL_ERROR,
    CLOSE_RATE_LIMIT,
    Ack,
    ErrorMsg,
    Hello,
    decode_server,
    encode,
)
from app.server import CityServer
from app.server.limits import AUDIT_DETAIL, AUDIT_NAME, FIELD_LIMITS, MAX_ITEMS
from tests.server.conftest import PASSWORD, create_incident, live_server, login, run, url

MB = 1024 * 1024


def _stored_bytes(db: Path) -> int:
    """Bytes of the database once its WAL is folded in (an outside connection checkpoints)."""
    with sqlite3.connect(db) as con:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        pages = con.execute("PRAGMA page_count").fetchone()[0]
        size = con.execute("PRAGMA page_size").fetchone()[0]
        free = con.execute("PRAGMA freelist_count").fetchone()[0]
    return int((pages - free) * size)


def _rss() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4096


async def _raw(server: CityServer, frames: list[str]) -> tuple[int | None, list[Any]]:
    got = []
    async with connect(url(server), compression=None, max_size=None) as ws:
        for frame in frames:
            await ws.send(frame)
        try:
            async for raw in ws:
                got.append(decode_server(raw))
        except ConnectionClosed:
            pass
        return ws.close_code, got


def test_unauthenticated_and_refused_input_stores_a_bounded_amount(tmp_path: Path) -> None:
    db = tmp_path / "city.db"

    async def main() -> None:
        async with live_server(db, login_delay_base=0.0, login_delay_cap=0.0) as server:
            conn = await login(server, "disp1")
            await create_incident(conn)
            before = _stored_bytes(db)
            huge_name = "n" * (3 * MB)
            for _ in range(5):  # 3 MB user names, never signed in
                hello = encode(Hello(username=huge_name, password="x")).decode()
                _, got = await _raw(server, [hello])
                assert got and got[0].code == "auth_failed"
            rss: list[int] = []
            for _ in range(5):  # rounds of ten refused commands with a 2 MB type
                for _ in range(10):
                    ans = await conn.send_command("x" * (2 * MB), {})
                    assert isinstance(ans, ErrorMsg) and ans.code == "unknown_type"
                    assert len(ans.message) < 200
                rss.append(_rss())
            grown = _stored_bytes(db) - before
            # 55 refused messages of 2-3 MB each: a few hundred bytes of audit each at most.
            assert grown < 64 * 1024, grown
            assert server.store is not None
            audit = server.store.read_audit(100)
            assert max(len(a.username) for a in audit) <= AUDIT_NAME
            assert max(len(a.command_type) + len(a.detail) for a in audit) <= 64 + AUDIT_DETAIL
            # Memory: no growth per round once the first has warmed the allocator up.
            assert rss[-1] - rss[1] < 16 * MB, [r // MB for r in rss]
            await conn.close()

    run(main(), timeout=120)


def test_oversized_fields_are_refused_with_their_limit(tmp_path: Path) -> None:
    async def main() -> None:
        async with live_server(tmp_path / "city.db") as server:
            conn = await login(server, "disp1")
            incident = await create_incident(conn)
            limit = FIELD_LIMITS["text"]
            ok = await conn.send_command("add_note", {"incident_id": incident, "text": "x" * limit})
            assert isinstance(ok, Ack)
            seq = server.state.seq
            cases: list[tuple[str, dict[str, Any], str]] = [
                ("add_note", {"incident_id": incident, "text": "x" * (limit + 1)}, "payload.text"),
                ("transition", {"incident_id": incident, "action": "register",
                                "reason": "r" * 5000}, "payload.reason"),
                ("assign_units", {"incident_id": incident,
                                  "unit_ids": ["E1"] * (MAX_ITEMS + 1)}, "payload.unit_ids"),
                ("add_note", {"incident_id": "i" * 1000, "text": "x"}, "payload.incident_id"),
            ]  # fmt: skip
            for ctype, payload, field in cases:
                ans = await conn.send_command(ctype, payload)
                assert isinstance(ans, ErrorMsg) and ans.code == "too_large", ans
                assert ans.details["field"] == field, ans
            assert server.state.seq == seq  # nothing happened
            await conn.close()

    run(main())


def test_a_note_is_written_without_rewriting_the_incident(tmp_path: Path) -> None:
    db = tmp_path / "city.db"

    async def main() -> None:
        async with live_server(db) as server:
            conn = await login(server, "disp1")
            incident = await create_incident(conn)
            big = {"incident_id": incident, "text": "photo", "kind": "snapshot"}
            ans = await conn.send_command("add_note", {**big, "attachment": "p" * (3 * MB)})
            assert isinstance(ans, Ack)
            _stored_bytes(db)  # empties the WAL
            for i in range(20):
                ans = await conn.send_command("add_note", {"incident_id": incident, "text": f"{i}"})
                assert isinstance(ans, Ack)
            wal = db.with_name(db.name + "-wal").stat().st_size
            # Twenty 20-byte notes: a few pages each (the whole record would be 3 MB each).
            assert wal < 1 * MB, wal
            narrative = server.state.incidents[incident].narrative
            await conn.close()
        async with live_server(db) as server:  # the notes come back in order after a restart
            assert server.state.incidents[incident].narrative == narrative

    run(main(), timeout=120)


def test_json_nested_a_thousand_deep_is_a_bad_message(tmp_path: Path) -> None:
    async def main() -> None:
        async with live_server(tmp_path / "city.db") as server:
            deep = "[" * 1000 + "]" * 1000
            cmd = f'{{"msg":"command","id":"c1","type":"add_note","payload":{{"x":{deep}}}}}'
            conn = await login(server, "disp1")
            await conn.send_text(cmd)
            err = await conn.next_update()
            assert isinstance(err, ErrorMsg) and err.code == "bad_message", err
            assert "nested" in err.message
            assert await conn.ping() < 5  # still open and answering
            # Nested 20 deep decodes, and is refused as too large for a payload.
            mid = "[" * 20 + "]" * 20
            ans = await conn.send_command("add_note", {"incident_id": "i", "x": json.loads(mid)})
            assert isinstance(ans, ErrorMsg) and ans.code == "too_large"
            await conn.close()
            # As the first message: bad_message and 1002, not 1011.
            code, got = await _raw(server, [f'{{"msg":"hello","username":{deep}}}'])
            assert code == CLOSE_PROTOCOL_ERROR and got[0].code == "bad_message"

    run(main())


def test_a_console_that_never_reads_its_catch_up_is_closed(tmp_path: Path) -> None:
    async def main() -> None:
        async with live_server(tmp_path / "city.db", heartbeat_timeout=1.0) as server:
            conn = await login(server, "disp1")
            picture = "p" * (3 * MB)
            for _ in range(5):  # a 15 MB snapshot: more than the socket buffers hold
                note = {"incident_id": await create_incident(conn), "text": "s"}
                ans = await conn.send_command("add_note", {**note, "kind": "snapshot",
                                                           "attachment": picture})  # fmt: skip
                assert isinstance(ans, Ack)
                await conn.ping()  # keeps conn alive under the short heartbeat
            stuck = await connect(url(server), compression=None, max_size=None, max_queue=1)
            await stuck.send(encode(Hello(username="disp2", password=PASSWORD)), text=True)
            loop = asyncio.get_running_loop()
            end = loop.time() + 15
            seen = False
            while loop.time() < end:
                names = [s.name for s in server.fanout.sessions]
                seen = seen or "disp2" in names
                if seen and "disp2" not in names:
                    break
                await conn.ping()
                await asyncio.sleep(0.1)
            assert seen and not any(s.name == "disp2" for s in server.fanout.sessions)
            stuck.transport.abort()
            await conn.close()

    run(main(), timeout=120)


def test_ten_times_the_rate_is_closed_after_the_abuse_limit(tmp_path: Path) -> None:
    async def main() -> None:
        settings: dict[str, Any] = dict(rate=20, burst=20, abuse_limit=50, abuse_window=10.0)
        async with live_server(tmp_path / "city.db", **settings) as server:
            conn = await login(server, "disp1")
            ping = '{"msg":"ping","t":1.0}'
            sent = 0
            try:
                for _ in range(2000):  # 200 messages/s: ten times the rate, for up to 10 s
                    await conn.send_text(ping)
                    sent += 1
                    await asyncio.sleep(0.005)
            except ConnectionError:
                pass
            assert await conn.wait_closed(5) == CLOSE_RATE_LIMIT
            refused = 0
            while not conn.updates.empty():
                upd = conn.updates.get_nowait()
                if isinstance(upd, ErrorMsg) and upd.code == "rate_limited":
                    refused += 1
            # Closed after the 51st refusal, give or take what drained meanwhile (5/s).
            assert 50 <= refused <= 50 + 5 * 10, refused
            assert sent < 2000

    run(main(), timeout=60)


def test_ten_resyncs_at_once_get_five_answers(tmp_path: Path) -> None:
    async def main() -> None:
        async with live_server(tmp_path / "city.db") as server:
            conn = await login(server, "disp2")
            for _ in range(5):  # 15 MB snapshots: more than the socket buffers hold
                note = {"incident_id": await create_incident(conn), "text": "s"}
                ans = await conn.send_command("add_note", {**note, "kind": "snapshot",
                                                           "attachment": "p" * (3 * MB)})  # fmt: skip
                assert isinstance(ans, Ack)
            await conn.close()
            # A console that asks ten times at once and reads slowly: serving the five takes
            # seconds, which must not earn it more resyncs.
            async with connect(url(server), compression=None, max_size=None, max_queue=1) as ws:
                await ws.send(encode(Hello(username="disp1", password=PASSWORD)), text=True)
                for _ in range(10):
                    await ws.send('{"msg":"resync","since":-1}')
                kinds: list[str] = []
                while len(kinds) < 12:  # welcome, its snapshot, then the ten answers
                    kinds.append(type(decode_server(await ws.recv())).__name__)
                    await asyncio.sleep(0.3)
            answers = kinds[2:]
            assert answers.count("SnapshotMsg") == 5 and answers.count("ErrorMsg") == 5, kinds

    run(main(), timeout=120)


def test_sign_in_and_answer_memory_is_bounded(tmp_path: Path) -> None:
    async def main() -> None:
        async with live_server(tmp_path / "city.db", login_delay_base=0.0) as server:
            for i in range(50):
                hello = encode(Hello(username=f"{i}" + "n" * 100_000, password="x")).decode()
                await _raw(server, [hello])
            table = server.throttle._names  # what the slow-down remembers per name
            assert len(table) == 50 and max(len(k) for k in table) <= 64
            conn = await login(server, "disp1")
            for _ in range(20):
                ans = await conn.send_command("add_note", {"incident_id": "i" * 150, "text": "x"})
                assert isinstance(ans, ErrorMsg)
            assert max(len(a) for a in server.proc._answers.values()) < 1024
            await conn.close()

    run(main())


def test_the_http_side_has_the_same_size_limits(tmp_path: Path) -> None:
    from app.domain.model import Role, User
    from tests.server.citizen_helpers import citizen_server

    async def main() -> None:
        async with citizen_server(tmp_path / "c.db") as c:
            side = c.server.http
            assert side is not None
            user = User(username="open311:test", display_name="t", role=Role.CALL_TAKER)
            seq = c.server.state.seq
            payload = {"incident_id": "i", "text": "x" * (FIELD_LIMITS["text"] + 1)}
            ans = await side.call("add_note", payload, user, "127.0.0.1", 5.0)
            assert isinstance(ans, ErrorMsg) and ans.code == "too_large", ans
            assert ans.details["field"] == "payload.text"
            assert c.server.state.seq == seq

    run(main())
