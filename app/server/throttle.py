"""The failed sign-in slow-down and lockout.

Three counts of consecutive failures, each forgotten after ``forget`` seconds without a failure:

* per **user name** (from any address): a guesser spread over many addresses is slowed;
* per **peer address** (any name): spraying many names from one address is slowed, after the
  first ``peer_free`` failures (operators mistype);
* per **(name, address)** pair: ``lock_after`` failures in a row lock the pair out for
  ``lock_time`` seconds (every attempt refused at once with ``locked_out``, the right password
  too). Locking the pair, not the name, means a guesser cannot lock a real operator out from
  another desk; the per-name slow-down still caps what the guesser costs the operator.

Before an attempt is checked it waits ``base * 2 ** (n - 1)`` seconds (at most ``cap``), n being
the larger of the name's count and the address's count above ``peer_free``. Attempts are
**serialised** per name and per address (:meth:`Throttle.turn`): ten parallel guesses wait one
after the other instead of sharing one delay. A success clears the name's and the pair's counts
(not the address's: one valid account must not reset a spray).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

log = logging.getLogger(__name__)

MAX_ENTRIES = 100_000  # per table; a flood of made-up names forgets the oldest half
KEY_CHARS = 64  # names are cut to this many characters before they are remembered


@dataclass
class _Fails:
    count: int = 0
    last: float = 0.0
    locked_until: float = 0.0


@dataclass
class _KeyedLocks:
    """One asyncio.Lock per key, dropped when nobody holds or waits for it."""

    locks: dict[str, tuple[asyncio.Lock, int]] = field(default_factory=dict)

    @contextlib.asynccontextmanager
    async def hold(self, key: str) -> AsyncIterator[None]:
        lock, users = self.locks.get(key, (asyncio.Lock(), 0))
        self.locks[key] = (lock, users + 1)
        try:
            async with lock:
                yield
        finally:
            lock, users = self.locks[key]
            if users <= 1:
                del self.locks[key]
            else:
                self.locks[key] = (lock, users - 1)


class Throttle:
    """See the module's docstring. ``name`` is '' for a token sign-in (only the address counts)."""

    def __init__(
        self,
        base: float = 0.5,
        cap: float = 30.0,
        forget: float = 900.0,
        *,
        peer_free: int = 5,
        lock_after: int = 10,
        lock_time: float = 900.0,
    ) -> None:
        self.base = base
        self.cap = cap
        self.forget = forget
        self.peer_free = peer_free
        self.lock_after = lock_after
        self.lock_time = lock_time
        self._names: dict[str, _Fails] = {}
        self._peers: dict[str, _Fails] = {}
        self._pairs: dict[str, _Fails] = {}
        self._name_locks = _KeyedLocks()
        self._peer_locks = _KeyedLocks()

    @staticmethod
    def _pair(name: str, peer: str) -> str:
        return f"{name[:KEY_CHARS]}\x1f{peer}"

    def _count(self, table: dict[str, _Fails], key: str, now: float) -> _Fails | None:
        entry = table.get(key)
        if entry is not None and now - entry.last > self.forget and now >= entry.locked_until:
            del table[key]
            return None
        return entry

    def _wait(self, count: int) -> float:
        return 0.0 if count <= 0 else float(min(self.cap, self.base * 2 ** (count - 1)))

    def delay(self, name: str, peer: str) -> float:
        """Seconds this attempt waits before it is checked."""
        now = time.monotonic()
        by_name = self._count(self._names, name[:KEY_CHARS], now) if name else None
        by_peer = self._count(self._peers, peer, now)
        n = by_name.count if by_name else 0
        p = by_peer.count - self.peer_free if by_peer else 0
        return self._wait(max(n, p))

    def locked(self, name: str, peer: str) -> float:
        """Seconds left of this pair's lockout (0: not locked out)."""
        now = time.monotonic()
        entry = self._count(self._pairs, self._pair(name, peer), now)
        return max(0.0, entry.locked_until - now) if entry else 0.0

    def failed(self, name: str, peer: str) -> None:
        now = time.monotonic()
        keys: list[tuple[dict[str, _Fails], str]] = [(self._peers, peer)]
        if name:
            keys += [(self._names, name[:KEY_CHARS]), (self._pairs, self._pair(name, peer))]
        for table, key in keys:
            entry = self._count(table, key, now) or _Fails()
            entry.count += 1
            entry.last = now
            if table is self._pairs and entry.count >= self.lock_after:
                entry.locked_until = now + self.lock_time
                log.warning("sign-in locked out for %s from %s", name[:KEY_CHARS], peer)
            table[key] = entry
            if len(table) > MAX_ENTRIES:
                for old in sorted(table, key=lambda k: table[k].last)[: MAX_ENTRIES // 2]:
                    del table[old]

    def succeeded(self, name: str, peer: str) -> None:
        if name:
            self._names.pop(name[:KEY_CHARS], None)
            self._pairs.pop(self._pair(name, peer), None)

    @contextlib.asynccontextmanager
    async def turn(self, name: str, peer: str) -> AsyncIterator[None]:
        """Hold the name's and the address's turn (always in that order: no deadlock)."""
        async with contextlib.AsyncExitStack() as stack:
            if name:
                await stack.enter_async_context(self._name_locks.hold(name[:KEY_CHARS]))
            await stack.enter_async_context(self._peer_locks.hold(peer))
            yield
