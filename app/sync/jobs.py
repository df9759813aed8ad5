"""Background tasks of one connection, and sending one queued command."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine
from typing import Any

from app import protocol as p
from app.net.client import Connection
from app.sync.cache import OutboxEntry

log = logging.getLogger(__name__)


class JobSet:
    """Owns the tasks of one connection (command sends, heartbeat, resync requests).

    Keeps a reference to each task (so none is garbage-collected mid-flight) and logs the
    exceptions nobody expected; ``expected`` ones (a broken link) are the reconnect loop's job.
    """

    def __init__(self, expected: tuple[type[BaseException], ...] = ()) -> None:
        self.expected = expected
        self._tasks: set[asyncio.Task[None]] = set()

    def __len__(self) -> int:
        return len(self._tasks)

    def spawn(self, coro: Coroutine[Any, Any, None]) -> asyncio.Task[None]:
        task = asyncio.get_running_loop().create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._done)
        return task

    def _done(self, task: asyncio.Task[None]) -> None:
        self._tasks.discard(task)
        if task.cancelled():
            return
        exc = task.exception()
        if exc is not None and not isinstance(exc, self.expected):
            log.error("sync job failed", exc_info=exc)

    async def stop(self, timeout: float) -> None:
        """Cancel every task and wait for them (bounded: on Python 3.11 ``asyncio.wait_for`` can
        swallow a cancel, so the jobs also check for themselves that their connection is gone)."""
        tasks, self._tasks = self._tasks, set()
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.wait(tasks, timeout=timeout)


async def send_command(
    conn: Connection, entry: OutboxEntry, timeout: float
) -> p.Ack | p.ErrorMsg | None:
    """Send one queued command and wait for its answer; None when the link fails first."""
    msg = p.CommandMsg(
        id=entry.id, type=entry.type, payload=entry.payload, expected_version=entry.expected_version
    )
    try:
        return await conn.send_raw_command(msg, timeout=timeout)
    except (OSError, TimeoutError, ConnectionError) as exc:
        # Still queued: the next connection sends it again (same id: no double effect).
        log.info("command %s unanswered (%s); it stays queued", entry.id, exc)
        return None
    except Exception as exc:  # websockets' ConnectionClosed and kin
        log.info("command %s not sent (%s); it stays queued", entry.id, exc)
        return None
