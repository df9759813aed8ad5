"""``record``: a server's event log (SQLite) -> a replay file, whole or a time window.

A window starts with the state at its start written as events (agencies, grid, cameras, units,
incidents, linkage requests), so the replay is self-contained. A log that never recorded its
reference data as events gets it from the server's current-state tables instead.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import msgspec

from app.domain import events as ev
from app.domain.model import Agency, Camera, GridCell, Unit
from app.domain.state import CityState, RulesData
from app.replay.replayfile import ReplayError, ReplayMeta, write_replay

log = logging.getLogger(__name__)


def state_events(st: CityState, t: float) -> list[ev.Event]:
    """Events that rebuild ``st`` from nothing (all stamped ``t``)."""
    bodies = rule_bodies(st)
    bodies += [ev.AgencyUpserted(agency=a) for a in st.agencies.values()]
    bodies += [ev.CameraUpserted(camera=c) for c in st.cameras.values()]
    bodies += [ev.UnitUpserted(unit=u) for u in st.units.values()]
    bodies += [ev.IncidentCreated(incident=i) for i in st.incidents.values()]
    bodies += [ev.LinkageRequested(request=r) for r in st.linkages.values()]
    # A linkage request touches its incident; write those incidents again, exactly as they were.
    touched = {r.incident_id for r in st.linkages.values()}
    bodies += [ev.IncidentCreated(incident=st.incidents[i]) for i in touched if i in st.incidents]
    return [ev.Event(seq=0, time=t, actor="system", workstation="record", body=b) for b in bodies]


def rule_bodies(st: CityState) -> list[ev.EventBody]:
    """The events that give a state its rules (library, calendar, grid with layout and outlines),
    so a recorded replay decides exactly as the server did."""
    out: list[ev.EventBody] = []
    if st.categories:
        out.append(ev.LibraryLoaded(version=st.library_version, categories=list(st.categories)))
    if st.calendar is not None:
        out.append(ev.CalendarLoaded(calendar=st.calendar))
    if st.grid_cells:
        out.append(
            ev.GridLoaded(
                cells=list(st.grid_cells.values()),
                spec=st.grid_spec,
                neighbourhoods=list(st.neighbourhoods),
            )
        )
    return out


def _tables_reference(con: sqlite3.Connection, t: float) -> list[ev.Event]:
    bodies: list[ev.EventBody] = []
    try:
        row = con.execute("SELECT value FROM meta WHERE key = 'rules'").fetchone()
        if row is not None:
            rules = CityState()
            rules.set_rules_data(msgspec.json.decode(row[0], type=RulesData))
            bodies += [b for b in rule_bodies(rules) if not isinstance(b, ev.GridLoaded)]
        bodies += [
            ev.AgencyUpserted(agency=msgspec.json.decode(d, type=Agency))
            for (d,) in con.execute("SELECT data FROM agencies")
        ]
        cells = [
            msgspec.json.decode(d, type=GridCell)
            for (d,) in con.execute("SELECT data FROM grid_cells")
        ]
        if cells:
            spec = hoods = None
            if row is not None:
                data = msgspec.json.decode(row[0], type=RulesData)
                spec, hoods = data.grid_spec, data.neighbourhoods
            bodies.append(ev.GridLoaded(cells=cells, spec=spec, neighbourhoods=list(hoods or [])))
        bodies += [
            ev.CameraUpserted(camera=msgspec.json.decode(d, type=Camera))
            for (d,) in con.execute("SELECT data FROM cameras")
        ]
        for (d,) in con.execute("SELECT data FROM units"):
            u = msgspec.json.decode(d, type=Unit)
            # Reference only: where and what a unit is, not what it was doing at the end.
            bodies.append(
                ev.UnitUpserted(unit=msgspec.structs.replace(u, incident_id="", assigned_by=""))
            )
    except sqlite3.DatabaseError as exc:
        log.warning("no current-state tables to take reference data from: %s", exc)
    return [ev.Event(seq=0, time=t, actor="system", workstation="record", body=b) for b in bodies]


def record(
    db: Path,
    out: Path,
    start: float | None = None,
    end: float | None = None,
    title: str = "",
    city: str = "San Francisco",
    time_zone: str = "America/Los_Angeles",
) -> ReplayMeta:
    db = Path(db)
    if not db.is_file():
        raise ReplayError(f"no server database at {db}")
    try:
        con = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
        first = con.execute("SELECT MIN(time), MAX(time), COUNT(*) FROM events").fetchone()
    except sqlite3.DatabaseError as exc:
        raise ReplayError(f"{db} is not a server database: {exc}") from None
    if not first or not first[2]:
        raise ReplayError(f"{db} has no events to record")
    lo = start if start is not None else first[0]
    hi = end if end is not None else first[1] + 1.0
    if hi <= lo:
        raise ReplayError("the window ends before it starts")
    skipped = 0

    def decoded(sql: str, params: tuple[float, ...]) -> Iterator[ev.Event]:
        nonlocal skipped
        for (payload,) in con.execute(sql, params):
            try:
                yield ev.decode_event(payload)
            except (msgspec.ValidationError, msgspec.DecodeError) as exc:
                skipped += 1
                log.warning("event not readable, left out: %s", exc)

    before = CityState()
    for e in decoded("SELECT payload FROM events WHERE time < ? ORDER BY seq", (lo,)):
        before.apply(e)
    head = state_events(before, lo)
    has_ref = (
        bool(before.units)
        or con.execute(
            "SELECT 1 FROM events WHERE type = 'unit_upserted' AND time >= ? AND time < ? LIMIT 1",
            (lo, hi),
        ).fetchone()
        is not None
    )
    if not has_ref:
        head = _tables_reference(con, lo) + head
    window = list(
        decoded("SELECT payload FROM events WHERE time >= ? AND time < ? ORDER BY seq", (lo, hi))
    )
    con.close()
    if not window and not head:
        raise ReplayError("no events in that window")
    meta = ReplayMeta(
        title=title or f"Recorded operations ({db.name})",
        source=f"server event log {db.name}",
        city=city,
        time_zone=time_zone,
        report={
            "events_before_window": len(before.incidents),
            "starting_events": len(head),
            "window_events": len(window),
            "unreadable_events": skipped,
            "reference_from_tables": not has_ref,
        },
    )
    return write_replay(Path(out), [*head, *window], meta)
