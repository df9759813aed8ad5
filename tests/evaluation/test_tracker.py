"""The 100-point scheme and the rates, on hand-made cases; undefined stays undefined."""

from __future__ import annotations

from app.domain.model import Incident, IncidentKind, Location, SourceChannel, StageClock, Status
from app.domain.state import CityState
from app.evaluation.tracker import EvaluationTracker


def case(
    n: int,
    dep: str,
    status: Status,
    *,
    done: float | None = None,
    due: float = 100.0,
    rework: int = 0,
    ext: int = 0,
) -> Incident:
    clocks = {"handle": StageClock(started=0.0, due=due, done=done)}
    return Incident(
        id=f"i{n}",
        number=f"2026-{n:06d}",
        kind=IncidentKind.URBAN,
        category="event.exposed_garbage",
        priority=3,
        status=status,
        location=Location(lat=37.7, lon=-122.4, grid_cell="G-01-02", neighbourhood="Mission"),
        source=SourceChannel.INSPECTOR,
        department=dep,
        clocks=clocks,
        rework_count=rework,
        extension_count=ext,
        created_at=float(n),
    )


def tracker_of(incidents: list[Incident], **kw: object) -> EvaluationTracker:
    st = CityState()
    st.incidents = {i.id: i for i in incidents}
    t = EvaluationTracker(st, **kw)  # type: ignore[arg-type]
    t.rebuild()
    return t


def test_scores_follow_the_scheme() -> None:
    incidents = [
        case(1, "sanitation", Status.CLOSED, done=50),  # on time
        case(2, "sanitation", Status.VERIFIED, done=150),  # late
        case(3, "sanitation", Status.RESOLVED, done=60, rework=1),  # on time, reworked
        case(4, "sanitation", Status.DISPATCHED),  # open, overdue at now=200
        case(5, "sanitation", Status.CANCELLED),  # not theirs
        case(6, "water", Status.CLOSED, done=10, ext=1),
    ]
    t = tracker_of(incidents)
    scores = t.breakdown("department", now=200.0)
    san = scores["sanitation"]
    assert (san.incidents, san.cases, san.handled, san.overdue_pending) == (5, 4, 3, 1)
    assert san.on_time_rate == 2 / 3 and san.rework_rate == 1 / 3
    expected = 30 * 3 / 4 + 20 * 2 / 3 + 20 * (1 - 1 / 3) + 20 * (1 - 1 / 4) + 10 * 1.0
    assert san.score is not None and abs(san.score - expected) < 1e-9
    water = scores["water"]
    assert water.extension_rate == 1.0 and water.score is not None
    assert abs(water.score - 90.0) < 1e-9
    # The same cases by grid cell and by source: one group each, the whole.
    assert t.breakdown("cell", 200.0)["G-01-02"].cases == 5
    assert t.breakdown("source", 200.0)["inspector"].handled == 4
    assert t.ids("department", "water") == {"i6"}


def test_weights_are_the_tracker_s() -> None:
    t = tracker_of([case(1, "water", Status.CLOSED, done=10)], weights={"handling": 100.0})
    (water,) = t.breakdown("department", 20.0).values()
    assert water.score == 100.0  # only the handling term weighs


def test_nothing_handled_is_undefined_not_fifty() -> None:
    t = tracker_of([case(1, "power", Status.DISPATCHED, due=1e12)])
    power = t.breakdown("department", now=10.0)["power"]
    assert power.cases == 1 and power.handled == 0
    assert power.handling_rate == 0.0  # defined: one case, none handled
    assert power.on_time_rate is None and power.rework_rate is None
    assert power.score is None  # it was 50.0
    assert tracker_of([]).overall(0.0).score is None


def test_period_window() -> None:
    incidents = [case(1, "power", Status.CLOSED, done=1), case(50, "power", Status.DISPATCHED)]
    t = tracker_of(incidents, since=10.0)
    only = t.breakdown("department", now=10.0)["power"]
    assert only.cases == 1 and only.handled == 0
