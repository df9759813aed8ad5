"""Property tests of the closed-loop state machine driven through decide() and the reducer."""

from __future__ import annotations

import itertools

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain import commands as c
from app.domain import events as ev
from app.domain.library import default_library
from app.domain.model import (
    FINAL_STATUSES,
    Agency,
    Role,
    Status,
    Unit,
    UnitStatus,
    User,
)
from app.domain.runner import CommandRunner
from app.domain.state import CityState
from app.domain.workflow import ACTIONS, available_actions

LIB = default_library()
DISPATCHER = User(username="dana", display_name="Dana", role=Role.DISPATCHER)
# The workflow properties are about states, not roles: a supervisor may run every command.
SUPERVISOR = User(username="sam", display_name="Sam", role=Role.SUPERVISOR)
UNITS = ["E1", "E2", "M1"]
_ids = itertools.count(1)


def fresh_state() -> tuple[CityState, itertools.count[int]]:
    state = CityState()
    seq = itertools.count(1)
    for aid in ("fire", "medical", "sanitation", "police", "water"):
        state.apply(
            ev.Event(
                seq=next(seq),
                time=0,
                actor="seed",
                body=ev.AgencyUpserted(agency=Agency(id=aid, name=aid)),
            )
        )
    for uid in UNITS:
        unit = Unit(id=uid, agency="fire" if uid[0] == "E" else "medical", type="engine")
        state.apply(ev.Event(seq=next(seq), time=0, actor="seed", body=ev.UnitUpserted(unit=unit)))
    return state, seq


def run(
    state: CityState, seq: itertools.count[int], body: msgspec.Struct, now: float
) -> list[ev.EventBody]:
    runner = CommandRunner(new_id=lambda: f"id{next(_ids)}")
    bodies = runner.run(state, SUPERVISOR, body, now)
    for b in bodies:
        state.apply(ev.Event(seq=next(seq), time=now, actor=SUPERVISOR.username, body=b))
    return bodies


def create(state: CityState, seq: itertools.count[int], code: str = "fire.structure") -> str:
    bodies = run(
        state,
        seq,
        c.CreateIncident(
            category=code, lat=37.78, lon=-122.41, address="Market St & 5th St", description="x"
        ),
        100.0,
    )
    first = bodies[0]
    assert isinstance(first, ev.IncidentCreated)
    return first.incident.id


def test_full_loop_and_rework() -> None:
    state, seq = fresh_state()
    iid = create(state, seq)
    assert state.incidents[iid].number.endswith("-000001")
    run(state, seq, c.AssignUnits(incident_id=iid, unit_ids=["E1", "M1"]), 110)
    inc = state.incidents[iid]
    assert inc.status == Status.DISPATCHED
    assert state.units["E1"].status == UnitStatus.DISPATCHED
    run(state, seq, c.SetUnitStatus(unit_id="E1", status=UnitStatus.ON_SCENE), 200)
    assert state.incidents[iid].status == Status.IN_PROGRESS
    run(state, seq, c.Transition(incident_id=iid, action="resolve", reason="fire out"), 300)
    run(
        state,
        seq,
        c.Transition(incident_id=iid, action="fail_verification", reason="still smoking"),
        310,
    )
    inc = state.incidents[iid]
    assert inc.status == Status.DISPATCHED and inc.rework_count == 1
    run(state, seq, c.Transition(incident_id=iid, action="resolve", reason="done"), 320)
    run(state, seq, c.Transition(incident_id=iid, action="verify"), 330)
    run(state, seq, c.Transition(incident_id=iid, action="close"), 340)
    inc = state.incidents[iid]
    assert inc.status == Status.CLOSED
    assert inc.assigned_units == []
    assert state.units["E1"].incident_id == ""
    assert inc.clocks["register"].done is not None and inc.clocks["verify"].done == 330


def test_second_dispatcher_conflict_names_holder() -> None:
    state, seq = fresh_state()
    a = create(state, seq)
    b = create(state, seq)
    run(state, seq, c.AssignUnits(incident_id=a, unit_ids=["E2"]), 120)
    with pytest.raises(c.CommandError) as err:
        run(state, seq, c.AssignUnits(incident_id=b, unit_ids=["E2"]), 121)
    assert err.value.code == "conflict"
    assert state.incidents[a].number in err.value.message and "sam" in err.value.message


def test_invalid_transition_reason_is_readable() -> None:
    state, seq = fresh_state()
    iid = create(state, seq)
    with pytest.raises(c.CommandError) as err:
        run(state, seq, c.Transition(incident_id=iid, action="close"), 101)
    assert err.value.code == "invalid_transition"
    assert "Close is not possible" in err.value.message and "reported" in err.value.message
    reasons = available_actions(state.incidents[iid])
    assert reasons["register"] == "" and reasons["close"]


ACTION_NAMES = sorted(ACTIONS)
command_strategy = st.one_of(
    st.tuples(st.just("transition"), st.sampled_from(ACTION_NAMES), st.sampled_from(["", "why"])),
    st.tuples(st.just("assign"), st.sampled_from(UNITS), st.just("")),
    st.tuples(
        st.just("unit"),
        st.sampled_from(UNITS),
        st.sampled_from([s.value for s in UnitStatus]),
    ),
    st.tuples(st.just("release"), st.sampled_from(UNITS), st.just("")),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 1), command_strategy), max_size=30))
def test_no_sequence_reaches_an_invalid_state(
    steps: list[tuple[int, tuple[str, str, str]]],
) -> None:
    state, seq = fresh_state()
    ids = [create(state, seq), create(state, seq, "comp.manhole_sewer")]
    reworks = {i: 0 for i in ids}
    now = 1000.0
    for which, (kind, arg, extra) in steps:
        now += 7
        iid = ids[which]
        body: msgspec.Struct
        if kind == "transition":
            body = c.Transition(incident_id=iid, action=arg, reason=extra)
        elif kind == "assign":
            body = c.AssignUnits(incident_id=iid, unit_ids=[arg])
        elif kind == "unit":
            body = c.SetUnitStatus(unit_id=arg, status=UnitStatus(extra))
        else:
            body = c.ReleaseUnit(incident_id=iid, unit_id=arg)
        before = state.incidents[iid].status
        try:
            bodies = run(state, seq, body, now)
        except c.CommandError as exc:
            assert exc.code and exc.message.strip(), "every refusal carries a readable reason"
            continue
        for b in bodies:
            if isinstance(b, ev.IncidentTransitioned) and ACTIONS[b.action].rework:
                reworks[b.incident_id] += 1
        assert bodies, "an accepted command records at least one event"
        if kind == "transition":
            assert state.incidents[iid].status == ACTIONS[arg].target
            assert before in ACTIONS[arg].sources
    for iid in ids:
        inc = state.incidents[iid]
        assert inc.status in set(Status)
        assert inc.rework_count == reworks[iid]
        for uid in inc.assigned_units:
            assert state.units[uid].incident_id == iid
        if inc.status in FINAL_STATUSES:
            assert inc.assigned_units == []
    for unit in state.units.values():
        if unit.incident_id:
            assert unit.id in state.incidents[unit.incident_id].assigned_units


def test_deadline_suspend_resume_and_extension_move_the_due_time() -> None:
    state, seq = fresh_state()
    iid = create(state, seq)  # reported at 100; register clock: 1 wall-clock minute
    due0 = state.incidents[iid].clocks["register"].due
    assert due0 == 160.0
    run(state, seq, c.SuspendDeadline(incident_id=iid, reason="caller unreachable"), 130)
    assert state.incidents[iid].clocks["register"].suspended_at == 130
    with pytest.raises(c.CommandError, match="already suspended"):
        run(state, seq, c.SuspendDeadline(incident_id=iid, reason="again"), 131)
    run(state, seq, c.ResumeDeadline(incident_id=iid), 190)
    clk = state.incidents[iid].clocks["register"]
    assert clk.suspended_at is None and clk.due == 160.0 + 60.0  # the clock stood still 60 s
    run(state, seq, c.RequestExtension(incident_id=iid, minutes=10, reason="address unclear"), 200)
    assert state.incidents[iid].pending_extension is not None
    run(state, seq, c.DecideExtension(incident_id=iid, approve=False, reason="no"), 201)
    inc = state.incidents[iid]
    assert inc.pending_extension is None and inc.extension_count == 0
    assert inc.clocks["register"].due == 220.0
    run(state, seq, c.RequestExtension(incident_id=iid, minutes=10, reason="address unclear"), 202)
    run(state, seq, c.DecideExtension(incident_id=iid, approve=True), 203)
    inc = state.incidents[iid]
    assert inc.extension_count == 1 and inc.pending_extension is None
    assert inc.clocks["register"].due == 220.0 + 600.0
    assert inc.clocks["register"].extended_minutes == 10
