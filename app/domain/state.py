"""The city's current state and the reducer that applies committed events to it.

The same reducer runs on the server (current-state tables), on every workstation (local store and
offline cache) and in replays, so all of them agree by construction.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field

import msgspec

from app.domain import command_board, merge, notes, rounds
from app.domain import events as ev
from app.domain.alerts import Alert, AlertCancelled, AlertReceived, AlertUpdated
from app.domain.desk_policy import DeskPolicy, DeskPolicySet
from app.domain.devices import CameraZone, Device
from app.domain.library import Category, Library, default_library
from app.domain.locator import Locator
from app.domain.model import (
    Agency,
    CalendarSpec,
    Camera,
    GridCell,
    GridSpec,
    Incident,
    IncidentLink,
    LinkageRequest,
    LinkKind,
    NarrativeEntry,
    Neighbourhood,
    Unit,
    UnitStatus,
)
from app.domain.rounds import InspectorStatus, Round
from app.domain.rules import DEFAULT_LIBRARY_VERSION, Rules, calendar_of

log = logging.getLogger(__name__)


@dataclass
class Changes:
    """What one or more applied events touched (drives the store's coarse signals)."""

    incidents: set[str] = field(default_factory=set)
    units: set[str] = field(default_factory=set)
    cameras: set[str] = field(default_factory=set)
    linkages: set[str] = field(default_factory=set)
    agencies: set[str] = field(default_factory=set)
    alerts: set[str] = field(default_factory=set)
    devices: set[str] = field(default_factory=set)
    zones: set[str] = field(default_factory=set)  # camera zone keys "camera/zone"
    inspectors: set[str] = field(default_factory=set)  # usernames (app.domain.rounds)
    rounds: set[str] = field(default_factory=set)  # round keys "inspector/day"
    grid: bool = False
    rules: bool = False  # the library or the calendar changed

    def merge(self, other: Changes) -> None:
        self.incidents |= other.incidents
        self.units |= other.units
        self.cameras |= other.cameras
        self.linkages |= other.linkages
        self.agencies |= other.agencies
        self.alerts |= other.alerts
        self.devices |= other.devices
        self.zones |= other.zones
        self.inspectors |= other.inspectors
        self.rounds |= other.rounds
        self.grid = self.grid or other.grid
        self.rules = self.rules or other.rules

    def __bool__(self) -> bool:
        return bool(
            self.incidents
            or self.units
            or self.cameras
            or self.linkages
            or self.agencies
            or self.alerts
            or self.devices
            or self.zones
            or self.inspectors
            or self.rounds
            or self.grid
            or self.rules
        )


class CityState:
    """Everything a console shows, keyed by id. Mutated only by :meth:`apply`."""

    def __init__(self) -> None:
        self.seq = 0
        self.incidents: dict[str, Incident] = {}
        self.units: dict[str, Unit] = {}
        self.cameras: dict[str, Camera] = {}
        self.agencies: dict[str, Agency] = {}
        self.linkages: dict[str, LinkageRequest] = {}
        self.grid_cells: dict[str, GridCell] = {}
        self.alerts: dict[str, Alert] = {}  # public warnings (CAP), by "sender,identifier,sent"
        self.counters: dict[str, int] = {}  # year -> last incident number issued
        self.devices: dict[str, Device] = {}
        self.camera_zones: dict[str, CameraZone] = {}  # by CameraZone.key
        # Field inspectors: rounds by "inspector/day", duty and track by username.
        self.rounds: dict[str, Round] = {}
        self.inspectors: dict[str, InspectorStatus] = {}
        # origin ("device:ID", "zone:CAM/Z", ...) -> the newest case it opened (open or not).
        self.origins: dict[str, str] = {}
        # Reference data the rules are made of (see app.domain.rules): empty = built-in default.
        self.grid_spec: GridSpec | None = None
        self.neighbourhoods: list[Neighbourhood] = []
        self.categories: list[Category] = []
        self.library_version = ""
        # Every library version the log has loaded (cases keep the one they were opened under).
        self.library_history: dict[str, list[Category]] = {}
        self.calendar: CalendarSpec | None = None
        self.evaluation_weights: dict[str, float] = {}  # empty: DEFAULT_WEIGHTS
        self.desk_policy = DeskPolicy()  # idle sign-out of every desk (app.domain.desk_policy)
        self._rules: Rules | None = None
        self._rules_own = False  # an overlay that applied a reference event has rules of its own

    def rules(self) -> Rules:
        """The library, calendar and locator commands are decided with (built once per change)."""
        if self._rules is None:
            self._rules = self._build_rules()
        return self._rules

    def rules_data(self) -> RulesData:
        """The rules' reference data as one record (for stores and caches)."""
        return RulesData(
            grid_spec=self.grid_spec,
            neighbourhoods=list(self.neighbourhoods),
            categories=list(self.categories),
            library_version=self.library_version,
            calendar=self.calendar,
            library_history=dict(self.library_history),
            evaluation_weights=dict(self.evaluation_weights),
            desk_policy=self.desk_policy,
        )

    def set_rules_data(self, data: RulesData) -> None:
        self.grid_spec = data.grid_spec
        self.neighbourhoods = list(data.neighbourhoods)
        self.categories = list(data.categories)
        self.library_version = data.library_version
        self.calendar = data.calendar
        self.library_history = dict(data.library_history)
        self.evaluation_weights = dict(data.evaluation_weights)
        self.desk_policy = data.desk_policy
        self._rules = None

    def adopt_rules(self, other: CityState) -> None:
        """Take ``other``'s rules as they are (sharing the built locator: no rebuild)."""
        self.set_rules_data(other.rules_data())
        self._rules = other.rules()

    def _build_rules(self) -> Rules:
        library = Library(self.categories) if self.categories else default_library()
        version = self.library_version or DEFAULT_LIBRARY_VERSION
        locator = None
        if self.grid_cells:
            locator = Locator(self.grid_spec, self.grid_cells.values(), self.neighbourhoods)
        history = {v: Library(cats) for v, cats in self.library_history.items()}
        return Rules(library, version, calendar_of(self.calendar), locator, history)

    # --- copy-on-write hooks (overridden by OverlayState) -------------------------------------
    def _w_incident(self, incident_id: str) -> Incident:
        return self.incidents[incident_id]

    def _w_unit(self, unit_id: str) -> Unit:
        return self.units[unit_id]

    def _w_linkage(self, request_id: str) -> LinkageRequest:
        return self.linkages[request_id]

    # --- reducer --------------------------------------------------------------------------------
    def apply(self, event: ev.Event) -> Changes:
        """Apply one committed (or provisional) event. Unknown ids are logged and skipped."""
        ch = Changes()
        try:
            self._apply_body(event, event.body, ch)
        except KeyError as exc:
            log.warning(
                "event seq %s (%s) refers to unknown id %s", event.seq, type(event.body), exc
            )
        if event.seq > self.seq:
            self.seq = event.seq
        return ch

    def apply_all(self, events: Iterable[ev.Event]) -> Changes:
        total = Changes()
        for e in events:
            total.merge(self.apply(e))
        return total

    def _apply_body(self, e: ev.Event, b: ev.EventBody, ch: Changes) -> None:
        t = e.time
        if isinstance(b, ev.UnitMoved):
            u = self._w_unit(b.unit_id)
            u.lat, u.lon, u.heading, u.position_time = b.lat, b.lon, b.heading, b.at
            ch.units.add(u.id)
        elif isinstance(b, ev.IncidentCreated):
            inc = msgspec.structs.replace(b.incident)
            self.incidents[inc.id] = inc
            if inc.origin:
                self.origins[inc.origin] = inc.id
            year, _, num = inc.number.partition("-")
            if num.isdigit():
                self.counters[year] = max(self.counters.get(year, 0), int(num))
            ch.incidents.add(inc.id)
        elif isinstance(b, ev.IncidentTransitioned):
            inc = self._w_incident(b.incident_id)
            inc.status = b.to_status
            inc.timestamps = {**inc.timestamps, b.to_status.value: t}
            inc.clocks = dict(b.clocks)
            inc.rework_count = b.rework_count
            self._log(
                inc,
                t,
                e.actor,
                f"{b.from_status.value} -> {b.to_status.value}",
                b.reason,
                "transition",
            )
            self._touch(inc, t)
            ch.incidents.add(inc.id)
        elif isinstance(b, ev.UnitStatusChanged):
            u = self._w_unit(b.unit_id)
            u.status = b.status
            u.status_since = t
            if b.incident_id:
                u.incident_id = b.incident_id
            elif b.status in (UnitStatus.AVAILABLE, UnitStatus.OUT_OF_SERVICE):
                u.incident_id = ""
            u.version += 1
            ch.units.add(u.id)
        elif isinstance(b, ev.UnitAssigned):
            inc = self._w_incident(b.incident_id)
            u = self._w_unit(b.unit_id)
            if b.unit_id not in inc.assigned_units:
                inc.assigned_units = [*inc.assigned_units, b.unit_id]
            if u.agency and u.agency != inc.department and u.agency not in inc.linked_agencies:
                inc.linked_agencies = [*inc.linked_agencies, u.agency]
            u.incident_id = inc.id
            u.assigned_by = e.actor
            u.status = UnitStatus.DISPATCHED
            u.status_since = t
            u.version += 1
            self._touch(inc, t)
            ch.incidents.add(inc.id)
            ch.units.add(u.id)
        elif isinstance(b, ev.UnitReleased):
            inc = self._w_incident(b.incident_id)
            inc.assigned_units = [x for x in inc.assigned_units if x != b.unit_id]
            u = self._w_unit(b.unit_id)
            if u.incident_id == b.incident_id:
                u.incident_id = ""
                u.assigned_by = ""
                if u.status != UnitStatus.OUT_OF_SERVICE:
                    u.status = UnitStatus.RETURNING
                    u.status_since = t
            u.version += 1
            self._touch(inc, t)
            ch.incidents.add(inc.id)
            ch.units.add(u.id)
        elif isinstance(b, ev.NoteAdded):
            inc = self._w_incident(b.incident_id)
            inc.narrative = [*inc.narrative, b.entry]
            self._touch(inc, t)
            ch.incidents.add(inc.id)
        elif isinstance(b, ev.NoteStruck):
            inc = self._w_incident(b.incident_id)
            notes.apply_strike(inc, b, t, e.actor)
            self._touch(inc, t)
            ch.incidents.add(inc.id)
        elif isinstance(b, ev.IncidentUpdated):
            inc = self._w_incident(b.incident_id)
            for name in b.changes.__struct_fields__:
                value = getattr(b.changes, name)
                if value is not msgspec.UNSET:
                    setattr(inc, name, value)
            self._touch(inc, t)
            ch.incidents.add(inc.id)
        elif isinstance(b, ev.ReportMerged):
            ch.incidents |= merge.apply_merged(self, b, t, e.actor)
        elif isinstance(b, ev.ReportUnmerged):
            ch.incidents |= merge.apply_unmerged(self, b, t, e.actor)
        elif isinstance(b, ev.IncidentsLinked) and b.kind == LinkKind.DUPLICATE_OF:
            ch.incidents |= merge.apply_legacy_duplicate(self, b, t)
        elif isinstance(b, ev.IncidentsLinked):
            inc = self._w_incident(b.incident_id)
            other = self._w_incident(b.other_id)
            inc.links = [*inc.links, IncidentLink(kind=b.kind, other_id=other.id)]
            back = LinkKind.RELATED if b.kind == LinkKind.RELATED else None
            if back is not None:
                other.links = [*other.links, IncidentLink(kind=back, other_id=inc.id)]
                self._touch(other, t)
                ch.incidents.add(other.id)
            self._touch(inc, t)
            ch.incidents.add(inc.id)
        elif isinstance(b, ev.DeadlineChanged):
            inc = self._w_incident(b.incident_id)
            inc.clocks = {**inc.clocks, b.stage: b.clock}
            inc.pending_extension = b.pending_extension
            inc.extension_count = b.extension_count
            self._log(
                inc,
                t,
                e.actor,
                f"deadline {b.stage} {b.change.replace('_', ' ')}",
                b.reason,
                "system",
            )
            self._touch(inc, t)
            ch.incidents.add(inc.id)
        elif isinstance(b, ev.CaseReturned):
            inc = self._w_incident(b.incident_id)
            inc.disputes = [*inc.disputes, b.dispute]
            d = b.dispute
            why = f"{d.kind.replace('_', ' ')}: {d.reason}"
            self._log(
                inc, t, e.actor, f"returned by {d.from_agency} for arbitration", why, "system"
            )
            self._touch(inc, t)
            ch.incidents.add(inc.id)
        elif isinstance(b, ev.CaseArbitrated):
            inc = self._w_incident(b.incident_id)
            inc.disputes = [
                msgspec.structs.replace(
                    d,
                    state=b.state,
                    decided_by=e.actor,
                    decided_at=t,
                    department=b.department,
                    decision=b.reason,
                )
                if d.id == b.dispute_id
                else d
                for d in inc.disputes
            ]
            if b.state == "upheld":
                inc.department = b.department
            verdict = f"return {b.state}: case with {b.department}"
            self._log(inc, t, e.actor, verdict, b.reason, "system")
            self._touch(inc, t)
            ch.incidents.add(inc.id)
        elif isinstance(b, ev.MajorDeclared):
            inc = self._w_incident(b.incident_id)
            command_board.apply_declared(inc, b, t, e.actor)
            self._log(inc, t, e.actor, f"declared a major incident: {b.name}", "", "system")
            self._touch(inc, t)
            ch.incidents.add(inc.id)
        elif isinstance(b, ev.BoardUpdated):
            inc = self._w_incident(b.incident_id)
            child_id = command_board.apply_update(self, inc, b, t, e.actor)
            if child_id:
                child = self._w_incident(child_id)
                child.parent_id = inc.id
                self._touch(child, t)
                ch.incidents.add(child.id)
            self._touch(inc, t)
            ch.incidents.add(inc.id)
        elif isinstance(b, ev.EscalationNoticed):
            # Like deadline alerts, notices are the server's bookkeeping: no version bump, so
            # an operator's command made on the case as they saw it is not refused for them.
            inc = self._w_incident(b.incident_id)
            inc.escalations = [*inc.escalations, b.notice]
            ch.incidents.add(inc.id)
        elif isinstance(b, ev.EscalationAcknowledged):
            inc = self._w_incident(b.incident_id)
            inc.escalations = [
                msgspec.structs.replace(n, acknowledged_by=e.actor, acknowledged_at=t)
                if n.stage == b.stage and n.level == b.level
                else n
                for n in inc.escalations
            ]
            ch.incidents.add(inc.id)
        elif isinstance(b, ev.CaseFlagged):
            inc = self._w_incident(b.incident_id)
            inc.flags = list(b.flags)
            self._touch(inc, t)
            ch.incidents.add(inc.id)
        elif isinstance(b, ev.DeviceUpserted):
            self.devices[b.device.id] = b.device
            ch.devices.add(b.device.id)
        elif isinstance(b, ev.CameraZoneSet):
            self.camera_zones[b.zone.key] = b.zone
            ch.zones.add(b.zone.key)
        elif isinstance(b, ev.DeadlineAlert):
            inc = self._w_incident(b.incident_id)
            clock = inc.clocks.get(b.stage)
            if clock is not None:
                clock = msgspec.structs.replace(clock, overdue=b.overdue, escalation=b.escalation)
                inc.clocks = {**inc.clocks, b.stage: clock}
            ch.incidents.add(inc.id)
        elif isinstance(b, ev.LinkageRequested):
            req = msgspec.structs.replace(b.request)
            self.linkages[req.id] = req
            inc = self._w_incident(req.incident_id)
            if req.to_agency not in inc.linked_agencies:
                inc.linked_agencies = [*inc.linked_agencies, req.to_agency]
            self._touch(inc, t)
            ch.incidents.add(inc.id)
            ch.linkages.add(req.id)
        elif isinstance(b, ev.LinkageAnswered):
            req = self._w_linkage(b.request_id)
            req.state = b.state
            req.reason = b.reason
            req.updated_at = t
            req.answered_by = e.actor
            ch.linkages.add(req.id)
            ch.incidents.add(req.incident_id)
        elif isinstance(b, ev.LinkageUpserted):
            self.linkages[b.request.id] = msgspec.structs.replace(b.request)
            ch.linkages.add(b.request.id)
        elif isinstance(b, ev.IncidentWithdrawn):
            self.incidents.pop(b.incident_id, None)
            for rid in [r.id for r in self.linkages.values() if r.incident_id == b.incident_id]:
                del self.linkages[rid]
                ch.linkages.add(rid)
            ch.incidents.add(b.incident_id)
        elif isinstance(b, ev.UnitRelocated):
            u = self._w_unit(b.unit_id)
            u.home_station = b.station_id
            if u.status != b.status:
                u.status, u.status_since = b.status, t
            u.version += 1
            ch.units.add(u.id)
        elif isinstance(b, ev.CameraStatusChanged):
            cam = self.cameras[b.camera_id]
            self.cameras[cam.id] = msgspec.structs.replace(cam, status=b.status)
            ch.cameras.add(cam.id)
        elif isinstance(b, ev.UnitUpserted):
            self.units[b.unit.id] = msgspec.structs.replace(b.unit)
            ch.units.add(b.unit.id)
        elif isinstance(b, ev.CameraUpserted):
            self.cameras[b.camera.id] = b.camera
            ch.cameras.add(b.camera.id)
        elif isinstance(b, ev.AgencyUpserted):
            self.agencies[b.agency.id] = b.agency
            ch.agencies.add(b.agency.id)
        elif isinstance(b, (ev.AgencyRetired, ev.UnitRetired, ev.CameraRetired)):
            self._retire(b, ch)
        elif isinstance(b, ev.GridLoaded):
            self.grid_cells = {c.id: c for c in b.cells}
            self.grid_spec = b.spec
            self.neighbourhoods = list(b.neighbourhoods)
            self._rules, self._rules_own = None, True
            ch.grid = True
        elif isinstance(b, AlertReceived):
            self.alerts[b.alert.id] = msgspec.structs.replace(b.alert)
            ch.alerts.add(b.alert.id)
        elif isinstance(b, AlertUpdated):
            old = self.alerts[b.alert_id]
            self.alerts[old.id] = msgspec.structs.replace(b.alert, id=old.id)
            ch.alerts.add(old.id)
        elif isinstance(b, AlertCancelled):
            old = self.alerts[b.alert_id]
            self.alerts[old.id] = msgspec.structs.replace(
                old,
                cancelled=True,
                updated_at=t,
                history=[*old.history, b.message_id],
                version=old.version + 1,
            )
            ch.alerts.add(old.id)
        elif isinstance(b, ev.LibraryLoaded):
            if self.categories and self.library_version:
                self.library_history = {
                    **self.library_history,
                    self.library_version: self.categories,
                }
            self.categories = list(b.categories)
            self.library_version = b.version
            self._rules, self._rules_own = None, True
            ch.rules = True
        elif isinstance(b, ev.CalendarLoaded):
            self.calendar = b.calendar
            self._rules, self._rules_own = None, True
            ch.rules = True
        elif isinstance(b, rounds.InspectorPositioned):
            ch.inspectors.add(rounds.apply_position(self.inspectors, b))
        elif isinstance(b, rounds.RoundSet):
            ch.rounds.add(rounds.apply_round_set(self.rounds, b))
        elif isinstance(b, rounds.CheckpointTicked):
            ch.rounds.add(rounds.apply_tick(self.rounds, b))
        elif isinstance(b, ev.EvaluationWeightsSet):
            self.evaluation_weights = dict(b.weights)
            ch.rules = True
        elif isinstance(b, DeskPolicySet):
            self.desk_policy = b.policy
            ch.rules = True
        else:  # pragma: no cover - the union is closed
            log.error("no reducer for %r", type(b).__name__)

    def _retire(self, b: ev.AgencyRetired | ev.UnitRetired | ev.CameraRetired, ch: Changes) -> None:
        """An administrator retired the record: it leaves the present (the log keeps it)."""
        if isinstance(b, ev.AgencyRetired):
            self.agencies.pop(b.agency_id, None)
            ch.agencies.add(b.agency_id)
        elif isinstance(b, ev.UnitRetired):
            self.units.pop(b.unit_id, None)
            ch.units.add(b.unit_id)
        else:
            self.cameras.pop(b.camera_id, None)
            ch.cameras.add(b.camera_id)

    @staticmethod
    def _log(inc: Incident, t: float, who: str, text: str, reason: str, kind: str) -> None:
        """Append a line the reducer writes itself (transitions, deadline changes)."""
        line = f"{text}: {reason}" if reason else text
        inc.narrative = [*inc.narrative, NarrativeEntry(at=t, who=who, text=line, kind=kind)]

    @staticmethod
    def _touch(inc: Incident, t: float) -> None:
        inc.updated_at = t
        inc.version += 1

    def next_number(self, year: int) -> str:
        n = self.counters.get(str(year), 0) + 1
        return f"{year}-{n:06d}"

    # --- snapshots ------------------------------------------------------------------------------
    def snapshot(self) -> Snapshot:
        return Snapshot(
            seq=self.seq,
            incidents=list(self.incidents.values()),
            units=list(self.units.values()),
            cameras=list(self.cameras.values()),
            agencies=list(self.agencies.values()),
            linkages=list(self.linkages.values()),
            grid_cells=list(self.grid_cells.values()),
            alerts=list(self.alerts.values()),
            counters=dict(self.counters),
            grid_spec=self.grid_spec,
            neighbourhoods=list(self.neighbourhoods),
            categories=list(self.categories),
            library_version=self.library_version,
            calendar=self.calendar,
            devices=list(self.devices.values()),
            camera_zones=list(self.camera_zones.values()),
            library_history=dict(self.library_history),
            evaluation_weights=dict(self.evaluation_weights),
            desk_policy=self.desk_policy,
            rounds=list(self.rounds.values()),
            inspectors=list(self.inspectors.values()),
        )

    @classmethod
    def from_snapshot(cls, snap: Snapshot) -> CityState:
        st = cls()
        st.seq = snap.seq
        st.incidents = {i.id: i for i in snap.incidents}
        st.units = {u.id: u for u in snap.units}
        st.cameras = {c.id: c for c in snap.cameras}
        st.agencies = {a.id: a for a in snap.agencies}
        st.linkages = {r.id: r for r in snap.linkages}
        st.grid_cells = {g.id: g for g in snap.grid_cells}
        st.alerts = {a.id: a for a in snap.alerts}
        st.counters = dict(snap.counters)
        st.grid_spec = snap.grid_spec
        st.neighbourhoods = list(snap.neighbourhoods)
        st.categories = list(snap.categories)
        st.library_version = snap.library_version
        st.calendar = snap.calendar
        st.devices = {d.id: d for d in snap.devices}
        st.camera_zones = {z.key: z for z in snap.camera_zones}
        st.index_origins()
        st.library_history = dict(snap.library_history)
        st.evaluation_weights = dict(snap.evaluation_weights)
        st.desk_policy = snap.desk_policy
        st.rounds = {r.key: r for r in snap.rounds}
        st.inspectors = {i.username: i for i in snap.inspectors}
        return st

    def index_origins(self) -> None:
        """Rebuild the origin index (the newest case of each origin) from the incidents."""
        self.origins = {}
        for inc in sorted(self.incidents.values(), key=lambda i: i.created_at):
            if inc.origin:
                self.origins[inc.origin] = inc.id

    def copy(self) -> CityState:
        """A deep copy (through the wire format: fast with msgspec)."""
        data = msgspec.msgpack.encode(self.snapshot())
        return CityState.from_snapshot(msgspec.msgpack.decode(data, type=Snapshot))


class RulesData(msgspec.Struct, kw_only=True):
    """The state's rule data (library, calendar, grid layout, neighbourhoods) in one record."""

    grid_spec: GridSpec | None = None
    neighbourhoods: list[Neighbourhood] = msgspec.field(default_factory=list)
    categories: list[Category] = msgspec.field(default_factory=list)
    library_version: str = ""
    calendar: CalendarSpec | None = None
    library_history: dict[str, list[Category]] = msgspec.field(default_factory=dict)
    evaluation_weights: dict[str, float] = msgspec.field(default_factory=dict)
    desk_policy: DeskPolicy = msgspec.field(default_factory=DeskPolicy)


class Snapshot(msgspec.Struct, kw_only=True):
    seq: int
    incidents: list[Incident]
    units: list[Unit]
    cameras: list[Camera]
    agencies: list[Agency]
    linkages: list[LinkageRequest]
    grid_cells: list[GridCell]
    counters: dict[str, int] = msgspec.field(default_factory=dict)
    alerts: list[Alert] = msgspec.field(default_factory=list)
    # The rules' reference data (empty: the built-in default), so a workstation that starts from
    # a snapshot decides exactly as the server does.
    grid_spec: GridSpec | None = None
    neighbourhoods: list[Neighbourhood] = msgspec.field(default_factory=list)
    categories: list[Category] = msgspec.field(default_factory=list)
    library_version: str = ""
    calendar: CalendarSpec | None = None
    # The sensor and video intake's reference data (app.domain.devices).
    devices: list[Device] = msgspec.field(default_factory=list)
    camera_zones: list[CameraZone] = msgspec.field(default_factory=list)
    library_history: dict[str, list[Category]] = msgspec.field(default_factory=dict)
    evaluation_weights: dict[str, float] = msgspec.field(default_factory=dict)
    desk_policy: DeskPolicy = msgspec.field(default_factory=DeskPolicy)
    rounds: list[Round] = msgspec.field(default_factory=list)
    inspectors: list[InspectorStatus] = msgspec.field(default_factory=list)


class OverlayState(CityState):
    """Confirmed state plus provisional (pending) changes, without copying the whole city.

    Reads fall through to the base; the first write to an entity copies it into the overlay, so the
    confirmed state is never touched by a provisional event.
    """

    def __init__(self, base: CityState) -> None:
        super().__init__()
        self.base = base
        self.seq = base.seq
        # Shallow dict copies: entities are shared until written (copied in _w_*).
        self.incidents = dict(base.incidents)
        self.units = dict(base.units)
        self.cameras = dict(base.cameras)
        self.agencies = dict(base.agencies)  # a few dozen: copied, so provisional edits stay here
        self.linkages = dict(base.linkages)
        self.grid_cells = base.grid_cells
        self.alerts = dict(
            base.alerts
        )  # alerts are replaced whole by the reducer: no copy-on-write
        self.counters = dict(base.counters)
        self.devices = dict(base.devices)
        self.camera_zones = dict(base.camera_zones)
        # rounds and inspectors are replaced whole by the reducer: a shallow copy suffices
        self.rounds = dict(base.rounds)
        self.inspectors = dict(base.inspectors)
        self.origins = dict(base.origins)
        self.grid_spec = base.grid_spec
        self.neighbourhoods = base.neighbourhoods
        self.categories = base.categories
        self.library_version = base.library_version
        self.library_history = base.library_history
        self.calendar = base.calendar
        self.evaluation_weights = base.evaluation_weights
        self.desk_policy = base.desk_policy
        self._copied: set[tuple[str, str]] = set()

    def rules(self) -> Rules:
        # Usually the base's (provisional events carry no reference data); a replay's working
        # copy that applied one builds its own.
        return super().rules() if self._rules_own else self.base.rules()

    def _cow(self, table: dict, kind: str, key: str):  # type: ignore[no-untyped-def, type-arg]
        obj = table[key]
        if (kind, key) not in self._copied:
            obj = msgspec.structs.replace(obj)
            table[key] = obj
            self._copied.add((kind, key))
        return obj

    def _w_incident(self, incident_id: str) -> Incident:
        return self._cow(self.incidents, "i", incident_id)  # type: ignore[no-any-return]

    def _w_unit(self, unit_id: str) -> Unit:
        return self._cow(self.units, "u", unit_id)  # type: ignore[no-any-return]

    def _w_linkage(self, request_id: str) -> LinkageRequest:
        return self._cow(self.linkages, "l", request_id)  # type: ignore[no-any-return]
