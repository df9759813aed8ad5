"""The durable outbox: commands not yet confirmed by the server, in the order they were made."""

from __future__ import annotations

import logging
import time
from collections import Counter

from app.sync.cache import LocalCache, OutboxEntry, Refusal

log = logging.getLogger(__name__)

# Error codes that say "try again later", not "no": the command stays queued.
TRANSIENT_CODES = frozenset({"rate_limited", "busy", "storage_error"})


class Outbox:
    """Owns the queued commands; every change is written to the cache before it returns.

    An entry lives here from ``submit`` until the confirmed state holds its events (``settle``),
    or until the server refuses it (``refuse``, which moves it to the refusals list). An
    acknowledged entry stays until its events arrive, so the display never flickers back.
    """

    def __init__(self, cache: LocalCache) -> None:
        self._cache = cache
        self.entries: list[OutboxEntry] = cache.outbox_load()

    def __len__(self) -> int:
        return len(self.entries)

    def __bool__(self) -> bool:
        return bool(self.entries)

    def get(self, command_id: str) -> OutboxEntry | None:
        for e in self.entries:
            if e.id == command_id:
                return e
        return None

    def add(self, entry: OutboxEntry) -> None:
        self._cache.outbox_add(entry)
        self.entries.append(entry)

    def unsent(self) -> list[OutboxEntry]:
        """Entries the server has not acknowledged, in order (what a reconnect sends)."""
        return [e for e in self.entries if e.state != "acked"]

    def ack(self, command_id: str, seq: int) -> OutboxEntry | None:
        entry = self.get(command_id)
        if entry is None:
            return None
        entry.state, entry.ack_seq = "acked", seq
        self._cache.outbox_ack(command_id, seq)
        return entry

    def settle(self, confirmed_seq: int) -> list[OutboxEntry]:
        """Drop the acknowledged entries whose events the confirmed state now holds."""
        done = [e for e in self.entries if e.state == "acked" and e.ack_seq <= confirmed_seq]
        if done:
            self._cache.outbox_remove(e.id for e in done)
            ids = {e.id for e in done}
            self.entries = [e for e in self.entries if e.id not in ids]
        return done

    def refuse(self, command_id: str, code: str, message: str) -> Refusal | None:
        entry = self.get(command_id)
        if entry is None:
            return None
        refusal = Refusal(
            command_id=entry.id,
            at=time.time(),
            incident_id=entry.incident_id,
            type=entry.type,
            payload=entry.payload,
            code=code,
            message=message,
            expected_version=entry.expected_version,
        )
        self._cache.refuse(entry, refusal)
        self.entries = [e for e in self.entries if e.id != command_id]
        return refusal

    def by_incident(self) -> dict[str, int]:
        return dict(Counter(e.incident_id for e in self.entries if e.incident_id))
