"""The public page at / on the HTTP port: open cases at block level, a case's status by its
number and each department's on-time rate. Static files come from resources/public/; the data
from three small JSON endpoints that build every record from an allow-list
(:func:`app.server.http.records.public_case`): no reporter, no address, no description, and no
case of a sensitive category or an exercise.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import TYPE_CHECKING

import msgspec
from aiohttp import web

from app.domain.evaluation import evaluate
from app.domain.model import Incident
from app.paths import resource_path
from app.server.http.index import ShortCache
from app.server.http.records import agency_name, agency_name_zh, public_case
from app.server.http.render import Open311Error

if TYPE_CHECKING:
    from app.server.http.side import HttpSide

log = logging.getLogger(__name__)

STATIC = {
    "index.html": "text/html",
    "app.js": "application/javascript",
    "i18n.js": "application/javascript",
    "style.css": "text/css",
}
MAX_CASES = 2000


def public_dir() -> Path:
    return resource_path("public")


def _json(value: object) -> web.Response:
    return _json_bytes(msgspec.json.encode(value))


def _json_bytes(body: bytes) -> web.Response:
    resp = web.Response(body=body, content_type="application/json")
    resp.headers["Cache-Control"] = "no-store"
    return resp


class PublicPages:
    def __init__(self, side: HttpSide) -> None:
        self.side = side
        self.server = side.server
        self._files: dict[str, bytes] = {}
        self.cache = ShortCache(1.0)  # many visitors, one computation a second

    def add_routes(self, router: web.UrlDispatcher) -> None:
        router.add_get("/", self.index)
        router.add_get("/static/{name}", self.static)
        router.add_get("/public/api/cases", self.cases)
        router.add_get("/public/api/case/{number}", self.case)
        router.add_get("/public/api/departments", self.departments)

    def _file(self, name: str) -> bytes:
        if name not in self._files:
            self._files[name] = (public_dir() / name).read_bytes()
        return self._files[name]

    async def index(self, request: web.Request) -> web.Response:
        return web.Response(
            body=self._file("index.html"), content_type="text/html", charset="utf-8"
        )

    async def static(self, request: web.Request) -> web.Response:
        name = request.match_info["name"]
        if name not in STATIC or name == "index.html":
            raise Open311Error(404, "no such file")
        return web.Response(body=self._file(name), content_type=STATIC[name], charset="utf-8")

    def _shown(self, inc: Incident) -> bool:
        cat = self.server.state.rules().library.by_code.get(inc.category)
        return cat is not None and not cat.sensitive and not inc.exercise

    async def cases(self, request: web.Request) -> web.Response:
        return _json_bytes(self.cache.get("cases", self._cases))

    def _cases(self) -> bytes:
        found = []
        for inc in self.side.index.newest_first():
            if inc.is_open() and self._shown(inc):
                found.append(public_case(self.server, inc))
                if len(found) >= MAX_CASES:
                    break
        return msgspec.json.encode({"cases": found})

    async def case(self, request: web.Request) -> web.Response:
        number = request.match_info["number"].strip()[:40]
        inc = self.side.index.get(number)
        if inc is None or not self._shown(inc):
            raise Open311Error(404, f"no public case numbered {number!r}")
        return _json(public_case(self.server, inc))

    async def departments(self, request: web.Request) -> web.Response:
        return _json_bytes(self.cache.get("departments", self._departments))

    def _departments(self) -> bytes:
        incidents = [i for i in self.server.state.incidents.values() if self._shown(i)]
        scores = evaluate(incidents, time.time())
        rows = [
            {
                "department": agency_name(self.server, s.department),
                "department_zh": agency_name_zh(self.server, s.department),
                "cases": s.cases,
                "handled": s.handled,
                "on_time": s.on_time,
                "on_time_rate": round(s.on_time_rate, 4),
            }
            for s in sorted(scores, key=lambda s: s.department)
        ]
        return msgspec.json.encode({"departments": rows})
