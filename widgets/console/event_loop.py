"""The console's asyncio loop: qasync's Qt event loop with one defect fixed.

qasync 0.28's ``run_until_complete`` clears the running loop and then processes Qt events once
more. Any asyncio callback that Qt timer pass runs — a sync engine's heartbeat, a websocket read
— then fails with "no running event loop", which drops the link (tests) or prints tracebacks on
exit (Ctrl+Q). This loop leaves that extra pass out: pending Qt events are processed by the next
run, or are moot at exit.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable
from typing import Any, TypeVar

import qasync

log = logging.getLogger(__name__)

T = TypeVar("T")


class ConsoleEventLoop(qasync.QEventLoop):  # type: ignore[misc]
    """qasync's loop; ``run_until_complete`` never steps a task outside the running loop."""

    def run_until_complete(self, future: Awaitable[T]) -> T:  # type: ignore[override]
        if self.is_running():
            raise RuntimeError("Event loop already running")
        task: asyncio.Future[Any] = asyncio.ensure_future(future, loop=self)

        def stop(_f: object) -> None:
            self.stop()

        task.add_done_callback(stop)
        try:
            self.run_forever()
        finally:
            task.remove_done_callback(stop)
        if not task.done():
            raise RuntimeError("Event loop stopped before Future completed.")
        result: T = task.result()
        return result
