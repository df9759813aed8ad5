"""The one command path from the console to the city.

Every user action — queue, map, detail, command line, video wall — becomes a call to
``CommandGateway.submit``. The live implementation is the sync engine (local optimistic apply,
durable outbox, send to the server); a replay's training session has its own. Outcomes come back
through the store: events change the state, refusals arrive as ``Store.commandRefused``.
"""

from __future__ import annotations

from typing import Any, Protocol


class CommandGateway(Protocol):
    def submit(
        self,
        type: str,
        payload: dict[str, Any],
        expected_version: int | None = None,
    ) -> str:
        """Queue a command; returns its id. Never blocks; never raises for a refused command."""
        ...
