"""Rate limits of the HTTP side: one token bucket per client address and one per API key."""

from __future__ import annotations

import logging
import time

from app.server.session import TokenBucket

log = logging.getLogger(__name__)


class RateLimiter:
    """``rate`` requests per second per key with a burst of ``burst``.

    Idle buckets (full again) are dropped when the table grows past ``max_keys``, so a flood of
    addresses costs bounded memory; a key that is dropped starts again with a full bucket, which
    is exactly what it would have had.
    """

    def __init__(self, rate: float, burst: float, max_keys: int = 50_000) -> None:
        self.rate = rate
        self.burst = burst
        self.max_keys = max_keys
        self._buckets: dict[str, TokenBucket] = {}

    def take(self, key: str) -> bool:
        bucket = self._buckets.get(key)
        if bucket is None:
            if len(self._buckets) >= self.max_keys:
                self._prune()
            bucket = self._buckets[key] = TokenBucket(self.rate, self.burst)
        return bucket.take()

    def retry_after(self, key: str) -> float:
        """Seconds until ``key`` has a request again."""
        bucket = self._buckets.get(key)
        if bucket is None or self.rate <= 0:
            return 1.0
        return max(0.0, (1.0 - bucket.tokens) / self.rate)

    def _prune(self) -> None:
        now = time.monotonic()
        full = [
            k
            for k, b in self._buckets.items()
            if b.tokens + (now - b.stamp) * self.rate >= self.burst
        ]
        for k in full:
            del self._buckets[k]
        if len(self._buckets) >= self.max_keys:  # all busy: forget the oldest half
            for k in sorted(self._buckets, key=lambda k: self._buckets[k].stamp)[
                : self.max_keys // 2
            ]:
                del self._buckets[k]
