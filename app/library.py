"""Command line view of the standard library of case categories.

``python -m app.library`` prints a table; ``python -m app.library --json`` prints the library as a
JSON array, one object per category (the same shape as ``resources/library/categories.json``).
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

import msgspec

from app.domain.library import Category, default_library

log = logging.getLogger(__name__)


def to_json(categories: Sequence[Category]) -> bytes:
    """The categories as an indented JSON array (UTF-8, Chinese names kept readable)."""
    return msgspec.json.format(msgspec.json.encode(list(categories)), indent=2)


def to_table(categories: Sequence[Category]) -> str:
    """A fixed-width table: code, priority, department, class, English and Chinese names."""
    header = ("CODE", "P", "DEPARTMENT", "CLASS", "NAME", "名称")
    rows = [header] + [
        (c.code, str(c.default_priority), c.department, c.class_type, c.name_en, c.name_zh)
        for c in categories
    ]
    widths = [max(len(r[i]) for r in rows) for i in range(5)]
    lines = []
    for r in rows:
        fixed = "  ".join(r[i].ljust(widths[i]) for i in range(5))
        lines.append(f"{fixed}  {r[5]}")
    return "\n".join(lines) + f"\n{len(categories)} categories\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m app.library", description="Show the standard library of case categories."
    )
    parser.add_argument("--json", action="store_true", help="print a JSON array of categories")
    parser.add_argument("--kind", choices=["emergency", "urban-management"], help="filter by kind")
    args = parser.parse_args(argv)
    try:
        categories = default_library().categories
    except (OSError, msgspec.ValidationError, msgspec.DecodeError) as exc:
        print(f"error: cannot load the category library: {exc}", file=sys.stderr)
        return 1
    if args.kind:
        categories = [c for c in categories if c.kind == args.kind]
    if args.json:
        sys.stdout.buffer.write(to_json(categories) + b"\n")
    else:
        sys.stdout.write(to_table(categories))
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
