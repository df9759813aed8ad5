"""``import_csv``: a calls-for-service CSV export -> a replay file, with the import report."""

from __future__ import annotations

import logging
from pathlib import Path

from app.domain.library import Library, default_library
from app.replay.build import EventBuilder
from app.replay.csvimport import CsvReader, ImportReport
from app.replay.mapping import CsvMapping
from app.replay.reference import Reference, demo_reference
from app.replay.replayfile import DEFAULT_CHECKPOINT_EVERY, ReplayError, ReplayMeta, write_replay
from app.replay.timeparse import format_local

log = logging.getLogger(__name__)


def import_csv(
    csv_path: Path,
    out: Path,
    mapping: CsvMapping | None = None,
    window: tuple[float | None, float | None] = (None, None),
    title: str = "",
    library: Library | None = None,
    reference: Reference | None = None,
    checkpoint_every: int = DEFAULT_CHECKPOINT_EVERY,
) -> tuple[ReplayMeta, ImportReport]:
    """Import ``csv_path`` into a new replay file ``out``; raises CsvImportError / ReplayError."""
    library = library or default_library()
    reader = CsvReader(Path(csv_path), library, mapping, window)
    calls = reader.read()
    report = reader.report
    if not calls:
        raise ReplayError(
            f"{Path(csv_path).name}: no usable calls "
            f"({report.rows} rows, skipped: {dict(report.skipped) or 'none'}, "
            f"outside the window: {report.outside_window})"
        )
    assert reader.mapping is not None
    ref = reference or demo_reference()
    builder = EventBuilder(library, ref, report)
    tz = reader.mapping.time_zone
    day0 = format_local(calls[0].received, tz, "%Y-%m-%d")
    day1 = format_local(calls[-1].received, tz, "%Y-%m-%d")
    meta = ReplayMeta(
        title=title
        or f"{reader.mapping.city} calls {day0}" + (f" to {day1}" if day1 != day0 else ""),
        source=f"{reader.mapping.source or 'CSV import'}: {Path(csv_path).name}",
        city=ref.city or reader.mapping.city,
        time_zone=tz,
    )
    # The report is complete only after the events were generated (superseded unit statuses).
    events = list(builder.events(calls))
    meta.report = report.to_dict()
    meta = write_replay(Path(out), events, meta, checkpoint_every=checkpoint_every)
    return meta, report
