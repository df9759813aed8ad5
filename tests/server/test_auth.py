"""Sign-in: wrong passwords, the failed-login slow-down, token sign-in and token expiry."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from app.net.client import Connection, LoginFailed
from app.protocol import CLOSE_AUTH_FAILED, CLOSE_TOKEN_EXPIRED
from app.server.throttle import Throttle
from tests.server.conftest import PASSWORD, live_server, run, url


async def _attempt(server, username: str, password: str) -> tuple[float, str]:  # type: ignore[no-untyped-def]
    t = time.monotonic()
    try:
        conn = await Connection.connect(url(server), username, password, "w")
    except LoginFailed as exc:
        assert exc.close_code == CLOSE_AUTH_FAILED
        return time.monotonic() - t, exc.code
    await conn.close()
    return time.monotonic() - t, "ok"


def test_repeated_failures_slow_down_that_name(tmp_path: Path) -> None:
    async def main() -> None:
        async with live_server(tmp_path / "city.db", login_delay_base=0.5) as server:
            times = [await _attempt(server, "disp1", "wrong") for _ in range(3)]
            assert [code for _, code in times] == ["auth_failed"] * 3
            # The delays come on top of the sign-in's own work (password hashing, round trip),
            # which a loaded machine stretches: lower bounds are absolute, the rest relative.
            assert times[1][0] >= 0.5 and times[2][0] >= 1.0  # 0.5 s, then 1 s ...
            assert times[0][0] < times[1][0] - 0.25  # ... and the first failure costs nothing
            assert times[1][0] < times[2][0] - 0.25
            # Even the right password waits out the delay (2 s) -- then clears it.
            slow, code = await _attempt(server, "disp1", PASSWORD)
            assert code == "ok" and slow >= 2.0
            fast, code = await _attempt(server, "disp1", PASSWORD)
            assert code == "ok" and fast < slow - 1.0
            # Another user from the same address is not slowed by disp1's failures.
            await _attempt(server, "disp2", "wrong")
            other, code = await _attempt(server, "sup", PASSWORD)
            assert code == "ok" and other < slow - 1.0
            # Unknown names fail the same way as wrong passwords.
            assert (await _attempt(server, "nobody", "x"))[1] == "auth_failed"

    run(main())


def test_throttle_doubles_and_caps() -> None:
    th = Throttle(base=1.0, cap=5.0, peer_free=5, lock_after=10)
    assert th.delay("u", "1.2.3.4") == 0
    for expected in (1.0, 2.0, 4.0, 5.0, 5.0):
        th.failed("u", "1.2.3.4")
        assert th.delay("u", "1.2.3.4") == expected
    # The name is slowed from any address (a guesser spread over many) ...
    assert th.delay("u", "5.6.7.8") == 5.0
    # ... and the address for any name, once past its free failures (5 so far: none yet).
    assert th.delay("v", "1.2.3.4") == 0
    th.failed("v", "1.2.3.4")
    assert th.delay("w", "1.2.3.4") == 1.0
    th.succeeded("u", "1.2.3.4")
    assert th.delay("u", "5.6.7.8") == 0
    assert th.delay("w", "1.2.3.4") == 1.0  # a success does not clear the address's count
    assert th.delay("", "9.9.9.9") == 0  # a token sign-in: only its address counts


def test_throttle_locks_out_a_name_at_one_address() -> None:
    th = Throttle(base=0.0, cap=0.0, lock_after=3, lock_time=60.0)
    for _ in range(2):
        th.failed("u", "1.2.3.4")
    assert th.locked("u", "1.2.3.4") == 0
    th.failed("u", "1.2.3.4")
    assert 59 < th.locked("u", "1.2.3.4") <= 60
    assert th.locked("u", "5.6.7.8") == 0  # the operator at another desk is not locked out
    assert th.locked("v", "1.2.3.4") == 0


def test_token_sign_in_and_expiry(tmp_path: Path) -> None:
    async def main() -> None:
        async with live_server(tmp_path / "city.db", token_ttl=3.0) as server:
            first = await Connection.connect(url(server), "disp1", PASSWORD, "desk-1")
            token = first.welcome.token
            assert token and first.welcome.token_expires > time.time()
            await first.close()
            again = await Connection.connect(url(server), token=token, workstation="desk-1")
            assert again.welcome.user.username == "disp1"
            assert again.welcome.token == token
            await again.close()
            assert server.store is not None
            # Only a hash of the token is stored.
            with server.store._con() as con:  # type: ignore[attr-defined]
                stored = [r[0] for r in con.execute("SELECT hash FROM tokens")]
            assert token not in stored and len(stored) == 1
            try:
                await Connection.connect(url(server), token="made-up", workstation="x")
            except LoginFailed as exc:
                assert exc.code == "auth_failed" and exc.close_code == CLOSE_AUTH_FAILED
            else:
                raise AssertionError("a made-up token was accepted")
            await asyncio.sleep(max(0.0, first.welcome.token_expires - time.time()) + 0.1)
            try:
                await Connection.connect(url(server), token=token, workstation="desk-1")
            except LoginFailed as exc:
                assert exc.code == "token_expired" and exc.close_code == CLOSE_TOKEN_EXPIRED
            else:
                raise AssertionError("an expired token was accepted")

    run(main())
