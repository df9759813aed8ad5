"""Accounts: scrypt password hashes, session tokens and the failed-login slow-down."""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
import time

from app.domain.model import Role, User
from app.server.store import EventStore, UserRecord

log = logging.getLogger(__name__)

# scrypt cost: about 30-60 ms per check on the reference machine; logins are rare.
SCRYPT_N = 2**14
SCRYPT_R = 8
SCRYPT_P = 1


class AuthError(Exception):
    """A refused login; ``code`` is auth_failed, token_expired or disabled."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def hash_password(password: str, salt: bytes, n: int = SCRYPT_N) -> bytes:
    """``scrypt:N:r:p:`` + the derived key: the cost travels with the hash, so it can be raised
    later without invalidating stored passwords."""
    key = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=SCRYPT_R, p=SCRYPT_P, dklen=32)
    return f"scrypt:{n}:{SCRYPT_R}:{SCRYPT_P}:".encode() + key


def verify_password(password: str, salt: bytes, stored: bytes) -> bool:
    try:
        tag, n, r, p, _ = stored.split(b":", 4)
        if tag != b"scrypt":
            return False
        key = hashlib.scrypt(
            password.encode("utf-8"), salt=salt, n=int(n), r=int(r), p=int(p), dklen=32
        )
    except ValueError:
        return False
    return hmac.compare_digest(stored, b":".join([tag, n, r, p, key]))


def make_user_record(
    username: str,
    password: str,
    role: Role | str,
    display_name: str = "",
    agency: str = "",
    cost: int = SCRYPT_N,
) -> UserRecord:
    """A new account with a fresh per-user salt; raises ValueError on a bad name, role or password."""
    username = username.strip()
    if not username or len(username) > 64 or any(ch.isspace() for ch in username):
        raise ValueError("a username is 1-64 characters without spaces")
    try:
        role = Role(role)
    except ValueError:
        raise ValueError(
            f"unknown role {role!r}; roles: {', '.join(r.value for r in Role)}"
        ) from None
    if len(password) < 6:
        raise ValueError("a password needs at least 6 characters")
    if role == Role.LIAISON and not agency:
        raise ValueError("a liaison account needs the agency it speaks for")
    salt = secrets.token_bytes(16)
    return UserRecord(
        username=username,
        display_name=display_name or username,
        role=role.value,
        agency=agency,
        salt=salt,
        hash=hash_password(password, salt, cost),
        disabled=False,
    )


def to_user(rec: UserRecord) -> User:
    return User(
        username=rec.username, display_name=rec.display_name, role=Role(rec.role), agency=rec.agency
    )


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class Throttle:
    """Failed-login slow-down per (username, peer address): each failure doubles the wait imposed
    before that pair's next attempt is even checked (``base`` s, 2x, 4x ... up to ``cap`` s).
    A success clears it; entries idle for ``forget`` s are dropped."""

    def __init__(self, base: float = 0.5, cap: float = 30.0, forget: float = 900.0) -> None:
        self.base = base
        self.cap = cap
        self.forget = forget
        self._fails: dict[tuple[str, str], tuple[int, float]] = {}

    def delay(self, username: str, peer: str) -> float:
        """Seconds to wait before checking this attempt."""
        entry = self._fails.get((username, peer))
        if entry is None:
            return 0.0
        count, last = entry
        if time.monotonic() - last > self.forget:
            del self._fails[(username, peer)]
            return 0.0
        return float(min(self.cap, self.base * 2 ** (count - 1)))

    def failed(self, username: str, peer: str) -> None:
        count, _ = self._fails.get((username, peer), (0, 0.0))
        self._fails[(username, peer)] = (count + 1, time.monotonic())
        if len(self._fails) > 100_000:  # a flood of made-up names: forget the oldest half
            for key in sorted(self._fails, key=lambda k: self._fails[k][1])[:50_000]:
                del self._fails[key]

    def succeeded(self, username: str, peer: str) -> None:
        self._fails.pop((username, peer), None)


class Accounts:
    """Checks passwords and tokens against the store, and issues tokens."""

    def __init__(self, store: EventStore, token_ttl: float = 12 * 3600.0) -> None:
        self.store = store
        self.token_ttl = token_ttl

    def check_password(self, username: str, password: str) -> User:
        rec = self.store.get_user(username)
        if rec is None:
            # Spend the same time as a real check so names cannot be probed by timing.
            hash_password(password, b"\0" * 16)
            raise AuthError("auth_failed", "unknown user name or wrong password")
        if not verify_password(password, rec.salt, rec.hash):
            raise AuthError("auth_failed", "unknown user name or wrong password")
        if rec.disabled:
            raise AuthError("disabled", f"the account {username} is disabled")
        return to_user(rec)

    def check_token(self, token: str) -> tuple[User, float]:
        """The token's user and expiry; raises AuthError."""
        found = self.store.get_token(token_hash(token))
        if found is None:
            raise AuthError("auth_failed", "unknown session token; sign in with your password")
        username, _, expires = found
        if expires < time.time():
            raise AuthError("token_expired", "the session token has expired; sign in again")
        rec = self.store.get_user(username)
        if rec is None or rec.disabled:
            raise AuthError("disabled", f"the account {username} is disabled")
        return to_user(rec), expires

    def issue_token(self, username: str, workstation: str) -> tuple[str, float]:
        token = secrets.token_urlsafe(32)
        expires = time.time() + self.token_ttl
        self.store.put_token(token_hash(token), username, workstation, expires)
        return token, expires
