"""Recording a replay from the server's SQLite event log, whole or a window."""

from __future__ import annotations

from pathlib import Path

import msgspec
import pytest

from app.domain.state import Changes, CityState
from app.replay.__main__ import main as cli
from app.replay.player import ReplayPlayer
from app.replay.record import record
from app.replay.replayfile import ReplayError, ReplayFile
from app.server.store import Batch, SqliteEventStore


def same_state(a: CityState, b: CityState) -> bool:
    sa, sb = a.snapshot(), b.snapshot()
    sa.seq = sb.seq = 0  # a replay numbers its own events
    key = lambda s: msgspec.msgpack.encode(  # noqa: E731
        msgspec.structs.replace(
            s,
            incidents=sorted(s.incidents, key=lambda i: i.id),
            units=sorted(s.units, key=lambda u: u.id),
        )
    )
    return key(sa) == key(sb)


@pytest.fixture
def server_db(demo_replay: Path, tmp_path: Path) -> tuple[Path, list]:
    """A real server event store holding the first 3,000 events of the demo day."""
    with ReplayFile(demo_replay) as rf:
        events = rf.events(1, 3000)
    db = tmp_path / "server.sqlite"
    store = SqliteEventStore(db)
    state = CityState()
    for i in range(0, len(events), 250):
        chunk = events[i : i + 250]
        ch = Changes()
        for e in chunk:
            ch.merge(state.apply(e))
        store.append(Batch(events=chunk, changes=ch), state)
    store.close()
    return db, events


def test_record_whole_log(server_db: tuple[Path, list], tmp_path: Path) -> None:
    db, events = server_db
    out = tmp_path / "all.replay"
    meta = record(db, out)
    assert meta.report["window_events"] == len(events)
    player = ReplayPlayer(out)
    straight = CityState()
    straight.apply_all(events)
    assert same_state(player.state_at(player.end), straight)
    player.close()


def test_record_window_starts_with_the_state_then(
    server_db: tuple[Path, list], tmp_path: Path
) -> None:
    db, events = server_db
    lo, hi = events[1200].time, events[2600].time
    out = tmp_path / "window.replay"
    meta = record(db, out, lo, hi)
    assert meta.report["starting_events"] > 0
    inside = [e for e in events if lo <= e.time < hi]
    assert meta.report["window_events"] == len(inside)
    before = CityState()  # the replay's state at lo holds the events stamped lo too
    before.apply_all(e for e in events if e.time <= lo)
    after = CityState()
    after.apply_all(e for e in events if e.time < hi)
    player = ReplayPlayer(out)
    assert player.start == lo
    assert same_state(player.state_at(lo), before)
    assert same_state(player.state_at(player.end), after)
    player.close()


def test_record_refuses_bad_input(server_db: tuple[Path, list], tmp_path: Path) -> None:
    db, events = server_db
    with pytest.raises(ReplayError, match="no server database"):
        record(tmp_path / "nope.sqlite", tmp_path / "x.replay")
    with pytest.raises(ReplayError, match="ends before it starts"):
        record(db, tmp_path / "x.replay", events[100].time, events[10].time)
    (tmp_path / "exists.replay").write_bytes(b"keep me")
    with pytest.raises(ReplayError, match="already exists"):
        record(db, tmp_path / "exists.replay")
    assert (tmp_path / "exists.replay").read_bytes() == b"keep me"
    assert (
        cli(
            [
                "record",
                "--db",
                str(db),
                "--out",
                str(tmp_path / "c.replay"),
                "--from",
                "2020-04-07T03:00",
                "--to",
                "2020-04-07T05:00",
            ]
        )
        == 0
    )
    assert ReplayFile(tmp_path / "c.replay").meta.start >= events[0].time


def test_reference_data_from_tables_when_the_log_lacks_it(
    demo_replay: Path, tmp_path: Path
) -> None:
    """A server seeded from its tables (no upsert events) still gives a self-contained replay."""
    with ReplayFile(demo_replay) as rf:
        events = rf.events(1, 1500)
    ref = [e for e in events if e.body.__class__.__name__.endswith(("Upserted", "Loaded"))]
    calls = [e for e in events if e not in ref]
    db = tmp_path / "server.sqlite"
    store = SqliteEventStore(db)
    state = CityState()
    ch = Changes()
    for e in ref:  # into the current-state tables only
        ch.merge(state.apply(e))
    store.append(Batch(events=[], changes=ch), state)
    ch = Changes()
    for e in calls:
        ch.merge(state.apply(e))
    store.append(Batch(events=calls, changes=ch), state)
    store.close()
    meta = record(db, tmp_path / "t.replay")
    assert meta.report["reference_from_tables"] is True
    player = ReplayPlayer(tmp_path / "t.replay")
    st = player.state_at(player.end)
    assert set(st.units) == set(state.units) and set(st.agencies) == set(state.agencies)
    assert set(st.incidents) == set(state.incidents)
    assert len(st.grid_cells) == len(state.grid_cells) > 0
    player.close()
