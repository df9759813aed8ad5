"""Turning imported calls into the committed events a server would have logged.

Per call: created at Received, registered at Entry, dispatched at the first unit's Dispatch, in
progress at the first On Scene, resolved / verified / closed at the last Available. Per unit row:
assigned at Dispatch, en route at Response, moved to the scene and on scene at On Scene, transport
and hospital as notes, released, back at its home station and available at Available. Transitions go through ``decide`` so
their stage clocks are exactly what the server would have computed.
"""

from __future__ import annotations

import logging
import re
from collections import Counter, defaultdict
from collections.abc import Iterator

import msgspec

from app.domain import commands as c
from app.domain import events as ev
from app.domain.deadlines import WorkCalendar
from app.domain.library import Library
from app.domain.model import (
    NarrativeEntry,
    Role,
    SourceChannel,
    Unit,
    UnitStatus,
    User,
)
from app.domain.rules import calendar_spec, library_version
from app.domain.runner import CommandRunner
from app.domain.state import CityState
from app.replay.csvimport import CallRecord, ImportReport, UnitRow
from app.replay.reference import Reference

log = logging.getLogger(__name__)

ACTOR = User(username="sffd", display_name="SF Fire dispatch (recorded)", role=Role.DISPATCHER)
WORKSTATION = "import"

# SF "Unit Type" -> (agency, our unit type, capabilities)
UNIT_TYPES: dict[str, tuple[str, str, list[str]]] = {
    "ENGINE": ("fire", "engine", ["fire_suppression", "ems_bls"]),
    "TRUCK": ("fire", "truck", ["ladder", "rescue", "fire_suppression"]),
    "CHIEF": ("fire", "battalion_chief", ["command"]),
    "RESCUE SQUAD": ("fire", "rescue_squad", ["rescue", "water_rescue", "hazmat"]),
    "SUPPORT": ("fire", "support", ["support"]),
    "INVESTIGATION": ("fire", "investigation", ["investigation"]),
    "MEDIC": ("medical", "medic", ["ems_als", "ems_bls"]),
    "PRIVATE": ("medical", "bls_ambulance", ["ems_bls"]),
    "RESCUE CAPTAIN": ("medical", "rescue_captain", ["ems_als", "command"]),
}
_PADDED = re.compile(r"^([A-Z]+)0+(\d+)$")


def unit_key(unit_id: str, unit_type: str) -> str:
    """Our call sign for a file's unit: E01 -> E1 (as the demo city names them), medic 85 -> M85."""
    uid = unit_id.strip().upper()
    m = _PADDED.match(uid)
    if m:
        uid = f"{m.group(1)}{int(m.group(2))}"
    if uid.isdigit() and unit_type.strip().upper() == "MEDIC":
        uid = f"M{uid}"
    return uid


# (time, call position in received order, step within the call, body, incident of a unit status)
# Sorting on the first three keeps each call's own story in order at equal times.
_Item = tuple[float, int, int, ev.EventBody, str]


def _station_id(area: str) -> str:
    return f"FS{int(area):02d}" if area.isdigit() else ""


def make_units(
    calls: list[CallRecord], ref: Reference, report: ImportReport
) -> tuple[list[Unit], dict[tuple[str, str], str]]:
    """Units the calls name that the reference lacks, and (file unit id, type) -> call sign."""
    known = {u.id for u in ref.units}
    stations = {s.id: s for a in ref.agencies for s in a.stations}
    ids: dict[tuple[str, str], str] = {}
    areas: dict[str, Counter[str]] = defaultdict(Counter)
    types: dict[str, str] = {}
    # Centre of each station area's calls: where a unit of an area with no known station waits.
    sums: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for call in calls:
        acc = sums[call.station_area]
        acc[0] += call.lat
        acc[1] += call.lon
        acc[2] += 1
        for row in call.units:
            key = unit_key(row.unit_id, row.unit_type)
            ids[(row.unit_id, row.unit_type)] = key
            areas[key][row.station_area] += 1
            types.setdefault(key, row.unit_type.strip().upper())
    new: list[Unit] = []
    for key in sorted(set(ids.values()) - known):
        agency, utype, caps = UNIT_TYPES.get(types[key], ("fire", types[key].lower() or "unit", []))
        area = areas[key].most_common(1)[0][0]
        station = stations.get(_station_id(area))
        if station is not None:
            lat, lon = station.lat, station.lon
        else:
            acc = sums.get(area) or next(iter(sums.values()))
            lat, lon = acc[0] / acc[2], acc[1] / acc[2]
            report.adjust("unit without a known station: placed at its area's centre", key)
        new.append(
            Unit(
                id=key,
                agency=agency,
                type=utype,
                capabilities=list(caps),
                home_station=station.id if station else "",
                lat=lat,
                lon=lon,
            )
        )
    report.units_created = len(new)
    return new, ids


class EventBuilder:
    """Builds the whole replay's events (reference data first) from imported calls."""

    def __init__(self, library: Library, ref: Reference, report: ImportReport) -> None:
        self.library = library
        self.ref = ref
        self.report = report
        self.calendar = WorkCalendar()
        self._runner = CommandRunner()
        self._rules_state = CityState()
        for body in [*self.rule_bodies(), *ref.bodies()]:
            if isinstance(body, (ev.LibraryLoaded, ev.CalendarLoaded, ev.GridLoaded)):
                self._rules_state.apply(ev.Event(seq=0, time=0.0, actor="system", body=body))

    def rule_bodies(self) -> list[ev.EventBody]:
        """The rules the replay was decided with: every player and trainee decides with them."""
        cats = self.library.categories
        return [
            ev.LibraryLoaded(version=library_version(cats), categories=cats),
            ev.CalendarLoaded(calendar=calendar_spec(self.calendar)),
        ]

    def events(self, calls: list[CallRecord]) -> Iterator[ev.Event]:
        new_units, ids = make_units(calls, self.ref, self.report)
        ref = Reference(
            city=self.ref.city,
            agencies=self.ref.agencies,
            units=[*self.ref.units, *new_units],
            cameras=self.ref.cameras,
            grid_cells=self.ref.grid_cells,
            grid_spec=self.ref.grid_spec,
            neighbourhoods=self.ref.neighbourhoods,
        )
        start = calls[0].received if calls else 0.0
        for body in [*self.rule_bodies(), *ref.bodies()]:
            yield ev.Event(seq=0, time=start, actor="system", workstation=WORKSTATION, body=body)
        # Where a free unit waits: its home station (the position it starts the replay at).
        home = {u.id: (u.lat, u.lon) for u in ref.units if u.lat or u.lon}
        items: list[_Item] = []
        for order, call in enumerate(calls):
            items += self._call_items(order, call, ids, home)
        items.sort(key=lambda it: (it[0], it[1], it[2]))
        busy: dict[str, str] = {}  # unit -> incident it is currently on, in replay order
        superseded = 0
        for t, _, _, b, unit_incident in items:
            if isinstance(b, ev.UnitAssigned):
                busy[b.unit_id] = b.incident_id
            elif unit_incident:
                unit_id = getattr(b, "unit_id", "")
                if busy.get(unit_id) != unit_incident:
                    # The unit was already sent to a newer call: this status belongs to the old one.
                    superseded += 1
                    continue
                if isinstance(b, ev.UnitStatusChanged) and b.status == UnitStatus.AVAILABLE:
                    busy.pop(unit_id, None)
            yield ev.Event(seq=0, time=t, actor=ACTOR.username, workstation=WORKSTATION, body=b)
        if superseded:
            self.report.adjusted["unit status left out: unit already on a newer call"] += superseded

    def _call_items(
        self,
        order: int,
        call: CallRecord,
        ids: dict[tuple[str, str], str],
        home: dict[str, tuple[float, float]],
    ) -> list[_Item]:
        cat = call.category
        inc_id = f"sf-{call.call_number}"
        t0 = call.received
        # The call is created through the command runner with the replay's own rules (library,
        # calendar, locator), exactly as a desk would have; it keeps the city's call number.
        st = CityState()
        st.adopt_rules(self._rules_state)
        create = c.CreateIncident(
            incident_id=inc_id,
            category=cat.code,
            priority=call.priority,
            source=SourceChannel.HOTLINE,
            lat=call.lat,
            lon=call.lon,
            # A source without addresses still places the call: its position is its address.
            address=call.address or f"{call.lat:.5f}, {call.lon:.5f}",
            neighbourhood=call.neighbourhood,
            description=call.call_type or cat.name_en,
            department=cat.department,
        )
        try:
            (created,) = self._runner.run(st, ACTOR, create, t0)
        except (c.CommandError, ValueError) as exc:
            reason = exc.message if isinstance(exc, c.CommandError) else str(exc)
            self.report.adjust(f"call left out: {reason}", f"call {call.call_number}")
            return []
        assert isinstance(created, ev.IncidentCreated)
        inc = msgspec.structs.replace(created.incident, number=call.call_number)
        items: list[_Item] = []
        step = 0

        def add(t: float, body: ev.EventBody, unit_incident: str = "") -> None:
            nonlocal step
            items.append((t, order, step, body, unit_incident))
            step += 1

        def transition(t: float, action: str, reason: str = "") -> None:
            cmd = c.Transition(incident_id=inc_id, action=action, reason=reason)
            for body in self._runner.run(st, ACTOR, cmd, t):
                st.apply(ev.Event(seq=0, time=t, actor=ACTOR.username, body=body))
                add(t, body)

        created = ev.IncidentCreated(incident=inc)
        st.apply(ev.Event(seq=0, time=t0, actor=ACTOR.username, body=created))
        add(t0, created)
        rows = sorted(call.units, key=lambda r: (r.times["dispatch"], r.row))
        first_dispatch = rows[0].times["dispatch"]
        t_reg = call.entry if call.entry is not None else t0
        if t_reg > first_dispatch:
            self.report.adjust("entry after first dispatch: clamped", f"call {call.call_number}")
            t_reg = first_dispatch
        transition(t_reg, "register")
        # Unit milestones of the whole call, merged in time order, so the call's transitions
        # (dispatch at the first Dispatch, start at the first On Scene) fall between them.
        marks: list[tuple[float, int, int, UnitRow, str]] = []
        for i, row in enumerate(rows):
            for j, (name, t) in enumerate(row.times.items()):
                marks.append((t, j, i, row, name))
        marks.sort(key=lambda m: (m[0], m[1], m[2]))
        dispatched = started = False
        last_t = t_reg
        for t, _, _, row, name in marks:
            uid = ids[(row.unit_id, row.unit_type)]
            last_t = max(last_t, t)
            if name == "dispatch":
                add(t, ev.UnitAssigned(incident_id=inc_id, unit_id=uid))
                if not dispatched:
                    dispatched = True
                    transition(t, "dispatch", "units dispatched")
            elif name == "response":
                add(
                    t,
                    ev.UnitStatusChanged(
                        unit_id=uid, status=UnitStatus.EN_ROUTE, incident_id=inc_id
                    ),
                    inc_id,
                )
            elif name == "on_scene":
                add(t, ev.UnitMoved(unit_id=uid, lat=call.lat, lon=call.lon, at=t), inc_id)
                add(
                    t,
                    ev.UnitStatusChanged(
                        unit_id=uid, status=UnitStatus.ON_SCENE, incident_id=inc_id
                    ),
                    inc_id,
                )
                if not started:
                    started = True
                    transition(t, "start", f"{uid} on scene")
            elif name in ("transport", "hospital"):
                text = f"{uid} transporting" if name == "transport" else f"{uid} at hospital"
                entry = NarrativeEntry(at=t, who=ACTOR.username, text=text, kind="system")
                add(t, ev.NoteAdded(incident_id=inc_id, entry=entry))
            elif name == "available":
                add(t, ev.UnitReleased(incident_id=inc_id, unit_id=uid))
                if uid in home:
                    # Back in quarters: the file has no return trip, and a unit left at its last
                    # scene would mislead the map and nearest-unit suggestions.
                    lat, lon = home[uid]
                    add(t, ev.UnitMoved(unit_id=uid, lat=lat, lon=lon, at=t), inc_id)
                add(t, ev.UnitStatusChanged(unit_id=uid, status=UnitStatus.AVAILABLE), inc_id)
        reason = call.disposition or "units available"
        transition(last_t, "resolve", reason)
        transition(last_t, "verify")
        transition(last_t, "close")
        return items
