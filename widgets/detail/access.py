"""What the signed-in operator may do now: the reason a command would be refused, for tooltips.

Views ask the gateway (the command runner on this desk's state) about the real command they would
send, so the reason shown is the one the server would give. A command whose reason text the
operator has yet to type is asked about without it: ``text_required`` does not grey it out.
"""

from __future__ import annotations

import logging

from app.domain.runner import Command
from app.store.gateway import CommandGateway
from app.store.store import Store

log = logging.getLogger(__name__)


def why_not(store: Store, gateway: CommandGateway, *commands: Command) -> str:
    """'' when the session may submit ``commands`` (in order) now, else the reason a person can
    read.

    Without a signed-in user (a bare console in tests or demos) everything is allowed.
    """
    if store.read_only:
        return "Read-only session: observers and replays cannot change incidents"
    if store.user is None:
        return ""
    exc = gateway.refusal(*commands)
    if exc is None or exc.code == "text_required":
        return ""
    return exc.message[:1].upper() + exc.message[1:]
