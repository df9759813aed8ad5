"""``python -m app.replay``: import, record, inspect and score replays.

python -m app.replay import CSV --out FILE.replay [--mapping NAME|mapping.json] [--from ISO --to ISO]
python -m app.replay record --db SERVER.sqlite --out FILE.replay [--from ISO --to ISO]
python -m app.replay stats FILE.replay
python -m app.replay score TRAINING_LOG [--replay FILE.replay]
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from app.replay.csvimport import CsvImportError
from app.replay.mapping import MappingError, load_mapping
from app.replay.replayfile import ReplayError, ReplayFile
from app.replay.timeparse import TimeParseError, parse_iso

log = logging.getLogger(__name__)


def _print(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, indent=2, ensure_ascii=False) + "\n")


def _window(args: argparse.Namespace, tz: str) -> tuple[float | None, float | None]:
    lo = parse_iso(args.from_, tz) if args.from_ else None
    hi = parse_iso(args.to, tz) if args.to else None
    return lo, hi


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m app.replay", description=__doc__.split("\n")[0]
    )
    sub = parser.add_subparsers(dest="cmd", required=True)
    p_imp = sub.add_parser("import", help="import a calls-for-service CSV export")
    p_imp.add_argument("csv", type=Path)
    p_imp.add_argument("--out", type=Path, required=True)
    p_imp.add_argument(
        "--mapping", help="built-in mapping name (sf-fire, sf-fire-2016) or a JSON file"
    )
    p_imp.add_argument(
        "--from", dest="from_", help="first received time, ISO (local time of the file)"
    )
    p_imp.add_argument("--to", help="end of the window (exclusive), ISO")
    p_imp.add_argument("--title", default="")
    p_rec = sub.add_parser("record", help="record a replay from a server's event log")
    p_rec.add_argument("--db", type=Path, required=True)
    p_rec.add_argument("--out", type=Path, required=True)
    p_rec.add_argument("--from", dest="from_")
    p_rec.add_argument("--to")
    p_rec.add_argument("--tz", default="America/Los_Angeles", help="time zone of --from/--to")
    p_rec.add_argument("--title", default="")
    p_stats = sub.add_parser("stats", help="print a replay's statistics as JSON")
    p_stats.add_argument("replay", type=Path)
    p_score = sub.add_parser("score", help="print a training session's score as JSON")
    p_score.add_argument("log", type=Path)
    p_score.add_argument("--replay", type=Path, help="the replay, when it has moved")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        if args.cmd == "import":
            from app.replay.importer import import_csv

            mapping = load_mapping(args.mapping) if args.mapping else None
            tz = mapping.time_zone if mapping else "America/Los_Angeles"
            meta, report = import_csv(args.csv, args.out, mapping, _window(args, tz), args.title)
            _print({"out": str(args.out), "title": meta.title, "report": report.to_dict()})
        elif args.cmd == "record":
            from app.replay.record import record

            lo, hi = _window(args, args.tz)
            meta = record(args.db, args.out, lo, hi, args.title, time_zone=args.tz)
            _print({"out": str(args.out), "title": meta.title, "report": meta.report})
        elif args.cmd == "stats":
            from app.replay.stats import replay_stats

            with ReplayFile(args.replay) as rf:
                _print(replay_stats(rf))
        elif args.cmd == "score":
            from app.replay.score import score_training

            if not args.log.is_file():
                raise ReplayError(f"no training log at {args.log}")
            _print(score_training(args.log, args.replay))
    except (ReplayError, CsvImportError, MappingError, TimeParseError, FileExistsError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
