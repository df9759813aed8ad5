"""Training mode: the replay plays the calls; the trainee does the dispatching.

:class:`TrainingFilter` withholds what the real dispatchers and crews did for calls received after
the training started (assignments, unit movements, later transitions) and marks the calls as
exercise. :class:`TrainingGateway` is the session's CommandGateway: it runs the command runner (the
trainee's permissions, then ``decide`` with the rules the replay holds) on the replay's current state
as the trainee, applies the resulting events (marked exercise) and writes
command and events to the training log. Crews the trainee sends finish their job after as long as
the real crews took on that call, so units come back into service during a long session.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import msgspec

from app.domain import commands as c
from app.domain import events as ev
from app.domain.model import Status, UnitStatus, User
from app.domain.runner import (
    VERSIONED,
    Command,
    CommandRunner,
    command_incident,
    to_payload,
    type_name,
)
from app.domain.state import CityState
from app.replay.replayfile import ReplayFile
from app.replay.traininglog import TrainingLog
from app.store.refusal import Refusal

log = logging.getLogger(__name__)

WORKSTATION = "training"
DEFAULT_JOB_SECONDS = 1800.0  # a call with no recorded crews: a crew's job takes half an hour


class TrainingFilter:
    """Owns which recorded events the trainee sees (callable on each batch, in order)."""

    def __init__(self, state: Callable[[], CityState] | None = None) -> None:
        # The live state (replay plus trainee): a recorded registration is dropped when the
        # trainee has already moved the call on (dispatching registers it too).
        self.state = state
        self.calls: set[str] = set()  # incidents the trainee is responsible for
        self._unit_on: dict[str, str] = {}  # unit -> the incident the recording had it on

    def claim(self, incident_id: str) -> None:
        """The trainee acted on a call received before the session started: from now on the
        recorded dispatchers' actions on it are withheld too (kept for the score only)."""
        if incident_id:
            self.calls.add(incident_id)

    def __call__(self, batch: list[ev.Event]) -> list[ev.Event]:
        out: list[ev.Event] = []
        for e in batch:
            b = e.body
            if isinstance(b, ev.IncidentCreated):
                self.calls.add(b.incident.id)
                inc = msgspec.structs.replace(b.incident, exercise=True)
                out.append(
                    msgspec.structs.replace(e, body=ev.IncidentCreated(incident=inc), exercise=True)
                )
                continue
            inc_id = ev.incident_of(b, self.state().linkages if self.state else None)
            if isinstance(b, ev.UnitAssigned):
                self._unit_on[b.unit_id] = inc_id
            if inc_id in self.calls:
                if isinstance(b, ev.IncidentTransitioned) and b.action == "register":
                    live = self.state().incidents.get(inc_id) if self.state else None
                    if live is None or live.status == Status.REPORTED:
                        out.append(msgspec.structs.replace(e, exercise=True))
                continue  # what the real dispatchers did: the trainee's job now
            unit_id = getattr(b, "unit_id", "")
            if unit_id and not inc_id and isinstance(b, (ev.UnitStatusChanged, ev.UnitMoved)):
                on = self._unit_on.get(unit_id, "")
                if isinstance(b, ev.UnitStatusChanged) and b.status == UnitStatus.AVAILABLE:
                    self._unit_on.pop(unit_id, None)
                if on in self.calls:
                    continue  # the real crew of a withheld call coming back
            out.append(e)
        return out


@dataclass
class _Job:
    incident_id: str
    units: list[str]
    done_at: float


class TrainingGateway:
    """A CommandGateway for training: decide() as the trainee on the replay's current state."""

    def __init__(
        self,
        log_: TrainingLog,
        replay: ReplayFile,
        trainee: User,
        state: Callable[[], CityState],
        clock: Callable[[], float],
        apply: Callable[[list[ev.Event]], object],
        refused: Callable[[Refusal], None] | None = None,
        claim: Callable[[str], None] | None = None,
    ) -> None:
        self.log = log_
        self.replay = replay
        self.trainee = trainee
        self._state = state
        self._clock = clock
        self._apply = apply
        self._refused = refused
        self._claim = claim
        self.runner = CommandRunner()
        self.pauses: list[tuple[float, float]] = []  # (replay time, wall seconds) of each pause
        self._paused_at: tuple[float, float] | None = None
        self._jobs: list[_Job] = []
        self._spans: dict[str, float] = {}
        self._saved = 0.0
        self._end = clock()

    def playing_changed(self, playing: bool) -> None:
        """The replay clock stopped or started: a pause in a scored session is recorded and
        shown in the score (the clock stands still, so the trainee's times do not show it)."""
        if not playing and self._paused_at is None:
            self._paused_at = (self._clock(), time.monotonic())
        elif playing and self._paused_at is not None:
            at, wall = self._paused_at
            self._paused_at = None
            self.pauses.append((at, round(time.monotonic() - wall, 1)))
            self.log.set_meta({"pauses": [list(p) for p in self.pauses]})

    def flush(self) -> None:
        """Note how far the session got: the score judges the calls received up to there."""
        self._end = max(self._end, self._clock())
        self.log.set_meta({"end": self._end})

    def close(self) -> None:
        self.flush()
        self.log.close()

    # --- CommandGateway ------------------------------------------------------------------------------
    def submit(self, command: Command, expected_version: int | None = None) -> str:
        command_id = str(uuid.uuid4())
        now = self._clock()
        state = self._state()
        if isinstance(command, c.CreateIncident):
            command = msgspec.structs.replace(command, exercise=True)
        name = type_name(command)
        payload = to_payload(command)
        try:  # as on a live desk: the command as it would travel (types checked on the way)
            command = c.parse_payload(name, payload)
        except c.CommandError as exc:
            log.info("training command %s refused: %s", name, exc.message)
            return command_id
        incident_id = command_incident(command, state)
        if expected_version is None and type(command) in VERSIONED:
            inc = state.incidents.get(incident_id)
            expected_version = inc.version if inc is not None else None
        try:
            bodies = self.runner.run(state, self.trainee, command, now, expected_version)
        except c.CommandError as exc:
            self.log.record(command_id, now, name, payload, [], refused=(exc.code, exc.message))
            log.info("training command %s refused: %s", name, exc.message)
            if self._refused is not None:
                self._refused(
                    Refusal(
                        command_id=command_id,
                        at=now,
                        incident_id=incident_id,
                        type=name,
                        payload=payload,
                        code=exc.code,
                        message=exc.message,
                        expected_version=expected_version,
                        where="local",
                    )
                )
            return command_id
        if self._claim is not None and incident_id:
            self._claim(incident_id)
        events = self._commit(command_id, now, name, payload, bodies, self.trainee.username)
        if isinstance(command, c.AssignUnits):
            self._schedule(command.incident_id, events, now)
        return command_id

    def refusal(self, *commands: Command) -> c.CommandError | None:
        return self.runner.refusal(self._state(), self.trainee, *commands, now=self._clock())

    def _commit(
        self,
        command_id: str,
        now: float,
        type_name: str,
        payload: dict[str, Any],
        bodies: list[ev.EventBody],
        actor: str,
    ) -> list[ev.Event]:
        out: list[ev.Event] = []
        for b in bodies:
            if isinstance(b, ev.IncidentCreated):
                b = ev.IncidentCreated(incident=msgspec.structs.replace(b.incident, exercise=True))
            out.append(
                ev.Event(
                    seq=self.log.next_seq(),
                    time=now,
                    actor=actor,
                    workstation=WORKSTATION,
                    body=b,
                    exercise=True,
                )
            )
        self.log.record(command_id, now, type_name, payload, out)
        self._apply(out)
        return out

    # --- simulated crews -----------------------------------------------------------------------------
    def _real_span(self, incident_id: str) -> float:
        """How long the recorded crews took on this call: first dispatch to close."""
        if incident_id not in self._spans:
            rows = self.replay.con.execute(
                "SELECT MIN(CASE WHEN type = 'unit_assigned' THEN time END), MAX(time) "
                "FROM events WHERE incident_id = ?",
                (incident_id,),
            ).fetchone()
            first, last = rows if rows else (None, None)
            span = (last - first) if first is not None and last is not None else DEFAULT_JOB_SECONDS
            self._spans[incident_id] = max(span, 60.0)
        return self._spans[incident_id]

    def _schedule(self, incident_id: str, events: list[ev.Event], now: float) -> None:
        units = [e.body.unit_id for e in events if isinstance(e.body, ev.UnitAssigned)]
        if units:
            self._jobs.append(_Job(incident_id, units, now + self._real_span(incident_id)))

    def tick(self, now: float) -> None:
        """Called as the replay clock moves: crews whose job is done come back into service."""
        wall = time.monotonic()
        if wall - self._saved >= 2.0:
            self._saved = wall
            self.log.set_meta({"end": now})
        self._end = now
        due = [j for j in self._jobs if j.done_at <= now]
        if not due:
            return
        self._jobs = [j for j in self._jobs if j.done_at > now]
        for job in due:
            self._finish(job, now)

    def _finish(self, job: _Job, now: float) -> None:
        crew = User(
            username=f"{self.trainee.username}-crews",
            display_name="Simulated crews",
            role=self.trainee.role,
        )
        for unit_id in job.units:
            st = self._state()
            u = st.units.get(unit_id)
            if u is None or u.incident_id != job.incident_id:
                continue  # the trainee already released or re-sent it
            self._run(crew, now, c.SetUnitStatus(unit_id=unit_id, status=UnitStatus.AVAILABLE))
        inc = self._state().incidents.get(job.incident_id)
        if (
            inc is not None
            and inc.status in (Status.DISPATCHED, Status.IN_PROGRESS)
            and not inc.assigned_units
        ):
            self._run(
                crew,
                now,
                c.Transition(
                    incident_id=inc.id, action="resolve", reason="crews finished (simulated)"
                ),
            )

    def _run(self, crew: User, now: float, command: Command) -> None:
        name = type_name(command)
        try:
            bodies = self.runner.run(self._state(), crew, command, now)
        except c.CommandError as exc:
            log.info("simulated crew command %s refused: %s", name, exc.message)
            return
        self._commit(str(uuid.uuid4()), now, name, to_payload(command), bodies, crew.username)
