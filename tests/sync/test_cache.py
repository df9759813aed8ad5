"""The offline cache and the durable outbox, on real SQLite files."""

from __future__ import annotations

from pathlib import Path

import msgspec
import pytest

from app.domain import events as ev
from app.domain.model import Unit
from app.sync.cache import CacheError, LocalCache, OutboxEntry
from app.sync.outbox import Outbox
from tests.sync.citydata import DISPATCHER, small_city


def test_state_round_trips_and_writes_only_changed_ids(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite"
    cache = LocalCache(path)
    assert cache.last_seq == -1 and cache.load_state() is None
    st = small_city()
    cache.save_state(st)
    before = cache.rows("units")
    moved = ev.Event(
        seq=st.seq + 1,
        time=1_700_000_100.0,
        actor="dana",
        body=ev.UnitMoved(unit_id="E2", lat=37.8, lon=-122.4, at=1_700_000_100.0),
    )
    ch = st.apply(moved)
    cache.save_changes(st, ch)
    after = cache.rows("units")
    assert after["E2"] != before["E2"]
    assert {k: v for k, v in after.items() if k != "E2"} == {
        k: v for k, v in before.items() if k != "E2"
    }
    cache.close()

    again = LocalCache(path)
    loaded = again.load_state()
    assert loaded is not None
    assert loaded.seq == st.seq == 8
    assert loaded.units == st.units
    assert loaded.agencies == st.agencies
    assert msgspec.json.decode(again.rows("units")["E2"], type=Unit).lat == 37.8
    again.close()


def test_session_is_kept(tmp_path: Path) -> None:
    cache = LocalCache(tmp_path / "c.sqlite")
    cache.save_session(DISPATCHER, "tok123", 2e9)
    cache.close()
    user, token, expires = LocalCache(tmp_path / "c.sqlite").load_session()
    assert (user, token, expires) == (DISPATCHER, "tok123", 2e9)


def test_not_a_cache_gives_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(CacheError, match="not a usable cache file"):
        LocalCache(bad)
    assert bad.read_bytes().startswith(b"this is not")  # nothing overwritten


def test_outbox_survives_reopen_in_order_and_settles(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    box = Outbox(LocalCache(path))
    for i in range(5):
        box.add(
            OutboxEntry(
                id=f"c{i}",
                type="add_note",
                payload={"incident_id": "i1", "text": f"note {i}"},
                expected_version=None,
                created=100.0 + i,
                incident_id="i1",
            )
        )
    box.ack("c0", 20)
    box.ack("c1", 21)
    box2 = Outbox(LocalCache(path))
    assert [e.id for e in box2.entries] == ["c0", "c1", "c2", "c3", "c4"]
    assert [e.payload["text"] for e in box2.entries][2] == "note 2"
    assert [e.id for e in box2.unsent()] == ["c2", "c3", "c4"]
    assert [e.id for e in box2.settle(20)] == ["c0"]
    refusal = box2.refuse("c3", "conflict", "someone else did it")
    assert refusal is not None and refusal.incident_id == "i1"
    assert box2.by_incident() == {"i1": 3}

    cache3 = LocalCache(path)
    assert [e.id for e in Outbox(cache3).entries] == ["c1", "c2", "c4"]
    assert [(r.command_id, r.code) for r in cache3.refusals_load()] == [("c3", "conflict")]


def test_an_unreadable_cache_is_kept_aside_and_the_console_still_starts(
    tmp_path: Path, qapp: object
) -> None:
    from app.store.store import Store
    from app.sync.engine import SyncEngine

    path = tmp_path / "cache-ws9.sqlite"
    path.write_bytes(b"garbage, not SQLite" * 200)
    eng = SyncEngine(Store(), "ws://127.0.0.1:9", "ws9", cache_path=path)
    try:
        kept = list(tmp_path.glob("cache-ws9.sqlite.unreadable-*"))
        assert len(kept) == 1 and kept[0].read_bytes().startswith(b"garbage")
        assert eng.cache.last_seq == -1 and len(eng.outbox) == 0
        assert eng.status.detail == "offline"
    finally:
        eng.close()
