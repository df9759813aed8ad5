"""Accounts: scrypt password hashes and session tokens (the sign-in slow-down: app.server.throttle)."""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
import time

from app.domain.model import Role, User
from app.server.names import UserNameError, normalize_username
from app.server.store import EventStore, UserRecord

log = logging.getLogger(__name__)

# scrypt cost, N = 2^17 as current guidance asks (OWASP's scrypt parameters): about 0.3-0.5 s
# and 128 MiB per check here; sign-ins are rare. Hashes made at a lower cost are upgraded at the
# account's next successful sign-in (the cost travels with each hash).
SCRYPT_N = 2**17
DEMO_N = 2**14  # demo accounts: their passwords are published, a high cost protects nothing
_MAXMEM = 256 * 1024 * 1024
SCRYPT_R = 8
SCRYPT_P = 1
MAX_PASSWORD = 1024


class AuthError(Exception):
    """A refused login; ``code`` is auth_failed, token_expired, disabled or locked_out."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def hash_password(password: str, salt: bytes, n: int = SCRYPT_N) -> bytes:
    """``scrypt:N:r:p:`` + the derived key: the cost travels with the hash, so it can be raised
    later without invalidating stored passwords."""
    key = hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=n, r=SCRYPT_R, p=SCRYPT_P, dklen=32, maxmem=_MAXMEM
    )
    return f"scrypt:{n}:{SCRYPT_R}:{SCRYPT_P}:".encode() + key


def verify_password(password: str, salt: bytes, stored: bytes) -> bool:
    try:
        tag, n, r, p, _ = stored.split(b":", 4)
        if tag != b"scrypt":
            return False
        key = hashlib.scrypt(
            password.encode("utf-8"),
            salt=salt,
            n=int(n),
            r=int(r),
            p=int(p),
            dklen=32,
            maxmem=_MAXMEM,
        )
    except ValueError:
        return False
    return hmac.compare_digest(stored, b":".join([tag, n, r, p, key]))


def hash_cost(stored: bytes) -> int:
    """The scrypt N a stored hash was made with (0 when unreadable)."""
    try:
        return int(stored.split(b":", 2)[1])
    except (IndexError, ValueError):
        return 0


def make_user_record(
    username: str,
    password: str,
    role: Role | str,
    display_name: str = "",
    agency: str = "",
    cost: int = SCRYPT_N,
) -> UserRecord:
    """A new account with a fresh per-user salt; raises ValueError on a bad name, role or password.

    The name is stored in its normal form (app.server.names.normalize_username)."""
    username = normalize_username(username)  # UserNameError is a ValueError
    try:
        role = Role(role)
    except ValueError:
        raise ValueError(
            f"unknown role {role!r}; roles: {', '.join(r.value for r in Role)}"
        ) from None
    if not 6 <= len(password) <= MAX_PASSWORD:
        raise ValueError(f"a password needs at least 6 characters (at most {MAX_PASSWORD})")
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


class Accounts:
    """Checks passwords and tokens against the store, and issues tokens."""

    def __init__(
        self, store: EventStore, token_ttl: float = 12 * 3600.0, min_cost: int = 0
    ) -> None:
        self.store = store
        self.token_ttl = token_ttl
        # Hashes below this cost are upgraded at sign-in (0: never; the server passes SCRYPT_N).
        self.min_cost = min_cost

    def check_password(self, username: str, password: str) -> User:
        try:
            username = normalize_username(username)
        except UserNameError:
            username = ""  # no account has it: fails like an unknown name, at the same cost
        rec = self.store.get_user(username) if username else None
        if rec is None:
            # Spend the same time as a real check so names cannot be probed by timing: the
            # cost every hash is raised to, or (upgrades off) the seeded accounts' cost.
            hash_password(password, b"\0" * 16, self.min_cost or DEMO_N)
            raise AuthError("auth_failed", "unknown user name or wrong password")
        if not verify_password(password, rec.salt, rec.hash):
            raise AuthError("auth_failed", "unknown user name or wrong password")
        if rec.disabled:
            raise AuthError("disabled", f"the account {username} is disabled")
        if hash_cost(rec.hash) < self.min_cost:
            # Raise an old hash to the current cost while the password is at hand.
            rec.salt = secrets.token_bytes(16)
            rec.hash = hash_password(password, rec.salt, self.min_cost)
            self.store.put_user(rec)
            log.info("password hash of %s upgraded to scrypt N=%d", username, self.min_cost)
        return to_user(rec)

    def revoke(self, token: str) -> None:
        """Sign a token out: it no longer signs anyone in."""
        self.store.delete_tokens(token_hash=token_hash(token))

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
