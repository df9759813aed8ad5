"""Open311 GeoReport v2 under /open311/v2/ (docs/PROTOCOL.md, "HTTP side"): discovery, services
and their definitions from the standard library, POST a request (a ``create_incident`` command
through the server's processor, source ``citizen_report``), GET requests with the spec's filters,
GET one request, tokens.
"""

from __future__ import annotations

import asyncio
import logging
import math
import re
import time
import uuid
from typing import TYPE_CHECKING, Any

from aiohttp import web
from multidict import MultiMapping

from app.domain.library import Category, Library
from app.domain.merge import master_of
from app.domain.model import IncidentKind, Role, SourceChannel, User
from app.protocol import Ack
from app.server.http.citizens import Contact
from app.server.http.media import MediaError, clean_photo
from app.server.http.records import open311_status, public_request, service_notice
from app.server.http.render import Open311Error, parse_w3, respond, split_format
from app.server.http.side import Answer, Busy, ReportRow, answer_within, read_form
from app.server.processor import decode_answer

if TYPE_CHECKING:
    from app.server.http.side import HttpSide

log = logging.getLogger(__name__)

PREFIX = "/open311/v2"
SPEC_URL = "http://wiki.open311.org/GeoReport_v2"
MAX_DESCRIPTION = 4000
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
MAX_SPAN = 90 * 86400
MAX_RESULTS = 1000

# The library's required fields, offered as service-definition attributes.
FIELD_ATTRIBUTES: dict[str, tuple[str, str]] = {
    "address": ("string", "Street address or the nearest intersection of the problem"),
    "description": ("text", "What is wrong, in a few words (no personal details, please)"),
}
Params = MultiMapping[Any]
CONTACT_FIELDS = ("email", "phone", "first_name", "last_name", "account_id", "device_id")


def is_service(cat: Category) -> bool:
    """Open311 offers the urban-management categories that are not sensitive."""
    return cat.kind == IncidentKind.URBAN and not cat.sensitive


def _field(form: Params, name: str, limit: int = 200) -> str:
    value = form.get(name)
    if value is None or not isinstance(value, str):
        return ""
    value = value.strip()
    if len(value) > limit:
        raise Open311Error(400, f"{name} is longer than {limit} characters")
    return value


def _clean_text(text: str) -> str:
    """Without control characters other than line breaks and tabs (the spec: 'no html or code'
    is the client's promise; every output escapes anyway)."""
    return _CONTROL.sub("", text)


class Open311Api:
    def __init__(self, side: HttpSide) -> None:
        self.side = side
        self.server = side.server

    @property
    def library(self) -> Library:
        """The library the server decides with now (the state's rules: a library_loaded event
        changes the services offered)."""
        return self.server.state.rules().library

    def add_routes(self, router: web.UrlDispatcher) -> None:
        router.add_get("/open311/discovery.{fmt}", self.discovery)
        router.add_get(PREFIX + "/services.{fmt}", self.services)
        router.add_get(PREFIX + "/services/{name}", self.definition)
        router.add_get(PREFIX + "/requests.{fmt}", self.requests)
        router.add_post(PREFIX + "/requests.{fmt}", self.post_request)
        router.add_get(PREFIX + "/requests/{name}", self.one_request)
        router.add_get(PREFIX + "/tokens/{name}", self.token)
        router.add_get("/media/{name}", self.media)

    # --- helpers ------------------------------------------------------------------------------
    @staticmethod
    def _fmt(request: web.Request) -> str:
        fmt = request.match_info.get("fmt", "")
        if fmt not in ("json", "xml"):
            raise Open311Error(400, f"unknown format .{fmt[:20]}: use .json or .xml")
        return fmt

    def _jurisdiction(self, params: Params) -> None:
        given = params.get("jurisdiction_id")
        given = given.strip() if isinstance(given, str) else ""
        if given and given != self.server.config.jurisdiction_id:
            raise Open311Error(
                404,
                f"jurisdiction_id {given[:80]!r} is not served here "
                f"(this server is {self.server.config.jurisdiction_id})",
            )

    def _service(self, code: str) -> Category:
        cat = self.library.by_code.get(code)
        if cat is None or not is_service(cat):
            raise Open311Error(404, f"service_code {code[:80]!r} was not found")
        return cat

    # --- discovery and services -----------------------------------------------------------------
    async def discovery(self, request: web.Request) -> web.Response:
        fmt = self._fmt(request)
        base = self.side.base_url
        body = {
            "changeset": "2026-12-03T00:00:00Z",
            "contact": "The city's operations centre (311)",
            "key_service": "API keys are issued by the centre's administrator",
            "endpoints": [
                {
                    "specification": SPEC_URL,
                    "url": base + PREFIX,
                    "changeset": "2026-12-03T00:00:00Z",
                    "type": "production",
                    "formats": ["text/xml", "application/json"],
                }
            ],
        }
        return respond(fmt, "discovery", body)

    async def services(self, request: web.Request) -> web.Response:
        fmt = self._fmt(request)
        self._jurisdiction(request.query)
        out = [
            {
                "service_code": c.code,
                "service_name": c.name_en,
                "description": f"{c.name_en} ({c.group}); handled by {self._agency(c.department)}",
                "metadata": bool(c.required_fields),
                "type": "realtime",
                "keywords": ", ".join([c.code.split(".")[-1].replace("_", " "), c.name_zh]),
                "group": c.group,
            }
            for c in self.library.categories
            if is_service(c)
        ]
        return respond(fmt, "services", out)

    async def definition(self, request: web.Request) -> web.Response:
        code, fmt = split_format(request.match_info["name"])
        self._jurisdiction(request.query)
        cat = self._service(code)
        attributes = []
        for order, name in enumerate(cat.required_fields, start=1):
            datatype, text = FIELD_ATTRIBUTES.get(name, ("string", name.replace("_", " ")))
            attributes.append(
                {
                    "variable": True,
                    "code": name,
                    "datatype": datatype,
                    "required": True,
                    "datatype_description": None,
                    "order": order,
                    "description": text,
                }
            )
        return respond(
            fmt, "service_definition", {"service_code": cat.code, "attributes": attributes}
        )

    def _agency(self, agency_id: str) -> str:
        agency = self.server.state.agencies.get(agency_id)
        return agency.name if agency is not None else agency_id.replace("_", " ")

    # --- POST a request -------------------------------------------------------------------------
    async def post_request(self, request: web.Request) -> web.Response:
        fmt = self._fmt(request)
        cfg = self.server.config
        multipart = request.content_type.startswith("multipart/")
        if not multipart and (request.content_length or 0) > cfg.http_max_form:
            raise Open311Error(413, f"a form without a file is at most {cfg.http_max_form} bytes")
        if request.content_type not in ("application/x-www-form-urlencoded", "multipart/form-data"):
            raise Open311Error(
                400,
                "send the request as application/x-www-form-urlencoded (or multipart/form-data)",
            )
        form = await read_form(request)
        key = form.get("api_key")
        app = self.side.citizens.check_key(key) if isinstance(key, str) and key else None
        if app is None:
            raise Open311Error(
                403, "Invalid api_key received -- can't proceed with create_request."
            )
        if not self.side.by_key.take(app):
            raise self.side.rate_limited(self.side.by_key, app, f"the application {app}")
        self._jurisdiction(form)
        code = _field(form, "service_code", 100)
        if not code:
            raise Open311Error(400, "service_code was not provided")
        cat = self._service(code)
        payload = self._payload(form, cat)
        contact = Contact(**{name: _field(form, name) for name in CONTACT_FIELDS})
        payload["reporter_contact"] = contact.summary()
        media_id = await self._photo(form)
        incident_id = payload["incident_id"]  # also the request's token (random, unguessable)
        user = User(username=f"open311:{app}", display_name=app, role=Role.CALL_TAKER)
        try:
            fut = self.side.submit("create_incident", payload, user, request.remote or "?")
        except Busy:
            raise Open311Error(503, "the centre is overloaded; send the request again") from None
        self.side.in_flight.add(incident_id)
        row = (incident_id, app, contact, media_id)
        fut.add_done_callback(lambda f: self._answered(row, f))
        answer = await answer_within(fut, cfg.open311_wait)
        if answer is None:  # not decided in time: the client asks for it with the token
            return respond(fmt, "service_requests", [{"token": incident_id}])
        if not isinstance(answer, Ack):
            raise Open311Error(400, answer.message)
        inc = self.server.state.incidents[incident_id]
        out = {
            "service_request_id": inc.number,
            "service_notice": service_notice(self.server, cat),
            "account_id": contact.account_id or None,
        }
        return respond(fmt, "service_requests", [out])

    def _answered(self, row: ReportRow, fut: Answer) -> None:
        if not fut.cancelled():
            self.side.report_answered(row, decode_answer(fut.result()))

    def _payload(self, form: Params, cat: Category) -> dict[str, Any]:
        attrs = {
            k[len("attribute[") : -1]: v
            for k, v in form.items()
            if k.startswith("attribute[") and k.endswith("]") and isinstance(v, str)
        }
        lat_s, lon_s = _field(form, "lat", 40), _field(form, "long", 40)
        if bool(lat_s) != bool(lon_s):
            raise Open311Error(400, "lat and long go together: send both")
        if not lat_s:
            if _field(form, "address_string") or _field(form, "address_id"):
                raise Open311Error(
                    400, "this jurisdiction places requests by lat and long: send them too"
                )
            raise Open311Error(400, "a location is required: lat and long")
        try:
            lat, lon = float(lat_s), float(lon_s)
        except ValueError:
            raise Open311Error(400, "lat and long must be numbers (WGS84 degrees)") from None
        if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90):
            raise Open311Error(400, "lat must be -90..90 and long -180..180")
        if not -180 <= lon <= 180:
            raise Open311Error(400, "lat must be -90..90 and long -180..180")
        address = _field(form, "address_string") or attrs.get("address", "").strip()[:200]
        description = (
            _field(form, "description", MAX_DESCRIPTION) or attrs.get("description", "").strip()
        )
        if len(description) > MAX_DESCRIPTION:
            raise Open311Error(400, f"description is longer than {MAX_DESCRIPTION} characters")
        for name in cat.required_fields:
            value = {"address": address, "description": description}.get(name, attrs.get(name))
            if not (value or "").strip():
                raise Open311Error(
                    400,
                    f"{cat.name_en} needs the attribute '{name}' (attribute[{name}]=...)",
                )
        return {
            "incident_id": str(uuid.uuid4()),
            "category": cat.code,
            "source": SourceChannel.CITIZEN.value,
            "lat": lat,
            "lon": lon,
            "address": _clean_text(address),
            "description": _clean_text(description),
        }

    async def _photo(self, form: Params) -> str:
        upload: web.FileField | None = None
        for name in ("media", "photo"):
            value = form.get(name)
            if isinstance(value, web.FileField):  # a form's empty file input is plain bytes
                upload = value
                break
        if upload is None:
            return ""
        data = upload.file.read(self.server.config.http_max_body + 1)
        if not data:  # a form's file input left empty
            return ""
        loop = asyncio.get_running_loop()
        try:
            mime, clean = await loop.run_in_executor(None, clean_photo, data)
        except MediaError as exc:
            raise Open311Error(400, f"media: {exc}") from None
        return await loop.run_in_executor(None, self.side.citizens.put_media, mime, clean)

    # --- GET requests ---------------------------------------------------------------------------
    async def requests(self, request: web.Request) -> web.Response:
        fmt = self._fmt(request)
        q = request.query
        self._jurisdiction(q)
        page, size = self._page(q)
        want = page * size
        ids = [i.strip() for i in _field(q, "service_request_id", 4000).split(",") if i.strip()]
        if ids:
            found = [i for i in map(self.side.index.get, dict.fromkeys(ids[:MAX_RESULTS])) if i]
        else:
            codes = {c.strip() for c in _field(q, "service_code", 4000).split(",") if c.strip()}
            statuses = {s.strip() for s in _field(q, "status", 100).split(",") if s.strip()}
            if statuses - {"open", "closed"}:
                raise Open311Error(400, "status is open, closed or both (comma-separated)")
            start, end = self._range(q)
            found = []
            for inc in self.side.index.newest_first(start, end):
                if codes and inc.category not in codes:
                    continue
                case = master_of(self.server.state, inc)  # merged: the master's status
                if statuses and open311_status(case.status) not in statuses:
                    continue
                if self._public(inc):
                    found.append(inc)
                    if len(found) >= want:
                        break
        found = [i for i in found if self._public(i)][want - size : want]
        media = await self._media_of([i.id for i in found])
        out = [public_request(self.server, i, media.get(i.id), self.side.base_url) for i in found]
        return respond(fmt, "service_requests", out)

    @staticmethod
    def _page(q: Params) -> tuple[int, int]:
        """The pagination extension (``page``, ``page_size``; 1 and 1,000 by default)."""
        try:
            page = int(_field(q, "page", 10) or 1)
            size = int(_field(q, "page_size", 10) or MAX_RESULTS)
        except ValueError:
            raise Open311Error(400, "page and page_size are whole numbers") from None
        if not (1 <= page <= 10_000 and 1 <= size <= MAX_RESULTS):
            raise Open311Error(400, f"page is 1-10000 and page_size 1-{MAX_RESULTS}")
        return page, size

    def _range(self, q: Params) -> tuple[float, float]:
        try:
            start_s, end_s = _field(q, "start_date", 40), _field(q, "end_date", 40)
            end = parse_w3(end_s) if end_s else None
            start = parse_w3(start_s) if start_s else None
        except ValueError as exc:
            raise Open311Error(400, f"start_date/end_date: {exc}") from None
        if start is None and end is None:
            end = time.time()
        if start is None:
            assert end is not None
            start = end - MAX_SPAN
        if end is None:
            end = start + MAX_SPAN
        if start > end:
            raise Open311Error(400, "start_date is after end_date")
        if end - start > MAX_SPAN:
            raise Open311Error(400, "start_date and end_date may not span more than 90 days")
        return start, end

    def _public(self, inc: Any) -> bool:
        cat = self.library.by_code.get(inc.category)
        return cat is not None and is_service(cat) and not inc.exercise

    async def _media_of(self, ids: list[str]) -> dict[str, str]:
        return self.side.media_of(ids)

    async def one_request(self, request: web.Request) -> web.Response:
        number, fmt = split_format(request.match_info["name"])
        self._jurisdiction(request.query)
        inc = self.side.index.get(number)
        if inc is None or not self._public(inc):
            raise Open311Error(404, f"service_request_id {number[:80]!r} was not found")
        media = await self._media_of([inc.id])
        out = public_request(self.server, inc, media.get(inc.id), self.side.base_url)
        return respond(fmt, "service_requests", [out])

    async def token(self, request: web.Request) -> web.Response:
        token, fmt = split_format(request.match_info["name"])
        self._jurisdiction(request.query)
        inc = self.server.state.incidents.get(token)
        refused = self.side.refused.get(token)
        if inc is None and refused is None and token not in self.side.in_flight:
            rep = self.side.citizens.report(token)
            if rep is None:
                raise Open311Error(404, f"token {token[:80]!r} was not found")
            refused = rep.error
        if inc is None and refused:
            raise Open311Error(400, f"the request was not accepted: {refused}")
        row: dict[str, Any] = {"token": token}
        if inc is not None and inc.source == SourceChannel.CITIZEN:
            row = {"service_request_id": inc.number, "token": token}
        elif inc is not None:
            raise Open311Error(404, f"token {token[:80]!r} was not found")
        return respond(fmt, "service_requests", [row])

    async def media(self, request: web.Request) -> web.Response:
        name = request.match_info["name"]
        media_id, _, _ext = name.partition(".")
        found = self.side.citizens.media(media_id)
        if found is None:
            raise Open311Error(404, "no such photo")
        mime, data = found
        resp = web.Response(body=data, content_type=mime)
        resp.headers["Cache-Control"] = "public, max-age=86400"
        return resp
