"""A refused command as the refusal inbox keeps it (plain data, no Qt: the cache stores it)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Refusal:
    """A command that was refused: what the operator tried, on which incident, and why."""

    command_id: str
    at: float
    incident_id: str
    type: str
    payload: dict[str, Any] = field(default_factory=dict)
    code: str = ""
    message: str = ""
    expected_version: int | None = None
    where: str = "server"  # "server": refused after it was sent; "local": refused on this desk
