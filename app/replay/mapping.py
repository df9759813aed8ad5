"""Column mappings from call-for-service CSV exports to the fields the importer needs.

Two mappings are built in, for the San Francisco Fire Department "Calls for Service" exports (the
2020 file and the 2016-17 file, which names the neighbourhood column differently). Any other export
is described by a JSON file with the same fields as :class:`CsvMapping` (see resources/replay/README.md).
"""

from __future__ import annotations

import logging
from pathlib import Path

import msgspec

from app.replay.timeparse import SF_FORMAT

log = logging.getLogger(__name__)

# Fields the importer reads. Required ones must name a column; optional ones may be absent.
REQUIRED_FIELDS = ("call_number", "unit_id", "call_type", "received", "dispatch")
OPTIONAL_FIELDS = (
    "entry",
    "response",
    "on_scene",
    "transport",
    "hospital",
    "available",
    "address",
    "priority",
    "final_priority",
    "original_priority",
    "unit_type",
    "station_area",
    "neighbourhood",
    "location",
    "latitude",
    "longitude",
    "disposition",
    "call_type_group",
)


class CsvMapping(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """How to read one CSV export: column name per field, timestamp format and time zone."""

    name: str
    columns: dict[str, str]  # field -> column header
    timestamp_format: str = SF_FORMAT
    time_zone: str = "America/Los_Angeles"
    city: str = "San Francisco"
    source: str = ""
    # Extra call types -> library category code (on top of each category's sf_call_types).
    call_types: dict[str, str] = msgspec.field(default_factory=dict)
    # When set, call types nobody maps go to this category instead of being skipped.
    default_category: str = ""
    # Priority codes of the file -> our priority 1 (most urgent) .. 4.
    priority_map: dict[str, int] = msgspec.field(
        default_factory=lambda: {"E": 1, "2": 3, "A": 2, "B": 2, "C": 3, "I": 4, "1": 4}
    )
    # Codes meaning "emergency": the category's default priority, but at least 2.
    emergency_codes: list[str] = msgspec.field(default_factory=lambda: ["3"])

    def missing(self, header: list[str]) -> list[str]:
        """Required fields whose column is not in ``header`` (or not mapped at all)."""
        have = set(header)
        out = [f for f in REQUIRED_FIELDS if self.columns.get(f) not in have]
        if self.columns.get("location") not in have and not (
            self.columns.get("latitude") in have and self.columns.get("longitude") in have
        ):
            out.append("location (or latitude + longitude)")
        return out


_SF_COLUMNS = {
    "call_number": "Call Number",
    "unit_id": "Unit ID",
    "call_type": "Call Type",
    "call_type_group": "Call Type Group",
    "received": "Received DtTm",
    "entry": "Entry DtTm",
    "dispatch": "Dispatch DtTm",
    "response": "Response DtTm",
    "on_scene": "On Scene DtTm",
    "transport": "Transport DtTm",
    "hospital": "Hospital DtTm",
    "available": "Available DtTm",
    "address": "Address",
    "priority": "Priority",
    "final_priority": "Final Priority",
    "original_priority": "Original Priority",
    "unit_type": "Unit Type",
    "station_area": "Station Area",
    "neighbourhood": "Neighborhooods - Analysis Boundaries",
    "location": "Location",
    "disposition": "Call Final Disposition",
}

BUILTIN: dict[str, CsvMapping] = {
    "sf-fire": CsvMapping(
        name="sf-fire",
        columns=dict(_SF_COLUMNS),
        source="San Francisco Fire Department Calls for Service (DataSF)",
    ),
    "sf-fire-2016": CsvMapping(
        name="sf-fire-2016",
        columns={**_SF_COLUMNS, "neighbourhood": "Neighborhood  District"},
        source="San Francisco Fire Department Calls for Service (DataSF)",
    ),
}


class MappingError(ValueError):
    """A mapping that cannot be used, with the reason."""


def load_mapping(spec: str) -> CsvMapping:
    """A built-in mapping by name, or a JSON mapping file by path."""
    if spec in BUILTIN:
        return BUILTIN[spec]
    path = Path(spec)
    if not path.is_file():
        raise MappingError(
            f"no built-in mapping {spec!r} and no such file (built-in: {', '.join(BUILTIN)})"
        )
    try:
        mapping = msgspec.json.decode(path.read_bytes(), type=CsvMapping)
    except (msgspec.ValidationError, msgspec.DecodeError) as exc:
        raise MappingError(f"mapping file {path} is not valid: {exc}") from None
    unknown = set(mapping.columns) - set(REQUIRED_FIELDS) - set(OPTIONAL_FIELDS)
    if unknown:
        raise MappingError(
            f"mapping file {path} names unknown fields: {', '.join(sorted(unknown))}"
        )
    return mapping


def detect_mapping(header: list[str]) -> CsvMapping:
    """The first built-in mapping whose columns are all present (optional ones included)."""
    for mapping in BUILTIN.values():
        cols = [c for f, c in mapping.columns.items() if f != "neighbourhood"]
        if all(c in header for c in cols) and mapping.columns["neighbourhood"] in header:
            return mapping
    for mapping in BUILTIN.values():
        if not mapping.missing(header):
            return mapping
    raise MappingError(
        "no built-in mapping fits this file's columns; describe them in a JSON mapping file "
        "(--mapping mapping.json). Columns found: " + ", ".join(header)
    )
