"""Administration > Alert feeds against a real server polling two real local feeds (one good,
one failing): the administrator sees what was recorded and why the other fails; a dispatcher is
refused."""

from __future__ import annotations

import asyncio
from pathlib import Path

from aiohttp import web

from app.interop.cap import read_cap
from app.server.auth import make_user_record
from app.server.http.alert_feed import feed_xml
from app.server.store import SqliteEventStore
from tests.interop.common import NOW, shared
from tests.sync.conftest import PASSWORD, LiveServer, make_engine
from widgets.admin.admin_panel import AdminPanel


async def _feeds() -> tuple[web.AppRunner, str]:
    path = shared() / "data" / "cap" / "official_cap12_appendixA" / "v1dot2_appendix_adot1.xml"
    body = feed_xml(read_cap(path.read_bytes()).alerts, "http://feeds.test", NOW)

    async def good(_request: web.Request) -> web.Response:
        return web.Response(body=body, content_type="application/atom+xml")

    async def down(_request: web.Request) -> web.Response:
        return web.Response(status=503, text="maintenance")

    app = web.Application()
    app.router.add_get("/good.atom", good)
    app.router.add_get("/down.atom", down)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    return runner, f"http://127.0.0.1:{port}"


def test_feed_health_in_the_admin_panel(
    aloop: asyncio.AbstractEventLoop, tmp_path: Path, qtbot: object
) -> None:
    feeds, base = aloop.run_until_complete(_feeds())
    srv = LiveServer(
        tmp_path / "server.sqlite",
        cap_feeds=(f"{base}/good.atom", f"{base}/down.atom"),
        cap_poll_interval=0.05,
        cap_backoff_max=0.2,
    )
    store = SqliteEventStore(srv.db)
    store.put_user(make_user_record("ada", PASSWORD, "admin", display_name="Ada", cost=2**10))
    store.close()
    srv.start()

    async def scenario() -> None:
        admin = make_engine(srv.url, "ws-admin", tmp_path / "a.sqlite")
        desk = make_engine(srv.url, "ws-desk", tmp_path / "d.sqlite")
        admin.start("ada", PASSWORD)
        desk.start("dana", PASSWORD)
        await admin.wait_until(admin.synced)
        await desk.wait_until(desk.synced)
        await admin.wait_until(lambda: len(srv.state.alerts) == 1)
        panel = AdminPanel(admin.store, admin, admin.admin)
        tab = panel.feeds
        panel.resize(1000, 360)
        panel.setCurrentWidget(tab)
        while True:  # until the failing feed has failed at least once
            await tab.run()
            cell = tab.table.item(1, 3)
            if cell is not None and cell.text() != "0":
                break
            await asyncio.sleep(0.05)
        rows = [
            [tab.table.item(r, c).text() for c in range(6)]  # type: ignore[union-attr]
            for r in range(tab.table.rowCount())
        ]
        assert rows[0][0].endswith("/good.atom") and rows[0][1] == "healthy"
        assert rows[0][2] == "1" and rows[0][5] == ""
        assert rows[1][1].startswith("failing") and rows[1][5].startswith("HTTP 503")
        assert "1 failing" in tab.status.text()
        assert panel.grab().save(str(tmp_path / "admin_feeds.png"))

        other = AdminPanel(desk.store, desk, desk.admin)
        await other.feeds.run()
        assert "Refused" in other.feeds.status.text()
        assert other.feeds.table.rowCount() == 0
        await admin.stop()
        await desk.stop()

    try:
        aloop.run_until_complete(asyncio.wait_for(scenario(), 60))
    finally:
        srv.stop()
        aloop.run_until_complete(feeds.cleanup())
