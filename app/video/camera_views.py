"""What each demo camera shows: its own crop, zoom, mirror, colour and time offset of the bundled
street clip, with its id and name burned in, so thirty tiles of one clip can be told apart.

Deterministic per camera id (a CRC of the id picks the variant), pure numpy, no Qt.
"""

from __future__ import annotations

import logging
import zlib
from dataclasses import dataclass

import numpy as np

log = logging.getLogger(__name__)

# 5x7 capitals and the punctuation of camera names (digits and ": . -" are in encode.py).
_LETTERS: dict[str, tuple[str, ...]] = {
    "A": ("01110", "10001", "10001", "11111", "10001", "10001", "10001"),
    "B": ("11110", "10001", "10001", "11110", "10001", "10001", "11110"),
    "C": ("01110", "10001", "10000", "10000", "10000", "10001", "01110"),
    "D": ("11110", "10001", "10001", "10001", "10001", "10001", "11110"),
    "E": ("11111", "10000", "10000", "11110", "10000", "10000", "11111"),
    "F": ("11111", "10000", "10000", "11110", "10000", "10000", "10000"),
    "G": ("01110", "10001", "10000", "10111", "10001", "10001", "01111"),
    "H": ("10001", "10001", "10001", "11111", "10001", "10001", "10001"),
    "I": ("01110", "00100", "00100", "00100", "00100", "00100", "01110"),
    "J": ("00111", "00010", "00010", "00010", "00010", "10010", "01100"),
    "K": ("10001", "10010", "10100", "11000", "10100", "10010", "10001"),
    "L": ("10000", "10000", "10000", "10000", "10000", "10000", "11111"),
    "M": ("10001", "11011", "10101", "10101", "10001", "10001", "10001"),
    "N": ("10001", "10001", "11001", "10101", "10011", "10001", "10001"),
    "O": ("01110", "10001", "10001", "10001", "10001", "10001", "01110"),
    "P": ("11110", "10001", "10001", "11110", "10000", "10000", "10000"),
    "Q": ("01110", "10001", "10001", "10001", "10101", "10010", "01101"),
    "R": ("11110", "10001", "10001", "11110", "10100", "10010", "10001"),
    "S": ("01111", "10000", "10000", "01110", "00001", "00001", "11110"),
    "T": ("11111", "00100", "00100", "00100", "00100", "00100", "00100"),
    "U": ("10001", "10001", "10001", "10001", "10001", "10001", "01110"),
    "V": ("10001", "10001", "10001", "10001", "10001", "01010", "00100"),
    "W": ("10001", "10001", "10001", "10101", "10101", "10101", "01010"),
    "X": ("10001", "10001", "01010", "00100", "01010", "10001", "10001"),
    "Y": ("10001", "10001", "01010", "00100", "00100", "00100", "00100"),
    "Z": ("11111", "00001", "00010", "00100", "01000", "10000", "11111"),
    "&": ("01100", "10010", "10100", "01000", "10101", "10010", "01101"),
    "(": ("00010", "00100", "01000", "01000", "01000", "00100", "00010"),
    ")": ("01000", "00100", "00010", "00010", "00010", "00100", "01000"),
    "/": ("00001", "00010", "00010", "00100", "01000", "01000", "10000"),
    "'": ("00100", "00100", "01000", "00000", "00000", "00000", "00000"),
    ",": ("00000", "00000", "00000", "00000", "01100", "00100", "01000"),
}
LETTER_MASKS: dict[str, np.ndarray] = {
    ch: np.array([[c == "1" for c in row] for row in rows], dtype=bool)
    for ch, rows in _LETTERS.items()
}

# Light over the day: full sun, overcast, late afternoon, dusk, sodium-lit night.
_GRADES: tuple[tuple[float, float, float], ...] = (
    (1.0, 1.0, 1.0),
    (0.86, 0.9, 0.98),
    (1.08, 0.98, 0.82),
    (0.72, 0.68, 0.8),
    (0.62, 0.5, 0.34),
)


@dataclass(frozen=True)
class CameraView:
    """How one camera sees the clip."""

    label: str = ""  # burned in at the top left, e.g. "CAM-003 MISSION ST & 16TH ST"
    zoom: float = 1.0  # >= 1: how much of the frame the camera's crop keeps (1/zoom)
    fx: float = 0.5  # where the crop sits, 0 = left .. 1 = right
    fy: float = 0.5  # 0 = top .. 1 = bottom
    mirror: bool = False
    grade: tuple[float, float, float] = (1.0, 1.0, 1.0)  # per-channel gain
    offset_s: float = 0.0  # how far into the loop this camera's "live" picture is

    def apply(self, rgb: np.ndarray, width: int, height: int) -> np.ndarray:
        """Crop ``rgb`` (at least ``width`` x ``height``) to the view and colour it."""
        h, w = rgb.shape[:2]
        x = round(self.fx * (w - width))
        y = round(self.fy * (h - height))
        out = rgb[y : y + height, x : x + width]
        if self.mirror:
            out = out[:, ::-1]
        if self.grade != (1.0, 1.0, 1.0):
            out = (out.astype(np.float32) * np.asarray(self.grade, dtype=np.float32)).clip(0, 255)
            return out.astype(np.uint8)
        return np.ascontiguousarray(out)


def view_for(camera_id: str, name: str = "") -> CameraView:
    """The view of one camera: stable for its id, different between ids."""
    h = zlib.crc32(camera_id.encode())
    label = f"{camera_id} {name}".strip().upper()
    return CameraView(
        label=label,
        zoom=1.2 + (h % 5) * 0.12,
        fx=((h >> 3) % 5) / 4,
        fy=((h >> 6) % 3) / 2,
        mirror=bool((h >> 8) & 1),
        grade=_GRADES[(h >> 9) % len(_GRADES)],
        offset_s=float((h >> 12) % 97) / 10.0,
    )
