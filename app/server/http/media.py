"""Photos sent with a report: checked (type, size, dimensions) and re-encoded, so that nothing
but the pixels, the time taken and the position survives (no camera serial, owner, software,
thumbnail or maker notes, which can identify the reporter).

Pillow decodes the image; its decompression-bomb guard is raised to an error at our own pixel
limit, so a small file that claims a huge image is refused before it is decoded.
"""

from __future__ import annotations

import io
import logging
import warnings

log = logging.getLogger(__name__)

MAX_BYTES = 5 * 1024 * 1024
MAX_SIDE = 8000
MIN_SIDE = 16
MAX_PIXELS = 40_000_000
ACCEPTED = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
# EXIF tags kept: when the photo was taken and where.
KEEP_EXIF = (0x0132, 0x9003, 0x9011)  # DateTime, DateTimeOriginal, OffsetTimeOriginal
GPS_IFD = 0x8825
EXIF_IFD = 0x8769


class MediaError(ValueError):
    """A photo we do not take, with the reason."""


def clean_photo(data: bytes, max_side: int = 0) -> tuple[str, bytes]:
    """``(mime, bytes)`` of the cleaned photo (always JPEG, scaled down to ``max_side`` pixels
    a side when given); raises MediaError."""
    try:  # the desktop bundle leaves Pillow out: its embedded server then takes no photos
        from PIL import Image, ImageOps, UnidentifiedImageError
    except ImportError:
        raise MediaError("this server does not take photos (Pillow is not installed)") from None
    if len(data) > MAX_BYTES:
        raise MediaError(f"the photo is over {MAX_BYTES // (1024 * 1024)} MB")
    if len(data) < 32:
        raise MediaError("the photo is empty")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            img = Image.open(io.BytesIO(data))
            if img.format not in ACCEPTED:
                raise MediaError(f"{img.format or 'this'} files are not taken: send JPEG or PNG")
            w, h = img.size
            if w * h > MAX_PIXELS or max(w, h) > MAX_SIDE:
                raise MediaError(f"the photo is {w}x{h}; at most {MAX_SIDE} pixels a side")
            if min(w, h) < MIN_SIDE:
                raise MediaError(f"the photo is {w}x{h}; at least {MIN_SIDE} pixels a side")
            exif = img.getexif()
            img.load()
    except MediaError:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise MediaError("not a readable image") from None
    except (OSError, ValueError, SyntaxError, EOFError) as exc:
        raise MediaError(f"the image is damaged ({type(exc).__name__})") from None
    pixels = ImageOps.exif_transpose(img)  # bake the orientation in
    if pixels.mode != "RGB":
        pixels = pixels.convert("RGB")
    if max_side and max(pixels.size) > max_side:
        pixels.thumbnail((max_side, max_side))
    kept = Image.Exif()
    for tag in KEEP_EXIF:
        if tag in exif:
            kept[tag] = exif[tag]
    sub = exif.get_ifd(EXIF_IFD)
    for tag in KEEP_EXIF:
        if tag in sub:
            kept[tag] = sub[tag]
    gps = exif.get_ifd(GPS_IFD)
    if gps:
        kept[GPS_IFD] = dict(gps)
    out = io.BytesIO()
    pixels.save(out, "JPEG", quality=85, exif=kept.tobytes())
    return "image/jpeg", out.getvalue()
