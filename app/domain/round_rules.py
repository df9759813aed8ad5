"""The round commands decided on a city state (called from :func:`app.domain.decide.decide`):
the rules themselves are in :mod:`app.domain.rounds`; here they meet the state and the refusal
type every command shares."""

from __future__ import annotations

import logging

import msgspec

from app.domain import commands as c
from app.domain import events as ev
from app.domain import rounds
from app.domain.model import User
from app.domain.rules import Rules
from app.domain.state import CityState

log = logging.getLogger(__name__)

COMMAND_TYPES = rounds.COMMAND_TYPES


def decide_round_command(
    state: CityState, body: msgspec.Struct, actor: User, now: float, rules: Rules
) -> list[ev.EventBody]:
    try:
        if isinstance(body, rounds.SetRound):
            return list(rounds.decide_set_round(body, state.grid_cells.keys(), actor, now))
        if isinstance(body, rounds.TickCheckpoint):
            return list(rounds.decide_tick(body, state.rounds, rules, now))
        if isinstance(body, rounds.ReportPosition):
            return list(rounds.decide_position(body, state.inspectors, actor, now))
    except rounds.RoundCommandError as exc:
        raise c.CommandError(exc.code, exc.message, exc.details) from None
    raise c.CommandError("unknown_type", f"no rule for {type(body).__name__}")
