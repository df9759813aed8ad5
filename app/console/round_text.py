"""A round's checkpoints as the supervisor types them, one a line:

    NAME; LAT, LON[; RADIUS_M]

e.g. ``Civic Center gate; 37.7801, -122.4193; 40``. Blank lines and lines starting with ``#``
are skipped; ids are ``cp1``, ``cp2``... in line order, so a round edited and set again keeps the
ticks of the lines that stay where they are. The runner checks the values themselves."""

from __future__ import annotations

import logging

from app.domain.rounds import Checkpoint

log = logging.getLogger(__name__)

DEFAULT_RADIUS_M = 50.0


class CheckpointTextError(ValueError):
    """A line that is not NAME; LAT, LON[; RADIUS]: ``line`` is its number (from 1)."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


def parse_checkpoints(text: str) -> list[Checkpoint]:
    out: list[Checkpoint] = []
    for n, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        parts = [p.strip() for p in line.split(";")]
        if len(parts) not in (2, 3) or not parts[0]:
            raise CheckpointTextError(n, f"line {n}: write NAME; LAT, LON; RADIUS")
        coords = [p.strip() for p in parts[1].split(",")]
        try:
            lat, lon = (float(x) for x in coords)
            radius = float(parts[2]) if len(parts) == 3 and parts[2] else DEFAULT_RADIUS_M
        except ValueError:
            raise CheckpointTextError(n, f"line {n}: LAT, LON and RADIUS are numbers") from None
        out.append(
            Checkpoint(id=f"cp{len(out) + 1}", name=parts[0], lat=lat, lon=lon, radius_m=radius)
        )
    return out


def checkpoints_text(checkpoints: list[Checkpoint]) -> str:
    return "\n".join(f"{c.name}; {c.lat:.6f}, {c.lon:.6f}; {c.radius_m:g}" for c in checkpoints)
