"""Inspectors' rounds through the one command runner: who sets and ticks them, the radius the
server checks, the fix time, the rate limit and the bounded track; the state survives a snapshot
and the server's and the desk's stores."""

from __future__ import annotations

import itertools
from pathlib import Path

import msgspec
import pytest

from app.domain import events as ev
from app.domain import rounds as r
from app.domain.commands import CommandError
from app.domain.geo import haversine_m
from app.domain.model import Role, User
from app.domain.runner import CommandRunner
from app.domain.state import Changes, CityState

SUP = User(username="sam", display_name="Sam", role=Role.SUPERVISOR)
ADMIN = User(username="root", display_name="Root", role=Role.ADMIN)
DISP = User(username="dana", display_name="Dana", role=Role.DISPATCHER)
INSP1 = User(username="insp1", display_name="Ines", role=Role.INSPECTOR, agency="C1,C2")
INSP2 = User(username="insp2", display_name="Ivo", role=Role.INSPECTOR, agency="C3")
T0 = 1_795_000_000.0  # 2026-11-18 03:06 in San Francisco (the default calendar's zone)
CITY_HALL = (37.77927, -122.41924)
_seq = itertools.count(1)


def day_of(t: float) -> str:
    return r.local_day(CityState().rules(), t)


DAY = day_of(T0)


def run(st: CityState, user: User, cmd: object, t: float = T0) -> list[ev.EventBody]:
    bodies = CommandRunner().run(st, user, cmd, t)  # type: ignore[arg-type]
    st.apply_all(ev.Event(seq=next(_seq), time=t, actor=user.username, body=b) for b in bodies)
    return bodies


def refused(st: CityState, user: User, cmd: object, t: float = T0) -> CommandError:
    with pytest.raises(CommandError) as info:
        CommandRunner().run(st, user, cmd, t)  # type: ignore[arg-type]
    return info.value


def round_cmd(inspector: str = "insp1", day: str = DAY) -> r.SetRound:
    return r.SetRound(
        inspector=inspector,
        day=day,
        cells=["C1"],
        checkpoints=[
            r.Checkpoint(id="hall", name="City Hall", lat=CITY_HALL[0], lon=CITY_HALL[1]),
            r.Checkpoint(id="lib", name="Main Library", lat=37.77905, lon=-122.41575, radius_m=30),
        ],
    )


def tick(cp: str = "hall", pos: tuple[float, float] = CITY_HALL, **kw: object) -> r.TickCheckpoint:
    fields: dict[str, object] = {"inspector": "insp1", "day": DAY, "checkpoint_id": cp}
    fields.update({"lat": pos[0], "lon": pos[1], "at": T0 - 5})
    fields.update(kw)
    return r.TickCheckpoint(**fields)  # type: ignore[arg-type]


def test_supervisor_sets_a_round_and_the_inspector_ticks_it_by_position() -> None:
    st = CityState()
    (body,) = run(st, SUP, round_cmd())
    assert isinstance(body, r.RoundSet) and body.round.set_by == "sam"
    assert st.rounds[f"insp1/{DAY}"].progress() == (0, 2)
    near = (CITY_HALL[0] + 0.0003, CITY_HALL[1])  # about 33 m north: inside the 50 m radius
    (ticked,) = run(st, INSP1, tick(pos=near))
    assert isinstance(ticked, r.CheckpointTicked)
    assert ticked.tick.distance_m == pytest.approx(haversine_m(*near, *CITY_HALL), abs=0.1)
    assert st.rounds[f"insp1/{DAY}"].progress() == (1, 2)
    assert refused(st, INSP1, tick(pos=near)).code == "no_change"  # once only


def test_a_position_outside_the_radius_is_refused_by_the_rule() -> None:
    st = CityState()
    run(st, SUP, round_cmd())
    far = (CITY_HALL[0] + 0.0006, CITY_HALL[1])  # about 67 m: outside 50 m
    err = refused(st, INSP1, tick(pos=far))
    assert err.code == "out_of_range" and err.details["distance_m"] > 50
    assert "67 m away" in err.message
    assert st.rounds[f"insp1/{DAY}"].ticks == {}


def test_an_inspector_cannot_tick_another_inspectors_round() -> None:
    st = CityState()
    run(st, SUP, round_cmd())
    err = refused(st, INSP2, tick())
    assert err.code == "forbidden" and "own round" in err.message
    # nor can a supervisor tick it for them: the tick is the phone's proof of presence
    assert refused(st, SUP, tick()).code == "forbidden"


def test_who_may_set_a_round() -> None:
    st = CityState()
    run(st, ADMIN, round_cmd("insp2"))
    for user in (DISP, INSP1):
        err = refused(st, user, round_cmd())
        assert err.code == "forbidden" and "supervisor" in err.message


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"day": "2026-13-01"}, "invalid_payload"),
        ({"day": "tomorrow"}, "invalid_payload"),
        ({"inspector": " "}, "invalid_payload"),
        ({"cells": [f"X{i}" for i in range(65)]}, "invalid_payload"),
    ],
)
def test_bad_rounds_are_refused_with_a_reason(change: dict[str, object], code: str) -> None:
    cmd = msgspec.structs.replace(round_cmd(), **change)
    assert refused(CityState(), SUP, cmd).code == code


def test_bad_checkpoints_are_refused() -> None:
    base = round_cmd()
    hall = base.checkpoints[0]
    for cp, words in (
        ([hall, hall], "twice"),
        ([msgspec.structs.replace(hall, radius_m=1.0)], "radius"),
        ([msgspec.structs.replace(hall, radius_m=float("nan"))], "radius"),
        ([msgspec.structs.replace(hall, lat=95.0)], "not valid"),
        ([msgspec.structs.replace(hall, name=" ")], "name"),
        ([msgspec.structs.replace(hall, id="a b")], "letters"),
    ):
        err = refused(CityState(), SUP, msgspec.structs.replace(base, checkpoints=cp))
        assert words in err.message, err.message


def test_tick_rules_on_round_day_and_fix_time() -> None:
    st = CityState()
    run(st, SUP, round_cmd())
    assert refused(st, INSP1, tick(cp="nope")).code == "unknown_id"
    assert refused(st, INSP1, tick(day="2020-01-01")).code == "unknown_id"
    assert "future" in refused(st, INSP1, tick(at=T0 + 3600)).message
    # a fix from the evening before (the round is for its own day only)
    err = refused(st, INSP1, tick(at=T0 - 4 * 3600))
    assert err.code == "invalid_payload" and "round's day" in err.message


def test_a_new_round_keeps_ticks_of_the_checkpoints_it_keeps() -> None:
    st = CityState()
    run(st, SUP, round_cmd())
    run(st, INSP1, tick())
    changed = msgspec.structs.replace(round_cmd(), checkpoints=round_cmd().checkpoints[:1])
    run(st, SUP, changed)
    assert st.rounds[f"insp1/{DAY}"].progress() == (1, 1)
    run(st, SUP, msgspec.structs.replace(round_cmd(), checkpoints=[], cells=[]))
    assert f"insp1/{DAY}" not in st.rounds  # an empty round clears the day


def fix(at: float, on_duty: bool = True, lat: float = CITY_HALL[0]) -> r.ReportPosition:
    return r.ReportPosition(lat=lat, lon=CITY_HALL[1], at=at, accuracy_m=8.0, on_duty=on_duty)


def test_positions_are_rate_limited_and_the_track_is_bounded() -> None:
    st = CityState()
    t = T0 - 11 * 3600
    (body,) = run(st, INSP1, fix(t), t)
    assert isinstance(body, r.InspectorPositioned) and body.cells == ["C1", "C2"]
    status = st.inspectors["insp1"]
    assert status.on_duty and status.duty_since == t and status.display_name == "Ines"
    err = refused(st, INSP1, fix(t + 5), t + 5)
    assert err.code == "too_soon" and err.details["retry_after_s"] == pytest.approx(15)
    assert refused(st, INSP1, fix(t - 60), t).code == "stale"
    for i in range(1, r.MAX_TRACK + 20):
        run(st, INSP1, fix(t + 60 * i, lat=CITY_HALL[0] + i * 1e-5), t + 60 * i)
    track = st.inspectors["insp1"].track
    assert len(track) == r.MAX_TRACK and track[-1].at == t + 60 * (r.MAX_TRACK + 19)
    # going off duty is never too soon, and ends the spell; back on duty starts a new track
    last = track[-1].at
    run(st, INSP1, fix(last + 1, on_duty=False), last + 1)
    assert not st.inspectors["insp1"].on_duty
    run(st, INSP1, fix(last + 2), last + 2)
    assert len(st.inspectors["insp1"].track) == 1


def test_only_inspectors_report_positions() -> None:
    st = CityState()
    assert refused(st, DISP, fix(T0)).code == "forbidden"
    assert refused(st, INSP1, fix(T0, on_duty=False)).code == "no_change"
    assert "12 hours" in refused(st, INSP1, fix(T0 - 13 * 3600)).message


def test_rounds_travel_in_snapshots_and_desk_caches(tmp_path: Path) -> None:
    from app.sync.cache import LocalCache

    st = CityState()
    run(st, SUP, round_cmd())
    run(st, INSP1, tick())
    run(st, INSP1, fix(T0))
    copy = st.copy()
    assert copy.rounds == st.rounds and copy.inspectors == st.inspectors
    cache = LocalCache(tmp_path / "desk.db")
    cache.save_state(st)
    loaded = cache.load_state()
    assert loaded is not None and loaded.rounds == st.rounds
    bodies = run(st, INSP1, fix(T0 + 60), T0 + 60)
    ch = Changes(inspectors={"insp1"})
    cache.save_changes(st, ch)
    again = cache.load_state()
    assert again is not None and again.inspectors["insp1"].position_at == T0 + 60
    assert bodies and not Changes()
