"""The closed-loop case workflow as a state machine.

reported -> registered (or rejected) -> dispatched -> in progress -> resolved (the handler's
feedback) -> verified -> closed. A failed verification sends the case back to dispatched and counts
as rework; a supervisor may reopen a closed case. Cancelled from any open state.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.model import FINAL_STATUSES, Incident, Stage, Status


@dataclass(frozen=True)
class Action:
    name: str
    label: str
    sources: frozenset[Status]
    target: Status
    needs_reason: bool = False
    rework: bool = False
    supervisor_only: bool = False


_OPEN = frozenset(
    {
        Status.REPORTED,
        Status.REGISTERED,
        Status.DISPATCHED,
        Status.IN_PROGRESS,
        Status.RESOLVED,
        Status.VERIFIED,
    }
)

ACTIONS: dict[str, Action] = {
    a.name: a
    for a in (
        Action("register", "Register", frozenset({Status.REPORTED}), Status.REGISTERED),
        Action(
            "reject",
            "Reject (invalid / duplicate)",
            frozenset({Status.REPORTED}),
            Status.REJECTED,
            needs_reason=True,
        ),
        Action("dispatch", "Dispatch", frozenset({Status.REGISTERED}), Status.DISPATCHED),
        Action("start", "Start handling", frozenset({Status.DISPATCHED}), Status.IN_PROGRESS),
        Action(
            "resolve",
            "Resolve (feedback)",
            frozenset({Status.DISPATCHED, Status.IN_PROGRESS}),
            Status.RESOLVED,
            needs_reason=True,
        ),
        Action("verify", "Verify", frozenset({Status.RESOLVED}), Status.VERIFIED),
        Action(
            "fail_verification",
            "Fail verification (rework)",
            frozenset({Status.RESOLVED}),
            Status.DISPATCHED,
            needs_reason=True,
            rework=True,
        ),
        Action("close", "Close", frozenset({Status.VERIFIED}), Status.CLOSED),
        Action("cancel", "Cancel", _OPEN, Status.CANCELLED, needs_reason=True),
        Action(
            "reopen",
            "Reopen",
            frozenset({Status.CLOSED}),
            Status.DISPATCHED,
            needs_reason=True,
            rework=True,
            supervisor_only=True,
        ),
    )
}

# Stage clocks that a transition finishes and starts.
STAGE_DONE: dict[str, tuple[str, ...]] = {
    "register": (Stage.REGISTER,),
    "reject": (Stage.REGISTER,),
    "dispatch": (Stage.DISPATCH,),
    "resolve": (Stage.HANDLE,),
    "verify": (Stage.VERIFY,),
    "fail_verification": (Stage.VERIFY,),
    "cancel": (Stage.REGISTER, Stage.DISPATCH, Stage.HANDLE, Stage.VERIFY),
}
STAGE_START: dict[str, tuple[str, ...]] = {
    "register": (Stage.DISPATCH,),
    "dispatch": (Stage.HANDLE,),
    "resolve": (Stage.VERIFY,),
    "fail_verification": (Stage.HANDLE,),
    "reopen": (Stage.HANDLE,),
}


class TransitionRefused(Exception):
    def __init__(self, message: str, code: str = "invalid_transition") -> None:
        super().__init__(message)
        self.message = message
        self.code = code  # text_required: allowed, once the operator gives a reason


def check_transition(incident: Incident, action: str, reason: str = "") -> Action:
    """Return the action when it is allowed now; otherwise raise with a readable reason."""
    act = ACTIONS.get(action)
    if act is None:
        raise TransitionRefused(
            f"'{action}' is not a case action; use one of: {', '.join(sorted(ACTIONS))}"
        )
    if incident.status not in act.sources:
        allowed = ", ".join(sorted(s.value for s in act.sources))
        if incident.status in FINAL_STATUSES and action != "reopen":
            raise TransitionRefused(
                f"{act.label} is not possible: {incident.number} is already {incident.status.value}"
            )
        raise TransitionRefused(
            f"{act.label} is not possible while {incident.number} is {incident.status.value} "
            f"(only from: {allowed})"
        )
    if act.needs_reason and not reason.strip():
        raise TransitionRefused(f"{act.label} needs a reason", "text_required")
    return act


def available_actions(incident: Incident) -> dict[str, str]:
    """Every action, mapped to '' when allowed now or to the reason why not."""
    out: dict[str, str] = {}
    for name in ACTIONS:
        try:
            check_transition(incident, name, reason="x")
            out[name] = ""
        except TransitionRefused as exc:
            out[name] = exc.message
    return out
