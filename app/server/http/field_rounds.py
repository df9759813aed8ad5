"""The field client's round and position calls (docs/PROTOCOL.md, "Rounds"): the inspector's
round for today, a checkpoint ticked off with the fix that reached it, and the periodic
position while on duty. Each is a command through the server's processor under the phone's
command id (``tick_checkpoint``, ``report_position``), so the rules in app/domain/rounds.py
decide, and a re-send after a lost answer is answered from the processor's memory.
"""

from __future__ import annotations

import logging
import math
import time
from typing import TYPE_CHECKING, Any

import msgspec
from aiohttp import web

from app.domain.rounds import local_day, round_key
from app.server.http.render import Open311Error
from app.server.http.side import read_form

if TYPE_CHECKING:
    from app.server.http.field import FieldApi

log = logging.getLogger(__name__)


def _number(form: Any, name: str, default: float | None = None) -> float:
    raw = form.get(name)
    if not isinstance(raw, str) or not raw.strip():
        if default is not None:
            return default
        raise Open311Error(400, f"{name} is required")
    try:
        value = float(raw[:40])
    except ValueError:
        raise Open311Error(400, f"{name} must be a number") from None
    if not math.isfinite(value):
        raise Open311Error(400, f"{name} must be a finite number")
    return value


class FieldRounds:
    """Routes under /field/api/ for rounds and positions (mounted by FieldApi)."""

    def __init__(self, field: FieldApi) -> None:
        self.field = field
        self.server = field.server

    def add_routes(self, router: web.UrlDispatcher) -> None:
        router.add_get("/field/api/round", self.today)
        router.add_post("/field/api/round/tick", self.tick)
        router.add_post("/field/api/position", self.position)

    async def today(self, request: web.Request) -> web.Response:
        """The inspector's round for the city's current local day (``round`` null: none)."""
        user = await self.field._user(request)
        state = self.server.state
        now = time.time()
        day = local_day(state.rules(), now)
        rnd = state.rounds.get(round_key(user.username, day))
        me = state.inspectors.get(user.username)
        body = {
            "day": day,
            "now": now,
            "round": msgspec.to_builtins(rnd) if rnd is not None else None,
            "on_duty": bool(me and me.on_duty),
        }
        return _json(body)

    async def tick(self, request: web.Request) -> web.Response:
        user = await self.field._user(request)
        form = await read_form(request)
        cid = self.field.command_id(form)
        lat, lon = self.field.position(form)
        payload = {
            "inspector": user.username,
            "day": self.field.text(form, "day", 10),
            "checkpoint_id": self.field.text(form, "checkpoint_id", 40),
            "lat": lat,
            "lon": lon,
            "at": _number(form, "at"),
        }
        return await self.field.run("tick_checkpoint", payload, user, request, cid)

    async def position(self, request: web.Request) -> web.Response:
        user = await self.field._user(request)
        form = await read_form(request)
        cid = self.field.command_id(form)
        lat, lon = self.field.position(form)
        duty = self.field.text(form, "on_duty", 5) or "1"
        if duty not in ("0", "1"):
            raise Open311Error(400, "on_duty is 1 or 0")
        payload = {
            "lat": lat,
            "lon": lon,
            "at": _number(form, "at"),
            "accuracy_m": _number(form, "accuracy", 0.0),
            "on_duty": duty == "1",
        }
        return await self.field.run("report_position", payload, user, request, cid)


def _json(value: object) -> web.Response:
    resp = web.Response(body=msgspec.json.encode(value))
    resp.content_type = "application/json"
    resp.headers["Cache-Control"] = "no-store"
    return resp
