"""Scoring a training session against what really happened, call by call.

For each call received during the session (after its start, up to how far it got): time from
received to the first unit dispatched (trainee vs recorded), the units chosen (overlap with the
recorded first units, by call sign and by unit type) and whether the dispatch deadline of the call's
category was met. Per call score 0-100: 40 for the deadline, 30 for speed against the recorded
dispatch, 30 for the units (half for the same call signs, half for the same unit types); a call the
trainee never dispatched scores 0. The total is the mean over the calls.
"""

from __future__ import annotations

import logging
import statistics
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from app.domain import events as ev
from app.domain.model import Stage
from app.replay.replayfile import ReplayError, ReplayFile
from app.replay.traininglog import TrainingLog, file_sha256

log = logging.getLogger(__name__)

FIRST_WAVE_S = 60.0  # units dispatched within this of the first one count as the first units


@dataclass
class CallScore:
    incident_id: str
    number: str
    category: str
    priority: int
    received: float
    dispatch_due: float | None
    real_dispatch_s: float | None
    trainee_dispatch_s: float | None
    real_units: list[str] = field(default_factory=list)
    trainee_units: list[str] = field(default_factory=list)
    unit_overlap: float = 0.0  # share of the recorded first units the trainee also chose
    type_overlap: float = 0.0  # same, by unit type
    real_deadline_met: bool = False
    trainee_deadline_met: bool = False
    score: float = 0.0


@dataclass
class _Dispatch:
    first: float | None = None
    units: list[str] = field(default_factory=list)

    def add(self, t: float, unit: str) -> None:
        if self.first is None:
            self.first = t
        if t - self.first <= FIRST_WAVE_S and unit not in self.units:
            self.units.append(unit)


def _overlap(chosen: list[str], real: list[str]) -> float:
    if not real:
        return 1.0 if not chosen else 0.0
    return sum((Counter(chosen) & Counter(real)).values()) / len(real)


def score_call(cs: CallScore, unit_types: dict[str, str]) -> None:
    if cs.trainee_dispatch_s is None:
        cs.score = 0.0
        return
    cs.unit_overlap = _overlap(cs.trainee_units, cs.real_units)
    cs.type_overlap = _overlap(
        [unit_types.get(u, "?") for u in cs.trainee_units],
        [unit_types.get(u, "?") for u in cs.real_units],
    )
    deadline = 1.0 if cs.trainee_deadline_met else 0.0
    real = cs.real_dispatch_s
    if real is None or cs.trainee_dispatch_s <= real:
        speed = 1.0
    else:
        speed = max(0.0, 1.0 - (cs.trainee_dispatch_s - real) / max(real, 60.0))
    units = 0.5 * cs.unit_overlap + 0.5 * cs.type_overlap
    cs.score = round(100.0 * (0.4 * deadline + 0.3 * speed + 0.3 * units), 1)


def score_training(log_path: Path, replay_path: Path | None = None) -> dict[str, Any]:
    """The score of one training log as a JSON-ready dict (calls, total 0-100, summary)."""
    tl = TrainingLog(Path(log_path))
    try:
        meta = tl.meta()
        if "replay_path" not in meta:
            raise ReplayError(f"{log_path} is not a training log")
        trainee_events = tl.events()
    finally:
        tl.close()
    rpath = Path(replay_path or meta["replay_path"])
    warnings: list[str] = []
    if rpath.is_file() and file_sha256(rpath) != meta.get("replay_sha256"):
        warnings.append(f"{rpath} changed since the session was recorded")
    start, end = float(meta["start"]), float(meta.get("end", meta["start"]))
    trainee = str(meta.get("trainee", ""))
    taken = {
        e.body.incident_id
        for e in trainee_events
        if isinstance(e.body, ev.UnitAssigned) and e.actor == trainee
    }
    with ReplayFile(rpath) as rf:
        calls: dict[str, CallScore] = {}
        real: dict[str, _Dispatch] = {}
        unit_types: dict[str, str] = {}
        types = ("incident_created", "incident_transitioned", "unit_assigned", "unit_upserted")
        for e in rf.iter_events(types):
            b = e.body
            if isinstance(b, ev.UnitUpserted):
                unit_types[b.unit.id] = b.unit.type
            elif isinstance(b, ev.IncidentCreated):
                # Calls received from the session's start on (the first may come at the very
                # start), and earlier calls the trainee took over (dispatched in the session).
                if start <= e.time <= end or b.incident.id in taken:
                    inc = b.incident
                    calls[inc.id] = CallScore(
                        incident_id=inc.id,
                        number=inc.number,
                        category=inc.category,
                        priority=inc.priority,
                        received=e.time,
                        dispatch_due=None,
                        real_dispatch_s=None,
                        trainee_dispatch_s=None,
                    )
            elif isinstance(b, ev.IncidentTransitioned):
                cs = calls.get(b.incident_id)
                if cs is not None and b.action == "register":
                    clk = b.clocks.get(Stage.DISPATCH.value)
                    cs.dispatch_due = clk.due if clk is not None else None
            elif isinstance(b, ev.UnitAssigned) and b.incident_id in calls:
                if b.incident_id in taken and e.time < start:
                    continue  # what happened before the session is not the comparison
                real.setdefault(b.incident_id, _Dispatch()).add(e.time, b.unit_id)
    mine: dict[str, _Dispatch] = {}
    for e in trainee_events:
        b = e.body
        if isinstance(b, ev.UnitAssigned) and b.incident_id in calls and e.actor == trainee:
            mine.setdefault(b.incident_id, _Dispatch()).add(e.time, b.unit_id)
    for cs in calls.values():
        r, m = real.get(cs.incident_id), mine.get(cs.incident_id)
        if r is not None and r.first is not None:
            cs.real_dispatch_s = r.first - cs.received
            cs.real_units = list(r.units)
            cs.real_deadline_met = cs.dispatch_due is None or r.first <= cs.dispatch_due
        if m is not None and m.first is not None:
            cs.trainee_dispatch_s = m.first - cs.received
            cs.trainee_units = list(m.units)
            cs.trainee_deadline_met = cs.dispatch_due is None or m.first <= cs.dispatch_due
        score_call(cs, unit_types)
    rows = sorted(calls.values(), key=lambda c: c.received)
    return {
        "training_log": str(log_path),
        "replay": str(rpath),
        "trainee": trainee,
        "start": start,
        "end": end,
        "time_zone": meta.get("time_zone", "UTC"),
        "total": round(statistics.fmean([c.score for c in rows]), 1) if rows else 0.0,
        "summary": _summary(rows),
        "warnings": warnings,
        "pauses": [{"at": at, "seconds": s} for at, s in meta.get("pauses", [])],
        "calls": [asdict(c) for c in rows],
    }


def _median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def _summary(rows: list[CallScore]) -> dict[str, Any]:
    done = [c for c in rows if c.trainee_dispatch_s is not None]
    real = [c for c in rows if c.real_dispatch_s is not None]
    out: dict[str, Any] = {
        "calls": len(rows),
        "dispatched": len(done),
        "deadline_met": sum(c.trainee_deadline_met for c in done),
        "real_deadline_met": sum(c.real_deadline_met for c in real),
        "median_dispatch_s": _median(
            [c.trainee_dispatch_s for c in done if c.trainee_dispatch_s is not None]
        ),
        "real_median_dispatch_s": _median(
            [c.real_dispatch_s for c in real if c.real_dispatch_s is not None]
        ),
        "unit_match": round(statistics.fmean([c.unit_overlap for c in done]), 3) if done else None,
        "type_match": round(statistics.fmean([c.type_overlap for c in done]), 3) if done else None,
    }
    parts = [f"Dispatched {len(done)} of {len(rows)} calls"]
    if done:
        parts.append(
            f"{out['deadline_met']} within the dispatch deadline "
            f"(recorded dispatchers: {out['real_deadline_met']})"
        )
        parts.append(
            f"median time to dispatch {out['median_dispatch_s']:.0f} s"
            + (f" (recorded {out['real_median_dispatch_s']:.0f} s)" if real else "")
        )
        parts.append(f"same unit types as the recorded first units {100 * out['type_match']:.0f}%")
    out["text"] = "; ".join(parts) + "."
    return out


def pause_text(score: dict[str, Any]) -> str:
    """'' or how long the clock was stopped: shown with the score (times do not show it)."""
    pauses = score.get("pauses") or []
    if not pauses:
        return ""
    total = sum(float(p["seconds"]) for p in pauses)
    return f"The clock was paused {len(pauses)} time(s), {total:.0f} s in all."
