"""Account management requested over the wire (AdminMsg), for admin accounts only."""

from __future__ import annotations

import logging
import secrets
from typing import Any

from app.domain.model import User
from app.server.auth import MAX_PASSWORD, hash_password, make_user_record
from app.server.names import UserNameError, looks_like, normalize_username
from app.server.passwords import policy_problem
from app.server.store import EventStore

log = logging.getLogger(__name__)

ACTIONS = (
    "create_user",
    "set_password",
    "disable_user",
    "enable_user",
    "list_users",
    "set_cells",
    "end_sessions",
)
MAX_CELLS = 64
# Actions that end the account's tokens and sessions (the server closes open ones with 4003).
REVOKING = ("set_password", "disable_user", "end_sessions")


class AdminError(Exception):
    def __init__(self, code: str, message: str, details: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.details = details or {}


def _str(payload: dict[str, Any], key: str, default: str | None = None) -> str:
    value = payload.get(key, default)
    if not isinstance(value, str):
        raise AdminError("invalid_payload", f"'{key}' must be a string")
    return value


def _cells(role: str, payload: dict[str, Any]) -> str:
    """An inspector's grid cells, stored comma-separated in the account's agency field."""
    if role != "inspector":
        raise AdminError("invalid_payload", "grid cells are set on inspector accounts only")
    cells = payload.get("cells")
    if not isinstance(cells, list) or not all(isinstance(c, str) for c in cells):
        raise AdminError("invalid_payload", "'cells' must be a list of grid cell ids")
    clean = list(dict.fromkeys(c.strip() for c in cells if c.strip()))
    if len(clean) > MAX_CELLS:
        raise AdminError("invalid_payload", f"at most {MAX_CELLS} cells per inspector")
    for cell in clean:
        if len(cell) > 40 or not cell.replace("-", "").replace("_", "").isalnum():
            raise AdminError("invalid_payload", f"{cell[:40]!r} is not a grid cell id")
    return ",".join(clean)


def run_admin(store: EventStore, actor: User, action: str, payload: dict[str, Any]) -> Any:
    """Run one admin action (blocking: scrypt and SQLite). Raises AdminError."""
    if action not in ACTIONS:
        raise AdminError(
            "unknown_type", f"unknown admin action {action[:64]!r}; known: {list(ACTIONS)}"
        )
    if action == "list_users":
        return [
            {
                "username": r.username,
                "display_name": r.display_name,
                "role": r.role,
                "agency": r.agency,
                "disabled": r.disabled,
            }
            for r in store.list_users()
        ]
    try:
        username = normalize_username(_str(payload, "username"))
    except UserNameError as exc:
        raise AdminError("invalid_payload", str(exc)) from None
    existing = store.get_user(username)
    if action == "create_user":
        if existing is not None:
            raise AdminError("duplicate_id", f"the account {username} already exists")
        twin = looks_like(username, [r.username for r in store.list_users()])
        if twin is not None:
            raise AdminError(
                "duplicate_id",
                f"{username!r} reads like the existing account {twin!r}; choose another name",
                {"existing": twin},
            )
        problem = policy_problem(_str(payload, "password"), username)
        if problem:
            raise AdminError("weak_password", problem)
        try:
            rec = make_user_record(
                username,
                _str(payload, "password"),
                _str(payload, "role"),
                _str(payload, "display_name", ""),
                _str(payload, "agency", ""),
            )
        except ValueError as exc:
            raise AdminError("invalid_payload", str(exc)) from None
        store.put_user(rec)
        log.info("%s created the account %s (%s)", actor.username, username, rec.role)
        return {"username": username}
    if existing is None:
        raise AdminError("unknown_id", f"no account {username!r}")
    if action == "set_password":
        password = _str(payload, "password")
        problem = policy_problem(password, username)
        if problem and len(password) <= MAX_PASSWORD:
            raise AdminError("weak_password", problem)
        if not 6 <= len(password) <= MAX_PASSWORD:
            text = f"a password needs at least 6 characters (at most {MAX_PASSWORD})"
            raise AdminError("invalid_payload", text)
        existing.salt = secrets.token_bytes(16)
        existing.hash = hash_password(password, existing.salt)
    elif action == "set_cells":
        existing.agency = _cells(existing.role, payload)
    elif action == "end_sessions":
        if username == actor.username:
            raise AdminError("invalid_payload", "sign out of your own desk with File > Sign out")
        store.delete_tokens(username=username)
        log.info("%s ended the sessions of %s", actor.username, username)
        return {"username": username}
    elif action in ("disable_user", "enable_user"):
        if action == "disable_user" and username == actor.username:
            raise AdminError("invalid_payload", "an admin cannot disable their own account")
        existing.disabled = action == "disable_user"
    store.put_user(existing)
    if action in REVOKING:  # the old password's sessions end (the server closes open ones)
        store.delete_tokens(username=username)
    log.info("%s: %s %s", actor.username, action, username)
    return {"username": username}
