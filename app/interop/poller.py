"""CAP feeds polled by the server: each URL the administrator configured (``--cap-feed``) is
fetched on an interval with aiohttp, on the server's loop but off the command path (the
processor only sees the resulting ``import_alert`` commands, like any desk's).

Each fetch has a total timeout and a body limit (counted after decompression, so a compressed
bomb stops at the limit), and is conditional (ETag / Last-Modified: an unchanged feed costs a
304). A document is read by the same reader as a file (schema validation, hostile XML refused),
then only the messages not held yet are recorded (de-duplicated by CAP id, ``sender,identifier,
sent``; updates and cancels apply through their references as with files). Errors back off
exponentially up to a cap, are logged and counted per feed, and never stop the server; the
counts reach the administrator through the ``cap_feeds`` admin request.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from urllib.parse import urlsplit

import aiohttp

from app.interop.intake import import_entries, read_cap_off_loop
from app.interop.xmlsafe import Refused
from app.server.processor import Processor

log = logging.getLogger(__name__)

USER_AGENT = "CityOps-CAP-poller/1"
ACCEPT = "application/cap+xml, application/atom+xml, application/rss+xml, application/xml;q=0.9"


class FeedError(Exception):
    """A fetch that did not give a document (HTTP error, too large, timeout, refused)."""


def check_feed_url(url: str) -> str:
    """The URL when it can be polled (http or https with a host); ValueError otherwise."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"a CAP feed must be an http:// or https:// URL, not {url[:100]!r}")
    return url.strip()


@dataclass
class FeedStatus:
    """What the administrator sees of one feed."""

    url: str
    polls: int = 0
    unchanged: int = 0  # answered 304 Not Modified
    imported: int = 0  # messages recorded (new alerts, updates, cancels)
    refused: int = 0  # messages the runner refused (counted once each)
    failures: int = 0  # fetches or documents that failed, in all
    failing: int = 0  # of them in a row now (0: healthy)
    last_ok: float = 0.0
    last_error: str = ""
    last_error_at: float = 0.0
    next_poll: float = 0.0
    etag: str = ""
    last_modified: str = ""
    refused_ids: set[str] = field(default_factory=set, repr=False)

    def public(self) -> dict[str, object]:
        out = asdict(self)
        del out["refused_ids"]
        return out


class FeedPoller:
    """Polls every configured feed; :meth:`poll` is one round of one feed (it never raises)."""

    def __init__(
        self,
        proc: Processor,
        urls: list[str] | tuple[str, ...],
        *,
        interval: float = 60.0,
        timeout: float = 10.0,
        max_body: int = 2 * 1024 * 1024,
        backoff_max: float = 3600.0,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.proc = proc
        self.feeds = [FeedStatus(check_feed_url(u)) for u in dict.fromkeys(urls)]
        self.interval = interval
        self.timeout = timeout
        self.max_body = max_body
        self.backoff_max = backoff_max
        self.clock = clock
        self._session: aiohttp.ClientSession | None = None
        self._tasks: list[asyncio.Task[None]] = []

    def status(self) -> list[dict[str, object]]:
        return [f.public() for f in self.feeds]

    def start(self) -> None:
        loop = asyncio.get_running_loop()
        for feed in self.feeds:
            task = loop.create_task(self._run(feed), name=f"cap-feed {feed.url[:60]}")
            self._tasks.append(task)
        if self.feeds:
            log.info("polling %d CAP feed(s) every %.0f s", len(self.feeds), self.interval)

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._tasks.clear()
        if self._session is not None:
            await self._session.close()
            self._session = None

    def delay(self, feed: FeedStatus) -> float:
        """Seconds to the next poll: the interval, doubled for each failure in a row (capped)."""
        if feed.failing == 0:
            return self.interval
        return float(min(self.backoff_max, self.interval * 2 ** min(feed.failing, 20)))

    async def _run(self, feed: FeedStatus) -> None:
        while True:
            await self.poll(feed)
            await asyncio.sleep(max(0.0, feed.next_poll - self.clock()))

    async def poll(self, feed: FeedStatus) -> None:
        """Fetch ``feed`` once and record what is new; failures are counted, never raised."""
        feed.polls += 1
        try:
            await self._poll(feed)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # a feed must never take the server down
            if isinstance(exc, FeedError | Refused):
                reason = str(exc)
            elif isinstance(exc, TimeoutError):
                reason = f"no answer within {self.timeout:g} s"
            elif isinstance(exc, aiohttp.ClientError):
                reason = f"fetch failed: {type(exc).__name__}: {exc}"
            else:
                log.exception("CAP feed %s: unexpected failure", feed.url)
                reason = f"internal error: {type(exc).__name__}"
            feed.failures += 1
            feed.failing += 1
            feed.last_error = reason[:500]
            feed.last_error_at = self.clock()
            log.warning("CAP feed %s: %s (failure %d in a row)", feed.url, reason, feed.failing)
        else:
            feed.failing = 0
            feed.last_ok = self.clock()
        feed.next_poll = self.clock() + self.delay(feed)

    def _client(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                timeout=aiohttp.ClientTimeout(total=self.timeout),
                headers={"User-Agent": USER_AGENT, "Accept": ACCEPT},
            )
        return self._session

    async def _poll(self, feed: FeedStatus) -> None:
        got = await self.fetch(feed)
        if got is None:
            feed.unchanged += 1
            return
        data, validators = got
        doc = await read_cap_off_loop(data)
        candidates = [a for a in doc.alerts if a.id not in feed.refused_ids]
        done, refused = await import_entries(self.proc, candidates, source=feed.url)
        feed.imported += len(done)
        for alert, answer in refused:
            feed.refused_ids.add(alert.id)
            feed.refused += 1
            log.warning("CAP feed %s: %s refused: %s", feed.url, alert.id, answer.message)
        if done:
            log.info("CAP feed %s: %d message(s) recorded", feed.url, len(done))
        # Kept only once the document was read and recorded: a refused document is fetched
        # whole again next time, not answered 304 and taken for healthy.
        feed.etag, feed.last_modified = validators

    async def fetch(self, feed: FeedStatus) -> tuple[bytes, tuple[str, str]] | None:
        """The feed's body and its validators (ETag, Last-Modified), or None when it has not
        changed since the last fetch."""
        headers = {}
        if feed.etag:
            headers["If-None-Match"] = feed.etag
        if feed.last_modified:
            headers["If-Modified-Since"] = feed.last_modified
        async with self._client().get(feed.url, headers=headers, max_redirects=5) as resp:
            if resp.status == 304:
                return None
            if resp.status != 200:
                raise FeedError(f"HTTP {resp.status} {resp.reason or ''}".strip())
            if resp.content_length is not None and resp.content_length > self.max_body:
                raise FeedError(f"the body ({resp.content_length} bytes) is over {self.max_body}")
            body = bytearray()
            async for chunk in resp.content.iter_chunked(64 * 1024):
                body += chunk
                if len(body) > self.max_body:
                    raise FeedError(f"the body is over {self.max_body} bytes")
            validators = (resp.headers.get("ETag", ""), resp.headers.get("Last-Modified", ""))
            return bytes(body), validators
