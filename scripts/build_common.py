"""The command line shared by the resource builders: ``--shared`` and ``--out``, a check that the
source data is there, and the time the build took."""

from __future__ import annotations

import argparse
import logging
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

log = logging.getLogger("build")


def run_build(
    build: Callable[[Path, Path], None],
    description: str | None,
    out: str,
    needs: str,
    argv: list[str] | None = None,
) -> int:
    """Parse ``--shared``/``--out`` (default ``resources/OUT``), require ``SHARED/NEEDS`` to be a
    folder and run ``build(shared, out)``; returns the process exit code."""
    ap = argparse.ArgumentParser(
        description=description, formatter_class=argparse.RawTextHelpFormatter
    )
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--out", type=Path, default=REPO / "resources" / out)
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if not (args.shared / needs).is_dir():
        log.error("no source data under %s/%s", args.shared, needs)
        return 2
    t0 = time.perf_counter()
    build(args.shared, args.out)
    log.info("done in %.1f s", time.perf_counter() - t0)
    return 0
