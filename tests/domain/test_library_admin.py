"""The library as data: a category change is a new library version that applies to cases opened
after it, on every desk and in replays; running cases keep theirs."""

from __future__ import annotations

import itertools

import msgspec
import pytest

from app.domain import commands as c
from app.domain import events as ev
from app.domain.commands import CommandError
from app.domain.library import default_library
from app.domain.model import Agency, Role, Stage, Unit, User
from app.domain.runner import CommandRunner
from app.domain.state import CityState, Snapshot

ADMIN = User(username="ada", display_name="Ada", role=Role.ADMIN)
SUP = User(username="sam", display_name="Sam", role=Role.SUPERVISOR)
T0 = 1_795_000_000.0
_seq = itertools.count(1)


def city() -> CityState:
    st = CityState()
    bodies: list[ev.EventBody] = [
        ev.AgencyUpserted(agency=Agency(id="water", name="Water")),
        ev.UnitUpserted(unit=Unit(id="W1", agency="water", type="crew")),
        ev.UnitUpserted(unit=Unit(id="W2", agency="water", type="crew")),
    ]
    st.apply_all(ev.Event(seq=next(_seq), time=0.0, actor="system", body=b) for b in bodies)
    return st


def run(st: CityState, user: User, cmd: object, t: float) -> list[ev.EventBody]:
    bodies = CommandRunner().run(st, user, cmd, t)  # type: ignore[arg-type]
    st.apply_all(ev.Event(seq=next(_seq), time=t, actor=user.username, body=b) for b in bodies)
    return bodies


def create(st: CityState, iid: str, t: float) -> None:
    run(
        st,
        SUP,
        c.CreateIncident(
            incident_id=iid,
            category="event.pipe_burst",
            lat=37.76,
            lon=-122.42,
            address="2300 Mission St",
            description="water in the street",
            department="water",
            register=True,
        ),
        t,
    )


def test_a_changed_limit_applies_to_cases_opened_after_it() -> None:
    st = city()
    old_cat = default_library().get("event.pipe_burst")
    create(st, "before", T0)
    new_cat = msgspec.structs.replace(
        old_cat, limits=msgspec.structs.replace(old_cat.limits, handle=old_cat.limits.handle * 2)
    )
    with pytest.raises(CommandError) as err:
        run(st, SUP, c.SetCategory(category=new_cat), T0 + 60)
    assert err.value.code == "forbidden"
    (loaded,) = run(st, ADMIN, c.SetCategory(category=new_cat), T0 + 60)
    assert (
        isinstance(loaded, ev.LibraryLoaded)
        and loaded.version != st.incidents["before"].library_version
    )
    create(st, "after", T0 + 120)
    assert st.incidents["after"].library_version == st.library_version
    # A desk that starts from a snapshot decides the same way (the old version travels too).
    desk = CityState.from_snapshot(
        msgspec.msgpack.decode(msgspec.msgpack.encode(st.snapshot()), type=Snapshot)
    )
    for state in (st, desk):
        t = T0 + 600
        run(state, SUP, c.AssignUnits(incident_id="before", unit_ids=["W1"]), t)
        run(state, SUP, c.AssignUnits(incident_id="after", unit_ids=["W2"]), t)
        before = state.incidents["before"].clocks[Stage.HANDLE.value]
        after = state.incidents["after"].clocks[Stage.HANDLE.value]
        assert before.due is not None and after.due is not None
        assert after.due - after.started == 2 * (before.due - before.started)  # type: ignore[operator]


def test_bad_category_changes_are_refused_with_a_reason() -> None:
    st = city()
    cat = default_library().get("event.pipe_burst")
    cases = [
        (msgspec.structs.replace(cat, default_priority=9), "invalid_payload"),
        (
            msgspec.structs.replace(cat, limits=msgspec.structs.replace(cat.limits, verify=0)),
            "invalid_payload",
        ),
        (msgspec.structs.replace(cat, department="nowhere"), "unknown_id"),
        (msgspec.structs.replace(cat, required_fields=["password"]), "invalid_payload"),
        (msgspec.structs.replace(cat, escalation={"2": ["everyone"]}), "invalid_payload"),
        (msgspec.structs.replace(cat, code="has space"), "invalid_payload"),
        (cat, "no_change"),
    ]
    for bad, code in cases:
        with pytest.raises(CommandError) as err:
            run(st, ADMIN, c.SetCategory(category=bad), T0)
        assert err.value.code == code, bad
