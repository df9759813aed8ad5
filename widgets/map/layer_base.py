"""What the map's live layers share: the hit record and a growable column store keyed by id."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

log = logging.getLogger(__name__)


@dataclass
class Hit:
    """What lies under a screen point: one item or a cluster of incidents."""

    kind: str  # incident | cluster | unit | camera
    id: str = ""
    sx: float = 0.0
    sy: float = 0.0
    ids: list[str] = field(default_factory=list)


class Columns:
    """Rows of numeric columns addressed by string id; freed rows are reused.

    Live layers keep positions and display attributes here so a frame projects and filters all
    items with a few numpy operations instead of a Python loop over records.
    """

    def __init__(self, spec: dict[str, npt.DTypeLike], capacity: int = 256) -> None:
        self._spec = spec
        self.cols: dict[str, npt.NDArray[np.generic]] = {
            k: np.zeros(capacity, dtype=dt) for k, dt in spec.items()
        }
        self.alive = np.zeros(capacity, dtype=bool)
        self.ids: list[str] = [""] * capacity
        self.row: dict[str, int] = {}
        self._free: list[int] = []
        self.n = 0  # rows in use at the front (alive or freed)

    def __len__(self) -> int:
        return len(self.row)

    def clear(self) -> None:
        self.alive[:] = False
        self.row.clear()
        self._free.clear()
        self.n = 0

    def _grow(self) -> None:
        cap = len(self.alive) * 2
        for k, a in self.cols.items():
            b = np.zeros(cap, dtype=a.dtype)
            b[: len(a)] = a
            self.cols[k] = b
        alive = np.zeros(cap, dtype=bool)
        alive[: len(self.alive)] = self.alive
        self.alive = alive
        self.ids.extend([""] * (cap - len(self.ids)))

    def put(self, item_id: str, **values: float) -> int:
        r = self.row.get(item_id)
        if r is None:
            if self._free:
                r = self._free.pop()
            else:
                if self.n >= len(self.alive):
                    self._grow()
                r = self.n
                self.n += 1
            self.row[item_id] = r
            self.ids[r] = item_id
            self.alive[r] = True
        for k, v in values.items():
            self.cols[k][r] = v
        return r

    def remove(self, item_id: str) -> None:
        r = self.row.pop(item_id, None)
        if r is not None:
            self.alive[r] = False
            self.ids[r] = ""
            self._free.append(r)

    def __getitem__(self, name: str) -> npt.NDArray[np.generic]:
        return self.cols[name][: self.n]


def nearest_hit(
    kind: str,
    xy: npt.NDArray[np.float64],
    rows: npt.NDArray[np.int64],
    ids: list[str],
    sx: float,
    sy: float,
    radius: float,
) -> Hit | None:
    """The marker nearest to (sx, sy) among the last frame's drawn markers, within ``radius``."""
    if not len(xy):
        return None
    d = np.hypot(xy[:, 0] - sx, xy[:, 1] - sy)
    k = int(np.argmin(d))
    if d[k] > radius:
        return None
    return Hit(kind, ids[int(rows[k])], *xy[k])
