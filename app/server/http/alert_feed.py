"""The centre's own public warnings as an Atom feed (GET /alerts.atom): one entry per alert the
centre issued (sender ``cap_out.DEFAULT_SENDER``), newest first, each carrying the full CAP 1.2
message in its content, as CAP feeds do. Cancelled alerts stay in the feed as their cancel, so a
reader that saw the warning learns it is over. Built again only when the state has changed.
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING

import msgspec
from aiohttp import web
from lxml import etree

from app.domain.alerts import Alert, reference_of
from app.interop.cap_out import DEFAULT_SENDER, cap_time, to_xml

if TYPE_CHECKING:
    from app.server.http.side import HttpSide

log = logging.getLogger(__name__)

ATOM = "http://www.w3.org/2005/Atom"
MAX_ENTRIES = 200


def _sub(parent: etree._Element, name: str, text: str = "") -> etree._Element:
    el = etree.SubElement(parent, f"{{{ATOM}}}{name}")
    if text:
        el.text = text
    return el


def feed_xml(alerts: list[Alert], base_url: str, now: float) -> bytes:
    """An Atom feed of ``alerts`` (each as its CAP 1.2 message)."""
    root = etree.Element(f"{{{ATOM}}}feed", nsmap={None: ATOM})
    _sub(root, "id", f"{base_url}/alerts.atom")
    _sub(root, "title", "City operations centre: public warnings")
    newest = max((a.updated_at or a.received_at for a in alerts), default=now)
    _sub(root, "updated", cap_time(newest))
    author = _sub(root, "author")
    _sub(author, "name", "City operations centre")
    link = _sub(root, "link")
    link.set("rel", "self")
    link.set("href", f"{base_url}/alerts.atom")
    for alert in alerts:
        shown = _as_cancel(alert) if alert.cancelled else alert
        entry = _sub(root, "entry")
        _sub(entry, "id", f"urn:cap:{alert.id}")
        _sub(entry, "title", ("[cancelled] " if alert.cancelled else "") + alert.headline)
        _sub(entry, "updated", cap_time(alert.updated_at or alert.received_at or now))
        content = _sub(entry, "content")
        content.set("type", "text/xml")
        content.append(etree.fromstring(to_xml(shown)))
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    return data


def _as_cancel(alert: Alert) -> Alert:
    """The Cancel message that ended ``alert`` (its id is the last of the alert's history)."""
    sender, identifier, sent = alert.history[-1].split(",", 2)
    return msgspec.structs.replace(
        alert,
        id=alert.history[-1],
        sender=sender,
        identifier=identifier,
        sent=sent,
        msg_type="Cancel",
        references=[reference_of(alert)],
    )


class AlertFeed:
    def __init__(self, side: HttpSide) -> None:
        self.side = side
        self._cached: tuple[int, bytes] | None = None  # (state seq, feed)

    def add_routes(self, router: web.UrlDispatcher) -> None:
        router.add_get("/alerts.atom", self.feed)

    async def feed(self, request: web.Request) -> web.Response:
        seq = self.side.server.state.seq
        if self._cached is None or self._cached[0] != seq:
            self._cached = (seq, self._feed())
        body = self._cached[1]
        return web.Response(body=body, content_type="application/atom+xml", charset="utf-8")

    def _feed(self) -> bytes:
        state = self.side.server.state
        own = [a for a in state.alerts.values() if a.sender == DEFAULT_SENDER]
        own.sort(key=lambda a: a.updated_at or a.received_at, reverse=True)
        return feed_xml(own[:MAX_ENTRIES], self.side.base_url, time.time())
