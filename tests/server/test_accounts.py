"""Accounts and sessions under careless and hostile clients: answers scoped to the account, user
names in one normal form, sessions that end when the account is disabled or its password changes,
sign-out, and the serialised sign-in slow-down with its lockout."""

from __future__ import annotations

import asyncio
import time
import uuid
from pathlib import Path
from typing import Any

import pytest

from app.net.client import Connection, LoginFailed
from app.protocol import CLOSE_AUTH_FAILED, CLOSE_SESSION_ENDED, Ack, AdminResult, ErrorMsg
from tests.server.conftest import FIRE, PASSWORD, live_server, login, run, url

# Each test runs on the SQLite store and on the PostgreSQL one.
pytestmark = pytest.mark.usefixtures("both_stores")


async def _admin(conn: Connection, action: str, **payload: Any) -> AdminResult | ErrorMsg:
    ans = await conn.admin(action, payload)
    assert isinstance(ans, (AdminResult, ErrorMsg)), ans
    return ans


async def _refused(server: Any, **kw: Any) -> LoginFailed:
    try:
        conn = await Connection.connect(url(server), **kw)
    except LoginFailed as exc:
        return exc
    await conn.close()
    raise AssertionError(f"sign-in {kw} was accepted")


def test_a_command_id_answers_only_the_account_that_sent_it(tmp_path: Path) -> None:
    async def main() -> None:
        async with live_server(tmp_path / "city.db") as server:
            disp, obs, other = [await login(server, n) for n in ("disp1", "obs", "disp2")]
            cid = str(uuid.uuid4())
            payload = {"incident_id": str(uuid.uuid4()), "category": FIRE, "lat": 37.78,
                       "lon": -122.41, "address": "1 Market St"}  # fmt: skip
            first = await disp.send_command("create_incident", payload, command_id=cid)
            assert isinstance(first, Ack)
            # An observer re-sending the id gets its own answer: forbidden, not the dispatcher's.
            stolen = await obs.send_command("create_incident", payload, command_id=cid)
            assert isinstance(stolen, ErrorMsg) and stolen.code == "forbidden", stolen
            # Another dispatcher's command with the same id is decided on its own.
            again = {**payload, "incident_id": str(uuid.uuid4())}
            theirs = await other.send_command("create_incident", again, command_id=cid)
            assert isinstance(theirs, Ack) and theirs.seq > first.seq
            # The sender's re-send still gets the original answer.
            assert await disp.send_command("create_incident", payload, command_id=cid) == first
            for conn in (disp, obs, other):
                await conn.close()

    run(main())


def test_user_names_have_one_normal_form_and_no_look_alikes(tmp_path: Path) -> None:
    async def main() -> None:
        async with live_server(tmp_path / "city.db") as server:
            admin = await login(server, "admin")
            made = dict(password="initial-pass", role="observer")
            # A leading space names the existing account: refused, nothing overwritten.
            ans = await _admin(admin, "create_user", username=" sup", **made)
            assert isinstance(ans, ErrorMsg) and ans.code == "duplicate_id", ans
            assert server.store is not None
            rec = server.store.get_user("sup")
            assert rec is not None and rec.role == "supervisor"
            # Look-alikes of existing accounts: dotless i, Cyrillic a, capitals, NFD accents.
            for twin in ("admın", "аdmin", "ADMIN", "Sup", "disp1\u0301", "disp١"):
                ans = await _admin(admin, "create_user", username=twin, **made)
                assert isinstance(ans, ErrorMsg), twin
                assert ans.code in ("duplicate_id", "invalid_payload"), (twin, ans)
            # Invisible and control characters are refused outright.
            for bad in ("ad\u200bmin2", "lee\u00ad", "bidi\u202e", "tab\tname", "", " " * 3):
                ans = await _admin(admin, "create_user", username=bad, **made)
                assert isinstance(ans, ErrorMsg) and ans.code == "invalid_payload", (bad, ans)
            # Compatibility forms fold: full-width "ｌｅｅ" is "lee", and signs in as such.
            ans = await _admin(admin, "create_user", username="ｌｅｅ", **made)
            assert isinstance(ans, AdminResult) and ans.result == {"username": "lee"}
            for typed in ("lee", " lee ", "ｌｅｅ"):
                conn = await Connection.connect(url(server), typed, "initial-pass", "w")
                assert conn.welcome.user.username == "lee"
                await conn.close()
            names = [r.username for r in server.store.list_users()]
            assert len(names) == len(set(names)) and "lee" in names
            await admin.close()

    run(main())


def test_disabling_or_a_new_password_ends_sessions_and_tokens(tmp_path: Path) -> None:
    async def main() -> None:
        async with live_server(tmp_path / "city.db") as server:
            admin = await login(server, "admin")
            disp = await login(server, "disp1")
            token = disp.welcome.token
            ans = await _admin(admin, "disable_user", username="disp1")
            assert isinstance(ans, AdminResult)
            assert await disp.wait_closed(5) == CLOSE_SESSION_ENDED
            refused = await _refused(server, token=token, workstation="w")
            assert refused.code == "auth_failed" and refused.close_code == CLOSE_AUTH_FAILED
            assert isinstance(await _admin(admin, "enable_user", username="disp1"), AdminResult)
            assert (await _refused(server, token=token, workstation="w")).code == "auth_failed"
            # A new password: the old sessions and tokens end, the new password works.
            disp2 = await login(server, "disp2")
            ans = await _admin(admin, "set_password", username="disp2", password="fresh-pass-2")
            assert isinstance(ans, AdminResult)
            assert await disp2.wait_closed(5) == CLOSE_SESSION_ENDED
            old = disp2.welcome.token
            assert (await _refused(server, token=old, workstation="w")).code == "auth_failed"
            again = await Connection.connect(url(server), "disp2", "fresh-pass-2", "w")
            assert again.welcome.user.username == "disp2"
            # The admin's own session goes on.
            assert await admin.ping() < 5
            for conn in (again, admin):
                await conn.close()

    run(main())


def test_sign_out_revokes_the_token(tmp_path: Path) -> None:
    async def main() -> None:
        async with live_server(tmp_path / "city.db") as server:
            conn = await login(server, "disp1")
            token = conn.welcome.token
            kept = await Connection.connect(url(server), token=token, workstation="w")
            await kept.close()  # the token works until signed out
            assert await conn.sign_out() == 1000
            refused = await _refused(server, token=token, workstation="w")
            assert refused.code == "auth_failed"
            assert server.store is not None
            kinds = [(a.kind, a.username) for a in server.store.read_audit()]
            assert ("logout", "disp1") in kinds

    run(main())


def test_parallel_guesses_wait_one_after_the_other_then_lock_out(tmp_path: Path) -> None:
    async def main() -> None:
        settings: dict[str, Any] = dict(
            login_delay_base=0.1, login_delay_cap=0.4, login_lock_after=6
        )
        async with live_server(tmp_path / "city.db", **settings) as server:

            async def guess(name: str, password: str = "wrong") -> str:
                try:
                    conn = await Connection.connect(url(server), name, password, "w")
                except LoginFailed as exc:
                    return exc.code
                await conn.close()
                return "ok"

            t = time.monotonic()
            codes = await asyncio.gather(*(guess("disp1") for _ in range(5)))
            took = time.monotonic() - t
            assert codes == ["auth_failed"] * 5
            # Serialised: 0 + 0.1 + 0.2 + 0.4 + 0.4 s of waits one after the other (in parallel
            # they would all have waited nothing).
            assert took >= 1.1, took
            # The sixth failure locks disp1 out from this address: the right password is refused.
            assert await guess("disp1") == "auth_failed"
            assert await guess("disp1", PASSWORD) == "locked_out"
            # Spraying other names from the same address is slowed too (6 failures so far, 5
            # free: 0.1 s, then 0.2 s ...).
            waits = []
            for name in ("nobody-1", "nobody-2"):
                t = time.monotonic()
                assert await guess(name) == "auth_failed"
                waits.append(time.monotonic() - t)
            assert waits[0] >= 0.1 and waits[1] >= 0.2, waits
            # Another account from this address still signs in (after the address's wait).
            assert await guess("disp2", PASSWORD) == "ok"

    run(main())


def test_a_name_is_slowed_from_every_address(tmp_path: Path) -> None:
    """Guesses at one name spread over several addresses share the name's slow-down."""
    from websockets.asyncio.client import connect

    from app.protocol import Hello, decode_server, encode

    async def main() -> None:
        settings: dict[str, Any] = dict(login_delay_base=0.3, login_delay_cap=5.0)
        async with live_server(tmp_path / "city.db", **settings) as server:

            async def guess(source: str) -> tuple[float, str]:
                t = time.monotonic()
                async with connect(url(server), local_addr=(source, 0)) as ws:
                    await ws.send(encode(Hello(username="disp1", password="wrong")).decode())
                    answer = decode_server(await ws.recv())
                return time.monotonic() - t, getattr(answer, "code", "")

            took = [await guess(f"127.0.0.{n}") for n in (2, 3, 4, 5)]
            assert [code for _, code in took] == ["auth_failed"] * 4
            # 0, 0.3, 0.6, 1.2 s although each address failed only once.
            assert took[2][0] >= 0.6 and took[3][0] >= 1.2, took
            assert server.throttle.delay("sup", "127.0.0.6") == 0  # other names are not slowed

    run(main())


def test_an_old_cheap_hash_is_upgraded_at_the_next_sign_in(tmp_path: Path) -> None:
    """Hashes made at a lower scrypt cost are raised to the server's cost (2^17 by default) when
    the account signs in, and the password keeps working."""
    from app.server.auth import SCRYPT_N, hash_cost

    async def main() -> None:
        async with live_server(tmp_path / "city.db", password_cost=SCRYPT_N) as server:
            assert server.store is not None
            before = server.store.get_user("disp1")
            assert before is not None and hash_cost(before.hash) < SCRYPT_N
            conn = await login(server, "disp1")
            await conn.close()
            after = server.store.get_user("disp1")
            assert after is not None and hash_cost(after.hash) == SCRYPT_N
            again = await login(server, "disp1")  # the new hash checks the same password
            await again.close()

    run(main())
