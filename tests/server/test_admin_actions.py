"""The administration window's actions through the protocol: force sign-out of an account, the
city's resources as commands, Open311 keys; each refused for non-admins and audited."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path
from typing import Any

import pytest

from app.net.client import Connection, LoginFailed
from app.protocol import CLOSE_SESSION_ENDED, Ack, AdminResult, ErrorMsg, SnapshotMsg
from app.server.audit_cli import main as audit_main
from app.server.http.cli import api_key_main
from tests.server import conftest as server_conftest
from tests.server.conftest import PASSWORD, live_server, login, run, url

pytestmark = pytest.mark.usefixtures("both_stores")


def _audit(server: Any) -> list[tuple[str, str, str, str]]:
    assert server.store is not None
    return [(a.username, a.kind, a.command_type, a.result) for a in server.store.read_audit()]


def test_force_sign_out_ends_every_session_of_the_account(tmp_path: Path) -> None:
    async def main() -> None:
        async with live_server(tmp_path / "city.db") as server:
            admin = await login(server, "admin")
            desk1 = await login(server, "disp1")
            desk2 = await login(server, "disp1")
            other = await login(server, "disp2")
            token = desk1.welcome.token
            sup = await login(server, "sup")
            refused = await sup.admin("end_sessions", {"username": "disp1"})
            assert isinstance(refused, ErrorMsg) and refused.code == "forbidden"
            own = await admin.admin("end_sessions", {"username": "admin"})
            assert isinstance(own, ErrorMsg) and own.code == "invalid_payload"
            ans = await admin.admin("end_sessions", {"username": "disp1"})
            assert isinstance(ans, AdminResult), ans
            assert await desk1.wait_closed(5) == CLOSE_SESSION_ENDED
            assert await desk2.wait_closed(5) == CLOSE_SESSION_ENDED
            assert "signed out by the administrator" in (desk1.ws.close_reason or "")
            with pytest.raises(LoginFailed) as info:
                await Connection.connect(url(server), token=token, workstation="w")
            assert info.value.code == "auth_failed"
            # The password still signs in (unlike disabling); other accounts go on.
            again = await Connection.connect(url(server), "disp1", PASSWORD, "w")
            assert await other.ping() < 5
            rows = _audit(server)
            assert ("admin", "admin", "end_sessions", "ok") in rows
            assert ("sup", "admin", "end_sessions", "forbidden") in rows
            for conn in (again, other, sup, admin):
                await conn.close()

    run(main())


def test_resources_are_commands_for_the_administrator_only(tmp_path: Path) -> None:
    db = tmp_path / "city.db"

    async def main() -> None:
        async with live_server(db) as server:
            admin = await login(server, "admin")
            disp = await login(server, "disp1")
            sup = await login(server, "sup")
            for conn, code in ((disp, "forbidden"), (sup, "forbidden")):
                ans = await conn.send_command(
                    "upsert_agency", {"agency_id": "parks", "name": "Parks", "color": "#4ADE80"}
                )
                assert isinstance(ans, ErrorMsg) and ans.code == code, ans
            steps: list[tuple[str, dict[str, Any]]] = [
                ("upsert_agency", {"agency_id": "parks", "name": "Parks", "color": "#4ADE80"}),
                (
                    "upsert_station",
                    {
                        "agency_id": "parks",
                        "station_id": "RP-1",
                        "name": "Yard",
                        "lat": 37.77,
                        "lon": -122.45,
                    },
                ),
                (
                    "upsert_unit",
                    {"unit_id": "RP9", "agency": "parks", "type": "crew", "home_station": "RP-1"},
                ),
                (
                    "upsert_camera",
                    {
                        "camera_id": "CAM-X",
                        "name": "Hayes & Gough",
                        "lat": 37.777,
                        "lon": -122.423,
                        "heading": 45,
                        "fov": 70,
                        "stream_url": "",
                    },
                ),
            ]
            for kind, payload in steps:
                ans = await admin.send_command(kind, payload)
                assert isinstance(ans, Ack), (kind, ans)
            assert server.state.units["RP9"].home_station == "RP-1"
            assert server.state.cameras["CAM-X"].fov == 70
            ans = await admin.send_command("retire_unit", {"unit_id": "RP9"})
            assert isinstance(ans, Ack), ans
            ans = await admin.send_command("retire_camera", {"camera_id": "CAM-X"})
            assert isinstance(ans, Ack), ans
            assert "RP9" not in server.state.units
            # A desk that signs in now learns the same city.
            late = await Connection.connect(url(server), "disp2", PASSWORD, "w", last_seq=-1)
            snap = await late.next_update()
            assert isinstance(snap, SnapshotMsg)
            assert "RP9" not in {u.id for u in snap.snapshot.units}
            assert "parks" in {a.id for a in snap.snapshot.agencies}
            rows = _audit(server)
            assert ("admin", "command", "upsert_camera", "ok") in rows
            assert ("disp1", "command", "upsert_agency", "forbidden") in rows
            for conn in (admin, disp, sup, late):
                await conn.close()
        # After a restart the retired records stay retired (the current-state tables agree).
        async with live_server(db) as server:
            assert "RP9" not in server.state.units and "CAM-X" not in server.state.cameras
            assert server.state.agencies["parks"].stations[0].id == "RP-1"

    run(main())


def test_open311_keys_from_the_window_are_the_shell_command_s(
    tmp_path: Path, both_stores: str
) -> None:
    db = tmp_path / "city.db"

    async def main() -> None:
        async with live_server(db, http_port=0) as server:
            admin = await login(server, "admin")
            disp = await login(server, "disp1")
            refused = await disp.admin("create_api_key", {"name": "fixit"})
            assert isinstance(refused, ErrorMsg) and refused.code == "forbidden"
            made = await admin.admin("create_api_key", {"name": "fixit"})
            assert isinstance(made, AdminResult), made
            key = made.result["key"]
            assert key.startswith("co311_")
            assert server.http is not None and server.http.citizens.check_key(key) == "fixit"
            twice = await admin.admin("create_api_key", {"name": "fixit"})
            assert isinstance(twice, ErrorMsg) and twice.code == "duplicate_id"
            listed = await admin.admin("list_api_keys", {})
            assert isinstance(listed, AdminResult)
            assert [(k["name"], k["revoked"]) for k in listed.result] == [("fixit", None)]
            assert key not in str(listed.result)  # only a hint, never the key again
            out = io.StringIO()
            with contextlib.redirect_stdout(out):
                assert api_key_main(["list", "--db", str(db)]) == 0
            assert "fixit" in out.getvalue() and "live" in out.getvalue()
            gone = await admin.admin("revoke_api_key", {"name": "fixit"})
            assert isinstance(gone, AdminResult)
            listed = await admin.admin("list_api_keys", {})
            assert isinstance(listed, AdminResult) and listed.result[0]["revoked"]
            rows = _audit(server)
            assert ("admin", "admin", "create_api_key", "ok") in rows
            assert ("disp1", "admin", "create_api_key", "forbidden") in rows
            assert all(key not in str(r) for r in server.store.read_audit())  # type: ignore[union-attr]
            for conn in (admin, disp):
                await conn.close()

    run(main())
    # The audit CLI lists the same admin actions, from the SQLite file or the PostgreSQL database.
    pg = server_conftest._PG
    target = pg.database_for(db) if both_stores == "postgresql" and pg is not None else str(db)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert audit_main(["--db", target, "--user", "admin", "--json"]) == 0
    assert "revoke_api_key" in out.getvalue() and "create_api_key" in out.getvalue()
