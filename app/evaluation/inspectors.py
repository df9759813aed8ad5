"""Field inspectors in the evaluation: cases each inspector found (reported with source
``inspector``) and how long each took to verify cases (from the case's resolution to the
verify answer, fixed or not fixed), over the cases received in the report's window.

Found cases need the reporting account, which only the event stream holds (the case record does
not name its reporter), so :class:`InspectorTally` is fed events; verification times come from
the cases' own narratives (the reducer writes who moved a case and when)."""

from __future__ import annotations

import logging
import statistics
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from app.domain import events as ev
from app.domain.model import Incident, SourceChannel
from app.domain.rounds import InspectorPositioned, RoundSet

log = logging.getLogger(__name__)

RESOLVED = "-> resolved"
ANSWERS = {"resolved -> verified": "fixed", "resolved -> dispatched": "not_fixed"}


@dataclass
class Verifications:
    fixed: int = 0
    not_fixed: int = 0
    seconds: list[float] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        xs = sorted(self.seconds)
        p90 = xs[min(len(xs) - 1, int(0.9 * len(xs)))] if xs else None
        return {
            "verifications": self.fixed + self.not_fixed,
            "fixed": self.fixed,
            "not_fixed": self.not_fixed,
            "verify_p50_s": round(statistics.median(xs), 1) if xs else None,
            "verify_p90_s": round(p90, 1) if p90 is not None else None,
        }


def verification_times(incidents: Iterable[Incident]) -> dict[str, Verifications]:
    """Per person who answered a verify stage: answers and the time each took."""
    out: dict[str, Verifications] = {}
    for inc in incidents:
        if inc.exercise:
            continue
        resolved_at: float | None = None
        for entry in inc.narrative:
            if entry.kind != "transition":
                continue
            head = entry.text.split(":", 1)[0]
            if head.endswith(RESOLVED):
                resolved_at = entry.at
                continue
            answer = ANSWERS.get(head)
            if answer is None or resolved_at is None:
                continue
            v = out.setdefault(entry.who, Verifications())
            if answer == "fixed":
                v.fixed += 1
            else:
                v.not_fixed += 1
            v.seconds.append(max(0.0, entry.at - resolved_at))
            resolved_at = None
    return out


class InspectorTally:
    """Fed every event the tracker applies: who found which case, and who is an inspector."""

    def __init__(self) -> None:
        self.found: dict[str, str] = {}  # incident id -> the inspector who reported it
        self.known: set[str] = set()  # accounts seen as inspectors (a fix, a round, a report)

    def see(self, e: ev.Event) -> None:
        b = e.body
        if isinstance(b, ev.IncidentCreated) and b.incident.source == SourceChannel.INSPECTOR:
            self.found.setdefault(b.incident.id, e.actor)
            self.known.add(e.actor)
        elif isinstance(b, InspectorPositioned):
            self.known.add(b.inspector)
        elif isinstance(b, RoundSet):
            self.known.add(b.round.inspector)

    def report(self, incidents: dict[str, Incident], in_window: Any) -> dict[str, Any]:
        """``by_inspector``: found cases and verification times of every inspector; verifiers
        who are not known as inspectors (a supervisor verifying) are listed apart."""
        window = {i: inc for i, inc in incidents.items() if in_window(inc.created_at)}
        found: dict[str, int] = {}
        for iid, who in self.found.items():
            inc = window.get(iid)
            if inc is not None and not inc.exercise:
                found[who] = found.get(who, 0) + 1
        times = verification_times(window.values())
        names = sorted(self.known | set(found))
        by_inspector = {
            n: {"found": found.get(n, 0), **times.get(n, Verifications()).to_dict()} for n in names
        }
        others = {n: v.to_dict() for n, v in sorted(times.items()) if n not in self.known}
        return {"by_inspector": by_inspector, "other_verifiers": others}
