"""Open311 application keys managed from the administration window: the admin actions
``list_api_keys``, ``create_api_key`` and ``revoke_api_key`` run the same :class:`CitizenStore`
methods as ``python -m app.server api-key``; a new key is in the answer once, only its hash is
kept."""

from __future__ import annotations

import logging
from typing import Any

from app.server.admin import AdminError
from app.server.http.citizens import CitizenStore

log = logging.getLogger(__name__)

KEY_ACTIONS = ("list_api_keys", "create_api_key", "revoke_api_key")


def run_key_action(citizens: CitizenStore, action: str, payload: dict[str, Any]) -> Any:
    """Run one key action (blocking: SQLite). Raises AdminError."""
    if action == "list_api_keys":
        return [
            {"name": k.name, "hint": k.hint, "created": k.created, "revoked": k.revoked}
            for k in citizens.list_keys()
        ]
    name = payload.get("name")
    if not isinstance(name, str) or not name.strip():
        raise AdminError("invalid_payload", "'name' must be the application's name")
    name = name.strip()
    if action == "create_api_key":
        try:
            key = citizens.create_key(name)
        except ValueError as exc:
            code = "duplicate_id" if "has a key already" in str(exc) else "invalid_payload"
            raise AdminError(code, str(exc)) from None
        log.info("Open311 key created for %s", name)
        return {"name": name, "key": key}
    if action == "revoke_api_key":
        if not citizens.revoke_key(name):
            raise AdminError("unknown_id", f"no live key for {name!r}")
        log.info("Open311 key of %s revoked", name)
        return {"name": name}
    raise AdminError("unknown_type", f"unknown key action {action[:64]!r}")
