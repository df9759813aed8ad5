"""What every desk follows about its session, set by the administrator: sign out after so many
minutes without keyboard or mouse, with a warning shortly before.

The ``set_desk_policy`` command (administrator only) becomes a ``desk_policy_set`` event, so every
desk learns it in its snapshot or event stream, keeps it in its offline cache, and applies it from
that moment on. How long a sign-in lasts at most is the server's ``--token-hours``.
"""

from __future__ import annotations

import logging
import math

import msgspec

log = logging.getLogger(__name__)

MAX_IDLE_MINUTES = 24 * 60
MIN_IDLE_MINUTES = 2  # at least the warning minute and one more


class DeskPolicy(msgspec.Struct, kw_only=True):
    idle_minutes: float = 0.0  # 0: desks never sign out for inactivity
    warn_seconds: float = 60.0  # the warning before the idle sign-out


class SetDeskPolicy(msgspec.Struct, kw_only=True):
    """Command: every desk signs out after ``idle_minutes`` without input (0: never)."""

    idle_minutes: float
    warn_seconds: float = 60.0


class DeskPolicySet(msgspec.Struct, kw_only=True, tag_field="type", tag="desk_policy_set"):
    """Event: the desk policy from this event on."""

    policy: DeskPolicy


def check_policy(cmd: SetDeskPolicy) -> DeskPolicy:
    """The policy ``cmd`` asks for; ValueError with the reason when it is out of range."""
    idle, warn = cmd.idle_minutes, cmd.warn_seconds
    if not math.isfinite(idle) or not (idle == 0 or MIN_IDLE_MINUTES <= idle <= MAX_IDLE_MINUTES):
        raise ValueError(
            f"the idle sign-out is 0 (off) or {MIN_IDLE_MINUTES}-{MAX_IDLE_MINUTES} minutes"
        )
    if not math.isfinite(warn) or not 10 <= warn <= 300:
        raise ValueError("the warning comes 10-300 seconds before the sign-out")
    return DeskPolicy(idle_minutes=float(idle), warn_seconds=float(warn))
