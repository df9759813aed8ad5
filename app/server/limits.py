"""Size limits on what a client may make the server store (docs/PROTOCOL.md, "Limits").

Checked when a command arrives, before it is queued: a string longer than its field's limit, a
list longer than ``MAX_ITEMS`` or a payload nested deeper than ``MAX_DEPTH`` is refused with
``too_large`` (details: the field's path and its limit) and nothing is stored but a bounded audit
line. What the server keeps from a refused or unauthenticated message is cut to the ``AUDIT_*``
lengths, so no input, however big, grows the database by more than about a kilobyte.
"""

from __future__ import annotations

import logging
from typing import Any

log = logging.getLogger(__name__)

# Per field name (wherever it occurs in a command payload), in characters.
FIELD_LIMITS: dict[str, int] = {
    "text": 10_000,  # a note
    "description": 10_000,
    "attachment": 3 * 1024 * 1024,  # a base64 PNG snapshot (the message itself is at most 4 MiB)
    "reason": 2_000,
    "address": 500,
    "reporter_contact": 500,
}
DEFAULT_LIMIT = 200  # every other string: ids, categories, capabilities, statuses, names
MAX_ITEMS = 100  # entries of a list (e.g. unit_ids)
MAX_DEPTH = 8  # nesting of objects and lists in a payload
MAX_TYPE = 64  # a command type or admin action name

# What the server keeps from any message in the audit trail and idempotency answers.
AUDIT_NAME = 64
AUDIT_WORKSTATION = 100
AUDIT_ID = 200
AUDIT_DETAIL = 500


class TooLarge(Exception):
    def __init__(self, path: str, limit: int, what: str) -> None:
        super().__init__(f"{path} is too large: at most {limit} {what}")
        self.path = path
        self.limit = limit


def check_payload(payload: Any) -> None:
    """Raise :class:`TooLarge` when any part of ``payload`` passes its limit."""
    _check(payload, "payload", "", 0)


def _check(value: Any, path: str, name: str, depth: int) -> None:
    if isinstance(value, str):
        limit = FIELD_LIMITS.get(name, DEFAULT_LIMIT)
        if len(value) > limit:
            raise TooLarge(path, limit, "characters")
        return
    if isinstance(value, (dict, list)):
        if depth >= MAX_DEPTH:
            raise TooLarge(path, MAX_DEPTH, "levels of nesting")
        if len(value) > MAX_ITEMS:
            raise TooLarge(path, MAX_ITEMS, "entries")
    if isinstance(value, dict):
        for key, item in value.items():
            if len(key) > DEFAULT_LIMIT:
                raise TooLarge(f"{path}.{key[:20]}…", DEFAULT_LIMIT, "characters in a key")
            _check(item, f"{path}.{key}", key, depth + 1)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            _check(item, f"{path}[{i}]", name, depth + 1)


def cut(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, marked when cut."""
    return text if len(text) <= limit else f"{text[: limit - 1]}…"


def close_reason(text: str) -> str:
    """A websocket close reason: at most 123 bytes of UTF-8."""
    data = text.encode("utf-8")
    if len(data) <= 123:
        return text
    return data[:120].decode("utf-8", "ignore") + "..."
