"""Read raster tiles from an MBTiles file (SQLite, TMS row order) for the optional base layer."""

from __future__ import annotations

import logging
import sqlite3
import threading
from pathlib import Path

log = logging.getLogger(__name__)


class MBTilesError(RuntimeError):
    """The file is not a readable MBTiles database; the message names the file and the reason."""


class MBTilesReader:
    """Owns one read-only connection to an MBTiles file; ``tile(z, x, y)`` uses XYZ numbering."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        if not self.path.is_file():
            raise MBTilesError(f"MBTiles file {self.path} does not exist")
        try:
            # check_same_thread=False: the map may read from a tile worker; the lock serialises.
            self._db = sqlite3.connect(
                f"file:{self.path}?mode=ro", uri=True, check_same_thread=False
            )
            tables = {
                r[0]
                for r in self._db.execute(
                    "SELECT name FROM sqlite_master WHERE type IN ('table','view')"
                )
            }
        except sqlite3.DatabaseError as exc:
            raise MBTilesError(f"{self.path} is not an SQLite database: {exc}") from exc
        if "tiles" not in tables:
            self._db.close()
            raise MBTilesError(f"{self.path} has no 'tiles' table; is it an MBTiles file?")
        self._lock = threading.Lock()
        self._meta: dict[str, str] = {}
        if "metadata" in tables:
            self._meta = {
                str(k): str(v) for k, v in self._db.execute("SELECT name, value FROM metadata")
            }

    def metadata(self) -> dict[str, str]:
        return dict(self._meta)

    def tile(self, z: int, x: int, y: int) -> bytes | None:
        """The encoded image of XYZ tile ``z/x/y`` or ``None`` when the file lacks it."""
        row = (1 << z) - 1 - y  # MBTiles stores TMS rows (origin bottom-left)
        with self._lock:
            cur = self._db.execute(
                "SELECT tile_data FROM tiles WHERE zoom_level=? AND tile_column=? AND tile_row=?",
                (z, x, row),
            )
            r = cur.fetchone()
        return bytes(r[0]) if r else None

    def zoom_range(self) -> tuple[int, int]:
        with self._lock:
            lo, hi = self._db.execute(
                "SELECT MIN(zoom_level), MAX(zoom_level) FROM tiles"
            ).fetchone()
        return (int(lo or 0), int(hi or 0))

    def close(self) -> None:
        with self._lock:
            self._db.close()
