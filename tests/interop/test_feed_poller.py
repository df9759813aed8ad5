"""CAP feeds polled by the server, served by a real aiohttp server on 127.0.0.1 (no test reaches
the network): new alerts recorded once, an Update and a Cancel applied, conditional GET, a hostile
feed and an oversized body refused and counted, a failing feed backing off and recovering, and
the whole loop running inside a real server with its status visible to the administrator."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from aiohttp import web

from app.domain.alerts import Alert
from app.interop.cap import read_cap
from app.interop.cap_out import cancel_of, update_of
from app.interop.poller import FeedPoller, check_feed_url
from app.protocol import AdminResult
from app.server.__main__ import main as server_main
from app.server.http.alert_feed import feed_xml
from app.server.processor import Processor
from app.server.store import SqliteEventStore
from tests.interop.common import NOW, shared
from tests.server.conftest import live_server, login, run

APPENDIX = "official_cap12_appendixA"


def _alert(name: str) -> Alert:
    path = shared() / "data" / "cap" / APPENDIX / name
    (alert,) = read_cap(path.read_bytes()).alerts
    return alert


@dataclass
class Source:
    """What the local feed server answers, and what it was asked."""

    body: bytes = b""
    status: int = 200
    chunked: bool = False  # no Content-Length: the poller must count the bytes itself
    requests: list[dict[str, str]] = field(default_factory=list)

    def etag(self) -> str:
        return '"' + hashlib.sha256(self.body).hexdigest()[:16] + '"'


@contextlib.asynccontextmanager
async def feed_server(src: Source) -> AsyncIterator[str]:
    async def handle(request: web.Request) -> web.StreamResponse:
        src.requests.append(dict(request.headers))
        if src.status != 200:
            return web.Response(status=src.status, text="down for maintenance")
        if request.headers.get("If-None-Match") == src.etag():
            return web.Response(status=304)
        headers = {"ETag": src.etag(), "Last-Modified": "Mon, 30 Nov 2026 10:00:00 GMT"}
        if not src.chunked:
            return web.Response(body=src.body, content_type="application/atom+xml", headers=headers)
        resp = web.StreamResponse(headers=headers)
        resp.enable_chunked_encoding()
        await resp.prepare(request)
        for i in range(0, len(src.body), 8192):
            await resp.write(src.body[i : i + 8192])
        await resp.write_eof()
        return resp

    app = web.Application()
    app.router.add_get("/feed.atom", handle)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    try:
        yield f"http://127.0.0.1:{port}/feed.atom"
    finally:
        await runner.cleanup()


@contextlib.asynccontextmanager
async def processor(db: Path) -> AsyncIterator[Processor]:
    store = SqliteEventStore(db)
    proc = Processor(store, lambda _e, _r: None, clock=lambda: NOW)
    proc.start()
    try:
        yield proc
    finally:
        await proc.stop()
        store.close()


def test_feed_is_imported_once_then_updated_and_cancelled(tmp_path: Path) -> None:
    a, b = _alert("v1dot2_appendix_adot1.xml"), _alert("v1dot2_appendix_adot3.xml")
    update = update_of(a, NOW + 60, headline="Homeland Security advisory, updated")
    cancel = cancel_of(b, NOW + 120)

    async def main() -> None:
        src = Source(body=feed_xml([a, b], "http://feeds.test", NOW))
        async with feed_server(src) as url, processor(tmp_path / "s.db") as proc:
            poller = FeedPoller(proc, [url], interval=30)
            (feed,) = poller.feeds
            await poller.poll(feed)
            assert (feed.imported, feed.failing, feed.last_error) == (2, 0, ""), feed
            assert set(proc.state.alerts) == {a.id, b.id}
            assert feed.etag == src.etag() and feed.last_modified

            await poller.poll(feed)  # unchanged: a conditional GET answered 304
            assert src.requests[-1]["If-None-Match"] == src.etag()
            assert (feed.unchanged, feed.imported) == (1, 2)

            # The feed keeps its old entries beside the update and the cancel.
            src.body = feed_xml([a, b, update, cancel], "http://feeds.test", NOW)
            await poller.poll(feed)
            assert (feed.imported, feed.refused, feed.failing) == (4, 0, 0), feed
            held_a, held_b = proc.state.alerts[a.id], proc.state.alerts[b.id]
            assert held_a.headline == "Homeland Security advisory, updated"
            assert held_a.version == 2 and held_a.history[-1] == update.id
            assert held_b.cancelled and not held_a.cancelled
            seq = proc.state.seq

            src.body += b"\n"  # a new ETag, the same entries: nothing recorded twice
            await poller.poll(feed)
            assert (feed.imported, feed.failing) == (4, 0)
            assert proc.state.seq == seq
            assert len(proc.state.alerts) == 2

    run(main())


def test_hostile_and_oversized_feeds_are_refused_and_counted(tmp_path: Path) -> None:
    xee = (shared() / "data" / "cap" / "google_cap_library_testdata" / "xee.atom").read_bytes()

    async def main() -> None:
        src = Source(body=xee)
        async with feed_server(src) as url, processor(tmp_path / "s.db") as proc:
            poller = FeedPoller(proc, [url], interval=30, max_body=64 * 1024)
            (feed,) = poller.feeds
            await poller.poll(feed)
            assert "document type declarations" in feed.last_error, feed
            assert (feed.failures, feed.failing, feed.imported) == (1, 1, 0)
            assert feed.etag == ""  # a refused document is fetched whole next time
            assert len(src.requests) == 1  # its external entity was never fetched
            assert proc.state.alerts == {}

            src.body = b"<feed>" + b"x" * (64 * 1024) + b"</feed>"
            await poller.poll(feed)  # Content-Length over the limit
            assert "over 65536" in feed.last_error and feed.failing == 2, feed
            src.chunked = True
            await poller.poll(feed)  # no Content-Length: cut while reading
            assert "over 65536" in feed.last_error and feed.failing == 3, feed
            assert proc.state.alerts == {}

    run(main())


def test_failing_feed_backs_off_then_recovers(tmp_path: Path) -> None:
    a = _alert("v1dot2_appendix_adot1.xml")

    async def main() -> None:
        src = Source(body=feed_xml([a], "http://feeds.test", NOW), status=500)
        async with feed_server(src) as url, processor(tmp_path / "s.db") as proc:
            poller = FeedPoller(proc, [url], interval=10, backoff_max=35)
            (feed,) = poller.feeds
            await poller.poll(feed)
            assert feed.last_error.startswith("HTTP 500"), feed
            assert poller.delay(feed) == 20
            await poller.poll(feed)
            assert (feed.failing, poller.delay(feed)) == (2, 35)  # 40, capped
            src.status = 200
            await poller.poll(feed)
            assert (feed.failing, feed.failures, feed.imported) == (0, 2, 1)
            assert poller.delay(feed) == 10 and a.id in proc.state.alerts
            assert feed.last_ok > 0

    run(main())


def test_unreachable_feed_is_counted_without_stopping_anything(tmp_path: Path) -> None:
    async def main() -> None:
        async with feed_server(Source()) as url, processor(tmp_path / "s.db") as proc:
            closed = url.replace("/feed.atom", "/nothing-here")  # 404
            poller = FeedPoller(proc, [closed, "http://127.0.0.1:9/feed"], timeout=2)
            for feed in poller.feeds:
                await poller.poll(feed)
            missing, refused = poller.feeds
            assert missing.last_error.startswith("HTTP 404")
            assert refused.last_error.startswith("fetch failed: ClientConnectorError")
            await poller.stop()

    run(main())


def test_server_polls_its_configured_feeds_and_shows_their_state(tmp_path: Path) -> None:
    a = _alert("v1dot2_appendix_adot1.xml")

    async def main() -> None:
        src = Source(body=feed_xml([a], "http://feeds.test", NOW))
        async with feed_server(src) as url:
            async with live_server(
                tmp_path / "s.db", cap_feeds=(url,), cap_poll_interval=0.05
            ) as server:
                while a.id not in server.state.alerts:
                    await asyncio.sleep(0.01)
                while len(src.requests) < 3:  # polling goes on: conditional GETs
                    await asyncio.sleep(0.01)
                admin = await login(server, "admin")
                answer = await admin.admin("cap_feeds")
                assert isinstance(answer, AdminResult), answer
                (status,) = answer.result
                assert status["url"] == url and status["imported"] == 1
                assert status["unchanged"] >= 1 and status["failing"] == 0
                assert "refused_ids" not in status
                disp = await login(server, "disp1")
                refused = await disp.admin("cap_feeds")
                assert not isinstance(refused, AdminResult)
                assert refused.code == "forbidden"
                await admin.close()
                await disp.close()
            assert len(server.state.alerts) == 1

    run(main())


@pytest.mark.parametrize("bad", ["file:///etc/passwd", "ftp://x/feed", "http://", "feed.atom"])
def test_bad_feed_urls_are_refused(bad: str) -> None:
    with pytest.raises(ValueError, match="http:// or https://"):
        check_feed_url(bad)
    with pytest.raises(SystemExit) as exit_:  # the server refuses to start with it
        server_main(["--db", "unused.db", "--cap-feed", bad])
    assert exit_.value.code == 2
