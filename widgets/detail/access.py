"""What the signed-in role may do: the reason a command would be refused, for tooltips."""

from __future__ import annotations

import logging
from typing import Any

from app.domain.commands import CommandError, parse_payload
from app.domain.permissions import authorize
from app.store.store import Store

log = logging.getLogger(__name__)


def why_not(store: Store, type_name: str, payload: dict[str, Any]) -> str:
    """'' when the session may submit this command, else the reason a person can read.

    Only the role is checked here; whether the case's state allows it is the workflow's job.
    Without a signed-in user (a bare console in tests or demos) everything is allowed.
    """
    if store.read_only:
        return "Read-only session: observers and replays cannot change incidents"
    user = store.user
    if user is None:
        return ""
    try:
        body = parse_payload(type_name, payload)
        authorize(user, body, store.state)
    except CommandError as exc:
        return exc.message[:1].upper() + exc.message[1:]
    return ""
