"""Merged reports are received but handled once: the master is the department's one case."""

from __future__ import annotations

import itertools

import msgspec

from app.domain import commands as c
from app.domain import events as ev
from app.domain.evaluation import evaluate
from app.domain.model import Agency, Role, SourceChannel, Unit, User
from app.domain.runner import CommandRunner
from app.evaluation.tracker import EvaluationTracker

DISP = User(username="dana", display_name="Dana", role=Role.DISPATCHER)
T0 = 1_795_000_000.0
_seq = itertools.count(1)


def feed(t: EvaluationTracker, cmd: msgspec.Struct, at: float) -> None:
    for body in CommandRunner().run(t.state, DISP, cmd, at):
        t.apply(ev.Event(seq=next(_seq), time=at, actor=DISP.username, body=body))


def create(ident: str, source: SourceChannel) -> c.CreateIncident:
    return c.CreateIncident(
        incident_id=ident,
        category="event.exposed_garbage",
        source=source,
        lat=37.76,
        lon=-122.42,
        address="2300 Mission St",
        description="bags",
        register=True,
    )


def test_three_reports_of_one_problem_count_as_one_handled_case() -> None:
    t = EvaluationTracker()
    for body in (
        ev.AgencyUpserted(agency=Agency(id="sanitation", name="Sanitation")),
        ev.UnitUpserted(unit=Unit(id="S1", agency="sanitation", type="truck")),
    ):
        t.apply(ev.Event(seq=next(_seq), time=0.0, actor="system", body=body))
    feed(t, create("m", SourceChannel.HOTLINE), T0)
    feed(t, create("a", SourceChannel.CITIZEN), T0 + 60)
    feed(t, create("b", SourceChannel.INSPECTOR), T0 + 120)
    before = t.breakdown("department", now=T0 + 200)["sanitation"]
    assert (before.incidents, before.cases) == (3, 3)
    feed(t, c.MergeReports(master_id="m", report_ids=["a", "b"]), T0 + 180)
    feed(t, c.AssignUnits(incident_id="m", unit_ids=["S1"]), T0 + 240)
    feed(t, c.Transition(incident_id="m", action="resolve", reason="cleaned"), T0 + 600)
    feed(t, c.Transition(incident_id="m", action="verify"), T0 + 700)
    feed(t, c.Transition(incident_id="m", action="close"), T0 + 800)
    san = t.breakdown("department", now=T0 + 900)["sanitation"]
    # Three reports came in (each under its channel); the department handled one case.
    assert (san.incidents, san.cases, san.handled) == (3, 1, 1)
    assert t.breakdown("source", now=T0 + 900)["citizen_report"].incidents == 1
    rebuilt = EvaluationTracker(t.state)
    rebuilt.rebuild()
    again = rebuilt.breakdown("department", now=T0 + 900)["sanitation"]
    assert (again.incidents, again.cases, again.handled) == (3, 1, 1)
    # The public page's one-shot evaluation agrees.
    (score,) = evaluate(t.state.incidents.values(), T0 + 900)
    assert (score.cases, score.handled) == (1, 1)
    # Unmerged, a report is a case of its own again.
    feed(t, c.UnmergeReport(report_id="a", reason="another pile"), T0 + 1000)
    san = t.breakdown("department", now=T0 + 1100)["sanitation"]
    assert (san.cases, san.handled) == (2, 1)
