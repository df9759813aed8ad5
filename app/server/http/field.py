"""The field inspectors' phone client at /field/ on the HTTP port (docs/PROTOCOL.md, "Field
inspectors"): sign-in with an inspector account (the websocket's rules: the same accounts, the
same sign-in slow-down), then bearer-token calls that report a case (``create_incident`` with
source ``inspector``) and answer the verification tasks of the inspector's grid cells
(``transition`` verify / fail_verification). Every command goes through the server's processor
under the client's command id, so a report re-sent after a network gap is answered from the
processor's memory instead of being made twice.
"""

from __future__ import annotations

import asyncio
import logging
import math
import re
import uuid
from typing import TYPE_CHECKING, Any

import msgspec
from aiohttp import web

from app.domain.model import IncidentKind, Role, SourceChannel, Status, User
from app.domain.permissions import inspector_cells
from app.paths import resource_path
from app.protocol import Ack
from app.server.auth import AuthError
from app.server.http.field_rounds import FieldRounds
from app.server.http.media import MediaError, clean_photo
from app.server.http.render import Open311Error
from app.server.http.side import Busy, read_form
from app.server.processor import decode_answer

if TYPE_CHECKING:
    from app.server.http.side import HttpSide

log = logging.getLogger(__name__)

STATIC = {
    "index.html": "text/html",
    "app.js": "application/javascript",
    "style.css": "text/css",
    "sw.js": "application/javascript",
    "rounds.js": "application/javascript",
    "strings.js": "application/javascript",
}
MAX_DESCRIPTION = 4000
MAX_PHOTO_SIDE = 2000  # phone photos are scaled down: the centre needs the scene, not 12 MP
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
_UUID = re.compile(r"^[0-9a-fA-F-]{36}$")


def _json(value: object, status: int = 200) -> web.Response:
    resp = web.Response(body=msgspec.json.encode(value), status=status)
    resp.content_type = "application/json"
    resp.headers["Cache-Control"] = "no-store"
    return resp


def _text(form: Any, name: str, limit: int = 200) -> str:
    value = form.get(name)
    if not isinstance(value, str):
        return ""
    value = _CONTROL.sub("", value).strip()
    if len(value) > limit:
        raise Open311Error(400, f"{name} is longer than {limit} characters")
    return value


def _command_id(form: Any) -> str:
    """The client's command id (a UUID it keeps with a queued report until it is answered)."""
    cid = _text(form, "command_id", 40)
    if not cid:
        return str(uuid.uuid4())
    if not _UUID.match(cid):
        raise Open311Error(400, "command_id must be a UUID")
    return cid.lower()


def _position(form: Any) -> tuple[float, float]:
    lat_s, lon_s = _text(form, "lat", 40), _text(form, "lon", 40)
    if not lat_s or not lon_s:
        raise Open311Error(400, "a position is required: lat and lon")
    try:
        lat, lon = float(lat_s), float(lon_s)
    except ValueError:
        raise Open311Error(400, "lat and lon must be numbers (WGS84 degrees)") from None
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
        raise Open311Error(400, "lat must be -90..90 and lon -180..180")
    return lat, lon


class FieldApi:
    def __init__(self, side: HttpSide) -> None:
        self.side = side
        self.server = side.server
        self._files: dict[str, bytes] = {}

    def add_routes(self, router: web.UrlDispatcher) -> None:
        router.add_get("/field", self.redirect)
        router.add_get("/field/", self.index)
        router.add_get("/field/{name}", self.static)
        router.add_post("/field/api/signin", self.signin)
        router.add_get("/field/api/me", self.me)
        router.add_get("/field/api/library", self.library)
        router.add_get("/field/api/tasks", self.tasks)
        router.add_post("/field/api/report", self.report)
        router.add_post("/field/api/tasks/{incident_id}", self.answer_task)
        FieldRounds(self).add_routes(router)  # the day's round and positions

    # helpers shared with app/server/http/field_rounds.py
    @staticmethod
    def command_id(form: Any) -> str:
        return _command_id(form)

    @staticmethod
    def position(form: Any) -> tuple[float, float]:
        return _position(form)

    @staticmethod
    def text(form: Any, name: str, limit: int = 200) -> str:
        return _text(form, name, limit)

    async def run(
        self, ctype: str, payload: dict[str, Any], user: User, request: web.Request, cid: str
    ) -> web.Response:
        return await self._run(ctype, payload, user, request, cid)

    # --- static files -------------------------------------------------------------------------
    def _file(self, name: str) -> bytes:
        if name not in self._files:
            self._files[name] = (resource_path("field") / name).read_bytes()
        return self._files[name]

    async def redirect(self, request: web.Request) -> web.Response:
        raise web.HTTPFound("/field/")

    async def index(self, request: web.Request) -> web.Response:
        return self._static("index.html")

    async def static(self, request: web.Request) -> web.Response:
        name = request.match_info["name"]
        if name not in STATIC or name == "index.html":
            raise Open311Error(404, "no such file")
        return self._static(name)

    def _static(self, name: str) -> web.Response:
        resp = web.Response(body=self._file(name), content_type=STATIC[name], charset="utf-8")
        resp.headers["Cache-Control"] = "no-cache"  # revalidated: a new build reaches phones
        return resp

    # --- who is asking --------------------------------------------------------------------------
    async def signin(self, request: web.Request) -> web.Response:
        try:
            body = msgspec.json.decode(await request.read(), type=dict[str, str])
        except msgspec.DecodeError:
            raise Open311Error(400, 'send {"username": ..., "password": ...} as JSON') from None
        username = body.get("username", "").strip()[:100]
        password = body.get("password", "")
        server = self.server
        peer = request.remote or "?"
        loop = asyncio.get_running_loop()
        # The websocket's rules: one attempt at a time per name and address, after its wait.
        async with server.throttle.turn(username, peer):
            locked = server.throttle.locked(username, peer)
            if locked > 0:
                raise Open311Error(
                    429, f"too many failed sign-ins; try again in {locked / 60:.0f} min"
                )
            delay = server.throttle.delay(username, peer)
            if delay > 0:
                await asyncio.sleep(delay)
            try:
                user = await loop.run_in_executor(
                    None, server.accounts.check_password, username, password
                )
            except AuthError as exc:
                server.throttle.failed(username, peer)
                raise Open311Error(401, exc.message) from None
            server.throttle.succeeded(username, peer)
        if user.role != Role.INSPECTOR:
            raise Open311Error(403, "the field client is for inspector accounts")
        token, expires = await loop.run_in_executor(
            None, server.accounts.issue_token, user.username, "field"
        )
        return _json({"token": token, "expires": expires, "user": self._who(user)})

    @staticmethod
    def _who(user: User) -> dict[str, Any]:
        return {
            "username": user.username,
            "display_name": user.display_name,
            "cells": sorted(inspector_cells(user)),
        }

    async def _user(self, request: web.Request) -> User:
        auth = request.headers.get("Authorization", "")
        if not auth.startswith("Bearer ") or len(auth) > 200:
            raise Open311Error(401, "sign in first (Authorization: Bearer <token>)")
        loop = asyncio.get_running_loop()
        try:
            user, _ = await loop.run_in_executor(
                None, self.server.accounts.check_token, auth[7:].strip()
            )
        except AuthError as exc:
            raise Open311Error(401, exc.message) from None
        if user.role != Role.INSPECTOR:
            raise Open311Error(403, "the field client is for inspector accounts")
        return user

    async def me(self, request: web.Request) -> web.Response:
        return _json(self._who(await self._user(request)))

    # --- reads ----------------------------------------------------------------------------------
    async def library(self, request: web.Request) -> web.Response:
        await self._user(request)
        lib = self.server.state.rules().library
        cats = [
            {"code": c.code, "name_en": c.name_en, "name_zh": c.name_zh, "group": c.group}
            for c in lib.categories
            if c.kind == IncidentKind.URBAN
        ]
        return _json({"categories": cats})

    async def tasks(self, request: web.Request) -> web.Response:
        """The verification tasks: cases in the inspector's cells at the verify stage."""
        user = await self._user(request)
        cells = inspector_cells(user)
        lib = self.server.state.rules().library
        out = []
        for inc in self.server.state.incidents.values():
            if inc.status != Status.RESOLVED or inc.location.grid_cell not in cells:
                continue
            clock = inc.clocks.get("verify")
            cat = lib.by_code.get(inc.category)
            out.append(
                {
                    "incident_id": inc.id,
                    "number": inc.number,
                    "category": inc.category,
                    "category_name": cat.name_en if cat else inc.category,
                    "category_zh": cat.name_zh if cat else "",
                    "grid_cell": inc.location.grid_cell,
                    "lat": inc.location.lat,
                    "lon": inc.location.lon,
                    "address": inc.location.address,
                    "description": inc.description,
                    "due": clock.due if clock else None,
                    "overdue": bool(clock and clock.overdue),
                    "rework_count": inc.rework_count,
                }
            )
        out.sort(key=lambda t: (t["due"] is None, t["due"] or 0.0))
        return _json({"tasks": out})

    # --- commands -------------------------------------------------------------------------------
    async def _photo(self, form: Any) -> str:
        """The checked photo's media id ('' when none was sent)."""
        upload = form.get("photo")
        if not isinstance(upload, web.FileField):
            return ""
        data = upload.file.read(self.server.config.http_max_body + 1)
        if not data:
            return ""
        loop = asyncio.get_running_loop()
        try:
            mime, clean = await loop.run_in_executor(None, clean_photo, data, MAX_PHOTO_SIDE)
        except MediaError as exc:
            raise Open311Error(400, f"photo: {exc}") from None
        return await loop.run_in_executor(None, self.side.citizens.put_media, mime, clean)

    async def _run(
        self, ctype: str, payload: dict[str, Any], user: User, request: web.Request, cid: str
    ) -> web.Response:
        try:
            fut = self.side.submit(ctype, payload, user, request.remote or "?", cid)
        except Busy:
            raise Open311Error(
                503, "the centre is overloaded; the phone will send it again"
            ) from None
        answer = await asyncio.shield(fut)
        decoded = decode_answer(answer)
        if not isinstance(decoded, Ack):
            status = 403 if decoded.code == "forbidden" else 409
            return _json({"ok": False, "code": decoded.code, "message": decoded.message}, status)
        return _json({"ok": True, "command_id": cid})

    async def report(self, request: web.Request) -> web.Response:
        user = await self._user(request)
        form = await read_form(request)
        cid = _command_id(form)
        code = _text(form, "category", 100)
        cat = self.server.state.rules().library.by_code.get(code)
        if cat is None:
            raise Open311Error(400, f"category {code[:80]!r} is not in the standard library")
        lat, lon = _position(form)
        description = _text(form, "description", MAX_DESCRIPTION)
        inc = self.server.state.incidents.get(cid)
        if inc is not None and inc.source == SourceChannel.INSPECTOR:
            # a re-send of a report already made: the same answer, and no second photo
            return _json({"ok": True, "command_id": cid, "number": inc.number})
        media = await self._photo(form)
        if media:
            description = f"{description}\nPhoto: /media/{media}".strip()
        payload = {
            "incident_id": cid,
            "category": cat.code,
            "source": SourceChannel.INSPECTOR.value,
            "lat": lat,
            "lon": lon,
            "address": _text(form, "address"),
            "description": description,
        }
        resp = await self._run("create_incident", payload, user, request, cid)
        inc = self.server.state.incidents.get(cid)
        if inc is not None and resp.status == 200:
            return _json({"ok": True, "command_id": cid, "number": inc.number})
        return resp

    async def answer_task(self, request: web.Request) -> web.Response:
        user = await self._user(request)
        form = await read_form(request)
        cid = _command_id(form)
        incident_id = request.match_info["incident_id"][:40]
        answer = _text(form, "answer", 20)
        if answer not in ("fixed", "not_fixed"):
            raise Open311Error(400, "answer is fixed or not_fixed")
        note = _text(form, "note", 1000)
        inc = self.server.state.incidents.get(incident_id)
        if inc is None or inc.location.grid_cell not in inspector_cells(user):
            # the same answer for another cell's case as for no case: ids are not probed
            raise Open311Error(404, "no such task among your grid cells")
        media = await self._photo(form)
        if answer == "not_fixed" and not media:
            raise Open311Error(400, "a case found not fixed needs a photo of what is still wrong")
        reason = "fixed" if answer == "fixed" else "not fixed"
        if note:
            reason += f": {note}"
        if media:
            reason += f" (photo: /media/{media})"
        action = "verify" if answer == "fixed" else "fail_verification"
        payload = {"incident_id": incident_id, "action": action, "reason": reason}
        return await self._run("transition", payload, user, request, cid)
