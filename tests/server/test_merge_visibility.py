"""A liaison's stream and merged reports: a merge between a case shared with the agency and one
that is not reaches the liaison as the shared case's full record (the master lists the report);
the other case and its reporter never do."""

from __future__ import annotations

import itertools

from app.domain import commands as c
from app.domain import events as ev
from app.domain.model import Agency, Role, SourceChannel, User
from app.domain.runner import CommandRunner
from app.domain.state import CityState
from app.server.visibility import AgencyView, filter_snapshot

DISP = User(username="dana", display_name="Dana", role=Role.DISPATCHER)
T0 = 1_795_000_000.0
_seq = itertools.count(1)


def run(st: CityState, cmd: c.CreateIncident | c.MergeReports) -> list[ev.Event]:
    bodies = CommandRunner().run(st, DISP, cmd, T0)
    events = [ev.Event(seq=next(_seq), time=T0, actor="dana", body=b) for b in bodies]
    st.apply_all(events)
    return events


def create(ident: str, department: str, contact: str) -> c.CreateIncident:
    return c.CreateIncident(
        incident_id=ident,
        category="event.exposed_garbage",
        source=SourceChannel.CITIZEN,
        lat=37.76,
        lon=-122.42,
        address="2300 Mission St",
        description="bags",
        department=department,
        reporter_contact=contact,
    )


def test_the_liaison_gets_the_master_with_its_report_listed_and_nothing_private() -> None:
    st = CityState()
    for a in ("sanitation", "water"):
        st.apply(
            ev.Event(
                seq=next(_seq),
                time=0,
                actor="s",
                body=ev.AgencyUpserted(agency=Agency(id=a, name=a)),
            )
        )
    run(st, create("m", "sanitation", "ann@example.org"))
    run(st, create("r", "water", "bob@example.org"))
    view = AgencyView("sanitation", st)
    mine = CityState.from_snapshot(filter_snapshot(st.snapshot(), "sanitation"))
    assert set(mine.incidents) == {"m"}
    out = view.filter_batch(run(st, c.MergeReports(master_id="m", report_ids=["r"])), st)
    assert all(e.body.incident.id == "m" for e in out if isinstance(e.body, ev.IncidentCreated))
    assert "bob@example.org" not in ev.encode_event(out[0]).decode()
    mine.apply_all(out)
    assert set(mine.incidents) == {"m"}
    assert [m.incident_id for m in mine.incidents["m"].merged] == ["r"]
    assert mine.incidents["m"].reporter_contact == ""
