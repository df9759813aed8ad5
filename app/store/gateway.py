"""The one command path from the console to the city.

Every user action — queue, map, detail, command line, video wall — becomes a typed command struct
(``AssignUnits(...)``, ``Transition(...)``, see :mod:`app.domain.commands`) handed to
``CommandGateway.submit``. The live implementation is the sync engine (the command runner on the
local state, durable outbox, send to the server); a replay's training session has its own. Both
decide with :class:`app.domain.runner.CommandRunner`. Outcomes come back through the store: events
change the state, refusals arrive in ``Store.refusals`` (the refusal inbox).
"""

from __future__ import annotations

from typing import Protocol

from app.domain.commands import CommandError
from app.domain.runner import Command


class CommandGateway(Protocol):
    def submit(self, command: Command, expected_version: int | None = None) -> str:
        """Queue a command; returns its id. Never blocks; never raises for a refused command.

        Without ``expected_version`` a command that depends on an incident's state carries the
        version of the incident this desk shows now (see ``runner.VERSIONED``).
        """
        ...

    def refusal(self, *commands: Command) -> CommandError | None:
        """Why the runner would refuse ``commands`` (run in order) now on this desk (None: they
        would run)."""
        ...
