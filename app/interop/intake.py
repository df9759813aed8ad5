"""CAP arriving at a running server (a polled feed, an HTTP POST): read off the event loop, keep
only the messages not held yet, record them through the processor.

Schema validation of a large feed takes tens of milliseconds, so documents are read on one worker
thread of their own: never on the loop that decides commands, and never two at once (an lxml
schema object keeps one error log, so concurrent validations would mix their reasons).
"""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor

from app.domain.alerts import Alert
from app.domain.state import CityState
from app.interop.cap import CapDocument, read_cap
from app.interop.submit import import_alerts
from app.protocol import Ack, ErrorMsg
from app.server.processor import Processor

log = logging.getLogger(__name__)

_READER = ThreadPoolExecutor(1, thread_name_prefix="cap-reader")


async def read_cap_off_loop(data: bytes) -> CapDocument:
    """:func:`read_cap` on the reader thread; raises :class:`~app.interop.xmlsafe.Refused`."""
    return await asyncio.get_running_loop().run_in_executor(_READER, read_cap, data)


def held_ids(state: CityState) -> set[str]:
    """Ids (``sender,identifier,sent``) of every CAP message already applied here: the alerts
    and each update or cancel in their history."""
    ids = set(state.alerts)
    for alert in state.alerts.values():
        ids.update(alert.history)
    return ids


def new_alerts(state: CityState, alerts: list[Alert]) -> list[Alert]:
    """``alerts`` without the messages already held (a feed repeats its entries at every poll),
    and without repeats inside the document, in document order."""
    held = held_ids(state)
    out: list[Alert] = []
    for a in alerts:
        if a.id not in held:
            held.add(a.id)
            out.append(a)
    return out


async def import_entries(
    proc: Processor, alerts: list[Alert], source: str
) -> tuple[list[Alert], list[tuple[Alert, ErrorMsg]]]:
    """Record the new messages of a feed: all at once when the runner takes them all, otherwise
    one by one so that one entry it refuses (a cancel of an alert never seen here) does not hold
    back the others. The messages recorded and those refused with the runner's answer."""
    fresh = new_alerts(proc.state, alerts)
    if not fresh:
        return [], []
    answers = await import_alerts(proc, fresh, source=source)
    if all(isinstance(a, Ack) for a in answers):
        return fresh, []
    done: list[Alert] = []
    refused: list[tuple[Alert, ErrorMsg]] = []
    for alert in new_alerts(proc.state, fresh):
        (answer,) = await import_alerts(proc, [alert], source=source)
        if isinstance(answer, ErrorMsg):
            refused.append((alert, answer))
        else:
            done.append(alert)
    return done, refused


def first_refusal(answers: list[Ack | ErrorMsg]) -> ErrorMsg | None:
    for a in answers:
        if isinstance(a, ErrorMsg):
            return a
    return None
