"""Shared set-up for the interop tests: where ../shared is, and a server database seeded with
the demo city and one flood incident (made through the real processor)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TypeVar

import pytest

from app.city.loader import default_city
from app.domain import commands as c
from app.domain.model import Role, User
from app.interop.submit import submit
from app.server.processor import Processor
from app.server.seed import reference_bodies
from app.server.store import SqliteEventStore

T = TypeVar("T")
REPO = Path(__file__).resolve().parents[2]
DISPATCHER = User(username="dana", display_name="Dana", role=Role.DISPATCHER)
NOW = 1_796_000_000.0  # a fixed decision time (2026-11-30)


def shared() -> Path:
    """../shared beside the clone (CI) or beside the worktrees folder (a worktree)."""
    for base in (REPO.parent, REPO.parent.parent):
        if (base / "shared" / "data" / "cap").is_dir():
            return base / "shared"
    pytest.skip("the shared data folder is absent")


def run_on(db: Path, work: Callable[[Processor], Awaitable[T]], now: float = NOW) -> T:
    async def main() -> T:
        store = SqliteEventStore(db)
        proc = Processor(store, lambda _e, _r: None, clock=lambda: now)
        proc.start()
        try:
            return await work(proc)
        finally:
            await proc.stop()
            store.close()

    return asyncio.run(main())


FLOOD = c.CreateIncident(
    incident_id="inc-flood",
    category="natural.flooding",
    lat=37.7793,
    lon=-122.4193,
    address="1 Dr Carlton B Goodlett Pl",
    description="street flooded to the kerb",
    reporter_contact="+1 415 555 0100",
)


def seeded_db(path: Path) -> Path:
    """A server database with the demo city, the flood incident, two units on it and a note."""
    city = default_city()
    units = sorted(u.id for u in city.units if u.agency == "fire")[:2]

    async def work(proc: Processor) -> None:
        await proc.inject(lambda _s: reference_bodies(city), actor="system")
        answers = await submit(
            proc,
            [
                ("seed-1", FLOOD),
                ("seed-2", c.AssignUnits(incident_id="inc-flood", unit_ids=units)),
                ("seed-3", c.AddNote(incident_id="inc-flood", text="water still rising")),
            ],
            DISPATCHER,
        )
        assert all(type(a).__name__ == "Ack" for a in answers), answers

    run_on(path, work)
    return path
