"""Turning a decided batch into the rows an event store writes: one preparation for the SQLite
and the PostgreSQL stores (the encoding is Python work done before the writer thread takes over)."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

import msgspec

from app.domain.events import IncidentCreated, encode_event, event_type, incident_of
from app.domain.state import CityState
from app.server.records import Batch, PreparedBatch

log = logging.getLogger(__name__)


class BatchPreparer:
    """Mixed into a store that keeps ``_notes`` (incident id -> narrative entries it holds)."""

    _notes: dict[str, int]

    def prepare(self, batch: Batch, state: CityState) -> PreparedBatch:
        enc = msgspec.json.encode
        ch = batch.changes
        rows = [
            (
                e.seq,
                e.time,
                e.actor,
                e.workstation,
                event_type(e.body),
                incident_of(e.body, state.linkages),
                encode_event(e).decode(),
            )
            for e in batch.events
        ]
        notes, reset, incidents = self._prepare_incidents(batch, state, enc)
        entities = {
            "incidents": incidents,
            "units": _records(ch.units, state.units, enc),
            "cameras": _records(ch.cameras, state.cameras, enc),
            "agencies": _records(ch.agencies, state.agencies, enc),
            "linkages": _records(ch.linkages, state.linkages, enc),
            "alerts": _records(ch.alerts, state.alerts, enc),
            "devices": _records(ch.devices, state.devices, enc),
            "camera_zones": _records(ch.zones, state.camera_zones, enc),
            "rounds": _records(ch.rounds, state.rounds, enc),
            "inspectors": _records(ch.inspectors, state.inspectors, enc),
        }
        # Units, cameras and agencies an administrator retired leave the current-state tables.
        gone = [
            (table, i)
            for table, ids, source in (
                ("units", ch.units, state.units),
                ("cameras", ch.cameras, state.cameras),
                ("agencies", ch.agencies, state.agencies),
            )
            for i in ids
            if i not in source
        ]
        grid = _records(state.grid_cells.keys(), state.grid_cells, enc) if ch.grid else None
        meta = []
        if batch.events:
            meta = [("seq", str(state.seq)), ("counters", enc(state.counters).decode())]
        if ch.grid or ch.rules:
            meta.append(("rules", enc(state.rules_data()).decode()))
        return PreparedBatch(
            rows, entities, grid, meta, list(batch.answers), list(batch.audit), notes, reset, gone
        )

    def _prepare_incidents(
        self, batch: Batch, state: CityState, enc: Any
    ) -> tuple[list[tuple[str, int, str]], list[str], list[tuple[str, str]]]:
        """Changed incidents' records without their narrative, and the narrative entries that
        are new since the last commit (the narrative only grows, except when an
        ``incident_created`` replaces the whole record: then its entries are written again)."""
        replaced = {e.body.incident.id for e in batch.events if isinstance(e.body, IncidentCreated)}
        notes: list[tuple[str, int, str]] = []
        reset: list[str] = []
        records: list[tuple[str, str]] = []
        for i in batch.changes.incidents:
            inc = state.incidents.get(i)
            if inc is None:
                continue
            have = self._notes.get(i, 0)
            if i in replaced or len(inc.narrative) < have:
                reset.append(i)
                have = 0
            notes += [
                (i, n, enc(entry).decode())
                for n, entry in enumerate(inc.narrative[have:], start=have)
            ]
            self._notes[i] = len(inc.narrative)
            bare = msgspec.structs.replace(inc, narrative=[])
            records.append((i, enc(bare).decode()))
        return notes, reset, records


def _records(ids: Iterable[str], source: dict[str, Any], enc: Any) -> list[tuple[str, str]]:
    # Stored as TEXT (not BLOB) so SQLite's json functions can read the records.
    return [(i, enc(source[i]).decode()) for i in ids if i in source]
