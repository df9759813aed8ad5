"""The audit trail: the protocol's read_audit and ``python -m app.server audit`` list the same
rows, filter by person, desk, case, command and outcome, and only audit readers may read it; on
the SQLite store and on the PostgreSQL one."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from app.audit import AuditRow
from app.protocol import AdminResult, ErrorMsg
from app.server.auth import make_user_record
from tests.server import conftest as server_conftest
from tests.server.conftest import (
    CHEAP,
    PASSWORD,
    REPO_ROOT,
    create_incident,
    live_server,
    login,
    run,
)

pytestmark = pytest.mark.usefixtures("both_stores")


def cli(db: Path, *args: str) -> list[dict[str, object]]:
    pg = server_conftest._PG  # the PostgreSQL database this test's server used, if any
    target = pg.database_for(db) if pg is not None else str(db)
    out = subprocess.run(
        [sys.executable, "-m", "app.server", "audit", "--db", target, "--json", *args],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(out.stdout)  # type: ignore[no-any-return]


def test_the_viewer_request_and_the_cli_list_the_same_rows(tmp_path: Path) -> None:
    db = tmp_path / "city.db"

    async def main() -> tuple[list[object], str]:
        async with live_server(db) as server:
            assert server.store is not None
            server.store.put_user(make_user_record("audrey", PASSWORD, "auditor", cost=CHEAP))
            disp = await login(server, "disp1")
            inc = await create_incident(disp)
            number = server.state.incidents[inc].number
            await disp.send_command("assign_units", {"incident_id": inc, "unit_ids": ["E1"]})
            refused = await disp.send_command(
                "assign_units", {"incident_id": inc, "unit_ids": ["NOPE"]}
            )
            assert isinstance(refused, ErrorMsg)
            obs = await login(server, "obs")
            denied = await obs.admin("read_audit", {})
            assert isinstance(denied, ErrorMsg) and denied.code == "forbidden"
            bad = await obs.admin("read_audit", {"nonsense": 1})
            assert isinstance(bad, ErrorMsg)
            auditor = await login(server, "audrey")
            ans = await auditor.admin("read_audit", {"user": "disp1", "kind": "command"})
            assert isinstance(ans, AdminResult)
            mine = await auditor.admin("read_audit", {"incident": number})
            assert isinstance(mine, AdminResult)
            no = await auditor.admin("read_audit", {"outcome": "refused", "user": "disp1"})
            assert isinstance(no, AdminResult)
            rows = [AuditRow(**r) for r in ans.result]
            assert [r.command_type for r in rows] == [
                "create_incident",
                "assign_units",
                "assign_units",
            ]
            assert [r.result for r in rows] == ["ok", "ok", "unknown_id"]
            assert rows[0].incident_number == number and rows[1].incident_number == number
            assert [r["command_type"] for r in mine.result] == ["create_incident", "assign_units"]
            assert [r["result"] for r in no.result] == ["unknown_id"]
            for c in (disp, obs, auditor):
                await c.close()
            return list(ans.result), number

    rows, number = run(main())
    assert cli(db, "--user", "disp1", "--kind", "command") == rows
    assert [r["command_type"] for r in cli(db, "--incident", number)] == [
        "create_incident",
        "assign_units",
    ]
    assert all(r["username"] == "obs" for r in cli(db, "--user", "obs"))
    assert cli(db, "--since", "2999-01-01") == []
