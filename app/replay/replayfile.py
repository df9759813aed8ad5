"""The replay file: one SQLite file of timed events, meta data and state checkpoints.

Tables: ``meta`` (key/value; JSON where structured), ``events`` (seq, time, actor, workstation,
type, incident_id, payload: the msgspec-JSON :class:`Event`, the same columns as the server's log),
``checkpoints`` (seq, time, state: zlib-compressed msgpack :class:`Delta` after event ``seq``).
Events are in non-decreasing time order; reference data (agencies, units, grid) comes first, so a
file is self-contained.

A checkpoint holds the entities that changed since the previous one (the first holds everything),
so checkpoints stay small and a reader rebuilds every checkpoint's state in one pass, sharing the
entities that did not change (the reducer replaces nested values instead of mutating them, the
same property :class:`OverlayState` relies on).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import sqlite3
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import msgspec

from app.domain.events import Event, decode_event, encode_event, event_type, incident_of
from app.domain.model import Agency, Camera, GridCell, Incident, LinkageRequest, Unit
from app.domain.state import Changes, CityState, OverlayState, RulesData

log = logging.getLogger(__name__)

FORMAT = "cityops-replay"
VERSION = 1
DEFAULT_CHECKPOINT_EVERY = 1000

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE events (
    seq INTEGER PRIMARY KEY,
    time REAL NOT NULL,
    actor TEXT NOT NULL,
    workstation TEXT NOT NULL,
    type TEXT NOT NULL,
    incident_id TEXT NOT NULL,
    payload TEXT NOT NULL
);
CREATE INDEX events_time ON events (time);
CREATE INDEX events_type ON events (type);
CREATE TABLE checkpoints (seq INTEGER PRIMARY KEY, time REAL NOT NULL, state BLOB NOT NULL);
"""


class ReplayError(Exception):
    """A replay file that cannot be opened or used, with the reason."""


class ReplayMeta(msgspec.Struct, kw_only=True):
    title: str
    source: str
    city: str
    time_zone: str
    start: float = 0.0  # first event time (UTC epoch seconds)
    end: float = 0.0  # last event time
    created: str = ""
    report: dict[str, Any] = msgspec.field(default_factory=dict)
    format: str = FORMAT
    version: int = VERSION


class Delta(msgspec.Struct, kw_only=True):
    """Entities changed since the previous checkpoint, as of event ``seq``."""

    seq: int
    incidents: list[Incident] = msgspec.field(default_factory=list)
    units: list[Unit] = msgspec.field(default_factory=list)
    cameras: list[Camera] = msgspec.field(default_factory=list)
    agencies: list[Agency] = msgspec.field(default_factory=list)
    linkages: list[LinkageRequest] = msgspec.field(default_factory=list)
    grid_cells: list[GridCell] | None = None  # None: unchanged
    counters: dict[str, int] = msgspec.field(default_factory=dict)
    rules: RulesData | None = None  # None: unchanged


_enc = msgspec.msgpack.Encoder()
_delta_dec = msgspec.msgpack.Decoder(Delta)


def encode_delta(state: CityState, ch: Changes) -> bytes:
    d = Delta(
        seq=state.seq,
        # In the state's own (insertion) order, so a rebuilt state lists entities as a played one.
        incidents=[v for k, v in state.incidents.items() if k in ch.incidents],
        units=[v for k, v in state.units.items() if k in ch.units],
        cameras=[v for k, v in state.cameras.items() if k in ch.cameras],
        agencies=[v for k, v in state.agencies.items() if k in ch.agencies],
        linkages=[v for k, v in state.linkages.items() if k in ch.linkages],
        grid_cells=list(state.grid_cells.values()) if ch.grid else None,
        counters=dict(state.counters),
        rules=state.rules_data() if ch.grid or ch.rules else None,
    )
    return zlib.compress(_enc.encode(d), 1)


def decode_delta(blob: bytes) -> Delta:
    return _delta_dec.decode(zlib.decompress(blob))


def apply_delta(prev: CityState, d: Delta) -> CityState:
    """A new state: ``prev``'s entities (shared, never mutated) with the delta's replacing them."""
    st = CityState()
    st.seq = d.seq
    st.incidents = {**prev.incidents, **{i.id: i for i in d.incidents}}
    st.units = {**prev.units, **{u.id: u for u in d.units}}
    st.cameras = {**prev.cameras, **{c.id: c for c in d.cameras}}
    st.agencies = {**prev.agencies, **{a.id: a for a in d.agencies}}
    st.linkages = {**prev.linkages, **{r.id: r for r in d.linkages}}
    st.grid_cells = {g.id: g for g in d.grid_cells} if d.grid_cells is not None else prev.grid_cells
    st.counters = dict(d.counters)
    if d.rules is not None:
        st.set_rules_data(d.rules)
    else:
        st.adopt_rules(prev)
    return st


def working_copy(base: CityState) -> CityState:
    """A state to apply events to that never writes into ``base`` or the entities it shares."""
    st = OverlayState(base)
    # OverlayState shares these two tables with its base; a replay may upsert into them.
    st.agencies = dict(base.agencies)
    st.grid_cells = dict(base.grid_cells)
    st.neighbourhoods = list(base.neighbourhoods)
    st.categories = list(base.categories)
    return st


def write_replay(
    path: Path,
    events: Iterable[Event],
    meta: ReplayMeta,
    checkpoint_every: int = DEFAULT_CHECKPOINT_EVERY,
) -> ReplayMeta:
    """Write a new replay file (refuses to overwrite). Events are renumbered 1..n in order.

    Times must not decrease; a later event stamped earlier than its predecessor is written with
    the predecessor's time and counted in ``meta.report['times_clamped']``.
    """
    path = Path(path)
    if path.exists():
        raise ReplayError(f"{path} already exists; choose another output file")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    tmp.unlink(missing_ok=True)
    con = sqlite3.connect(tmp)
    try:
        con.executescript(_SCHEMA)
        state = CityState()
        changed = Changes()
        seq = 0
        last_t = float("-inf")
        first_t: float | None = None
        clamped = 0
        batch: list[tuple[Any, ...]] = []
        for e in events:
            seq += 1
            t = e.time
            if t < last_t:
                t = last_t
                clamped += 1
            last_t = t
            if first_t is None:
                first_t = t
            e = msgspec.structs.replace(e, seq=seq, time=t)
            changed.merge(state.apply(e))
            batch.append(
                (
                    seq,
                    t,
                    e.actor,
                    e.workstation,
                    event_type(e.body),
                    incident_of(e.body),
                    encode_event(e).decode(),
                )
            )
            if seq % checkpoint_every == 0:
                con.executemany("INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?)", batch)
                batch.clear()
                con.execute(
                    "INSERT INTO checkpoints VALUES (?, ?, ?)",
                    (seq, t, encode_delta(state, changed)),
                )
                changed = Changes()
        con.executemany("INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?)", batch)
        if seq == 0:
            raise ReplayError("nothing to write: the replay would have no events")
        if seq % checkpoint_every:
            con.execute(
                "INSERT INTO checkpoints VALUES (?, ?, ?)",
                (seq, last_t, encode_delta(state, changed)),
            )
        meta = msgspec.structs.replace(
            meta,
            start=first_t or 0.0,
            end=last_t,
            created=meta.created or dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        )
        if clamped:
            meta.report = {**meta.report, "times_clamped": clamped}
        rows = msgspec.to_builtins(meta)
        con.executemany(
            "INSERT INTO meta VALUES (?, ?)",
            [(k, v if isinstance(v, str) else json.dumps(v)) for k, v in rows.items()],
        )
        con.commit()
    except BaseException:
        con.close()
        tmp.unlink(missing_ok=True)
        raise
    con.close()
    tmp.replace(path)
    log.info("wrote %s: %d events, %s", path, seq, meta.title)
    return meta


class ReplayFile:
    """Read-only access to a replay file (opened with ``mode=ro``: the file is never modified)."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        if not self.path.is_file():
            raise ReplayError(f"no replay file at {self.path}")
        try:
            self.con = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True)
            rows = dict(self.con.execute("SELECT key, value FROM meta").fetchall())
        except sqlite3.DatabaseError as exc:
            raise ReplayError(f"{self.path} is not a replay file: {exc}") from None
        if rows.get("format") != FORMAT:
            raise ReplayError(f"{self.path} is not a replay file (format {rows.get('format')!r})")
        data: dict[str, Any] = {}
        for key, value in rows.items():
            if key in ("title", "source", "city", "time_zone", "created", "format"):
                data[key] = value
            else:
                data[key] = json.loads(value)
        try:
            self.meta = msgspec.convert(data, ReplayMeta)
        except msgspec.ValidationError as exc:
            raise ReplayError(f"{self.path} has invalid meta data: {exc}") from None
        if self.meta.version > VERSION:
            raise ReplayError(
                f"{self.path} is replay format version {self.meta.version}; "
                f"this program reads up to {VERSION}"
            )

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> ReplayFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- reading ---------------------------------------------------------------------------------
    def count(self) -> int:
        return int(self.con.execute("SELECT COUNT(*) FROM events").fetchone()[0])

    def times(self) -> list[float]:
        """Every event's time, in seq order (index i holds seq i + 1)."""
        return [r[0] for r in self.con.execute("SELECT time FROM events ORDER BY seq")]

    def events(self, first_seq: int = 1, last_seq: int | None = None) -> list[Event]:
        """Events with ``first_seq <= seq <= last_seq``, in order."""
        if last_seq is None:
            last_seq = 1 << 62
        if last_seq < first_seq:
            return []
        cur = self.con.execute(
            "SELECT seq, payload FROM events WHERE seq BETWEEN ? AND ? ORDER BY seq",
            (first_seq, last_seq),
        )
        return [self._decode(seq, payload) for seq, payload in cur]

    def _decode(self, seq: int, payload: str | bytes) -> Event:
        try:
            return decode_event(payload)
        except (msgspec.DecodeError, msgspec.ValidationError) as exc:
            raise ReplayError(f"{self.path}: event {seq} is damaged ({exc})") from None

    def iter_events(self, types: Iterable[str] | None = None, chunk: int = 5000) -> Iterator[Event]:
        """All events (optionally only some types), in seq order, read in chunks."""
        where = ""
        params: list[Any] = []
        if types is not None:
            kinds = list(types)
            where = f"AND type IN ({', '.join('?' * len(kinds))})"
            params = kinds
        last = 0
        while True:
            rows = self.con.execute(
                f"SELECT seq, payload FROM events WHERE seq > ? {where} ORDER BY seq LIMIT ?",
                (last, *params, chunk),
            ).fetchall()
            if not rows:
                return
            for seq, payload in rows:
                yield self._decode(seq, payload)
            last = rows[-1][0]

    def checkpoints(self) -> list[tuple[int, float]]:
        return [
            (r[0], r[1]) for r in self.con.execute("SELECT seq, time FROM checkpoints ORDER BY seq")
        ]

    def checkpoint_states(self) -> Iterator[tuple[int, float, CityState]]:
        """(seq, time, state after seq) of every checkpoint, in order; states share entities and
        must not be changed (apply events to :func:`working_copy` of one instead)."""
        st = CityState()
        for seq, t, blob in self.con.execute(
            "SELECT seq, time, state FROM checkpoints ORDER BY seq"
        ):
            try:
                delta = decode_delta(blob)
            except (zlib.error, msgspec.DecodeError, msgspec.ValidationError) as exc:
                raise ReplayError(f"{self.path}: checkpoint {seq} is damaged ({exc})") from None
            st = apply_delta(st, delta)
            yield seq, t, st
