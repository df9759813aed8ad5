"""Response-time statistics of a replay, per incident (first unit), in seconds.

Received = the incident's creation time; dispatch = its transition to dispatched (the first unit
dispatched); on scene = its transition to in progress (the first unit on scene). Percentiles use
linear interpolation between closest ranks (numpy's default method).
"""

from __future__ import annotations

import logging
import math
from typing import Any

from app.domain import events as ev
from app.domain.model import Status
from app.replay.replayfile import ReplayFile

log = logging.getLogger(__name__)


def percentile(values: list[float], q: float) -> float | None:
    """The q-th percentile (0..100) by linear interpolation; None for no values."""
    if not values:
        return None
    xs = sorted(values)
    pos = (len(xs) - 1) * q / 100.0
    lo = math.floor(pos)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


def _summary(values: list[float]) -> dict[str, Any]:
    return {"count": len(values), "median": percentile(values, 50), "p90": percentile(values, 90)}


def replay_stats(rf: ReplayFile) -> dict[str, Any]:
    received: dict[str, float] = {}
    dispatched: dict[str, float] = {}
    on_scene: dict[str, float] = {}
    events = 0
    for e in rf.iter_events(("incident_created", "incident_transitioned")):
        b = e.body
        if isinstance(b, ev.IncidentCreated):
            received.setdefault(b.incident.id, e.time)
        elif isinstance(b, ev.IncidentTransitioned):
            if b.to_status == Status.DISPATCHED:
                dispatched.setdefault(b.incident_id, e.time)
            elif b.to_status == Status.IN_PROGRESS:
                on_scene.setdefault(b.incident_id, e.time)
    events = rf.count()
    to_dispatch = [t - received[i] for i, t in dispatched.items() if i in received]
    to_scene = [t - received[i] for i, t in on_scene.items() if i in received]
    report = rf.meta.report
    return {
        "title": rf.meta.title,
        "time_zone": rf.meta.time_zone,
        "start": rf.meta.start,
        "end": rf.meta.end,
        "incidents": len(received),
        "events": events,
        "rows_skipped": report.get("rows_skipped", 0),
        "skipped": report.get("skipped", {}),
        "adjusted": report.get("adjusted", {}),
        "received_to_dispatch_s": _summary(to_dispatch),
        "received_to_on_scene_s": _summary(to_scene),
    }
