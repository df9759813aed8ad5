"""Jittered exponential backoff for reconnecting to the server."""

from __future__ import annotations

import logging
import random

log = logging.getLogger(__name__)


class Backoff:
    """Delays of ``initial`` doubling up to ``maximum`` seconds, each spread by ±``jitter``.

    The jitter keeps a room full of consoles from reconnecting in lock-step after a server restart.
    """

    def __init__(
        self,
        initial: float = 0.5,
        maximum: float = 30.0,
        factor: float = 2.0,
        jitter: float = 0.2,
        rng: random.Random | None = None,
    ) -> None:
        if initial <= 0 or maximum < initial or factor < 1 or not 0 <= jitter < 1:
            raise ValueError("backoff needs 0 < initial <= maximum, factor >= 1, 0 <= jitter < 1")
        self.initial = initial
        self.maximum = maximum
        self.factor = factor
        self.jitter = jitter
        self._rng = rng or random.Random()
        self._base = initial
        self.attempts = 0

    def next(self) -> float:
        """The delay before the next attempt (and advance)."""
        base = self._base
        self._base = min(self.maximum, self._base * self.factor)
        self.attempts += 1
        return base * (1.0 + self._rng.uniform(-self.jitter, self.jitter))

    def reset(self) -> None:
        """After a successful connection: start again from ``initial``."""
        self._base = self.initial
        self.attempts = 0
