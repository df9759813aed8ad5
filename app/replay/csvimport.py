"""Reading a calls-for-service CSV export into per-call records, counting every unusable row.

One record per call number; each usable unit row becomes a :class:`UnitRow`. A row that cannot be
used is counted under its reason (never silently dropped); a time that is out of order after the
unit reached the scene is clamped and counted under ``adjusted``.
"""

from __future__ import annotations

import csv
import logging
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.domain.library import Category, Library
from app.replay.mapping import CsvMapping, detect_mapping
from app.replay.timeparse import LocalTimeParser, TimeParseError

log = logging.getLogger(__name__)

UNIT_TIMES = ("dispatch", "response", "on_scene", "transport", "hospital", "available")
_LOC_RE = re.compile(r"^\(?\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*\)?$")
_POINT_RE = re.compile(r"^POINT\s*\(\s*(-?\d+(?:\.\d+)?)\s+(-?\d+(?:\.\d+)?)\s*\)$", re.I)


class CsvImportError(ValueError):
    """A file that cannot be imported at all (missing columns, unreadable), with the reason."""


@dataclass
class ImportReport:
    """What an import read, made and left out, and why (stored in the replay meta and printed)."""

    file: str = ""
    mapping: str = ""
    rows: int = 0
    rows_used: int = 0
    incidents: int = 0
    units_created: int = 0
    outside_window: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    adjusted: Counter[str] = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=dict)  # reason -> first few rows
    call_types_unknown: Counter[str] = field(default_factory=Counter)

    def skip(self, reason: str, where: str) -> None:
        self.skipped[reason] += 1
        ex = self.examples.setdefault(reason, [])
        if len(ex) < 5:
            ex.append(where)

    def adjust(self, reason: str, where: str) -> None:
        self.adjusted[reason] += 1
        ex = self.examples.setdefault(reason, [])
        if len(ex) < 5:
            ex.append(where)

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "mapping": self.mapping,
            "rows": self.rows,
            "rows_used": self.rows_used,
            "rows_skipped": sum(self.skipped.values()),
            "outside_window": self.outside_window,
            "incidents": self.incidents,
            "units_created": self.units_created,
            "skipped": dict(self.skipped.most_common()),
            "adjusted": dict(self.adjusted.most_common()),
            "unknown_call_types": dict(self.call_types_unknown.most_common()),
            "examples": self.examples,
        }


@dataclass
class UnitRow:
    row: int  # 1-based data row number in the file (header is row 0)
    unit_id: str
    unit_type: str
    station_area: str
    times: dict[str, float]  # UNIT_TIMES that are present, in non-decreasing order


@dataclass
class CallRecord:
    call_number: str
    received: float
    entry: float | None
    call_type: str
    category: Category
    priority: int
    lat: float
    lon: float
    address: str
    neighbourhood: str
    disposition: str
    station_area: str
    units: list[UnitRow] = field(default_factory=list)


def category_index(library: Library, mapping: CsvMapping) -> dict[str, Category]:
    out: dict[str, Category] = {}
    for cat in library.categories:
        for name in cat.sf_call_types:
            out.setdefault(name.strip().lower(), cat)
    for name, code in mapping.call_types.items():
        out[name.strip().lower()] = library.get(code)
    return out


def parse_location(text: str) -> tuple[float, float] | None:
    """(lat, lon) from "(37.7, -122.4)" or "POINT (-122.4 37.7)"; None when not a real place."""
    text = text.strip()
    m = _LOC_RE.match(text)
    if m:
        lat, lon = float(m.group(1)), float(m.group(2))
    else:
        m = _POINT_RE.match(text)
        if not m:
            return None
        lon, lat = float(m.group(1)), float(m.group(2))
    if not (-90 <= lat <= 90 and -180 <= lon <= 180) or (lat == 0 and lon == 0):
        return None
    return lat, lon


def map_priority(codes: list[str], cat: Category, mapping: CsvMapping) -> int:
    """The most urgent of the row's priority codes on our 1 (most urgent) .. 4 scale."""
    best = 0
    for code in codes:
        code = code.strip().upper()
        if not code:
            continue
        if code in mapping.emergency_codes:
            p = min(cat.default_priority, 2)
        elif code in mapping.priority_map:
            p = mapping.priority_map[code]
        else:
            continue
        best = p if best == 0 else min(best, p)
    return best or cat.default_priority


class CsvReader:
    """Reads one export with a mapping; ``read()`` returns the calls in received order."""

    def __init__(
        self,
        path: Path,
        library: Library,
        mapping: CsvMapping | None = None,
        window: tuple[float | None, float | None] = (None, None),
    ) -> None:
        self.path = Path(path)
        self.library = library
        self.mapping = mapping
        self.window = window
        self.report = ImportReport(file=self.path.name)

    def read(self) -> list[CallRecord]:
        try:
            fh = self.path.open(newline="", encoding="utf-8-sig")
        except OSError as exc:
            raise CsvImportError(f"cannot read {self.path}: {exc}") from None
        with fh:
            reader = csv.reader(fh)
            header = next(reader, None)
            if not header:
                raise CsvImportError(f"{self.path} is empty")
            mapping = self.mapping or detect_mapping(header)
            missing = mapping.missing(header)
            if missing:
                raise CsvImportError(
                    f"{self.path.name}: mapping {mapping.name!r} needs columns for "
                    f"{', '.join(missing)}; the file has: {', '.join(header)}"
                )
            self.mapping = mapping
            self.report.mapping = mapping.name
            col = {f: header.index(c) for f, c in mapping.columns.items() if c in header}
            cats = category_index(self.library, mapping)
            default_cat = (
                self.library.get(mapping.default_category) if mapping.default_category else None
            )
            parser = LocalTimeParser(mapping.timestamp_format, mapping.time_zone)
            calls: dict[str, CallRecord] = {}
            seen: set[tuple[str, str]] = set()
            for n, raw in enumerate(reader, start=1):
                self.report.rows += 1
                self._row(n, raw, col, cats, default_cat, parser, calls, seen, mapping)
        out = sorted(calls.values(), key=lambda c: (c.received, c.call_number))
        out = [c for c in out if c.units]
        self.report.incidents = len(out)
        self.report.rows_used = sum(len(c.units) for c in out)
        return out

    def _row(
        self,
        n: int,
        raw: list[str],
        col: dict[str, int],
        cats: dict[str, Category],
        default_cat: Category | None,
        parser: LocalTimeParser,
        calls: dict[str, CallRecord],
        seen: set[tuple[str, str]],
        mapping: CsvMapping,
    ) -> None:
        rep = self.report

        def get(name: str) -> str:
            i = col.get(name)
            return raw[i].strip() if i is not None and i < len(raw) else ""

        call_number = get("call_number")
        where = f"row {n} (call {call_number or '?'}, unit {get('unit_id') or '?'})"
        if len(raw) < len(col):
            rep.skip("short row (missing columns)", where)
            return
        if not call_number:
            rep.skip("missing call number", where)
            return
        unit_id = get("unit_id")
        if not unit_id:
            rep.skip("missing unit id", where)
            return
        try:
            received = parser.parse(get("received"))
            entry = parser.parse(get("entry"))
            times = {k: parser.parse(get(k)) for k in UNIT_TIMES}
        except TimeParseError:
            rep.skip("unparseable timestamp", where)
            return
        if received is None:
            rep.skip("missing received time", where)
            return
        lo, hi = self.window
        if (lo is not None and received < lo) or (hi is not None and received >= hi):
            rep.outside_window += 1
            return
        call_type = get("call_type")
        cat = cats.get(call_type.lower()) or default_cat
        if cat is None:
            rep.skip("unknown call type", where)
            rep.call_types_unknown[call_type or "(empty)"] += 1
            return
        if "location" in col:
            loc = parse_location(get("location"))
        else:
            try:
                loc = parse_location(f"({get('latitude')}, {get('longitude')})")
            except ValueError:
                loc = None
        if loc is None:
            rep.skip("unparseable location", where)
            return
        disp = times["dispatch"]
        if disp is None:
            rep.skip("missing dispatch time", where)
            return
        if disp < received:
            rep.skip("negative duration (dispatched before received)", where)
            return
        scene = times["on_scene"]
        if scene is not None and scene < disp:
            rep.skip("negative duration (on scene before dispatched)", where)
            return
        if (call_number, unit_id) in seen:
            rep.skip("duplicate unit row", where)
            return
        seen.add((call_number, unit_id))
        # Later times out of order (e.g. available before the hospital arrival): clamp to the
        # previous milestone so the unit's story stays in order; counted, not hidden.
        ordered: dict[str, float] = {}
        last, last_name = disp, "dispatch"
        for name in UNIT_TIMES:
            t = times[name]
            if t is None:
                continue
            if t < last:
                rep.adjust(f"{name} before {last_name}: clamped", where)
                t = last
            ordered[name] = t
            last, last_name = t, name
        codes = [get("priority"), get("final_priority"), get("original_priority")]
        priority = map_priority(codes, cat, mapping)
        unit = UnitRow(
            row=n,
            unit_id=unit_id,
            unit_type=get("unit_type"),
            station_area=get("station_area"),
            times=ordered,
        )
        rec = calls.get(call_number)
        if rec is None:
            if entry is not None and entry < received:
                rep.adjust("entry before received: clamped", where)
                entry = received
            rec = CallRecord(
                call_number=call_number,
                received=received,
                entry=entry,
                call_type=call_type,
                category=cat,
                priority=priority,
                lat=loc[0],
                lon=loc[1],
                address=get("address"),
                neighbourhood=get("neighbourhood"),
                disposition=get("disposition"),
                station_area=get("station_area"),
            )
            calls[call_number] = rec
        else:
            rec.priority = min(rec.priority, priority)
            if received < rec.received:
                rec.received = received
        rec.units.append(unit)
