"""Indicator reports of a period, from a replay file or a server's event store (read-only)."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import msgspec

from app.domain import events as ev
from app.domain.accountability import dispute_counts
from app.domain.intake import false_alarm_rates
from app.evaluation.indicators import NFPA_1225_S, NFPA_1225_SHARE, Bucket
from app.evaluation.tracker import EvaluationTracker

log = logging.getLogger(__name__)

BREAKDOWNS = (
    "department",
    "priority",
    "source",
    "category",
    "neighbourhood",
    "cell",
    "operator",
    "shift",
    "day",
    "week",
    "month",
)


class ReportError(Exception):
    """A source that cannot be read; the message says why."""


def db_events(db: Path) -> Iterator[ev.Event]:
    """Events of a server's SQLite event store in seq order, opened read-only."""
    db = Path(db)
    if not db.is_file():
        raise ReportError(f"no server database at {db}")
    try:
        con = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
        cur = con.execute("SELECT payload FROM events ORDER BY seq")
    except sqlite3.DatabaseError as exc:
        raise ReportError(f"{db} is not a server database: {exc}") from None
    skipped = 0
    try:
        for (payload,) in cur:
            try:
                yield ev.decode_event(payload)
            except (msgspec.ValidationError, msgspec.DecodeError) as exc:
                skipped += 1
                log.warning("event not readable, left out: %s", exc)
    finally:
        con.close()
        if skipped:
            log.warning("%d unreadable events left out of the report", skipped)


def replay_events(path: Path) -> tuple[Iterator[ev.Event], str]:
    """Events of a replay file and its time zone."""
    from app.replay.replayfile import ReplayError, ReplayFile

    try:
        rf = ReplayFile(path)
    except ReplayError as exc:
        raise ReportError(str(exc)) from None

    def gen() -> Iterator[ev.Event]:
        with rf:
            yield from rf.iter_events()

    return gen(), rf.meta.time_zone


def track(
    events: Iterator[ev.Event],
    tz: str,
    since: float | None = None,
    until: float | None = None,
) -> tuple[EvaluationTracker, float]:
    """Run the events through a tracker; returns it and the time the report is measured at
    (the end of the window, or the last event)."""
    tracker = EvaluationTracker(tz=tz, since=since, until=until)
    last = 0.0
    for e in events:
        if until is not None and e.time >= until:
            # After the window: its cases may still move (a late closure counts), but what is
            # open at the end of the window is measured at the end of the window.
            break
        tracker.apply(e)
        last = max(last, e.time)
    now = until if until is not None else last
    return tracker, now


def build_report(tracker: EvaluationTracker, now: float) -> dict[str, Any]:
    overdue = tracker.overdue_ids(now)
    overall = tracker.overall(now, overdue)
    out: dict[str, Any] = {
        "time_zone": tracker.periods.tz_name,
        "measured_at": now,
        "events": tracker.events,
        "incidents": overall.incidents,
        "dispatch_within_60s_pct": overall.dispatch.within_60s_pct,
        "dispatch_p50_s": overall.dispatch.p50,
        "dispatch_p90_s": overall.dispatch.p90,
        "onscene_p50_s": overall.onscene.p50,
        "onscene_p90_s": overall.onscene.p90,
        "nfpa_1225": {
            "target_s": NFPA_1225_S,
            "target_share_pct": NFPA_1225_SHARE,
            "met": None
            if overall.dispatch.within_60s_pct is None
            else overall.dispatch.within_60s_pct >= NFPA_1225_SHARE,
        },
        "weights": dict(tracker.weights),
        "overall": overall.to_dict(),
    }
    for dim in BREAKDOWNS:
        table = {k: v.to_dict() for k, v in tracker.breakdown(dim, now, overdue).items()}
        if dim == "department":
            # Every known department appears; one with nothing to evaluate shows None, not 0.
            empty = Bucket().indicators(0, tracker.weights).to_dict()
            for agency in tracker.state.agencies:
                table.setdefault(agency, dict(empty))
            table = dict(sorted(table.items()))
        out[f"by_{dim}"] = table
    out["month_on_month"] = tracker.month_on_month(now)
    # Accountability between departments: returned cases and how arbitration judged them
    # (upheld returns are the centre's wrong dispatches; rejected ones count against the
    # department that returned the case).
    counts, wrong = dispute_counts(tracker.state.incidents.values())
    out["disputes"] = {
        "centre_wrong_dispatches": wrong,
        "by_department": {
            dept: {"returns": n.returns, "upheld": n.upheld, "rejected": n.rejected, "open": n.open}
            for dept, n in sorted(counts.items())
        },
    }
    # Cases that opened themselves: reviewed detections and dismissals per device kind and per
    # camera zone (dismissals are false alarms, so noisy devices and zones show up).
    out["false_alarms"] = {
        key: {
            "reviewed": fa.reviewed,
            "dismissed": fa.dismissed,
            "rate_pct": round(100.0 * fa.dismissed / fa.reviewed, 1) if fa.reviewed else None,
        }
        for key, fa in sorted(false_alarm_rates(tracker.state).items())
    }
    # Field inspectors: cases they found, and how long verification took each of them.
    out["inspectors"] = tracker.inspectors.report(tracker.state.incidents, tracker.in_window)
    return out
