"""The player: seeking either way gives the same state as playing straight there."""

from __future__ import annotations

import hashlib
import random
import sqlite3
from pathlib import Path

import msgspec
import pytest

from app.domain import events as ev
from app.domain.state import CityState
from app.replay.player import ReplayPlayer
from app.replay.replayfile import ReplayError, ReplayFile


def snap(st: CityState) -> bytes:
    return msgspec.msgpack.encode(st.snapshot())


def play_straight(
    player: ReplayPlayer, targets: list[float], step_s: float = 977.0
) -> dict[float, bytes]:
    """Play from the start in uneven steps, noting the state at each target time."""
    st = player.seek(player.start)
    out: dict[float, bytes] = {}
    for t in sorted(targets):
        while player.clock < t:
            st.apply_all(player.advance_to(min(t, player.clock + step_s)))
        out[t] = snap(st)
    return out


def test_seek_forwards_and_backwards_equals_playing_straight(demo_replay: Path) -> None:
    player = ReplayPlayer(demo_replay)
    rng = random.Random(7)
    span = player.end - player.start
    targets = [player.start + span * f for f in (0.05, 0.33, 0.5, 0.91)] + [
        player.start + rng.uniform(0, span) for _ in range(4)
    ]
    straight = play_straight(player, targets)
    # Seek in a scrambled order: backwards jumps included.
    order = list(straight)
    rng.shuffle(order)
    for t in order:
        assert snap(player.seek(t)) == straight[t]
        assert player.clock == t
    # After a backwards seek, playing on is still exact.
    mid, later = sorted(straight)[1], sorted(straight)[2]
    st = player.seek(mid)
    st.apply_all(player.advance_to(later))
    assert snap(st) == straight[later]
    player.close()


def test_seek_on_the_14_day_replay(sf2020_replay: tuple[Path, dict]) -> None:
    path, _ = sf2020_replay
    player = ReplayPlayer(path)
    t1 = player.start + 9.3 * 86400
    t0 = player.start + 2.7 * 86400
    straight = play_straight(player, [t0, t1], step_s=3 * 3600)
    assert snap(player.seek(t1)) == straight[t1]
    assert snap(player.seek(t0)) == straight[t0]  # backwards across many checkpoints
    assert len(ReplayFile(path).checkpoints()) > 10
    player.close()


def test_seeking_does_not_disturb_checkpoints(demo_replay: Path) -> None:
    player = ReplayPlayer(demo_replay)
    t = player.start + 0.6 * (player.end - player.start)
    before = snap(player.state_at(t))
    st = player.state_at(player.start + 0.55 * (player.end - player.start))
    # Apply a burst of later events (they mutate incidents that the checkpoint state shares).
    st.apply_all(
        player.events_between(player.start + 0.55 * (player.end - player.start), player.end)
    )
    assert snap(player.state_at(t)) == before
    player.close()


def test_step_play_pause_speed_and_range(demo_replay: Path) -> None:
    player = ReplayPlayer(demo_replay)
    player.seek(player.start)
    nxt = player.next_event_time()
    assert nxt is not None and nxt > player.start
    batch = player.step()
    assert batch and all(e.time == nxt for e in batch) and player.clock == nxt
    assert player.advance(10.0) == []  # paused: the clock stays
    assert player.clock == nxt
    player.set_speed(60)
    player.play()
    got = player.advance(10.0)  # 10 wall seconds at 60x: 10 replay minutes
    assert player.clock == pytest.approx(nxt + 600)
    assert all(nxt < e.time <= nxt + 600 for e in got)
    assert got == player.events_between(nxt + 1e-6, player.clock + 1e-6)
    with pytest.raises(ValueError):
        player.set_speed(7200)
    with pytest.raises(ReplayError):
        player.advance_to(player.start)
    player.advance_to(player.end + 3600)  # clamps to the end and stops
    assert player.clock == player.end and player.at_end and not player.playing
    assert player.step() == []
    player.close()


def test_priority_one_markers(demo_replay: Path) -> None:
    player = ReplayPlayer(demo_replay)
    marks = player.markers()
    created = [
        e
        for e in ReplayFile(demo_replay).iter_events(("incident_created",))
        if isinstance(e.body, ev.IncidentCreated) and e.body.incident.priority == 1
    ]
    assert [m.number for m in marks] == [e.body.incident.number for e in created]  # type: ignore[union-attr]
    assert marks and all(player.start <= m.time <= player.end for m in marks)
    assert [m.time for m in marks] == sorted(m.time for m in marks)
    player.close()


def test_replay_file_is_opened_read_only(demo_replay: Path) -> None:
    digest = hashlib.sha256(demo_replay.read_bytes()).hexdigest()
    player = ReplayPlayer(demo_replay)
    player.seek(player.end)
    player.seek(player.start)
    player.close()
    assert hashlib.sha256(demo_replay.read_bytes()).hexdigest() == digest
    bad = demo_replay.with_name("not.replay")
    bad.write_bytes(b"hello")
    with pytest.raises(ReplayError, match="not a replay file"):
        ReplayPlayer(bad)
    with pytest.raises(ReplayError, match="no replay file"):
        ReplayPlayer(demo_replay.with_name("missing.replay"))


def test_damaged_file_gives_a_clear_error(demo_replay: Path) -> None:
    con = sqlite3.connect(demo_replay)
    seq = con.execute("SELECT seq FROM checkpoints ORDER BY seq LIMIT 1 OFFSET 2").fetchone()[0]
    con.execute("UPDATE checkpoints SET state = ? WHERE seq = ?", (b"garbage", seq))
    con.commit()
    con.close()
    with pytest.raises(ReplayError, match=f"checkpoint {seq} is damaged"):
        ReplayPlayer(demo_replay)
    con = sqlite3.connect(demo_replay)
    con.execute("UPDATE events SET payload = '{\"seq\": 1}' WHERE seq = 40")
    con.commit()
    con.close()
    with pytest.raises(ReplayError, match="event 40 is damaged"):
        ReplayFile(demo_replay).events(1, 100)
