"""A training session as the console opens it: a call received before the start that the trainee
takes over is theirs (the recorded dispatch is withheld and kept for the score), the session
runs at 1x, and a pause is recorded and shown with the score."""

from __future__ import annotations

from pathlib import Path

from app.domain import commands as c
from app.domain import events as ev
from app.domain.model import Role, User
from app.replay.replayfile import ReplayFile
from app.replay.score import pause_text, score_training
from app.replay.session import open_replay
from app.store.store import Store
from tests.replay.conftest import choose_units

KIM = User(username="kim", display_name="Kim", role=Role.DISPATCHER)


def _late_call(replay: Path) -> tuple[str, float, float]:
    """A call whose recorded first dispatch came at least two minutes after it was received."""
    created: dict[str, float] = {}
    first: dict[str, float] = {}
    with ReplayFile(replay) as rf:
        for e in rf.iter_events(("incident_created", "unit_assigned")):
            if isinstance(e.body, ev.IncidentCreated):
                created[e.body.incident.id] = e.time
            elif isinstance(e.body, ev.UnitAssigned):
                first.setdefault(e.body.incident_id, e.time)
    for iid, t in sorted(created.items(), key=lambda kv: kv[1]):
        if iid in first and first[iid] - t >= 120 and t > min(created.values()) + 3600:
            return iid, t, first[iid]
    raise AssertionError("no call with a late first dispatch in the demo replay")


def test_a_call_taken_over_is_the_trainees_and_pauses_are_shown(
    qapp: object, demo_replay: Path, tmp_path: Path
) -> None:
    iid, received, recorded = _late_call(demo_replay)
    store = Store()
    start = received + 30  # the call is waiting when the session starts
    log_path = tmp_path / "kim.training.sqlite"
    s = open_replay(demo_replay, store, training=True, trainee=KIM, start=start, log_path=log_path)
    assert s.player.speed == 1.0
    assert s.gateway is not None
    inc = store.state.incidents[iid]
    units = choose_units(store.state, inc)
    assert units
    s.gateway.submit(c.AssignUnits(incident_id=iid, unit_ids=units))
    assert store.state.incidents[iid].assigned_units == units
    s.driver.play()
    s.driver.pause()  # a pause in a scored run is recorded...
    s.driver.play()
    s.driver.pause()
    s.driver.seek(recorded + 300)  # ...and the recorded dispatch of the call passes by
    assert store.state.incidents[iid].assigned_units[: len(units)] == units
    withheld = [u for u in store.state.incidents[iid].assigned_units if u not in units]
    assert withheld == []
    s.gateway.flush()
    score = score_training(log_path)
    rows = {r["incident_id"]: r for r in score["calls"]}
    assert iid in rows  # taken over before the start, scored all the same
    row = rows[iid]
    assert row["trainee_dispatch_s"] == start - received
    assert row["real_dispatch_s"] == recorded - received
    assert len(score["pauses"]) >= 1 and "paused" in pause_text(score)
    s.driver.stop()
    s.gateway.close()
