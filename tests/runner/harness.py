"""The places that decide commands, each driven the way the product drives it.

* the server: its :class:`Processor` on a real SQLite event store (the state it decides on is the
  one the store loads back, so the rules must survive the store);
* a workstation offline: the confirmed state read back from a real cache file, every command
  queued and projected on it as the desk shows pending changes;
* a training session: :class:`TrainingGateway` on a state rebuilt from a snapshot (as a replay
  checkpoint holds it).

Each returns, per command, the event bodies it produced (or the refusal code).
"""

from __future__ import annotations

import asyncio
import itertools
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import msgspec

from app.domain import commands as c
from app.domain import events as ev
from app.domain.commands import CommandError
from app.domain.library import default_library
from app.domain.model import Agency, Role, Unit, User
from app.domain.rules import calendar_spec, library_version
from app.domain.runner import Command, to_payload, type_name
from app.domain.state import CityState, OverlayState, Snapshot
from app.domain.workcalendar import WorkCalendar
from app.protocol import CommandMsg, ErrorMsg
from app.protocol import decode_server as decode
from app.replay.training import TrainingGateway
from app.replay.traininglog import TrainingLog
from app.server.processor import CommandJob, Processor
from app.server.store import SqliteEventStore
from app.sync.cache import LocalCache, OutboxEntry
from app.sync.projection import decide_local, provisional_events

USERS = {
    "dispatcher": User(username="dana", display_name="Dana", role=Role.DISPATCHER),
    "supervisor": User(username="sam", display_name="Sam", role=Role.SUPERVISOR),
    "call_taker": User(username="carl", display_name="Carl", role=Role.CALL_TAKER),
    "liaison": User(username="wes", display_name="Wes", role=Role.LIAISON, agency="sanitation"),
    "observer": User(username="olga", display_name="Olga", role=Role.OBSERVER),
    "admin": User(username="ada", display_name="Ada", role=Role.ADMIN),
}


@dataclass
class Step:
    at: float
    role: str
    command: Command


Outcome = list[bytes] | str  # encoded bodies, or the refusal code


def rule_bodies(calendar: WorkCalendar | None = None) -> list[ev.EventBody]:
    """A city's rules and reference data: library, calendar, the demo city's grid and outlines,
    four agencies with units."""
    from app.city import load_city

    city = load_city()
    lib = default_library()
    cal = calendar or WorkCalendar(holidays=frozenset())
    out: list[ev.EventBody] = [
        ev.LibraryLoaded(version=library_version(lib.categories), categories=lib.categories),
        ev.CalendarLoaded(calendar=calendar_spec(cal)),
        ev.GridLoaded(cells=city.grid_cells, spec=city.grid, neighbourhoods=city.neighbourhoods),
    ]
    for aid in ("fire", "medical", "sanitation", "water"):
        out.append(ev.AgencyUpserted(agency=Agency(id=aid, name=aid.title())))
    units = [("E1", "fire"), ("E2", "fire"), ("M1", "medical"), ("S1", "sanitation")]
    units += [("S2", "sanitation"), ("W1", "water")]
    for uid, agency in units:
        out.append(
            ev.UnitUpserted(unit=Unit(id=uid, agency=agency, type="unit", lat=37.77, lon=-122.42))
        )
    return out


def normalise(bodies: Sequence[ev.EventBody]) -> list[bytes]:
    """Bodies as JSON, with the incident number blanked (the server numbers incidents; a desk
    shows a provisional number until then)."""
    out = []
    for b in bodies:
        if isinstance(b, ev.IncidentCreated):
            b = ev.IncidentCreated(incident=msgspec.structs.replace(b.incident, number=""))
        out.append(msgspec.json.encode(b))
    return out


# --- the server ----------------------------------------------------------------------------------
def run_server(workdir: Path, seed: list[ev.EventBody], steps: list[Step]) -> list[Outcome]:
    async def main() -> list[Outcome]:
        store = SqliteEventStore(workdir / "server.sqlite")
        clock = [steps[0].at if steps else 0.0]
        batches: list[tuple[list[ev.Event], list[tuple[object, bytes]]]] = []
        proc = Processor(store, lambda e, r: batches.append((e, r)), clock=lambda: clock[0])
        proc.start()
        await proc.inject(lambda _s: list(seed), "system")
        await proc.stop()
        # Decide on the state the store gives back: the rules must have been kept.
        proc = Processor(store, lambda e, r: batches.append((e, r)), clock=lambda: clock[0])
        proc.start()
        out: list[Outcome] = []
        for step in steps:
            clock[0] = step.at
            batches.clear()
            msg = CommandMsg(
                id=str(uuid.uuid4()),
                type=type_name(step.command),
                payload=to_payload(step.command),
            )
            proc.submit(CommandJob(msg, USERS[step.role], "ws-test", "127.0.0.1", origin=1))
            while not batches:
                await asyncio.sleep(0.001)
            events, replies = batches[0]
            answer = decode(replies[0][1])
            if isinstance(answer, ErrorMsg):
                out.append(answer.code)
            else:
                out.append(normalise([e.body for e in events]))
        await proc.stop()
        store.close()
        return out

    return asyncio.run(main())


# --- a workstation, offline ------------------------------------------------------------------------
def run_offline_desk(workdir: Path, seed: list[ev.EventBody], steps: list[Step]) -> list[Outcome]:
    confirmed = CityState()
    confirmed.apply_all(
        ev.Event(seq=n, time=0.0, actor="system", body=b) for n, b in enumerate(seed, start=1)
    )
    cache = LocalCache(workdir / "cache.sqlite")
    cache.save_state(confirmed)
    loaded = cache.load_state()
    cache.close()
    assert loaded is not None
    view = OverlayState(loaded)
    out: list[Outcome] = []
    for step in steps:
        user = USERS[step.role]
        entry = OutboxEntry(
            id=str(uuid.uuid4()),
            type=type_name(step.command),
            payload=to_payload(step.command),
            expected_version=None,
            created=step.at,
        )
        try:
            bodies = decide_local(view, entry, user)
        except CommandError as exc:
            out.append(exc.code)
            continue
        view.apply_all(provisional_events(bodies, entry, user, "ws-test"))
        out.append(normalise(bodies))
    return out


# --- a training session ------------------------------------------------------------------------------
def run_training(
    workdir: Path, replay: Path, seed: list[ev.EventBody], steps: list[Step]
) -> list[Outcome]:
    st = CityState()
    st.apply_all(
        ev.Event(seq=n, time=0.0, actor="system", body=b) for n, b in enumerate(seed, start=1)
    )
    # As a replay checkpoint restores it.
    state = CityState.from_snapshot(
        msgspec.msgpack.decode(msgspec.msgpack.encode(st.snapshot()), type=Snapshot)
    )
    clock = [0.0]
    captured: list[list[ev.Event]] = []
    refused: list[str] = []

    def apply(events: list[ev.Event]) -> None:
        state.apply_all(events)
        captured.append(events)

    from app.replay.replayfile import ReplayFile

    rf = ReplayFile(replay)
    log = TrainingLog.create(workdir / "t.training.sqlite", replay, "test", "dana", 0.0, "UTC")
    gw = TrainingGateway(
        log,
        rf,
        USERS["dispatcher"],
        state=lambda: state,
        clock=lambda: clock[0],
        apply=apply,
        refused=lambda r: refused.append(r.code),
    )
    out: list[Outcome] = []
    for step in steps:
        clock[0] = step.at
        gw.trainee = USERS[step.role]
        captured.clear()
        refused.clear()
        command = step.command
        gw.submit(command)
        if refused:
            out.append(refused[0])
        else:
            bodies: list[ev.EventBody] = [e.body for e in itertools.chain(*captured)]
            if isinstance(command, c.CreateIncident):
                # Training marks its own calls as exercise; compare the rules' outcome.
                bodies = [
                    ev.IncidentCreated(incident=msgspec.structs.replace(b.incident, exercise=False))
                    if isinstance(b, ev.IncidentCreated)
                    else b
                    for b in bodies
                ]
            out.append(normalise(bodies))
    log.close()
    rf.close()
    return out


def describe(steps: list[Step]) -> list[Any]:
    return [(s.at, s.role, type_name(s.command), to_payload(s.command)) for s in steps]
