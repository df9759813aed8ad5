"""The event model: facts the server has committed, in seq order.

An event carries outcomes, not intentions: a transition event carries the new stage clocks the server
computed, so a replay or a workstation applies it without a calendar, a library or a clock of its own.
Each payload type is tagged by its ``type`` field; the envelope adds seq, time, actor and workstation.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import msgspec

from app.domain.alerts import AlertCancelled, AlertReceived, AlertUpdated
from app.domain.desk_policy import DeskPolicySet
from app.domain.devices import CameraZone, Device
from app.domain.library import Category
from app.domain.model import (
    Agency,
    CalendarSpec,
    Camera,
    Dispute,
    EscalationNotice,
    ExtensionRequest,
    GridCell,
    GridSpec,
    Incident,
    LinkageRequest,
    LinkageState,
    LinkKind,
    Location,
    MergedReport,
    NarrativeEntry,
    Neighbourhood,
    SourceChannel,
    StageClock,
    Status,
    Unit,
    UnitStatus,
)
from app.domain.rounds import CheckpointTicked, InspectorPositioned, RoundSet
from app.domain.scoring import EvaluationWeightsSet
from app.domain.view_events import IncidentWithdrawn, LinkageUpserted


class _Ev(msgspec.Struct, kw_only=True, tag_field="type"):
    pass


# --- reference data -------------------------------------------------------------------------------
class AgencyUpserted(_Ev, tag="agency_upserted", kw_only=True):
    agency: Agency


class UnitUpserted(_Ev, tag="unit_upserted", kw_only=True):
    unit: Unit


class CameraUpserted(_Ev, tag="camera_upserted", kw_only=True):
    camera: Camera


class AgencyRetired(_Ev, tag="agency_retired", kw_only=True):
    agency_id: str


class UnitRetired(_Ev, tag="unit_retired", kw_only=True):
    unit_id: str


class CameraRetired(_Ev, tag="camera_retired", kw_only=True):
    camera_id: str


class GridLoaded(_Ev, tag="grid_loaded", kw_only=True):
    """The grid and, with it, what the one locator needs: the grid's layout and the outlines of
    the neighbourhoods (without them a point takes the neighbourhood of its cell)."""

    cells: list[GridCell]
    spec: GridSpec | None = None
    neighbourhoods: list[Neighbourhood] = msgspec.field(default_factory=list)


class LibraryLoaded(_Ev, tag="library_loaded", kw_only=True):
    """The standard library of case categories that decides commands from now on."""

    version: str
    categories: list[Category]


class CalendarLoaded(_Ev, tag="calendar_loaded", kw_only=True):
    """The working-hours calendar (hours, workdays, holidays) deadlines are counted on."""

    calendar: CalendarSpec


class DeviceUpserted(_Ev, tag="device_upserted", kw_only=True):
    """A sensor added to or changed in the device registry (app.domain.devices)."""

    device: Device


class CameraZoneSet(_Ev, tag="camera_zone", kw_only=True):
    """A zone an administrator drew on a camera's picture, with the rule that watches it."""

    zone: CameraZone


# --- incidents ------------------------------------------------------------------------------------
class IncidentCreated(_Ev, tag="incident_created", kw_only=True):
    incident: Incident


class IncidentChanges(msgspec.Struct, kw_only=True, omit_defaults=True):
    """Fields an operator may edit; unset fields are left alone."""

    description: str | msgspec.UnsetType = msgspec.UNSET
    priority: int | msgspec.UnsetType = msgspec.UNSET
    category: str | msgspec.UnsetType = msgspec.UNSET
    location: Location | msgspec.UnsetType = msgspec.UNSET
    reporter_contact: str | msgspec.UnsetType = msgspec.UNSET
    department: str | msgspec.UnsetType = msgspec.UNSET
    source: SourceChannel | msgspec.UnsetType = msgspec.UNSET


class IncidentUpdated(_Ev, tag="incident_updated", kw_only=True):
    incident_id: str
    changes: IncidentChanges


class IncidentTransitioned(_Ev, tag="incident_transitioned", kw_only=True):
    incident_id: str
    action: str
    from_status: Status
    to_status: Status
    reason: str = ""
    clocks: dict[str, StageClock]
    rework_count: int


class NoteAdded(_Ev, tag="note_added", kw_only=True):
    incident_id: str
    entry: NarrativeEntry


class NoteStruck(_Ev, tag="note_struck", kw_only=True):
    """A note struck out by the event's actor at the event's time (app.domain.notes)."""

    incident_id: str
    note_id: str
    reason: str


class UnitAssigned(_Ev, tag="unit_assigned", kw_only=True):
    incident_id: str
    unit_id: str


class UnitReleased(_Ev, tag="unit_released", kw_only=True):
    incident_id: str
    unit_id: str


class IncidentsLinked(_Ev, tag="incidents_linked", kw_only=True):
    incident_id: str
    other_id: str
    kind: LinkKind


class ReportMerged(_Ev, tag="report_merged", kw_only=True):
    """A report was merged into a master case (app.domain.merge): it names the master, the
    master lists it; its running stage clock stops (``clocks``, as the server computed them)."""

    incident_id: str  # the report
    master_id: str
    entry: MergedReport
    clocks: dict[str, StageClock]


class ReportUnmerged(_Ev, tag="report_unmerged", kw_only=True):
    """A report was taken out of its master: an independent case again, in ``status`` (the
    stage it had when merged) with its clocks running again."""

    incident_id: str  # the report
    master_id: str
    status: Status
    clocks: dict[str, StageClock]
    reason: str


class DeadlineChanged(_Ev, tag="deadline_changed", kw_only=True):
    """A stage clock was suspended, resumed or extended (or an extension requested / refused)."""

    incident_id: str
    stage: str
    change: str  # suspended | resumed | extension_requested | extended | extension_refused
    clock: StageClock
    reason: str = ""
    pending_extension: ExtensionRequest | None = None
    extension_count: int = 0


class CaseReturned(_Ev, tag="case_returned", kw_only=True):
    """A department returned a case it was dispatched; it waits for arbitration."""

    incident_id: str
    dispute: Dispute


class CaseArbitrated(_Ev, tag="case_arbitrated", kw_only=True):
    """A supervisor decided a return: ``upheld`` gives the case to ``department``."""

    incident_id: str
    dispute_id: str
    state: str  # upheld | rejected
    department: str
    reason: str


class EscalationNoticed(_Ev, tag="escalation_noticed", kw_only=True):
    """The deadline engine told the people the library names for this escalation level."""

    incident_id: str
    notice: EscalationNotice


class EscalationAcknowledged(_Ev, tag="escalation_acknowledged", kw_only=True):
    incident_id: str
    stage: str
    level: int


class CaseFlagged(_Ev, tag="case_flagged", kw_only=True):
    """The flags of a machine-opened case changed (cleared_by_device, confirmed, dismissed)."""

    incident_id: str
    flags: list[str]


class MajorDeclared(_Ev, tag="major_declared", kw_only=True):
    incident_id: str
    name: str


class BoardUpdated(_Ev, tag="board_updated", kw_only=True):
    """A change to a major incident's board (see commands.UpdateBoard for the kinds)."""

    incident_id: str
    kind: str
    role: str = ""
    person: str = ""
    text: str = ""
    index: int = -1
    child_id: str = ""


class DeadlineAlert(_Ev, tag="deadline_alert", kw_only=True):
    """Emitted by the server's deadline watcher so every console agrees on overdue cases."""

    incident_id: str
    stage: str
    overdue: bool
    escalation: int


# --- units, cameras, linkage ----------------------------------------------------------------------
class UnitStatusChanged(_Ev, tag="unit_status_changed", kw_only=True):
    unit_id: str
    status: UnitStatus
    incident_id: str = ""


class UnitMoved(_Ev, tag="unit_moved", kw_only=True):
    unit_id: str
    lat: float
    lon: float
    heading: float = 0.0
    at: float


class UnitRelocated(_Ev, tag="unit_relocated", kw_only=True):
    """A move-up: the unit's home station is now ``station_id``; ``status`` is the one it takes
    (``returning`` while it drives there, ``available`` when it is there already)."""

    unit_id: str
    station_id: str
    status: UnitStatus


class CameraStatusChanged(_Ev, tag="camera_status_changed", kw_only=True):
    camera_id: str
    status: str


class LinkageRequested(_Ev, tag="linkage_requested", kw_only=True):
    request: LinkageRequest


class LinkageAnswered(_Ev, tag="linkage_answered", kw_only=True):
    request_id: str
    state: LinkageState
    reason: str = ""


EventBody = (
    AgencyUpserted
    | UnitUpserted
    | CameraUpserted
    | AgencyRetired
    | UnitRetired
    | CameraRetired
    | GridLoaded
    | LibraryLoaded
    | CalendarLoaded
    | EvaluationWeightsSet
    | DeskPolicySet
    | IncidentCreated
    | IncidentUpdated
    | IncidentTransitioned
    | NoteAdded
    | NoteStruck
    | UnitAssigned
    | UnitReleased
    | IncidentsLinked
    | ReportMerged
    | ReportUnmerged
    | DeadlineChanged
    | DeadlineAlert
    | CaseReturned
    | CaseArbitrated
    | EscalationNoticed
    | EscalationAcknowledged
    | MajorDeclared
    | BoardUpdated
    | UnitStatusChanged
    | UnitMoved
    | UnitRelocated
    | CameraStatusChanged
    | LinkageRequested
    | LinkageAnswered
    | DeviceUpserted
    | CameraZoneSet
    | CaseFlagged
    | LinkageUpserted  # view-only (app.domain.view_events)
    | IncidentWithdrawn  # view-only
    | AlertReceived
    | AlertUpdated
    | AlertCancelled
    | RoundSet
    | CheckpointTicked
    | InspectorPositioned
)


class Event(msgspec.Struct, kw_only=True, array_like=False):
    """One committed fact. ``seq`` is 0 for a provisional (not yet acknowledged) local event."""

    seq: int
    time: float
    actor: str
    workstation: str = ""
    body: EventBody
    exercise: bool = False


def event_type(body: EventBody) -> str:
    return type(body).__struct_config__.tag  # type: ignore[return-value]


def incident_of(body: EventBody, linkages: Mapping[str, LinkageRequest] | None = None) -> str:
    """The incident an event concerns ('' for reference data and units): the one rule.

    A linkage answer names only its request; with ``linkages`` (the state's requests, read before
    the event is applied) it resolves to the request's incident.
    """
    if isinstance(body, IncidentCreated):
        return body.incident.id
    if isinstance(body, (LinkageRequested, LinkageUpserted)):
        return body.request.incident_id
    if isinstance(body, LinkageAnswered):
        req = linkages.get(body.request_id) if linkages is not None else None
        return req.incident_id if req is not None else ""
    return str(getattr(body, "incident_id", ""))


_enc = msgspec.json.Encoder()
_dec_event = msgspec.json.Decoder(Event)


def encode_event(ev: Event) -> bytes:
    return _enc.encode(ev)


def decode_event(data: bytes | str) -> Event:
    return _dec_event.decode(data)


def to_builtins(obj: Any) -> Any:
    return msgspec.to_builtins(obj)
