"""A real server on 127.0.0.1 (ephemeral port) with a small test city and one account per role.

Tests are plain ``asyncio.run`` coroutines (no pytest-asyncio): ``run(main(tmp_path))``.
"""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections.abc import AsyncIterator, Awaitable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest

from app.domain import events as ev
from app.domain.model import Agency, Camera, Station, Unit
from app.net.client import Connection
from app.protocol import Ack
from app.server import CityServer
from app.server.auth import make_user_record
from app.server.pgstore import PgEventStore
from tests.pg import PgCluster

T = TypeVar("T")

REPO_ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "secret-pass"
CHEAP = 2**10  # scrypt cost for test accounts (the cost is stored with each hash)

USERS = [
    ("admin", "admin", ""),
    ("sup", "supervisor", ""),
    ("disp1", "dispatcher", ""),
    ("disp2", "dispatcher", ""),
    ("ct", "call_taker", ""),
    ("obs", "observer", ""),
    ("fire_li", "liaison", "fire"),
    ("police_li", "liaison", "police"),
]

# A fire category and a sanitation one from the standard library.
FIRE = "fire.structure"
TRASH = "event.exposed_garbage"


def run(coro: Awaitable[T], timeout: float = 60.0) -> T:
    async def main() -> T:
        return await asyncio.wait_for(coro, timeout)

    return asyncio.run(main())


def city_bodies() -> list[ev.EventBody]:
    agencies = [
        Agency(
            id="fire",
            name="Fire Department",
            stations=[Station(id="FS1", name="Station 1", lat=37.78, lon=-122.41)],
        ),
        Agency(id="police", name="Police Department"),
        Agency(id="sanitation", name="Public Works"),
    ]
    units = [
        Unit(id="E1", agency="fire", type="engine", capabilities=["fire_suppression"]),
        Unit(id="E2", agency="fire", type="engine", capabilities=["fire_suppression"]),
        Unit(id="P1", agency="police", type="patrol", capabilities=["law_enforcement"]),
        Unit(id="S1", agency="sanitation", type="sweeper", capabilities=["street_cleaning"]),
    ]
    cams = [
        Camera(id="C1", name="Market & 5th", lat=37.78, lon=-122.40, heading=90, fov=60, range_m=80)
    ]
    out: list[ev.EventBody] = [ev.AgencyUpserted(agency=a) for a in agencies]
    out += [ev.UnitUpserted(unit=u) for u in units]
    out += [ev.CameraUpserted(camera=c) for c in cams]
    return out


# Modules marked ``pytest.mark.usefixtures("both_stores")`` run each test on SQLite and on
# PostgreSQL: live_server then opens the PostgreSQL database that belongs to its db path.
_PG: PgCluster | None = None


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "both_stores" in metafunc.fixturenames:
        metafunc.parametrize("both_stores", ["sqlite", "postgresql"], indirect=True)


@pytest.fixture
def both_stores(request: pytest.FixtureRequest) -> Iterator[str]:
    global _PG
    if request.param == "postgresql":
        _PG = request.getfixturevalue("pg_cluster")
    try:
        yield str(request.param)
    finally:
        _PG = None


@contextlib.asynccontextmanager
async def live_server(db: Path, seed: bool = True, **settings: Any) -> AsyncIterator[CityServer]:
    if _PG is not None and "store" not in settings:
        settings["store"] = PgEventStore(_PG.database_for(db))
    settings.setdefault("deadline_interval", 0)
    settings.setdefault("login_delay_base", 0.01)
    settings.setdefault("password_cost", 0)  # test accounts keep their cheap hashes
    server = CityServer(db, "127.0.0.1", 0, **settings)
    await server.start()
    assert server.store is not None
    try:
        for name, role, agency in USERS:
            if server.store.get_user(name) is None:
                server.store.put_user(
                    make_user_record(name, PASSWORD, role, name.title(), agency, cost=CHEAP)
                )
        if seed and not server.state.agencies:
            await server.inject(city_bodies())
        yield server
    finally:
        await server.stop()


def url(server: CityServer) -> str:
    return f"ws://127.0.0.1:{server.port}"


async def login(server: CityServer, username: str, last_seq: int = -1, **kw: Any) -> Connection:
    conn = await Connection.connect(
        url(server), username, PASSWORD, f"ws-{username}", last_seq=last_seq, **kw
    )
    await drain_catch_up(conn)
    return conn


async def drain_catch_up(conn: Connection) -> None:
    """Read the catch-up (a snapshot, or event batches up to the final one)."""
    if conn.welcome.catch_up == "snapshot":
        await conn.next_update()
        return
    while True:
        upd = await conn.next_update()
        if getattr(upd, "final", False):
            return


async def create_incident(conn: Connection, **payload: Any) -> str:
    incident_id = str(uuid.uuid4())
    body: dict[str, Any] = {
        "incident_id": incident_id,
        "category": FIRE,
        "lat": 37.78,
        "lon": -122.41,
        "address": "1 Market St",
    }
    body.update(payload)
    ans = await conn.send_command("create_incident", body)
    assert isinstance(ans, Ack), ans
    return incident_id


async def events_until(conn: Connection, seq: int, timeout: float = 5.0) -> list[ev.Event]:
    """Events received until one with ``seq`` (or later) arrived."""
    got: list[ev.Event] = []
    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    while not got or got[-1].seq < seq:
        upd = await conn.next_update(max(0.01, end - loop.time()))
        got.extend(getattr(upd, "events", []))
    return got
