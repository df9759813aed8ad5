"""Returned cases and arbitration; escalation notices that reach the right people only."""

from __future__ import annotations

import itertools

import pytest

from app.domain import commands as c
from app.domain import events as ev
from app.domain.accountability import dispute_counts, is_recipient, pending_notices
from app.domain.commands import CommandError
from app.domain.model import Agency, Role, Stage, Status, Unit, User
from app.domain.runner import CommandRunner
from app.domain.state import CityState
from app.server.deadline_watch import deadline_alerts

SUP = User(username="sam", display_name="Sam", role=Role.SUPERVISOR)
DISP = User(username="dana", display_name="Dana", role=Role.DISPATCHER)
SAN = User(username="sandy", display_name="Sandy", role=Role.LIAISON, agency="sanitation")
WATER = User(username="wes", display_name="Wes", role=Role.LIAISON, agency="water")
HEAD = User(username="hal", display_name="Hal", role=Role.LIAISON, agency="sanitation")
T0 = 1_795_000_000.0
_seq = itertools.count(1)


def city() -> CityState:
    st = CityState()
    bodies: list[ev.EventBody] = [
        ev.AgencyUpserted(agency=Agency(id="sanitation", name="Sanitation", head="hal")),
        ev.AgencyUpserted(agency=Agency(id="water", name="Water")),
        ev.UnitUpserted(unit=Unit(id="S1", agency="sanitation", type="truck")),
        ev.UnitUpserted(unit=Unit(id="W1", agency="water", type="van")),
    ]
    st.apply_all(ev.Event(seq=next(_seq), time=0.0, actor="system", body=b) for b in bodies)
    return st


def run(st: CityState, user: User, cmd: object, t: float = T0) -> list[ev.EventBody]:
    bodies = CommandRunner().run(st, user, cmd, t)  # type: ignore[arg-type]
    st.apply_all(ev.Event(seq=next(_seq), time=t, actor=user.username, body=b) for b in bodies)
    return bodies


def dispatched_case(st: CityState) -> str:
    run(
        st,
        DISP,
        c.CreateIncident(
            incident_id="inc-1",
            category="event.pipe_burst",
            lat=37.76,
            lon=-122.42,
            address="2300 Mission St",
            description="water in the street",
            department="sanitation",
        ),
    )
    run(st, DISP, c.AssignUnits(incident_id="inc-1", unit_ids=["S1"]))
    assert st.incidents["inc-1"].status == Status.DISPATCHED
    return "inc-1"


def test_a_return_upheld_moves_the_case_and_counts_as_a_wrong_dispatch() -> None:
    st = city()
    inc = dispatched_case(st)
    with pytest.raises(CommandError) as err:
        run(st, WATER, c.ReturnCase(incident_id=inc, kind="not_ours", reason="x"))
    assert err.value.code == "forbidden"
    with pytest.raises(CommandError) as err:
        run(st, SAN, c.ReturnCase(incident_id=inc, kind="not_ours"))
    assert err.value.code == "text_required"
    run(
        st,
        SAN,
        c.ReturnCase(
            incident_id=inc, kind="needs_other", reason="a water main", suggested_department="water"
        ),
    )
    d = st.incidents[inc].open_dispute()
    assert d is not None and d.from_agency == "sanitation" and d.due is not None
    with pytest.raises(CommandError) as err:
        run(st, SAN, c.ReturnCase(incident_id=inc, kind="not_ours", reason="again"))
    assert err.value.code == "no_change"
    with pytest.raises(CommandError) as err:
        run(st, DISP, c.ArbitrateCase(incident_id=inc, department="water", reason="main"))
    assert err.value.code == "forbidden"
    run(st, SUP, c.ArbitrateCase(incident_id=inc, department="water", reason="it is a main"))
    after = st.incidents[inc]
    assert after.department == "water" and after.status == Status.REGISTERED
    assert after.assigned_units == [] and st.units["S1"].incident_id == ""
    assert Stage.HANDLE.value not in after.clocks
    assert after.clocks[Stage.DISPATCH.value].started == T0
    assert after.disputes[0].state == "upheld" and after.disputes[0].decided_by == "sam"
    counts, wrong = dispute_counts(st.incidents.values())
    assert wrong == 1 and counts["sanitation"].upheld == 1 and counts["sanitation"].rejected == 0


def test_a_return_rejected_stays_with_the_department_and_counts_against_it() -> None:
    st = city()
    inc = dispatched_case(st)
    run(st, DISP, c.ReturnCase(incident_id=inc, kind="wrong_place", reason="not this street"))
    run(st, SUP, c.ArbitrateCase(incident_id=inc, department="sanitation", reason="it is"))
    after = st.incidents[inc]
    assert after.department == "sanitation" and after.status == Status.DISPATCHED
    assert after.assigned_units == ["S1"]
    counts, wrong = dispute_counts(st.incidents.values())
    assert wrong == 0 and counts["sanitation"].rejected == 1


def test_escalation_notices_reach_the_named_people_and_are_acknowledged() -> None:
    st = city()
    inc_id = dispatched_case(st)
    inc = st.incidents[inc_id]
    handle = inc.clocks[Stage.HANDLE.value]
    assert handle.due is not None
    limit_s = handle.due - T0  # a wall-clock category: the limit in real seconds
    version = inc.version
    seen: dict[int, list[str]] = {}
    for level, at in (
        (1, handle.due - 0.1 * limit_s),
        (2, handle.due + 60),
        (3, handle.due + limit_s),
    ):
        bodies = deadline_alerts(st, at)
        notes = [b for b in bodies if isinstance(b, ev.EscalationNoticed)]
        assert [n.notice.level for n in notes] == [level]
        st.apply_all(ev.Event(seq=next(_seq), time=at, actor="system", body=b) for b in bodies)
        seen[level] = notes[0].notice.recipients
        assert deadline_alerts(st, at) == []  # told once per level
    assert seen == {
        1: ["role:supervisor"],
        2: ["role:supervisor", "agency:sanitation"],
        3: ["role:supervisor", "agency:sanitation", "user:hal"],
    }
    after = st.incidents[inc_id]
    assert after.version == version  # bookkeeping: an operator's command stays valid
    assert [n.level for n in pending_notices(after, SUP)] == [1, 2, 3]
    assert [n.level for n in pending_notices(after, SAN)] == [2, 3]
    assert pending_notices(after, WATER) == [] and pending_notices(after, DISP) == []
    assert is_recipient(HEAD, after.escalations[2])
    with pytest.raises(CommandError) as err:
        run(st, WATER, c.AcknowledgeEscalation(incident_id=inc_id, stage="handle", level=2))
    assert err.value.code == "forbidden"
    run(st, SAN, c.AcknowledgeEscalation(incident_id=inc_id, stage="handle", level=2))
    n2 = st.incidents[inc_id].escalations[1]
    assert n2.acknowledged_by == "sandy" and n2.acknowledged_at == T0
    assert [n.level for n in pending_notices(st.incidents[inc_id], SUP)] == [1, 3]


def test_the_evaluation_report_counts_returns_and_their_outcome() -> None:
    from app.evaluation.report import build_report
    from app.evaluation.tracker import EvaluationTracker

    st = city()
    inc = dispatched_case(st)
    run(st, SAN, c.ReturnCase(incident_id=inc, kind="needs_other", reason="a water main"))
    run(st, SUP, c.ArbitrateCase(incident_id=inc, department="water", reason="it is a main"))
    tracker = EvaluationTracker(st)
    tracker.rebuild()
    out = build_report(tracker, T0 + 3600)["disputes"]
    assert out["centre_wrong_dispatches"] == 1
    assert out["by_department"] == {
        "sanitation": {"returns": 1, "upheld": 1, "rejected": 0, "open": 0}
    }
