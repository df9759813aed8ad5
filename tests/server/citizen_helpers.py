"""A real server with its HTTP side on 127.0.0.1 (ephemeral ports), an Open311 key, and the
steps that take a case through the closed loop as real workstation users."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp

from app.net.client import Connection
from app.protocol import Ack
from app.server import CityServer
from app.server.http.citizens import CitizenStore
from tests.server.conftest import live_server, login

TRASH = "event.exposed_garbage"  # sanitation; needs address and description
BURNING = "event.open_burning"  # urban-management, handled by the fire department


@dataclass
class Citizen:
    server: CityServer
    base: str  # http://127.0.0.1:PORT
    key: str
    http: aiohttp.ClientSession

    @property
    def store(self) -> CitizenStore:
        assert self.server.http is not None
        return self.server.http.citizens

    async def post(self, fmt: str = "json", **fields: Any) -> aiohttp.ClientResponse:
        data = {"api_key": self.key, **fields}
        return await self.http.post(f"{self.base}/open311/v2/requests.{fmt}", data=data)

    async def report(self, code: str = TRASH, **fields: Any) -> str:
        """POST a valid request; its service_request_id."""
        body = {
            "service_code": code,
            "lat": "37.7793",
            "long": "-122.4193",
            "address_string": "1 Dr Carlton B Goodlett Pl",
            "description": "Bags of garbage on the sidewalk",
        }
        body.update(fields)
        resp = await self.post(**body)
        data = await resp.json()
        assert resp.status == 200, data
        return str(data[0]["service_request_id"])

    async def get(self, path: str, **params: str) -> aiohttp.ClientResponse:
        return await self.http.get(self.base + path, params=params)

    def incident(self, number: str) -> Any:
        return next(i for i in self.server.state.incidents.values() if i.number == number)


@contextlib.asynccontextmanager
async def citizen_server(db: Path, **settings: Any) -> AsyncIterator[Citizen]:
    settings.setdefault("http_rate", 100_000)
    settings.setdefault("http_burst", 100_000)
    settings.setdefault("http_key_rate", 100_000)
    settings.setdefault("http_key_burst", 100_000)
    keys = CitizenStore(db)
    keys.revoke_key("app1")  # a database used again: a fresh key
    key = keys.create_key("app1")
    keys.close()
    async with live_server(db, http_port=0, **settings) as server:
        assert server.http is not None
        async with aiohttp.ClientSession() as http:
            yield Citizen(server, f"http://127.0.0.1:{server.http.port}", key, http)


async def command(conn: Connection, ctype: str, **payload: Any) -> None:
    ans = await conn.send_command(ctype, payload)
    assert isinstance(ans, Ack), ans


async def resolve(c: Citizen, number: str, unit: str = "S1") -> None:
    """Register, dispatch and resolve the case as the centre's supervisor would."""
    sup = await login(c.server, "sup")
    try:
        inc = c.incident(number)
        await command(sup, "assign_units", incident_id=inc.id, unit_ids=[unit])
        await command(sup, "transition", incident_id=inc.id, action="resolve", reason="cleaned")
    finally:
        await sup.close()
