"""A refusal as the refusal inbox keeps it, for tests that stand in for a refusing desk."""

from __future__ import annotations

import time
import uuid

from app.store.refusal import Refusal


def refusal_of(incident_id: str, code: str, message: str, type: str = "transition") -> Refusal:
    return Refusal(
        command_id=str(uuid.uuid4()),
        at=time.time(),
        incident_id=incident_id,
        type=type,
        code=code,
        message=message,
        where="local",
    )
