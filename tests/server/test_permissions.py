"""Roles enforced by the server, admin actions, and the audit trail of refused commands."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import pytest

from app.net.client import Connection, LoginFailed
from app.protocol import Ack, AdminResult, ErrorMsg
from tests.server.conftest import PASSWORD, create_incident, live_server, login, run, url

# Each test runs on the SQLite store and on the PostgreSQL one.
pytestmark = pytest.mark.usefixtures("both_stores")


def test_each_role_is_refused_what_it_may_not_do(tmp_path: Path) -> None:
    async def main() -> None:
        async with live_server(tmp_path / "city.db") as server:
            sup = await login(server, "sup")
            inc = await create_incident(sup)
            attempts: dict[str, tuple[str, dict[str, Any]]] = {
                "ct": ("assign_units", {"incident_id": inc, "unit_ids": ["E1"]}),
                "obs": ("add_note", {"incident_id": inc, "text": "hello"}),
                "disp1": ("suspend_deadline", {"incident_id": inc, "reason": "wait"}),
                "police_li": ("set_unit_status", {"unit_id": "E1", "status": "out_of_service"}),
                "fire_li": (
                    "create_incident",
                    {"category": "fire.structure", "lat": 37.7, "lon": -122.4},
                ),
                "admin": ("add_note", {"incident_id": inc, "text": "hello"}),
            }
            seq = server.state.seq
            for username, (type_, payload) in attempts.items():
                conn = await login(server, username)
                ans = await conn.send_command(type_, payload)
                assert isinstance(ans, ErrorMsg), (username, ans)
                assert ans.code == "forbidden", (username, ans)
                assert ans.message, username
                await conn.close()
            assert server.state.seq == seq  # nothing happened
            # ... and each role can do its own job.
            ct = await login(server, "ct")
            assert isinstance(
                await ct.send_command("add_note", {"incident_id": inc, "text": "caller again"}), Ack
            )
            li = await login(server, "fire_li")
            assert isinstance(
                await li.send_command("add_note", {"incident_id": inc, "text": "crew ready"}), Ack
            )
            for c in (sup, ct, li):
                await c.close()

    run(main())


def test_refused_commands_are_audited(tmp_path: Path) -> None:
    async def main() -> None:
        async with live_server(tmp_path / "city.db") as server:
            obs = await login(server, "obs")
            cid = str(uuid.uuid4())
            ans = await obs.send_command(
                "set_camera_status", {"camera_id": "C1", "status": "offline"}, command_id=cid
            )
            assert isinstance(ans, ErrorMsg) and ans.code == "forbidden"
            bad = await obs.send_command("no_such_command", {})
            assert isinstance(bad, ErrorMsg) and bad.code == "unknown_type"
            d = await login(server, "disp1")
            good = await d.send_command(
                "set_camera_status", {"camera_id": "C1", "status": "offline"}
            )
            assert isinstance(good, Ack)
            assert server.store is not None
            rows = [a for a in server.store.read_audit() if a.kind == "command"]
            by_id = {a.command_id: a for a in rows}
            entry = by_id[cid]
            assert (entry.username, entry.workstation, entry.command_type, entry.result) == (
                "obs",
                "ws-obs",
                "set_camera_status",
                "forbidden",
            )
            assert entry.time > 0
            assert by_id[bad.id].result == "unknown_type"
            assert by_id[good.id].result == "ok" and by_id[good.id].username == "disp1"
            logins = [a for a in server.store.read_audit() if a.kind == "login"]
            assert {a.username for a in logins} >= {"obs", "disp1"}
            await obs.close()
            await d.close()

    run(main())


def test_admin_manages_accounts_and_others_may_not(tmp_path: Path) -> None:
    async def main() -> None:
        async with live_server(tmp_path / "city.db") as server:
            admin = await login(server, "admin")
            made = await admin.admin(
                "create_user",
                {
                    "username": "newbie",
                    "password": "pw-1234567890",
                    "role": "dispatcher",
                    "display_name": "New",
                },
            )
            assert isinstance(made, AdminResult), made
            dup = await admin.admin(
                "create_user",
                {"username": "newbie", "password": "pw-1234567890", "role": "dispatcher"},
            )
            assert isinstance(dup, ErrorMsg) and dup.code == "duplicate_id"
            weak = await admin.admin(
                "create_user", {"username": "x", "password": "1", "role": "dispatcher"}
            )
            assert isinstance(weak, ErrorMsg) and weak.code == "weak_password"
            for bad in ("password1234", "xx-newbie2-xx-1", "aaaaaaaaaaaaaab"):
                ans = await admin.admin(
                    "create_user", {"username": "newbie2", "password": bad, "role": "dispatcher"}
                )
                assert isinstance(ans, ErrorMsg) and ans.code == "weak_password", bad
            listed = await admin.admin("list_users")
            assert isinstance(listed, AdminResult)
            assert {
                "username": "newbie",
                "display_name": "New",
                "role": "dispatcher",
                "agency": "",
                "disabled": False,
            } in listed.result
            newbie = await Connection.connect(url(server), "newbie", "pw-1234567890", "w")
            assert newbie.welcome.user.role == "dispatcher"
            await newbie.close()
            assert isinstance(
                await admin.admin(
                    "set_password", {"username": "newbie", "password": "other-password-9"}
                ),
                AdminResult,
            )
            assert isinstance(
                await admin.admin("disable_user", {"username": "newbie"}), AdminResult
            )
            try:
                await Connection.connect(url(server), "newbie", "other-password-9", "w")
            except LoginFailed as exc:
                assert exc.code == "disabled" and exc.close_code == 4001
            else:
                raise AssertionError("a disabled account signed in")
            d = await login(server, "disp1")
            no = await d.admin(
                "create_user", {"username": "evil", "password": PASSWORD, "role": "admin"}
            )
            assert isinstance(no, ErrorMsg) and no.code == "forbidden"
            assert server.store is not None and server.store.get_user("evil") is None
            await d.close()
            await admin.close()

    run(main())
