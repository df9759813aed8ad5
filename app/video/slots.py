"""Frame slots in shared memory: how decoded pictures cross from the decoder process to the GUI.

Each stream gets a memory-mapped file: a small header, then ``SLOTS`` slots. A slot is an
8-byte sequence word followed by the picture (BGRA rows). The writer makes the word odd while
it writes and even when done (a sequence lock); the reader copies the picture and keeps it only
if the word was the same even value before and after, so a picture overwritten mid-copy is
dropped, never shown torn. The header's first word is written by the reader: the sequence
value of the last picture it took. The decoder reads it to know the GUI is ready for the next
picture, so the flow control costs no message at all (messages to the decoder process would
each wait for its interpreter lock behind the decoding threads). The GUI process owns the directory the files live in and removes it at exit, so
a decoder process that dies leaves nothing behind for long.

No Qt here: the decoder process imports this module without loading Qt.
"""

from __future__ import annotations

import logging
import mmap
import os
import struct
import tempfile
from pathlib import Path

log = logging.getLogger(__name__)

SLOTS = 3
HEADER = 8  # per slot: the sequence word
FILE_HEADER = 64  # per file: the reader's "taken" word, then room to spare
_SEQ = struct.Struct("<Q")


def slot_dir() -> Path:
    """A fresh private directory for frame files: in RAM (/dev/shm) where the system has it."""
    base = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None
    return Path(tempfile.mkdtemp(prefix="cityops-video-", dir=base))


class SlotWriter:
    """Decoder side: owns one stream's frame file, grows it for larger pictures."""

    def __init__(self, folder: Path, stem: str) -> None:
        self.folder = folder
        self.stem = stem
        self.path: Path | None = None
        self._mm: mmap.mmap | None = None
        self._slot_bytes = 0
        self._generation = 0
        self._next = 0
        self._count = 0  # pictures written to this file
        self.announced = 0  # sequence value of the last picture handed to the reader

    def write(self, rows: memoryview | bytes, size: int) -> tuple[str, int, int]:
        """Copy ``size`` bytes of picture into the next slot.

        Returns (file name, byte offset of the slot, sequence value the reader must see).
        """
        if size > self._slot_bytes:
            self._grow(size)
        assert self._mm is not None and self.path is not None
        k = self._next
        self._next = (k + 1) % SLOTS
        off = FILE_HEADER + k * (HEADER + self._slot_bytes)
        _SEQ.pack_into(self._mm, off, 2 * self._count + 1)  # odd: being written
        self._mm[off + HEADER : off + HEADER + size] = rows[:size]
        self._count += 1
        seq = 2 * self._count
        _SEQ.pack_into(self._mm, off, seq)  # even: complete
        return self.path.name, off, seq

    def taken(self) -> int:
        """Sequence value of the last picture the reader took from this file (0: none yet)."""
        return 0 if self._mm is None else int(_SEQ.unpack_from(self._mm, 0)[0])

    def waiting(self) -> bool:
        """Whether the last announced picture has not been taken yet."""
        return self.announced != 0 and self.taken() != self.announced

    def _grow(self, size: int) -> None:
        self.close()
        # Room for some growth, so a tile resized by a few pixels does not remap every time.
        self._slot_bytes = max(size, int(size * 1.25) // 4096 * 4096)
        self._generation += 1
        self.path = self.folder / f"{self.stem}-{self._generation}.frames"
        with open(self.path, "w+b") as f:
            f.truncate(FILE_HEADER + SLOTS * (HEADER + self._slot_bytes))
            self._mm = mmap.mmap(f.fileno(), 0)
        self._next = 0
        self._count = 0
        self.announced = 0

    def close(self) -> None:
        if self._mm is not None:
            self._mm.close()
            self._mm = None
        if self.path is not None:
            try:
                self.path.unlink()
            except OSError:
                pass
            self.path = None


class SlotReader:
    """GUI side: maps frame files by name (a stream's newest file stays mapped)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._maps: dict[str, mmap.mmap] = {}

    def view(self, name: str) -> mmap.mmap | None:
        """The mapped file ``name``, or None if it is gone (its stream has moved on)."""
        mm = self._maps.get(name)
        if mm is not None:
            return mm
        try:
            with open(self.folder / name, "r+b") as f:
                mm = mmap.mmap(f.fileno(), 0)
        except (OSError, ValueError):
            return None
        self._maps[name] = mm
        return mm

    def read_into(self, name: str, off: int, seq: int, dest: memoryview) -> bool:
        """Copy the picture in the slot at ``off`` into ``dest`` (exactly its size) if it is still
        the one announced with ``seq``; False when it is gone or was overwritten meanwhile."""
        mm = self.view(name)
        size = dest.nbytes
        if mm is None or off + HEADER + size > len(mm):
            return False
        if _SEQ.unpack_from(mm, off)[0] != seq:
            return False  # already overwritten by a newer picture
        with memoryview(mm) as mv:
            dest[:] = mv[off + HEADER : off + HEADER + size]
        # Overwritten while we copied: the copy may be torn, so it is not used.
        return bool(_SEQ.unpack_from(mm, off)[0] == seq)

    def mark_taken(self, name: str, seq: int) -> None:
        """Tell the writer the picture announced with ``seq`` was taken: it may send the next."""
        mm = self.view(name)
        if mm is not None:
            _SEQ.pack_into(mm, 0, seq)

    def forget(self, name: str) -> None:
        mm = self._maps.pop(name, None)
        if mm is not None:
            mm.close()

    def close(self) -> None:
        for name in list(self._maps):
            self.forget(name)
