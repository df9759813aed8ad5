"""Commands: what an operator asks for. Each type has a payload struct; ``decide`` turns a valid
command into the events that record its outcome, or refuses it with a reason a person can read.
"""

from __future__ import annotations

from typing import Any

import msgspec

from app.domain.alerts import ImportAlert, IssueAlert
from app.domain.devices import COMMANDS as DEVICE_COMMANDS
from app.domain.events import IncidentChanges
from app.domain.library import Category
from app.domain.model import LinkKind, SourceChannel, UnitStatus
from app.domain.reference_commands import COMMANDS as REFERENCE_COMMANDS
from app.domain.rounds import COMMANDS as ROUND_COMMANDS
from app.domain.scoring import SetEvaluationWeights


class CreateIncident(msgspec.Struct, kw_only=True):
    incident_id: str = ""  # client-chosen UUID (lets an offline workstation refer to it)
    category: str
    priority: int = 0  # 0: the category's default
    source: SourceChannel = SourceChannel.HOTLINE
    lat: float
    lon: float
    address: str = ""
    grid_cell: str = ""
    neighbourhood: str = ""
    description: str = ""
    reporter_contact: str = ""
    department: str = ""  # '' : the category's responsible department
    register: bool = False  # taken by the centre itself: registered at once
    reported_at: float = 0.0  # when the call came in, if earlier than now (imports, late entry)
    exercise: bool = False


class UpdateIncident(msgspec.Struct, kw_only=True):
    incident_id: str
    changes: IncidentChanges


class Transition(msgspec.Struct, kw_only=True):
    incident_id: str
    action: str  # see app.domain.workflow.ACTIONS
    reason: str = ""


class AddNote(msgspec.Struct, kw_only=True):
    incident_id: str
    text: str
    kind: str = "note"  # note | snapshot
    attachment: str = ""  # base64 PNG for snapshots
    note_id: str = ""  # client-chosen UUID ('' : the server picks one); strike_note names it


class StrikeNote(msgspec.Struct, kw_only=True):
    """Strike a note out of the narrative with a reason; the note stays (app.domain.notes)."""

    incident_id: str
    note_id: str
    reason: str = ""


class AssignUnits(msgspec.Struct, kw_only=True):
    """Dispatch units to an incident (registers and dispatches it when still pending)."""

    incident_id: str
    unit_ids: list[str]


class ReleaseUnit(msgspec.Struct, kw_only=True):
    incident_id: str
    unit_id: str


class SetUnitStatus(msgspec.Struct, kw_only=True):
    unit_id: str
    status: UnitStatus


class MoveUnit(msgspec.Struct, kw_only=True):
    unit_id: str
    lat: float
    lon: float
    heading: float = 0.0


class RelocateUnit(msgspec.Struct, kw_only=True):
    """Move an available unit up to another station of its agency (coverage move-up): the
    station becomes its home and it drives there (``returning``) unless it is there already."""

    unit_id: str
    station_id: str


class RequestLinkage(msgspec.Struct, kw_only=True):
    incident_id: str
    to_agency: str
    capability: str
    count: int = 1
    request_id: str = ""
    from_agency: str = ""  # '' : the incident's department


class AnswerLinkage(msgspec.Struct, kw_only=True):
    request_id: str
    action: str  # accept | decline | fulfil | cancel
    reason: str = ""


class LinkIncidents(msgspec.Struct, kw_only=True):
    incident_id: str
    other_id: str
    kind: LinkKind = LinkKind.RELATED


class MergeIncidents(msgspec.Struct, kw_only=True):
    """Merge ``duplicate_id`` into ``master_id``: the older form of ``MergeReports`` with one
    report, decided by the same rule (app.domain.merge)."""

    duplicate_id: str
    master_id: str
    reason: str = ""


class MergeReports(msgspec.Struct, kw_only=True):
    """Merge reports of the same problem (any channel) into one master case (app.domain.merge).
    Versioned on the master: the case the operator decided on."""

    master_id: str
    report_ids: list[str]
    reason: str = ""


class UnmergeReport(msgspec.Struct, kw_only=True):
    """Take a report out of its master: an independent open case again, in the stage it had."""

    report_id: str
    reason: str


class SetCameraStatus(msgspec.Struct, kw_only=True):
    camera_id: str
    status: str  # online | offline | maintenance


class SuspendDeadline(msgspec.Struct, kw_only=True):
    incident_id: str
    reason: str


class ResumeDeadline(msgspec.Struct, kw_only=True):
    incident_id: str
    reason: str = ""


class RequestExtension(msgspec.Struct, kw_only=True):
    incident_id: str
    minutes: int
    reason: str


class DecideExtension(msgspec.Struct, kw_only=True):
    incident_id: str
    approve: bool
    reason: str = ""


class ReturnCase(msgspec.Struct, kw_only=True):
    """A department returns a case it was dispatched, with a reason, for arbitration."""

    incident_id: str
    kind: str  # not_ours | wrong_place | needs_other
    reason: str = ""
    suggested_department: str = ""
    dispute_id: str = ""  # client-chosen id ('' : the server chooses)


class ArbitrateCase(msgspec.Struct, kw_only=True):
    """A supervisor decides a returned case: the department that handles it (the same one
    rejects the return)."""

    incident_id: str
    department: str
    reason: str = ""


class AcknowledgeEscalation(msgspec.Struct, kw_only=True):
    incident_id: str
    stage: str
    level: int


class DeclareMajor(msgspec.Struct, kw_only=True):
    """A supervisor declares an incident major: it gets a command board."""

    incident_id: str
    name: str


class UpdateBoard(msgspec.Struct, kw_only=True):
    """One change to a major incident's board; every change is logged on it.

    ``kind``: ``role`` (``role`` filled by ``person``; '' vacates it), ``objective`` (``text``
    for the current period), ``objective_done`` (``index`` into the objectives), ``period`` (a
    new operational period starts), ``decision`` (``text`` into the log), ``child`` (group
    ``child_id`` under this incident).
    """

    incident_id: str
    kind: str
    role: str = ""
    person: str = ""
    text: str = ""
    index: int = -1
    child_id: str = ""


class SetCategory(msgspec.Struct, kw_only=True):
    """The administrator adds or changes one category of the standard library. The change is a
    new library version: it applies to cases opened after it; running cases keep theirs."""

    category: Category


COMMAND_TYPES: dict[str, type[msgspec.Struct]] = {
    "create_incident": CreateIncident,
    "update_incident": UpdateIncident,
    "transition": Transition,
    "add_note": AddNote,
    "strike_note": StrikeNote,
    "assign_units": AssignUnits,
    "release_unit": ReleaseUnit,
    "set_unit_status": SetUnitStatus,
    "move_unit": MoveUnit,
    "relocate_unit": RelocateUnit,
    "request_linkage": RequestLinkage,
    "answer_linkage": AnswerLinkage,
    "link_incidents": LinkIncidents,
    "merge_incidents": MergeIncidents,
    "merge_reports": MergeReports,
    "unmerge_report": UnmergeReport,
    "set_camera_status": SetCameraStatus,
    "suspend_deadline": SuspendDeadline,
    "resume_deadline": ResumeDeadline,
    "request_extension": RequestExtension,
    "decide_extension": DecideExtension,
    "return_case": ReturnCase,
    "arbitrate_case": ArbitrateCase,
    "acknowledge_escalation": AcknowledgeEscalation,
    **DEVICE_COMMANDS,
    "declare_major": DeclareMajor,
    "update_board": UpdateBoard,
    "set_category": SetCategory,
    "import_alert": ImportAlert,
    "issue_alert": IssueAlert,
    "set_evaluation_weights": SetEvaluationWeights,
    **REFERENCE_COMMANDS,
    **ROUND_COMMANDS,
}
COMMAND_NAMES: dict[type[msgspec.Struct], str] = {v: k for k, v in COMMAND_TYPES.items()}


class CommandError(Exception):
    """A refused command: ``code`` for machines, ``message`` for people."""

    def __init__(self, code: str, message: str, details: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.details = details or {}


def parse_payload(type_name: str, payload: Any) -> msgspec.Struct:
    """Validate a command payload; raises CommandError(unknown_type | invalid_payload)."""
    cls = COMMAND_TYPES.get(type_name)
    if cls is None:
        raise CommandError(
            "unknown_type",
            f"unknown command type {type_name!r}",
            {"known": sorted(COMMAND_TYPES)},
        )
    try:
        return msgspec.convert(payload, cls)
    except msgspec.ValidationError as exc:
        raise CommandError("invalid_payload", f"invalid {type_name} payload: {exc}") from None
