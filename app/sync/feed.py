"""What the store shows: the confirmed state with the queued commands on top, and its signals."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Iterable

from app.domain.model import User
from app.domain.state import Changes, CityState, OverlayState
from app.store.store import Store
from app.sync.cache import OutboxEntry
from app.sync.projection import Projection, project

log = logging.getLogger(__name__)


class StoreFeed:
    """Owns the overlay the store displays and the coarse change signals that announce it.

    The overlay object is reset in place on every refresh, so the store keeps one state object
    and views get narrow ``*Changed`` signals instead of model resets. Refreshes asked for by
    incoming messages are coalesced over ``coalesce`` seconds: a command's events and its ack,
    or a burst of live batches, become one display update.
    """

    def __init__(self, store: Store, workstation: str, coalesce: float = 0.02) -> None:
        self.store = store
        self.workstation = workstation
        self.coalesce = coalesce
        self.view = OverlayState(CityState())
        self.stale: set[str] = set()  # queued commands that no longer apply locally
        self._provisional = Changes()
        self._dirty = Changes()  # confirmed changes not shown yet
        self._handle: asyncio.TimerHandle | None = None

    @property
    def scheduled(self) -> bool:
        return self._handle is not None

    def later(self, refresh: Callable[[], None], confirmed_changes: Changes | None = None) -> None:
        """Call ``refresh`` after the coalescing window (once, however often asked)."""
        if confirmed_changes:
            self._dirty.merge(confirmed_changes)
        if self._handle is None:
            self._handle = asyncio.get_running_loop().call_later(self.coalesce, refresh)

    def refresh(
        self,
        confirmed: CityState,
        entries: Iterable[OutboxEntry],
        user: User | None,
        confirmed_changes: Changes | None = None,
        reset: bool = False,
    ) -> Projection:
        """Rebuild the overlay and tell the store what changed since the last refresh."""
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None
        if confirmed_changes:
            self._dirty.merge(confirmed_changes)
        changed, self._dirty = self._dirty, Changes()
        before = self._provisional
        proj = project(self.view, confirmed, entries, user, self.workstation)
        self._provisional = proj.changes
        for cid in set(proj.stale) - self.stale:
            log.info("queued command %s no longer applies locally: %s", cid, proj.stale[cid])
        self.stale = set(proj.stale)
        if reset or self.store.state is not self.view:
            self.store.replace_state(self.view)
        else:
            changed.merge(before)
            changed.merge(proj.changes)
            if changed:
                self.store.emit_changes(changed)
        self.store.set_pending(proj.pending)
        return proj
