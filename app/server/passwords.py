"""The password policy for accounts an administrator creates or re-passwords: at least 12
characters, not a common password, not the user name. Demo and test accounts made directly
(``make_user_record``) are not held to it: the demo's passwords are published anyway and the
demo refuses to serve anything but a loopback address without being told."""

from __future__ import annotations

import functools
import logging

from app.paths import resource_path

log = logging.getLogger(__name__)

MIN_LENGTH = 12


@functools.cache
def _common() -> frozenset[str]:
    path = resource_path("security", "common-passwords.txt")
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        log.error("the common-password list %s is missing; only the length is checked", path)
        return frozenset()
    return frozenset(x.strip().lower() for x in lines if x.strip() and not x.startswith("#"))


def policy_problem(password: str, username: str = "") -> str:
    """'' when ``password`` may be used, else why not (a sentence for the administrator)."""
    if len(password) < MIN_LENGTH:
        return f"a password needs at least {MIN_LENGTH} characters"
    low = password.lower()
    if low in _common():
        return "that password is on the list of common passwords; choose another"
    if username and username.lower() in low:
        return "a password must not contain the user name"
    if len(set(password)) < 4:
        return "a password needs more than three different characters"
    return ""
