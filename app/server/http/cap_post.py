"""CAP by HTTP POST: ``POST /cap/v1/alerts`` on the HTTP side (docs/PROTOCOL.md, "HTTP side").

A partner (a weather service, a neighbouring centre) posts one document: a CAP 1.2 / 1.1
message, an Atom or RSS feed carrying them, or an EDXL-DE envelope. It authenticates with the API
key of an application registered by the administrator (``python -m app.server api-key create``,
the same keys as Open311), sent as ``Authorization: Bearer KEY`` or ``X-API-Key: KEY``; keys are
never taken from the URL, where logs would keep them.

The document is read like a file (schema validation, hostile XML refused) and recorded through
the processor whole or not at all: 201 with the alert ids, 422 with the validator's reason, 409
when the runner refuses a message (a duplicate, a cancel of an alert not held), 400 / 401 / 403 /
413 / 415 / 429 / 503 for the rest, each in the HTTP side's error format.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import msgspec
from aiohttp import web

from app.domain.model import Role, User
from app.interop.intake import first_refusal, read_cap_off_loop
from app.interop.submit import import_alerts
from app.interop.xmlsafe import Refused
from app.server.http.render import JSON_TYPE, Open311Error

if TYPE_CHECKING:
    from app.server.http.side import HttpSide

log = logging.getLogger(__name__)

PATH = "/cap/v1/alerts"
CONTENT_TYPES = frozenset(
    {
        "application/cap+xml",
        "application/xml",
        "text/xml",
        "application/atom+xml",
        "application/rss+xml",
    }
)


def _key(request: web.Request) -> str:
    auth = request.headers.get("Authorization", "")
    scheme, _, token = auth.partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        return token.strip()
    return request.headers.get("X-API-Key", "").strip()


class CapPost:
    def __init__(self, side: HttpSide) -> None:
        self.side = side

    def add_routes(self, router: web.UrlDispatcher) -> None:
        router.add_post(PATH, self.post)

    def _application(self, request: web.Request) -> str:
        key = _key(request)
        if not key:
            err = Open311Error(401, "send the application's API key: Authorization: Bearer KEY")
            err.headers["WWW-Authenticate"] = 'Bearer realm="cityops-cap"'
            raise err
        app = self.side.citizens.check_key(key)
        if app is None:
            raise Open311Error(403, "the API key is not valid (unknown or revoked)")
        if not self.side.by_key.take(app):
            raise self.side.rate_limited(self.side.by_key, app, f"the application {app}")
        return app

    async def _body(self, request: web.Request) -> bytes:
        ctype = request.content_type.lower()
        if ctype not in CONTENT_TYPES:
            raise Open311Error(
                415,
                f"content type {ctype[:80]!r} is not a CAP document; send one of "
                + ", ".join(sorted(CONTENT_TYPES)),
            )
        limit = self.side.server.config.cap_max_body
        if request.content_length is not None and request.content_length > limit:
            raise Open311Error(413, f"the body is over {limit} bytes")
        body = bytearray()
        async for chunk in request.content.iter_chunked(64 * 1024):
            body += chunk
            if len(body) > limit:
                raise Open311Error(413, f"the body is over {limit} bytes")
        if not body.strip():
            raise Open311Error(400, "the body is empty: send a CAP message")
        return bytes(body)

    async def post(self, request: web.Request) -> web.Response:
        app = self._application(request)
        data = await self._body(request)
        try:
            doc = await read_cap_off_loop(data)
        except Refused as exc:
            raise Open311Error(422, exc.reason) from None
        if not doc.alerts:
            why = "the document carries no CAP alert"
            if doc.linked:
                why += f" ({doc.linked} entries only link to alerts, which are not fetched)"
            raise Open311Error(422, why)
        proc = self.side.server.proc
        if proc.queue.qsize() >= self.side.server.config.max_queue:
            raise Open311Error(503, "the server is busy; try again shortly")
        user = User(username=f"cap:{app}", display_name=app, role=Role.DISPATCHER)
        answers = await import_alerts(proc, doc.alerts, source=f"http:{app}", user=user)
        refusal = first_refusal(answers)
        if refusal is not None:  # nothing was recorded (import_alerts is all or nothing)
            raise Open311Error(409, f"{refusal.code}: {refusal.message}")
        state = self.side.server.state
        out = []
        for a in doc.alerts:
            held = state.alerts.get(a.id) or next(
                (h for h in state.alerts.values() if a.id in h.history), None
            )
            out.append(
                {
                    "message": a.id,
                    "alert_id": held.id if held is not None else a.id,
                    "msg_type": a.msg_type,
                    "cancelled": bool(held is not None and held.cancelled),
                }
            )
        log.info("CAP POST from %s: %d message(s) recorded", app, len(out))
        body = msgspec.json.encode({"kind": doc.kind, "alerts": out})
        return web.Response(status=201, body=body, content_type=JSON_TYPE, charset="utf-8")
