"""Field inspectors' daily rounds and positions (docs/PROTOCOL.md, "Rounds").

A supervisor (or the administrator) sets, per inspector and local day, the grid cells the
inspector patrols and the checkpoints to visit (``set_round``). The inspector's phone ticks a
checkpoint off (``tick_checkpoint``) with the position and time of the fix that put it inside the
checkpoint's radius: the rule here checks the distance, so a phone cannot tick a checkpoint it
did not reach. While on duty the phone reports its position (``report_position``), at most one
fix per :data:`MIN_POSITION_INTERVAL_S` of fix time; the state keeps the newest
:data:`MAX_TRACK` fixes of the current duty spell per inspector, so the track is bounded
whatever the phone sends.

Everything here is pure (no Qt, no I/O): the reducer branches are called from
:mod:`app.domain.state`, the rules from :mod:`app.domain.decide` and
:mod:`app.domain.permissions`.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

import msgspec

from app.domain.geo import haversine_m
from app.domain.model import Role, User

if TYPE_CHECKING:
    from app.domain.rules import Rules

log = logging.getLogger(__name__)

MAX_CHECKPOINTS = 100
MAX_CELLS = 64
MIN_RADIUS_M = 5.0
MAX_RADIUS_M = 2000.0
MIN_POSITION_INTERVAL_S = 20.0
"""Fixes closer together than this (fix time) are refused as ``too_soon``; the phone sends one a
minute, so a re-send or a hurried phone never grows the log faster than three a minute."""
MAX_TRACK = 480
"""Fixes kept per inspector: a whole 8-hour shift at one a minute."""
MAX_FIX_AGE_S = 12 * 3600.0
"""A fix older than this is refused (a phone that was offline longer sends its newest only)."""
MAX_CLOCK_SKEW_S = 120.0
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ID = re.compile(r"^[\w.:-]{1,40}$")


class RoundCommandError(Exception):
    """A round rule refused the command (turned into a CommandError by the caller)."""

    def __init__(self, code: str, message: str, details: dict[str, object] | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.details = details or {}


# --- records -------------------------------------------------------------------------------------
class Checkpoint(msgspec.Struct, kw_only=True):
    id: str
    name: str
    lat: float
    lon: float
    radius_m: float = 50.0


class Tick(msgspec.Struct, kw_only=True):
    """Where and when a checkpoint was reached (the phone's fix), and how far from it."""

    at: float
    lat: float
    lon: float
    distance_m: float


class Round(msgspec.Struct, kw_only=True):
    """One inspector's round on one local day."""

    inspector: str
    day: str  # YYYY-MM-DD in the city's time zone
    cells: list[str] = msgspec.field(default_factory=list)
    checkpoints: list[Checkpoint] = msgspec.field(default_factory=list)
    ticks: dict[str, Tick] = msgspec.field(default_factory=dict)  # checkpoint id -> tick
    set_by: str = ""
    set_at: float = 0.0

    @property
    def key(self) -> str:
        return round_key(self.inspector, self.day)

    def progress(self) -> tuple[int, int]:
        """(ticked, total) checkpoints."""
        ids = {cp.id for cp in self.checkpoints}
        return len(ids & set(self.ticks)), len(ids)


class TrackPoint(msgspec.Struct, kw_only=True, array_like=True):
    at: float
    lat: float
    lon: float


class InspectorStatus(msgspec.Struct, kw_only=True):
    """What the centre knows of an inspector from the phone: duty, last fix, the track."""

    username: str
    display_name: str = ""
    cells: list[str] = msgspec.field(default_factory=list)  # the account's cells
    on_duty: bool = False
    duty_since: float = 0.0
    lat: float = 0.0
    lon: float = 0.0
    position_at: float = 0.0
    accuracy_m: float = 0.0
    track: list[TrackPoint] = msgspec.field(default_factory=list)  # newest last, <= MAX_TRACK


def round_key(inspector: str, day: str) -> str:
    return f"{inspector}/{day}"


# --- commands ------------------------------------------------------------------------------------
class SetRound(msgspec.Struct, kw_only=True):
    """A supervisor sets (or replaces) an inspector's round for a day. Ticks of checkpoints that
    keep their id are kept; an empty round clears the day."""

    inspector: str
    day: str
    cells: list[str] = msgspec.field(default_factory=list)
    checkpoints: list[Checkpoint] = msgspec.field(default_factory=list)


class TickCheckpoint(msgspec.Struct, kw_only=True):
    """The inspector's phone: this fix (position, time) lies within the checkpoint's radius."""

    inspector: str
    day: str
    checkpoint_id: str
    lat: float
    lon: float
    at: float


class ReportPosition(msgspec.Struct, kw_only=True):
    """The inspector's phone: a fix while on duty; ``on_duty`` false ends the duty spell."""

    lat: float
    lon: float
    at: float
    accuracy_m: float = 0.0
    on_duty: bool = True


COMMANDS: dict[str, type[msgspec.Struct]] = {
    "set_round": SetRound,
    "tick_checkpoint": TickCheckpoint,
    "report_position": ReportPosition,
}
COMMAND_TYPES = frozenset(COMMANDS.values())


# --- events --------------------------------------------------------------------------------------
class RoundSet(msgspec.Struct, kw_only=True, tag_field="type", tag="round_set"):
    round: Round


class CheckpointTicked(msgspec.Struct, kw_only=True, tag_field="type", tag="checkpoint_ticked"):
    inspector: str
    day: str
    checkpoint_id: str
    tick: Tick


class InspectorPositioned(
    msgspec.Struct, kw_only=True, tag_field="type", tag="inspector_positioned"
):
    inspector: str
    display_name: str = ""
    cells: list[str] = msgspec.field(default_factory=list)
    lat: float
    lon: float
    at: float
    accuracy_m: float = 0.0
    on_duty: bool = True


EVENT_TYPES = (RoundSet, CheckpointTicked, InspectorPositioned)


# --- who may -------------------------------------------------------------------------------------
def authorize(user: User, body: msgspec.Struct) -> str:
    """'' when ``user`` may run the round command ``body``; else why not."""
    if isinstance(body, SetRound):
        if user.role in (Role.SUPERVISOR, Role.ADMIN):
            return ""
        return "rounds are set by a supervisor"
    if user.role != Role.INSPECTOR:
        return "checkpoints and positions come from the inspector's own phone"
    if isinstance(body, TickCheckpoint) and body.inspector != user.username:
        return "an inspector ticks off their own round only"
    return ""


# --- rules ---------------------------------------------------------------------------------------
def local_day(rules: Rules, t: float) -> str:
    """The city's local date of epoch ``t`` (YYYY-MM-DD)."""
    return rules.calendar.local(t).date().isoformat()


def _check_day(day: str) -> None:
    if not _DAY.match(day):
        raise RoundCommandError("invalid_payload", f"day must be YYYY-MM-DD, not {day[:20]!r}")
    try:
        dt.date.fromisoformat(day)
    except ValueError:
        raise RoundCommandError("invalid_payload", f"{day} is not a date") from None


def _check_point(lat: float, lon: float) -> None:
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
        raise RoundCommandError("invalid_payload", f"position {lat},{lon} is not valid")


def _check_fix_time(at: float, now: float) -> None:
    if not math.isfinite(at) or at > now + MAX_CLOCK_SKEW_S:
        raise RoundCommandError("invalid_payload", "the fix's time lies in the future")
    if at < now - MAX_FIX_AGE_S:
        raise RoundCommandError("invalid_payload", "the fix is more than 12 hours old")


def decide_set_round(
    body: SetRound, known_cells: Iterable[str], actor: User, now: float
) -> list[RoundSet]:
    name = body.inspector.strip()
    if not name or len(name) > 100:
        raise RoundCommandError("invalid_payload", "name the inspector (at most 100 characters)")
    _check_day(body.day)
    cells = list(dict.fromkeys(c.strip() for c in body.cells if c.strip()))
    if len(cells) > MAX_CELLS:
        raise RoundCommandError("invalid_payload", f"at most {MAX_CELLS} cells per round")
    grid = set(known_cells)
    unknown = [c for c in cells if grid and c not in grid]
    if unknown:
        raise RoundCommandError(
            "unknown_id", f"no grid cell {unknown[0][:40]!r}", {"cells": unknown}
        )
    if len(body.checkpoints) > MAX_CHECKPOINTS:
        raise RoundCommandError(
            "invalid_payload", f"at most {MAX_CHECKPOINTS} checkpoints per round"
        )
    seen: set[str] = set()
    for cp in body.checkpoints:
        if not _ID.match(cp.id):
            raise RoundCommandError(
                "invalid_payload", f"checkpoint id {cp.id[:40]!r}: 1-40 letters, digits, .:_-"
            )
        if cp.id in seen:
            raise RoundCommandError("invalid_payload", f"checkpoint id {cp.id} is used twice")
        seen.add(cp.id)
        if not cp.name.strip() or len(cp.name) > 120:
            raise RoundCommandError("invalid_payload", f"checkpoint {cp.id} needs a name (<= 120)")
        _check_point(cp.lat, cp.lon)
        if not (math.isfinite(cp.radius_m) and MIN_RADIUS_M <= cp.radius_m <= MAX_RADIUS_M):
            raise RoundCommandError(
                "invalid_payload",
                f"checkpoint {cp.id}: radius must be {MIN_RADIUS_M:g}-{MAX_RADIUS_M:g} m",
            )
    rnd = Round(
        inspector=name,
        day=body.day,
        cells=cells,
        checkpoints=[msgspec.structs.replace(cp, name=cp.name.strip()) for cp in body.checkpoints],
        set_by=actor.username,
        set_at=now,
    )
    return [RoundSet(round=rnd)]


def decide_tick(
    body: TickCheckpoint, rounds: dict[str, Round], rules: Rules, now: float
) -> list[CheckpointTicked]:
    _check_day(body.day)
    rnd = rounds.get(round_key(body.inspector, body.day))
    if rnd is None:
        raise RoundCommandError("unknown_id", f"{body.inspector} has no round on {body.day}")
    cp = next((x for x in rnd.checkpoints if x.id == body.checkpoint_id), None)
    if cp is None:
        raise RoundCommandError(
            "unknown_id", f"no checkpoint {body.checkpoint_id[:40]!r} on this round"
        )
    if cp.id in rnd.ticks:
        raise RoundCommandError("no_change", f"{cp.name} is already ticked off")
    _check_point(body.lat, body.lon)
    _check_fix_time(body.at, now)
    fix_day = local_day(rules, body.at)
    if fix_day != body.day:
        raise RoundCommandError(
            "invalid_payload", f"the fix was taken on {fix_day}, not on the round's day {body.day}"
        )
    distance = haversine_m(body.lat, body.lon, cp.lat, cp.lon)
    if distance > cp.radius_m:
        raise RoundCommandError(
            "out_of_range",
            f"{cp.name}: the position is {distance:.0f} m away; within {cp.radius_m:.0f} m ticks it",
            {"distance_m": round(distance, 1), "radius_m": cp.radius_m},
        )
    tick = Tick(at=body.at, lat=body.lat, lon=body.lon, distance_m=round(distance, 1))
    return [CheckpointTicked(inspector=rnd.inspector, day=rnd.day, checkpoint_id=cp.id, tick=tick)]


def decide_position(
    body: ReportPosition, inspectors: dict[str, InspectorStatus], actor: User, now: float
) -> list[InspectorPositioned]:
    _check_point(body.lat, body.lon)
    _check_fix_time(body.at, now)
    if not (math.isfinite(body.accuracy_m) and 0 <= body.accuracy_m <= 100_000):
        raise RoundCommandError("invalid_payload", "accuracy must be 0-100000 m")
    old = inspectors.get(actor.username)
    if old is not None and old.position_at:
        if body.at <= old.position_at:
            raise RoundCommandError("stale", "a newer fix is already known")
        if body.on_duty == old.on_duty and body.at - old.position_at < MIN_POSITION_INTERVAL_S:
            raise RoundCommandError(
                "too_soon",
                f"one fix per {MIN_POSITION_INTERVAL_S:g} s; send it later",
                {"retry_after_s": MIN_POSITION_INTERVAL_S - (body.at - old.position_at)},
            )
    elif not body.on_duty:
        raise RoundCommandError("no_change", "not on duty")
    cells = sorted(c.strip() for c in actor.agency.split(",") if c.strip())
    return [
        InspectorPositioned(
            inspector=actor.username,
            display_name=actor.display_name,
            cells=cells,
            lat=body.lat,
            lon=body.lon,
            at=body.at,
            accuracy_m=body.accuracy_m,
            on_duty=body.on_duty,
        )
    ]


# --- reducer -------------------------------------------------------------------------------------
def apply_round_set(rounds: dict[str, Round], b: RoundSet) -> str:
    """Store the round (keeping ticks of checkpoints that are still on it); its key."""
    new = b.round
    old = rounds.get(new.key)
    ids = {cp.id for cp in new.checkpoints}
    ticks = {k: v for k, v in old.ticks.items() if k in ids} if old is not None else {}
    if not new.checkpoints and not new.cells:
        rounds.pop(new.key, None)  # an empty round clears the day
    else:
        rounds[new.key] = msgspec.structs.replace(new, ticks=ticks)
    return new.key


def apply_tick(rounds: dict[str, Round], b: CheckpointTicked) -> str:
    key = round_key(b.inspector, b.day)
    rnd = rounds[key]
    rounds[key] = msgspec.structs.replace(rnd, ticks={**rnd.ticks, b.checkpoint_id: b.tick})
    return key


def apply_position(inspectors: dict[str, InspectorStatus], b: InspectorPositioned) -> str:
    old = inspectors.get(b.inspector) or InspectorStatus(username=b.inspector)
    starting = b.on_duty and not old.on_duty
    track = [] if starting else old.track
    if b.on_duty:
        track = [*track[-(MAX_TRACK - 1) :], TrackPoint(at=b.at, lat=b.lat, lon=b.lon)]
    inspectors[b.inspector] = msgspec.structs.replace(
        old,
        display_name=b.display_name or old.display_name,
        cells=list(b.cells),
        on_duty=b.on_duty,
        duty_since=b.at if starting else old.duty_since,
        lat=b.lat,
        lon=b.lon,
        position_at=b.at,
        accuracy_m=b.accuracy_m,
        track=track,
    )
    return b.inspector
