"""``python -m app.evaluation``: indicator reports and the hotspot forecast.

python -m app.evaluation report (--replay FILE | --db FILE) [--from ISO] [--to ISO] [--tz TZ] --json
python -m app.evaluation backtest --replay FILE [--days N] [--json]
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from app.domain import events as ev
from app.evaluation.report import ReportError, build_report, db_events, replay_events, track
from app.replay.timeparse import TimeParseError, parse_iso

log = logging.getLogger(__name__)


def _print(obj: Any, as_json: bool) -> None:
    if as_json:
        sys.stdout.write(json.dumps(obj, indent=2, ensure_ascii=False) + "\n")
        return
    for key, value in obj.items():
        if not isinstance(value, dict | list):
            sys.stdout.write(f"{key}: {value}\n")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m app.evaluation", description=__doc__.split("\n")[0]
    )
    sub = parser.add_subparsers(dest="cmd", required=True)
    p_rep = sub.add_parser("report", help="indicators of a period")
    src = p_rep.add_mutually_exclusive_group(required=True)
    src.add_argument("--replay", type=Path, help="a replay file")
    src.add_argument("--db", type=Path, help="a server's SQLite event store (opened read-only)")
    p_rep.add_argument("--from", dest="from_", help="first received time, ISO (city time)")
    p_rep.add_argument("--to", help="end of the period (exclusive), ISO")
    p_rep.add_argument("--tz", help="the city's time zone (default: the replay's, else LA)")
    p_rep.add_argument("--json", action="store_true", help="the whole report as JSON")
    p_bt = sub.add_parser("backtest", help="forecast each day from the days before it")
    p_bt.add_argument("--replay", type=Path, required=True)
    p_bt.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        if args.cmd == "report":
            events: Iterator[ev.Event]
            if args.replay is not None:
                events, tz = replay_events(args.replay)
            else:
                events, tz = db_events(args.db), "America/Los_Angeles"
            tz = args.tz or tz
            lo = parse_iso(args.from_, tz) if args.from_ else None
            hi = parse_iso(args.to, tz) if args.to else None
            if lo is not None and hi is not None and hi <= lo:
                raise ReportError("the period ends before it starts")
            tracker, now = track(events, tz, lo, hi)
            _print(build_report(tracker, now), args.json)
        elif args.cmd == "backtest":
            from app.evaluation.forecast import backtest_replay

            _print(backtest_replay(args.replay), args.json)
    except (ReportError, TimeParseError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
