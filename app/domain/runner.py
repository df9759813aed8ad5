"""The one command runner: parse → authorise → check the version → decide → events.

Every place that turns a command into events calls it: the server's processor (authoritative),
a workstation's sync projection (its pending and offline changes), the training gateway, the
replay builder and the tests' gateway. The rules it decides with (case library, working calendar,
grid and neighbourhood locator) come from the state it is given (``CityState.rules()``), which
holds them as reference events, so the same command on the same state gives the same events
wherever it runs.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from typing import Any

import msgspec

from app.domain import commands as c
from app.domain import events as ev
from app.domain.decide import Context, decide
from app.domain.model import User
from app.domain.permissions import authorize
from app.domain.state import CityState, OverlayState

log = logging.getLogger(__name__)

Command = msgspec.Struct
"""A command struct from :mod:`app.domain.commands` (``AssignUnits``, ``Transition``, ...)."""

VERSIONED: frozenset[type[msgspec.Struct]] = frozenset(
    {
        c.UpdateIncident,
        c.Transition,
        c.AssignUnits,
        c.ReleaseUnit,
        c.MergeIncidents,
        c.MergeReports,
        c.UnmergeReport,
        c.SuspendDeadline,
        c.ResumeDeadline,
        c.RequestExtension,
        c.DecideExtension,
        c.ReturnCase,
        c.ArbitrateCase,
    }
)
"""Commands whose outcome depends on the incident as the operator saw it: sent with the version
they saw, and refused as a conflict when the incident has changed since. Notes, links and linkage
requests only add to an incident and never conflict."""


def type_name(cmd: Command) -> str:
    """The wire name of a command struct (``assign_units``)."""
    return c.COMMAND_NAMES[type(cmd)]


def command_incident(cmd: Command, state: CityState) -> str:
    """The incident a command concerns ('' when none): named directly, through the unit it moves
    or through the linkage request it answers."""
    for key in ("incident_id", "duplicate_id", "report_id", "master_id"):
        value = getattr(cmd, key, "")
        if isinstance(value, str) and value:
            return value
    unit_id = getattr(cmd, "unit_id", "")
    if unit_id:
        unit = state.units.get(unit_id)
        return unit.incident_id if unit is not None else ""
    request_id = getattr(cmd, "request_id", "")
    if request_id and not isinstance(cmd, c.RequestLinkage):
        req = state.linkages.get(request_id)
        return req.incident_id if req is not None else ""
    return ""


def to_payload(cmd: Command) -> dict[str, Any]:
    """The command as plain JSON values: what is queued and sent."""
    payload = msgspec.to_builtins(cmd)
    assert isinstance(payload, dict)
    return payload


class CommandRunner:
    """Decides commands for one place (server, workstation, training, replay builder)."""

    def __init__(self, new_id: Callable[[], str] | None = None) -> None:
        self._new_id = new_id or (lambda: str(uuid.uuid4()))

    @staticmethod
    def parse(type_name: str, payload: Any) -> Command:
        """A command struct from its wire form; CommandError(unknown_type | invalid_payload)."""
        return c.parse_payload(type_name, payload)

    def run(
        self,
        state: CityState,
        user: User,
        cmd: Command,
        now: float,
        expected_version: int | None = None,
        year: int | None = None,
    ) -> list[ev.EventBody]:
        """The events that record ``cmd``'s outcome; raises CommandError when it is refused."""
        authorize(user, cmd, state)
        if expected_version is not None and type(cmd) in VERSIONED:
            check_version(state, command_incident(cmd, state), expected_version)
        ctx = Context(
            actor=user,
            now=now,
            rules=state.rules(),
            new_id=self._new_id,
            expected_version=expected_version,
            year=year,
        )
        return decide(state, cmd, ctx)

    def run_message(
        self,
        state: CityState,
        user: User,
        type_name: str,
        payload: Any,
        now: float,
        expected_version: int | None = None,
    ) -> list[ev.EventBody]:
        """:meth:`run` for a command in its wire form."""
        return self.run(state, user, self.parse(type_name, payload), now, expected_version)

    def refusal(
        self, state: CityState, user: User | None, *cmds: Command, now: float
    ) -> c.CommandError | None:
        """Why the commands, run one after the other, would be refused now (None: they would be
        accepted). For views that grey out a button: they ask about the real commands (e.g.
        create and then dispatch), so the reason shown is the one the server would give."""
        if user is None:
            return c.CommandError("not_signed_in", "sign in before making changes")
        view: CityState = state if len(cmds) < 2 else OverlayState(state)
        for i, cmd in enumerate(cmds):
            try:
                bodies = self.run(view, user, cmd, now)
            except c.CommandError as exc:
                return exc
            if i < len(cmds) - 1:
                view.apply_all(
                    ev.Event(seq=0, time=now, actor=user.username, body=b) for b in bodies
                )
        return None


def check_version(state: CityState, incident_id: str, expected: int) -> None:
    inc = state.incidents.get(incident_id)
    if inc is None or inc.version == expected:
        return  # an unknown id is reported by decide()
    raise c.CommandError(
        "conflict",
        f"{inc.number} was changed by someone else (version {inc.version}, "
        f"you had {expected}); review it and try again",
        {"current_version": inc.version, "expected_version": expected},
    )
