"""``python -m app.server migrate --from sqlite:///PATH --to postgresql://...``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from app.protocol import Ack
from app.server.pgstore import PgEventStore
from app.server.store import SqliteEventStore
from tests.server.conftest import (
    REPO_ROOT,
    create_incident,
    events_until,
    live_server,
    login,
    run,
)


def migrate(source: str, target: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app.server", "migrate", "--from", source, "--to", target],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_migration_keeps_every_event_and_the_server_goes_on(tmp_path: Path, pg_url: str) -> None:
    db = tmp_path / "city.db"
    made: list[str] = []

    async def before() -> None:
        async with live_server(db) as server:
            d1 = await login(server, "disp1")
            for _ in range(25):
                made.append(await create_incident(d1))
            ans = await d1.send_command(
                "assign_units", {"incident_id": made[0], "unit_ids": ["E1"]}, command_id="c-1"
            )
            assert isinstance(ans, Ack)
            await d1.close()

    run(before())
    src = SqliteEventStore(db)
    old_log = src.read_since(0, 100_000)
    old_state = src.load_state()
    old_users = src.list_users()
    src.close()

    done = migrate(f"sqlite:///{db}", pg_url)
    assert done.returncode == 0, done.stderr
    assert f"{len(old_log)} events in the log ({len(old_log)} copied now)" in done.stdout

    dst = PgEventStore(pg_url)
    try:
        assert dst.read_since(0, 100_000) == old_log  # every event, same positions and bodies
        new_state = dst.load_state()
        assert new_state.incidents == old_state.incidents
        assert new_state.units == old_state.units
        assert new_state.seq == old_state.seq
        assert [u.username for u in dst.list_users()] == [u.username for u in old_users]
        assert dst.command_answers(["disp1\x1fc-1"]).keys() == {"disp1\x1fc-1"}
    finally:
        dst.close()

    # Run again: nothing to copy, nothing doubled.
    again = migrate(f"sqlite:///{db}", pg_url)
    assert again.returncode == 0, again.stderr
    assert "(0 copied now)" in again.stdout

    async def after() -> None:  # a replica on the migrated database serves the same city
        async with live_server(tmp_path / "unused", store=PgEventStore(pg_url)) as server:
            assert set(made) <= set(server.state.incidents)
            d1 = await login(server, "disp1", last_seq=0)
            resent = await d1.send_command(
                "assign_units", {"incident_id": made[0], "unit_ids": ["E1"]}, command_id="c-1"
            )
            assert resent == ans_of(server, "disp1\x1fc-1")
            more = await create_incident(d1)
            got = await events_until(d1, server.proc.committed_seq)
            assert got[-1].seq == len(old_log) + 1 and more in server.state.incidents
            await d1.close()

    run(after())


def ans_of(server: object, cid: str) -> Ack:
    from app.server.processor import decode_answer

    store = server.store  # type: ignore[attr-defined]
    ans = decode_answer(store.command_answers([cid])[cid])
    assert isinstance(ans, Ack)
    return ans


def test_bad_migration_arguments_are_refused_with_a_message(tmp_path: Path, pg_url: str) -> None:
    missing = migrate(f"sqlite:///{tmp_path / 'nope.db'}", pg_url)
    assert missing.returncode == 1 and "no SQLite database" in missing.stderr
    (tmp_path / "x.db").touch()
    wrong = migrate(f"sqlite:///{tmp_path / 'x.db'}", "mysql://x")
    assert wrong.returncode == 1 and "postgresql://" in wrong.stderr
