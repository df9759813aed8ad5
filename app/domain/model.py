"""Plain domain records: incidents (cases), agencies, units, cameras, grid cells, linkage requests, users.

No Qt here. Every record is a msgspec Struct so the same type serves the wire format, the
event log and the local cache. Times are UTC epoch seconds (float); presentation converts them
to the city's time zone.
"""

from __future__ import annotations

import enum

import msgspec


class IncidentKind(enum.StrEnum):
    EMERGENCY = "emergency"
    URBAN = "urban-management"


class Status(enum.StrEnum):
    """Closed-loop case status."""

    REPORTED = "reported"
    REGISTERED = "registered"
    REJECTED = "rejected"
    DISPATCHED = "dispatched"
    IN_PROGRESS = "in_progress"
    RESOLVED = "resolved"
    VERIFIED = "verified"
    CLOSED = "closed"
    CANCELLED = "cancelled"


OPEN_STATUSES = frozenset(
    {
        Status.REPORTED,
        Status.REGISTERED,
        Status.DISPATCHED,
        Status.IN_PROGRESS,
        Status.RESOLVED,
        Status.VERIFIED,
    }
)
FINAL_STATUSES = frozenset({Status.REJECTED, Status.CLOSED, Status.CANCELLED})


class StatusGroup(enum.StrEnum):
    PENDING = "pending"  # waiting for the centre: reported, registered
    ACTIVE = "active"  # with a department: dispatched .. verified
    CLOSED = "closed"  # closed, rejected, cancelled


def status_group(status: Status) -> StatusGroup:
    if status in (Status.REPORTED, Status.REGISTERED):
        return StatusGroup.PENDING
    if status in FINAL_STATUSES:
        return StatusGroup.CLOSED
    return StatusGroup.ACTIVE


class Stage(enum.StrEnum):
    """Stages that carry a deadline; each ends with the named transition."""

    REGISTER = "register"  # reported -> registered
    DISPATCH = "dispatch"  # registered -> dispatched
    HANDLE = "handle"  # dispatched -> resolved
    VERIFY = "verify"  # resolved -> verified


class SourceChannel(enum.StrEnum):
    HOTLINE = "hotline"
    CITIZEN = "citizen_report"
    INSPECTOR = "inspector"
    VIDEO = "video_detection"
    SENSOR = "sensor"
    CAP = "cap_alert"
    TRANSFER = "transfer"  # handed over by another centre (NENA EIDO)
    IMPORT = "import"


class UnitStatus(enum.StrEnum):
    AVAILABLE = "available"
    DISPATCHED = "dispatched"
    EN_ROUTE = "en_route"
    ON_SCENE = "on_scene"
    RETURNING = "returning"
    OUT_OF_SERVICE = "out_of_service"


UNIT_STATUS_MEANING: dict[UnitStatus, str] = {
    UnitStatus.AVAILABLE: "In service and free to take an incident",
    UnitStatus.DISPATCHED: "Assigned to an incident, not yet moving",
    UnitStatus.EN_ROUTE: "Travelling to the incident",
    UnitStatus.ON_SCENE: "Working at the incident",
    UnitStatus.RETURNING: "Released, travelling back; can be re-dispatched",
    UnitStatus.OUT_OF_SERVICE: "Not available (maintenance, off shift)",
}

BUSY_UNIT_STATUSES = frozenset({UnitStatus.DISPATCHED, UnitStatus.EN_ROUTE, UnitStatus.ON_SCENE})


class LinkageState(enum.StrEnum):
    REQUESTED = "requested"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    FULFILLED = "fulfilled"
    CANCELLED = "cancelled"


class LinkKind(enum.StrEnum):
    DUPLICATE_OF = "duplicate_of"
    CHILD_OF = "child_of"  # this incident is a child of a master incident
    RELATED = "related"


class Role(enum.StrEnum):
    CALL_TAKER = "call_taker"
    DISPATCHER = "dispatcher"
    LIAISON = "liaison"
    SUPERVISOR = "supervisor"
    OBSERVER = "observer"  # trainee / observer: read-only
    AUDITOR = "auditor"  # read-only, and reads the audit trail
    ADMIN = "admin"
    INSPECTOR = "inspector"  # field inspector: reports, and verifies cases in own grid cells


class Location(msgspec.Struct, kw_only=True):
    lat: float
    lon: float
    address: str = ""
    grid_cell: str = ""
    neighbourhood: str = ""


class NoteStrike(msgspec.Struct, kw_only=True):
    """A note struck out: it stays in the narrative, shown struck through (app.domain.notes)."""

    at: float
    who: str
    reason: str


class NarrativeEntry(msgspec.Struct, kw_only=True):
    at: float
    who: str
    text: str
    kind: str = "note"  # note | transition | system | snapshot
    attachment: str = ""  # e.g. a PNG snapshot, base64
    id: str = ""  # notes and snapshots: what strike_note names ('' : lines the reducer writes)
    struck: NoteStrike | None = None


class IncidentLink(msgspec.Struct, kw_only=True):
    kind: LinkKind
    other_id: str


class MergedReport(msgspec.Struct, kw_only=True):
    """One report merged into a master case, as the master lists it (app.domain.merge)."""

    incident_id: str
    number: str
    source: SourceChannel
    reported_at: float
    merged_at: float
    status: Status  # the report's status when merged: an unmerge gives it back
    merged_by: str = ""
    reason: str = ""


class StageClock(msgspec.Struct, kw_only=True):
    """Deadline state of one stage."""

    started: float | None = None
    due: float | None = None
    done: float | None = None
    suspended_at: float | None = None  # clock stopped while suspended
    extended_minutes: int = 0
    overdue: bool = False
    escalation: int = 0  # 0 in time, 1 warning (<20% left), 2 overdue, 3 escalated (>50% over)


class Dispute(msgspec.Struct, kw_only=True):
    """A department's return of a case it was dispatched ("not ours"), and its arbitration."""

    id: str
    from_agency: str  # the department that returned it
    kind: str  # not_ours | wrong_place | needs_other
    reason: str
    suggested: str = ""  # the department it says should handle the case
    returned_by: str = ""
    returned_at: float = 0.0
    due: float | None = None  # the arbitration deadline
    state: str = "open"  # open | upheld (the return was right: wrong dispatch) | rejected
    decided_by: str = ""
    decided_at: float | None = None
    department: str = ""  # the department arbitration gave the case to
    decision: str = ""  # the arbitrator's reason


class EscalationNotice(msgspec.Struct, kw_only=True):
    """A deadline escalation level reached on a stage, and who was told (and who acknowledged)."""

    stage: str
    level: int  # 1 warning, 2 overdue, 3 escalated
    recipients: list[str]  # "role:supervisor", "agency:water" (its liaisons), "user:NAME"
    at: float = 0.0
    acknowledged_by: str = ""
    acknowledged_at: float | None = None


ICS_ROLES: tuple[str, ...] = (
    "incident_commander",
    "operations",
    "planning",
    "logistics",
    "liaison",
    "safety",
    "public_information",
)
"""The command and general staff of an ICS organisation, in board order."""


class Objective(msgspec.Struct, kw_only=True):
    period: int
    text: str
    done: bool = False


class BoardEntry(msgspec.Struct, kw_only=True):
    """One line of a major incident's decision log (append-only)."""

    at: float
    who: str
    kind: str  # declared | role | objective | objective_done | period | decision | child
    text: str


class CommandBoard(msgspec.Struct, kw_only=True):
    """A major incident's command structure: who fills which ICS role, the objectives of each
    operational period, the incidents grouped under it and the log of decisions."""

    name: str
    declared_by: str = ""
    declared_at: float = 0.0
    period: int = 1
    period_started: float = 0.0
    roles: dict[str, str] = msgspec.field(default_factory=dict)  # ICS role -> person
    objectives: list[Objective] = msgspec.field(default_factory=list)
    children: list[str] = msgspec.field(default_factory=list)  # incident ids
    log: list[BoardEntry] = msgspec.field(default_factory=list)


class Incident(msgspec.Struct, kw_only=True):
    id: str
    number: str
    kind: IncidentKind
    category: str
    priority: int
    status: Status
    location: Location
    source: SourceChannel
    description: str = ""
    reporter_contact: str = ""  # private: never shown to liaisons
    department: str = ""  # responsible agency id
    linked_agencies: list[str] = msgspec.field(default_factory=list)
    assigned_units: list[str] = msgspec.field(default_factory=list)
    timestamps: dict[str, float] = msgspec.field(default_factory=dict)  # status -> time reached
    clocks: dict[str, StageClock] = msgspec.field(default_factory=dict)  # Stage -> clock
    narrative: list[NarrativeEntry] = msgspec.field(default_factory=list)
    links: list[IncidentLink] = msgspec.field(default_factory=list)
    rework_count: int = 0
    extension_count: int = 0
    pending_extension: ExtensionRequest | None = None
    exercise: bool = False
    created_at: float = 0.0
    updated_at: float = 0.0
    version: int = 1
    disputes: list[Dispute] = msgspec.field(default_factory=list)
    escalations: list[EscalationNotice] = msgspec.field(default_factory=list)
    # A case a device or a camera opened: "device:ID", "stale:ID" or "zone:CAMERA/ZONE" (one
    # open case per origin), and its flags (app.domain.devices: cleared_by_device, ...).
    origin: str = ""
    flags: list[str] = msgspec.field(default_factory=list)
    board: CommandBoard | None = None  # set when a supervisor declares the incident major
    library_version: str = ""  # the case library it was opened under (its stage limits stay)
    parent_id: str = ""  # the major incident this one is grouped under
    # Merged reports (app.domain.merge): a report names its master; the master lists its reports.
    merged_into: str = ""
    merged: list[MergedReport] = msgspec.field(default_factory=list)

    def open_dispute(self) -> Dispute | None:
        return next((d for d in self.disputes if d.state == "open"), None)

    def current_stage(self) -> str | None:
        return CURRENT_STAGE.get(self.status)

    def is_open(self) -> bool:
        """Open and handled as its own case: a report merged into a master is handled there."""
        return self.status in OPEN_STATUSES and not self.merged_into


CURRENT_STAGE: dict[Status, str] = {
    Status.REPORTED: Stage.REGISTER.value,
    Status.REGISTERED: Stage.DISPATCH.value,
    Status.DISPATCHED: Stage.HANDLE.value,
    Status.IN_PROGRESS: Stage.HANDLE.value,
    Status.RESOLVED: Stage.VERIFY.value,
}


class Station(msgspec.Struct, kw_only=True):
    id: str
    name: str
    lat: float
    lon: float


class Agency(msgspec.Struct, kw_only=True):
    id: str  # short code: fire, police, medical, sanitation, water, power, traffic, ...
    name: str
    name_zh: str = ""
    color: str = "#888888"
    stations: list[Station] = msgspec.field(default_factory=list)
    head: str = ""  # the department head's account: told when a case of theirs escalates


class Unit(msgspec.Struct, kw_only=True):
    id: str  # call sign, e.g. E12, M4
    agency: str
    type: str  # engine, truck, medic, patrol, sweeper, crew, ...
    capabilities: list[str] = msgspec.field(default_factory=list)
    status: UnitStatus = UnitStatus.AVAILABLE
    status_since: float = 0.0
    lat: float = 0.0
    lon: float = 0.0
    position_time: float = 0.0
    heading: float = 0.0
    home_station: str = ""
    incident_id: str = ""  # the incident it is assigned to, if any
    assigned_by: str = ""  # who assigned it (named in conflict errors)
    version: int = 1


class Camera(msgspec.Struct, kw_only=True):
    id: str
    name: str
    lat: float
    lon: float
    heading: float  # degrees clockwise from north
    fov: float  # field-of-view angle, degrees
    range_m: float
    stream_url: str = ""
    status: str = "online"  # online | offline | maintenance


class GridCell(msgspec.Struct, kw_only=True):
    id: str
    polygon: list[tuple[float, float]]  # (lon, lat) ring
    neighbourhood: str
    district: str = ""


Ring = list[tuple[float, float]]  # (lon, lat) points, closed


class Neighbourhood(msgspec.Struct, kw_only=True):
    """A named area (one of San Francisco's 41 analysis neighbourhoods): ``polygon`` is a list of
    rings (outer rings and holes alike), read with the even-odd rule."""

    name: str
    polygon: list[Ring]


class GridSpec(msgspec.Struct, kw_only=True):
    """Layout of a regular grid: cell ``G-RR-CC`` spans row RR (from the north) and column CC."""

    origin_lon: float  # west edge of column 0
    origin_lat: float  # north edge of row 0
    cell_dlon: float
    cell_dlat: float
    rows: int
    cols: int
    cell_m: float


class CalendarSpec(msgspec.Struct, kw_only=True):
    """The working-hours calendar as data (``WorkCalendar.to_config``), so it can travel as an
    event and every desk counts working time with exactly the server's hours and holidays."""

    tz: str
    day_start: str
    day_end: str
    lunch: list[str] | None = None
    workdays: list[str]
    holidays: list[str] = msgspec.field(default_factory=list)
    city_holidays: bool = True


class LinkageRequest(msgspec.Struct, kw_only=True):
    id: str
    incident_id: str
    from_agency: str
    to_agency: str
    capability: str
    count: int
    state: LinkageState = LinkageState.REQUESTED
    reason: str = ""
    created_at: float = 0.0
    updated_at: float = 0.0
    requested_by: str = ""
    answered_by: str = ""


class ExtensionRequest(msgspec.Struct, kw_only=True):
    stage: str
    minutes: int
    reason: str
    requested_by: str
    requested_at: float


class User(msgspec.Struct, kw_only=True):
    username: str
    display_name: str
    role: Role
    agency: str = ""  # for liaisons: the agency they speak for; inspectors: their grid cells
