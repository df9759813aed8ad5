"""Inspector-found cases and verification times per inspector in the evaluation report, from a
real event stream decided by the command runner (the report CLI's path: events through the
tracker, then build_report)."""

from __future__ import annotations

import itertools

import pytest

from app.domain import commands as c
from app.domain import events as ev
from app.domain import rounds as r
from app.domain.model import Agency, Role, SourceChannel, Unit, User
from app.domain.runner import CommandRunner
from app.domain.state import CityState
from app.evaluation.report import build_report, track

SUP = User(username="sam", display_name="Sam", role=Role.SUPERVISOR)
INES = User(username="ines", display_name="Ines", role=Role.INSPECTOR, agency="C1")
IVO = User(username="ivo", display_name="Ivo", role=Role.INSPECTOR, agency="")
T0 = 1_795_000_000.0
HERE = (37.7793, -122.4193)


def stream() -> list[ev.Event]:
    st = CityState()
    seq = itertools.count(1)
    out: list[ev.Event] = []

    def add(user: User, t: float, *bodies: ev.EventBody) -> None:
        for b in bodies:
            e = ev.Event(seq=next(seq), time=t, actor=user.username, body=b)
            st.apply(e)
            out.append(e)

    def run(user: User, cmd: object, t: float) -> None:
        add(user, t, *CommandRunner().run(st, user, cmd, t))  # type: ignore[arg-type]

    add(SUP, T0 - 10, ev.AgencyUpserted(agency=Agency(id="sanitation", name="Sanitation")))
    add(SUP, T0 - 10, ev.UnitUpserted(unit=Unit(id="S1", agency="sanitation", type="truck")))
    run(INES, r.ReportPosition(lat=HERE[0], lon=HERE[1], at=T0 - 5), T0 - 5)
    # Ines finds two cases and Ivo one; the centre opens one itself
    for n, (who, source) in enumerate(
        [(INES, "inspector"), (INES, "inspector"), (IVO, "inspector"), (SUP, "hotline")]
    ):
        cmd = c.CreateIncident(incident_id=f"case-{n}", category="event.exposed_garbage",
                               source=SourceChannel(source), lat=HERE[0], lon=HERE[1], description="bags",
                               address="1 Grove St", grid_cell="C1")  # type: ignore[arg-type]  # fmt: skip
        run(who, cmd, T0 + n)
        run(SUP, c.AssignUnits(incident_id=f"case-{n}", unit_ids=["S1"]), T0 + 100 + n)
        run(SUP, c.Transition(incident_id=f"case-{n}", action="resolve", reason="done"), T0 + 200)
        run(SUP, c.ReleaseUnit(incident_id=f"case-{n}", unit_id="S1"), T0 + 200)
    # Ines verifies case-0 ten minutes after it was resolved and finds case-1 not fixed after
    # thirty; the supervisor verifies case-2 himself (listed apart)
    run(INES, c.Transition(incident_id="case-0", action="verify", reason="fixed"), T0 + 800)
    not_fixed = c.Transition(incident_id="case-1", action="fail_verification", reason="not fixed")
    run(INES, not_fixed, T0 + 2000)
    run(SUP, c.Transition(incident_id="case-2", action="verify", reason="ok"), T0 + 260)
    return out


def test_found_cases_and_verification_times_per_inspector() -> None:
    events = stream()
    tracker, now = track(iter(events), "America/Los_Angeles")
    report = build_report(tracker, now)["inspectors"]
    ines, ivo = report["by_inspector"]["ines"], report["by_inspector"]["ivo"]
    assert ines["found"] == 2 and ivo["found"] == 1
    assert (ines["verifications"], ines["fixed"], ines["not_fixed"]) == (2, 1, 1)
    assert ines["verify_p50_s"] == pytest.approx((600 + 1800) / 2)
    assert ines["verify_p90_s"] == pytest.approx(1800)
    assert ivo["verifications"] == 0 and ivo["verify_p50_s"] is None
    assert report["other_verifiers"] == {
        "sam": {"verifications": 1, "fixed": 1, "not_fixed": 0,
                "verify_p50_s": 60.0, "verify_p90_s": 60.0},
    }  # fmt: skip


def test_the_window_counts_cases_received_in_it() -> None:
    tracker, now = track(iter(stream()), "America/Los_Angeles", since=T0 + 1.5)
    report = build_report(tracker, now)["inspectors"]
    assert report["by_inspector"]["ines"]["found"] == 0  # her cases came in before the window
    assert report["by_inspector"]["ivo"]["found"] == 1
