"""Training: a scripted trainee dispatches through TrainingGateway; the score; the replay untouched."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from app.domain import commands as c
from app.domain import events as ev
from app.domain.model import Role, Status, User
from app.domain.state import CityState
from app.replay.__main__ import main as cli
from app.replay.player import ReplayPlayer
from app.replay.score import score_training
from app.replay.training import TrainingFilter, TrainingGateway
from app.replay.traininglog import TrainingLog
from tests.replay.conftest import choose_units, pending_calls

TRAINEE = User(username="kim", display_name="Kim (trainee)", role=Role.DISPATCHER)


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class Harness:
    """A training session without Qt: the player, one state, the gateway."""

    def __init__(self, replay: Path, log_path: Path, start_frac: float = 0.4) -> None:
        self.player = ReplayPlayer(replay)
        start = self.player.start + start_frac * (self.player.end - self.player.start)
        self.state: CityState = self.player.seek(start)
        self.player.filter = TrainingFilter(state=lambda: self.state)
        self.refusals: list[tuple[str, str, str]] = []
        self.log = TrainingLog.create(
            log_path,
            replay,
            self.player.meta.title,
            TRAINEE.username,
            start,
            self.player.meta.time_zone,
        )
        self.gateway = TrainingGateway(
            self.log,
            self.player.file,
            TRAINEE,
            state=lambda: self.state,
            clock=lambda: self.player.clock,
            apply=self.state.apply_all,
            refused=lambda r: self.refusals.append((r.incident_id, r.code, r.message)),
        )

    def run(self, seconds: float, every: int = 2) -> int:
        """Play ``seconds`` of replay in 30 s steps, dispatching every ``every``-th new call."""
        seen: set[str] = set()
        n = 0
        end = self.player.clock + seconds
        while self.player.clock < end and not self.player.at_end:
            self.state.apply_all(self.player.advance_to(self.player.clock + 30))
            self.gateway.tick(self.player.clock)
            for inc in pending_calls(self.state):
                if inc.id in seen:
                    continue
                seen.add(inc.id)
                if len(seen) % every:
                    continue
                units = choose_units(self.state, inc)
                if units:
                    self.gateway.submit(c.AssignUnits(incident_id=inc.id, unit_ids=units))
                    n += 1
        return n


def test_scripted_trainee_gets_a_score_and_the_replay_is_untouched(
    demo_replay: Path, tmp_path: Path
) -> None:
    before = sha(demo_replay)
    h = Harness(demo_replay, tmp_path / "kim.training.sqlite")
    sent = h.run(4 * 3600)
    assert sent >= 5
    # Calls came in as exercise; the recorded dispatches did not.
    calls = [i for i in h.state.incidents.values() if i.id in h.player.filter.calls]  # type: ignore[union-attr]
    assert calls and all(i.exercise for i in calls)
    untouched = [i for i in calls if not i.assigned_units and i.status != Status.RESOLVED]
    assert any(i.status == Status.REGISTERED for i in untouched)
    dispatched = [i for i in calls if i.status in (Status.DISPATCHED, Status.RESOLVED)]
    assert dispatched
    # Simulated crews finish after as long as the recorded crews took, and come back into service.
    resolved = [i for i in calls if i.status == Status.RESOLVED]
    assert resolved
    crews = [e for e in h.log.events() if e.actor == "kim-crews"]
    assert crews
    back = {e.body.unit_id for e in crews if isinstance(e.body, ev.UnitReleased)}
    assert back and all(h.state.units[u].incident_id not in {i.id for i in resolved} for u in back)
    for e in h.log.events():
        assert e.exercise and e.workstation == "training"
    # A call dispatched before its recorded registration came in stays dispatched.
    for e in h.log.events():
        if isinstance(e.body, ev.UnitAssigned):
            assert h.state.incidents[e.body.incident_id].status != Status.REGISTERED
    # A refused command is logged with its reason.
    some = calls[0]
    h.gateway.submit(c.AssignUnits(incident_id=some.id, unit_ids=["NO-SUCH-UNIT"]))
    assert h.refusals and h.refusals[-1][1] == "unknown_id"
    cmds = h.log.commands()
    assert cmds[-1]["result"] == "refused" and "NO-SUCH-UNIT" in cmds[-1]["message"]
    h.gateway.close()
    h.player.close()

    score = score_training(tmp_path / "kim.training.sqlite")
    assert 0 <= score["total"] <= 100
    rows = score["calls"]
    assert len(rows) == len(calls)
    mine = [r for r in rows if r["trainee_dispatch_s"] is not None]
    assert len(mine) == sent
    for r in rows:
        if r["trainee_dispatch_s"] is None:
            assert r["score"] == 0
        else:
            assert r["trainee_dispatch_s"] >= 0 and r["trainee_units"]
            assert r["real_units"]  # what really happened is known for every call
            assert r["score"] > 0
    assert score["total"] == pytest.approx(sum(r["score"] for r in rows) / len(rows), abs=0.05)
    assert score["summary"]["dispatched"] == sent
    assert f"Dispatched {sent} of {len(rows)} calls" in score["summary"]["text"]
    assert score["warnings"] == []
    assert sha(demo_replay) == before  # the source replay was never written


def test_score_cli_prints_json(
    demo_replay: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    h = Harness(demo_replay, tmp_path / "t.sqlite", start_frac=0.1)
    h.run(3600, every=1)
    h.gateway.close()
    h.player.close()
    assert cli(["score", str(tmp_path / "t.sqlite")]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["trainee"] == "kim" and out["calls"]
    assert out["summary"]["dispatched"] >= 1
    assert cli(["score", str(tmp_path / "missing.sqlite")]) == 1


def test_slow_trainee_scores_lower_than_fast_one(demo_replay: Path, tmp_path: Path) -> None:
    """Same calls, same units; one trainee dispatches at once, the other ten minutes late."""
    totals = []
    for delay in (0.0, 600.0):
        h = Harness(demo_replay, tmp_path / f"d{int(delay)}.sqlite", start_frac=0.2)
        queue: list[tuple[float, str]] = []
        seen: set[str] = set()
        end = h.player.clock + 2 * 3600
        while h.player.clock < end:
            h.state.apply_all(h.player.advance_to(h.player.clock + 15))
            h.gateway.tick(h.player.clock)
            for inc in pending_calls(h.state):
                if inc.id not in seen:
                    seen.add(inc.id)
                    queue.append((inc.created_at + delay, inc.id))
            for due, inc_id in [q for q in queue if q[0] <= h.player.clock]:
                queue.remove((due, inc_id))
                inc = h.state.incidents[inc_id]
                units = choose_units(h.state, inc)
                if units:
                    h.gateway.submit(c.AssignUnits(incident_id=inc_id, unit_ids=units))
        h.gateway.close()
        h.player.close()
        totals.append(score_training(tmp_path / f"d{int(delay)}.sqlite")["total"])
    assert totals[0] > totals[1]


def test_training_filter_keeps_earlier_calls_running(demo_replay: Path) -> None:
    """Calls from before the session still get their recorded crews back into service."""
    player = ReplayPlayer(demo_replay)
    start = player.start + 0.5 * (player.end - player.start)
    st = player.seek(start)
    busy_before = {u.id for u in st.units.values() if u.incident_id}
    player.filter = TrainingFilter()
    passed = player.advance_to(start + 3 * 3600)
    st.apply_all(passed)
    assert busy_before
    back = {u.id for u in st.units.values() if u.id in busy_before and not u.incident_id}
    assert back  # recorded crews of earlier calls became available
    assert not any(
        isinstance(e.body, ev.UnitAssigned) and e.body.incident_id in player.filter.calls
        for e in passed
    )  # type: ignore[union-attr]
    player.close()
