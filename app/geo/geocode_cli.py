"""Command line of the geocoder (``python -m app.geo.geocode``).

    python -m app.geo.geocode [--json] [--limit N] TEXT
    python -m app.geo.geocode [--json] [--limit N] -          one query per stdin line
    python -m app.geo.geocode [--json] --reverse LAT,LON

With ``--json`` a look-up prints one JSON list of ``{label, lat, lon, kind, score}`` objects,
best first (``[]`` for no match); a batch prints one such list per input line, in order.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import logging
import sys
from collections.abc import Sequence
from typing import Any, TextIO

from app.domain.geo import parse_latlon
from app.geo.geocode import Geocoder
from app.geo.placetypes import Answer

log = logging.getLogger(__name__)


def _as_json(answer: Answer) -> str:
    rows: list[dict[str, Any]] = [
        {
            "label": p.label,
            "lat": round(p.lat, 6),
            "lon": round(p.lon, 6),
            "kind": p.kind,
            "score": round(p.score, 4),
            "match": p.match,
        }
        for p in answer.places
    ]
    return json.dumps(rows, ensure_ascii=False)


def _as_text(answer: Answer) -> str:
    if not answer.places:
        hint = f"; closest: {', '.join(answer.closest)}" if answer.closest else ""
        return f"{answer.message or 'no match'}{hint}"
    return "\n".join(
        f"{p.score:5.3f}  {p.kind:<13} {p.lat:.5f},{p.lon:.5f}  {p.label}" for p in answer.places
    )


def main(argv: Sequence[str] | None = None, stdin: TextIO | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m app.geo.geocode", description=__doc__,
                                 formatter_class=argparse.RawTextHelpFormatter)  # fmt: skip
    ap.add_argument("text", nargs="?", help="what to look up; '-' reads one query per line")
    ap.add_argument("--json", action="store_true", help="print JSON")
    ap.add_argument("--limit", type=int, default=5, help="results per query (default 5)")
    ap.add_argument("--reverse", metavar="LAT,LON", help="what is at this point")
    args = ap.parse_args(argv)
    if args.limit < 1:
        ap.error("--limit must be at least 1")
    if args.reverse is None and args.text is None:
        ap.error("give TEXT, '-' or --reverse LAT,LON")
    geo = Geocoder()
    if args.reverse is not None:
        ll = parse_latlon(args.reverse)
        if ll is None:
            print(f"not a coordinate pair: {args.reverse!r}", file=sys.stderr)
            return 2
        r = geo.reverse(*ll)
        if args.json:
            print(json.dumps(dataclasses.asdict(r), ensure_ascii=False))
        else:
            print(r.label)
            print(f"  address       {r.address} ({r.address_distance_m:.0f} m)")
            print(f"  intersection  {r.intersection} ({r.intersection_distance_m:.0f} m)")
            if r.neighbourhood:
                print(f"  neighbourhood {r.neighbourhood}")
        return 0
    fmt = _as_json if args.json else _as_text
    if args.text == "-":
        for line in stdin or sys.stdin:
            print(fmt(geo.geocode(line.rstrip("\n"), args.limit)), flush=True)
        return 0
    answer = geo.geocode(args.text, args.limit)
    print(fmt(answer))
    return 0 if answer.places else 1


if __name__ == "__main__":
    raise SystemExit(main())
