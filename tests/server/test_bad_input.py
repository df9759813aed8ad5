"""Bad input: clear errors on a usable connection, proper close codes for protocol violations,
rate limits, heartbeats, and a fuzz run that must leave the server answering."""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import ClientConnection as SyncConnection
from websockets.sync.client import connect as sync_connect

from app.protocol import (
    CLOSE_HEARTBEAT,
    CLOSE_POLICY,
    CLOSE_PROTOCOL_ERROR,
    CLOSE_RATE_LIMIT,
    Ack,
    ErrorMsg,
    Hello,
    Pong,
    decode_server,
    encode,
)
from app.server import ServerThread
from app.server.auth import make_user_record
from app.server.session import CLOSE_UNSUPPORTED
from tests.server.conftest import CHEAP, PASSWORD, city_bodies, live_server, login, run, url


async def _closed_with(server: Any, frames: list[str | bytes]) -> tuple[int | None, list[Any]]:
    """Open a raw socket, send ``frames``; return the close code and the messages received."""
    got = []
    async with connect(url(server), compression=None) as ws:
        for f in frames:
            await ws.send(f)
        try:
            async for raw in ws:
                got.append(decode_server(raw))
        except ConnectionClosed:
            pass
        return ws.close_code, got


def test_protocol_violations_close_with_the_right_code(tmp_path: Path) -> None:
    async def main() -> None:
        async with live_server(tmp_path / "city.db") as server:
            hello = encode(Hello(username="disp1", password=PASSWORD)).decode()
            code, got = await _closed_with(server, ['{"msg":"ping","t":1}'])
            assert code == CLOSE_POLICY and got[0].code == "not_signed_in"
            code, got = await _closed_with(server, [b"\x00\xff garbage"])
            assert code == CLOSE_UNSUPPORTED
            code, got = await _closed_with(server, ["{not json"])
            assert code == CLOSE_PROTOCOL_ERROR and got[0].code == "bad_message"
            old = json.dumps(
                {"msg": "hello", "protocol": 99, "username": "disp1", "password": PASSWORD}
            )
            code, got = await _closed_with(server, [old])
            assert code == CLOSE_PROTOCOL_ERROR and got[0].code == "protocol_version"
            assert "99" in got[0].message
            # Binary garbage after sign-in closes too.
            code, got = await _closed_with(server, [hello, b"\x89PNG"])
            assert code == CLOSE_UNSUPPORTED

    run(main())


def test_bad_messages_get_errors_and_the_connection_stays_usable(tmp_path: Path) -> None:
    async def main() -> None:
        async with live_server(tmp_path / "city.db") as server:
            conn = await login(server, "disp1")
            for junk in ["{oops", "[]", '{"msg":"teleport"}', '{"msg":"command","id":"x"}', "42"]:
                await conn.send_text(junk)
                err = await conn.next_update()
                assert isinstance(err, ErrorMsg) and err.code == "bad_message", (junk, err)
                assert err.message
            cases: list[tuple[str, dict[str, Any], str]] = [
                ("no_such_type", {}, "unknown_type"),
                ("add_note", {"incident_id": 7}, "invalid_payload"),
                ("add_note", {"incident_id": "nope", "text": "hi"}, "unknown_id"),
                ("assign_units", {"incident_id": "nope", "unit_ids": ["E1"]}, "unknown_id"),
                ("move_unit", {"unit_id": "E1", "lat": 123.0, "lon": 0.0}, "invalid_payload"),
                ("set_unit_status", {"unit_id": "E1", "status": "flying"}, "invalid_payload"),
            ]
            for type_, payload, code in cases:
                ans = await conn.send_command(type_, payload)
                assert isinstance(ans, ErrorMsg) and ans.code == code, (type_, ans)
            empty = await conn.send_command("add_note", {}, command_id="")
            assert isinstance(empty, ErrorMsg) and empty.code == "invalid_payload"
            ok = await conn.send_command("move_unit", {"unit_id": "E1", "lat": 37.7, "lon": -122.4})
            assert isinstance(ok, Ack)
            assert await conn.ping() < 1.0
            await conn.close()

    run(main())


def test_rate_limit_then_close_on_abuse(tmp_path: Path) -> None:
    async def main() -> None:
        async with live_server(tmp_path / "city.db", rate=2, burst=10, abuse_limit=30) as server:
            conn = await login(server, "disp1")
            ping = b'{"msg":"ping","t":1.0}'
            for _ in range(15):
                await conn.send_text(ping.decode())
            limited = 0
            while limited < 4:  # the burst (10) passed, then refusals (pongs go elsewhere)
                upd = await asyncio.wait_for(conn.updates.get(), 5)
                assert isinstance(upd, ErrorMsg) and upd.code == "rate_limited", upd
                limited += 1
            await asyncio.sleep(0.6)  # the bucket refills (2/s): usable again
            assert await conn.ping() < 1.0
            for _ in range(200):
                await conn.send_text(ping.decode())
            assert await conn.wait_closed() == CLOSE_RATE_LIMIT

    run(main())


def test_silent_client_is_closed_by_the_heartbeat(tmp_path: Path) -> None:
    async def main() -> None:
        async with live_server(tmp_path / "city.db", heartbeat_timeout=0.8) as server:
            quiet = await login(server, "disp1")
            chatty = await login(server, "disp2")
            t = time.monotonic()
            while time.monotonic() - t < 2.0:
                await chatty.ping()
                await asyncio.sleep(0.2)
            assert await quiet.wait_closed(3) == CLOSE_HEARTBEAT
            assert not chatty.closed
            await chatty.close()

    run(main())


def test_oversized_message_closes_1009(tmp_path: Path) -> None:
    async def main() -> None:
        async with live_server(tmp_path / "city.db") as server:
            conn = await login(server, "disp1")
            big = json.dumps({"msg": "ping", "t": 1, "pad": "x" * (5 * 1024 * 1024)})
            await conn.send_text(big)
            assert await conn.wait_closed() == 1009

    run(main())


# --- fuzzing a live server ----------------------------------------------------------------------
@pytest.fixture(scope="module")
def fuzz_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerThread]:
    db = tmp_path_factory.mktemp("fuzz") / "city.db"
    st_ = ServerThread(db, deadline_interval=0, rate=100_000, burst=100_000, password_cost=0)
    st_.start()
    assert st_.server is not None and st_.server.store is not None
    st_.server.store.put_user(make_user_record("fz", PASSWORD, "supervisor", cost=CHEAP))
    st_.call(lambda s: s.inject(city_bodies()))
    yield st_
    st_.stop()


class _Fuzzer:
    def __init__(self, port: int) -> None:
        self.port = port
        self.ws: SyncConnection | None = None
        self.stack = contextlib.ExitStack()

    def conn(self) -> SyncConnection:
        if self.ws is None:
            ws = self.stack.enter_context(
                sync_connect(f"ws://127.0.0.1:{self.port}", compression=None)
            )
            ws.send(encode(Hello(username="fz", password=PASSWORD, last_seq=10**9)).decode())
            assert type(decode_server(ws.recv(5))).__name__ == "Welcome"
            self.ws = ws
        return self.ws

    def roundtrip(self, frame: str | bytes) -> None:
        ws = self.conn()
        try:
            ws.send(frame)
            t = time.monotonic()
            ws.send(json.dumps({"msg": "ping", "t": t}))
            while True:  # skip errors/events until our pong
                msg = decode_server(ws.recv(5))
                if isinstance(msg, Pong) and msg.t == t:
                    return
        except ConnectionClosed:
            code = ws.close_code
            self.ws = None
            assert code in (CLOSE_UNSUPPORTED, 1009, CLOSE_RATE_LIMIT), code


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=12,
)
command_types = st.sampled_from(
    [
        "create_incident",
        "assign_units",
        "add_note",
        "transition",
        "move_unit",
        "merge_incidents",
        "answer_linkage",
        "x",
    ]
)
near_valid = st.fixed_dictionaries(
    {
        "msg": st.sampled_from(["command", "admin", "resync", "hello", "ping", "events"]),
        "id": st.text(max_size=40) | st.integers(),
        "type": command_types,
        "payload": st.dictionaries(
            st.sampled_from(
                [
                    "incident_id",
                    "unit_ids",
                    "lat",
                    "lon",
                    "category",
                    "text",
                    "action",
                    "unit_id",
                    "status",
                ]
            ),
            json_values,
            max_size=5,
        ),
        "since": st.integers(-5, 10**12),
    }
).map(lambda d: json.dumps(d, allow_nan=False))
frames = st.one_of(
    st.binary(max_size=64),
    st.text(max_size=200),
    json_values.map(json.dumps),
    near_valid,
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(frame=frames)
def test_fuzzed_input_never_breaks_the_server(
    fuzz_server: ServerThread, frame: str | bytes
) -> None:
    fuzzer = _FUZZERS.setdefault(fuzz_server.port, _Fuzzer(fuzz_server.port))
    fuzzer.roundtrip(frame)


_FUZZERS: dict[int, _Fuzzer] = {}


def test_server_still_answers_after_fuzzing(fuzz_server: ServerThread) -> None:
    with sync_connect(f"ws://127.0.0.1:{fuzz_server.port}", compression=None) as ws:
        _answer_after_fuzz(ws)


def _answer_after_fuzz(ws: SyncConnection) -> None:
    ws.send(encode(Hello(username="fz", password=PASSWORD, last_seq=10**9)).decode())
    decode_server(ws.recv(5))
    cid = str(uuid.uuid4())
    cmd = {
        "msg": "command",
        "id": cid,
        "type": "move_unit",
        "payload": {"unit_id": "E1", "lat": 37.7, "lon": -122.4},
    }
    ws.send(json.dumps(cmd))
    while True:
        msg = decode_server(ws.recv(5))
        if isinstance(msg, (Ack, ErrorMsg)) and msg.id == cid:
            break
    assert isinstance(msg, Ack), msg


def test_resync_storms_are_limited(tmp_path: Path) -> None:
    async def main() -> None:
        async with live_server(tmp_path / "city.db") as server:
            conn = await login(server, "disp1")
            for _ in range(8):
                await conn.resync(-1)
            kinds = [type(await conn.next_update()).__name__ for _ in range(8)]
            assert kinds.count("SnapshotMsg") == 5 and kinds.count("ErrorMsg") == 3
            assert await conn.ping() < 1.0
            await conn.close()

    run(main())
