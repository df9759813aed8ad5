"""The administration panel against a real server: accounts through admin requests, and a case
library change that reaches the server and every desk as a new library version."""

from __future__ import annotations

import asyncio
from pathlib import Path

from app.server.auth import make_user_record
from app.server.store import SqliteEventStore
from tests.sync.conftest import PASSWORD, LiveServer, make_engine
from widgets.admin.admin_panel import AdminPanel


def test_accounts_and_a_library_change_from_the_panel(
    aloop: asyncio.AbstractEventLoop, server: LiveServer, tmp_path: Path, qtbot: object
) -> None:
    store = SqliteEventStore(server.db)
    store.put_user(make_user_record("ada", PASSWORD, "admin", display_name="Ada Admin", cost=2**10))
    store.close()

    async def scenario() -> None:
        admin = make_engine(server.url, "ws-admin", tmp_path / "a.sqlite")
        desk = make_engine(server.url, "ws-desk", tmp_path / "d.sqlite")
        admin.start("ada", PASSWORD)
        desk.start("dana", PASSWORD)
        await admin.wait_until(admin.synced)
        await desk.wait_until(desk.synced)
        panel = AdminPanel(admin.store, admin, admin.admin)
        acc = panel.accounts
        await acc.run("refresh")
        users = {acc.table.item(r, 0).text() for r in range(acc.table.rowCount())}  # type: ignore[union-attr]
        assert {"ada", "dana", "erin", "carl"} <= users
        acc.username.setText("lee")
        acc.display.setText("Lee Park")
        acc.role.setCurrentIndex(acc.role.findData("liaison"))
        acc.agency.setCurrentIndex(acc.agency.findData("police"))
        acc.password.setText("initial-pass-123")
        await acc.run("create_user")
        await acc.run("disable_user")
        rows = {
            acc.table.item(r, 0).text(): acc.table.item(r, 4).text()  # type: ignore[union-attr]
            for r in range(acc.table.rowCount())
        }
        assert rows["lee"] == "disabled"
        acc.username.setText("ada")
        await acc.run("disable_user")  # one's own account: refused with the reason
        assert "Refused" in acc.status.text()

        lib = panel.library
        lib.select("event.pipe_burst")
        before = lib.limits["handle"].value()
        lib.limits["handle"].setValue(before + 120)
        lib.submit()
        await admin.wait_until(
            lambda: (
                server.state.rules().library.get("event.pipe_burst").limits.handle == before + 120
            )
        )
        await desk.wait_until(
            lambda: desk.store.state.rules().library_version == server.state.library_version
        )
        assert (
            desk.store.state.rules().library.get("event.pipe_burst").limits.handle == before + 120
        )
        # A dispatcher's panel: the server refuses account management with its reason.
        other = AdminPanel(desk.store, desk, desk.admin)
        await other.accounts.run("refresh")
        assert "Refused" in other.accounts.status.text()
        for e in (admin, desk):
            await e.stop()
            e.close()

    aloop.run_until_complete(scenario())
