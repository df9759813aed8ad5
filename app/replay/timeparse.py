"""Parsing local wall-clock timestamps from call records into UTC epoch seconds."""

from __future__ import annotations

import datetime as dt
import functools
import logging
from zoneinfo import ZoneInfo

log = logging.getLogger(__name__)

SF_FORMAT = "%m/%d/%Y %I:%M:%S %p"  # 04/07/2020 09:16:46 PM


class TimeParseError(ValueError):
    """A timestamp that does not match the expected format."""


@functools.lru_cache(maxsize=32)
def zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


class LocalTimeParser:
    """Parses ``fmt`` timestamps in the time zone ``tz`` (DST-aware) into UTC epoch seconds.

    Ambiguous wall times (the repeated hour when clocks go back) resolve to the first occurrence
    (PEP 495 ``fold=0``); non-existent times (the skipped hour when clocks go forward) are read
    with the offset in force before the change, as the recording system would have done.
    """

    def __init__(self, fmt: str = SF_FORMAT, tz: str = "America/Los_Angeles") -> None:
        self.fmt = fmt
        self.tz = zone(tz)
        self._cache: dict[str, float] = {}

    def parse(self, text: str) -> float | None:
        """Epoch seconds, ``None`` for an empty field; raises TimeParseError when malformed."""
        text = text.strip()
        if not text:
            return None
        hit = self._cache.get(text)
        if hit is not None:
            return hit
        try:
            naive = (
                _fast_sf(text) if self.fmt == SF_FORMAT else dt.datetime.strptime(text, self.fmt)
            )
        except ValueError:
            raise TimeParseError(f"timestamp {text!r} does not match {self.fmt!r}") from None
        value = naive.replace(tzinfo=self.tz).timestamp()
        if len(self._cache) < 200_000:
            self._cache[text] = value
        return value


def _fast_sf(text: str) -> dt.datetime:
    """``MM/DD/YYYY hh:mm:ss AM`` without strptime (the import's hot path); strict on shape."""
    if len(text) != 22 or text[2] != "/" or text[5] != "/" or text[10] != " " or text[19] != " ":
        return dt.datetime.strptime(text, SF_FORMAT)  # odd shapes: let strptime judge
    hour = int(text[11:13])
    ampm = text[20:].upper()
    if not 1 <= hour <= 12 or ampm not in ("AM", "PM") or text[13] != ":" or text[16] != ":":
        raise ValueError(text)
    hour = hour % 12 + (12 if ampm == "PM" else 0)
    return dt.datetime(
        int(text[6:10]), int(text[0:2]), int(text[3:5]), hour, int(text[14:16]), int(text[17:19])
    )


def to_local(t: float, tz: str) -> dt.datetime:
    return dt.datetime.fromtimestamp(t, zone(tz))


def format_local(t: float, tz: str, fmt: str = "%Y-%m-%d %H:%M:%S %Z") -> str:
    return to_local(t, tz).strftime(fmt)


def parse_iso(text: str, tz: str) -> float:
    """An ISO date or date-time; without an offset it is read in ``tz``."""
    try:
        value = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        raise TimeParseError(f"{text!r} is not an ISO date or date-time") from None
    if value.tzinfo is None:
        value = value.replace(tzinfo=zone(tz))
    return value.timestamp()
