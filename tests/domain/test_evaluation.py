"""Department evaluation on the 100-point scheme."""

from __future__ import annotations

from app.domain.evaluation import evaluate
from app.domain.model import Incident, IncidentKind, Location, SourceChannel, StageClock, Status


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
        location=Location(lat=37.7, lon=-122.4),
        source=SourceChannel.INSPECTOR,
        department=dep,
        clocks=clocks,
        rework_count=rework,
        extension_count=ext,
        created_at=float(n),
    )


def test_scores_follow_the_scheme() -> None:
    incidents = [
        case(1, "sanitation", Status.CLOSED, done=50),  # on time
        case(2, "sanitation", Status.VERIFIED, done=150),  # late
        case(3, "sanitation", Status.RESOLVED, done=60, rework=1),  # on time, reworked
        case(4, "sanitation", Status.DISPATCHED),  # open, overdue at now=200
        case(5, "sanitation", Status.CANCELLED),  # not theirs
        case(6, "water", Status.CLOSED, done=10, ext=1),
    ]
    scores = {s.department: s for s in evaluate(incidents, now=200.0)}
    san = scores["sanitation"]
    assert (san.cases, san.handled, san.on_time, san.rework, san.overdue_pending) == (4, 3, 2, 1, 1)
    expected = 30 * 3 / 4 + 20 * 2 / 3 + 20 * (1 - 1 / 3) + 20 * (1 - 1 / 4) + 10 * 1.0
    assert abs(san.score - expected) < 1e-9
    water = scores["water"]
    assert water.extension_rate == 1.0 and abs(water.score - 90.0) < 1e-9
    assert [s.department for s in evaluate(incidents, now=200.0)] == ["water", "sanitation"]


def test_period_filter_and_empty() -> None:
    incidents = [case(1, "power", Status.CLOSED, done=1), case(50, "power", Status.DISPATCHED)]
    (only,) = evaluate(incidents, now=10.0, since=10.0)
    assert only.cases == 1 and only.handled == 0
    assert evaluate([], now=0.0) == []
