"""Merged reports: the rule, its refusals, closing with the master, unmerging, old streams."""

from __future__ import annotations

import itertools

import msgspec
import pytest

from app.domain import commands as c
from app.domain import events as ev
from app.domain.commands import CommandError
from app.domain.model import Agency, LinkKind, Role, SourceChannel, Stage, Status, Unit, User
from app.domain.runner import CommandRunner
from app.domain.state import CityState

SUP = User(username="sam", display_name="Sam", role=Role.SUPERVISOR)
DISP = User(username="dana", display_name="Dana", role=Role.DISPATCHER)
CALL = User(username="carl", display_name="Carl", role=Role.CALL_TAKER)
SAN = User(username="sandy", display_name="Sandy", role=Role.LIAISON, agency="sanitation")
INSP = User(username="ivy", display_name="Ivy", role=Role.INSPECTOR, agency="G-01-01")
OPEN311 = User(username="open311:app", display_name="app", role=Role.CALL_TAKER)
T0 = 1_795_000_000.0
_seq = itertools.count(1)


def city() -> CityState:
    st = CityState()
    bodies: list[ev.EventBody] = [
        ev.AgencyUpserted(agency=Agency(id="sanitation", name="Sanitation")),
        ev.UnitUpserted(unit=Unit(id="S1", agency="sanitation", type="truck")),
    ]
    st.apply_all(ev.Event(seq=next(_seq), time=0.0, actor="system", body=b) for b in bodies)
    return st


def run(
    st: CityState, user: User, cmd: msgspec.Struct, t: float = T0, version: int | None = None
) -> list[ev.EventBody]:
    bodies = CommandRunner().run(st, user, cmd, t, version)
    st.apply_all(ev.Event(seq=next(_seq), time=t, actor=user.username, body=b) for b in bodies)
    return bodies


def report(
    st: CityState,
    ident: str,
    source: SourceChannel = SourceChannel.CITIZEN,
    register: bool = False,
    t: float = T0,
) -> str:
    run(
        st,
        DISP,
        c.CreateIncident(
            incident_id=ident,
            category="event.pipe_burst",
            source=source,
            lat=37.76,
            lon=-122.42,
            address="2300 Mission St",
            description="water in the street",
            department="sanitation",
            register=register,
        ),
        t,
    )
    return ident


def refused(st: CityState, user: User, cmd: msgspec.Struct, version: int | None = None) -> str:
    with pytest.raises(CommandError) as err:
        run(st, user, cmd, T0 + 100, version)
    return err.value.code


def test_reports_from_several_channels_merge_into_one_master_both_ways() -> None:
    st = city()
    master = report(st, "m", SourceChannel.HOTLINE, register=True)
    a = report(st, "a", SourceChannel.CITIZEN, register=True, t=T0 + 60)
    b = report(st, "b", SourceChannel.SENSOR, t=T0 + 90)
    bodies = run(st, DISP, c.MergeReports(master_id=master, report_ids=[a, b], reason="same main"))
    assert [type(x) for x in bodies] == [ev.ReportMerged, ev.ReportMerged]
    m = st.incidents[master]
    assert [(e.incident_id, e.source, e.reported_at) for e in m.merged] == [
        (a, SourceChannel.CITIZEN, T0 + 60),
        (b, SourceChannel.SENSOR, T0 + 90),
    ]
    assert st.incidents[a].merged_into == master and st.incidents[b].merged_into == master
    # A merged report keeps its stage, but is no case of its own: not open, its clock stopped.
    ra = st.incidents[a]
    assert ra.status == Status.REGISTERED and not ra.is_open()
    assert ra.clocks[Stage.DISPATCH.value].suspended_at == T0
    assert m.is_open()
    assert "merged into " + m.number in ra.narrative[-1].text
    assert "report " + ra.number + " merged in: same main" in m.narrative[-2].text


def test_refusals_say_why() -> None:
    st = city()
    master = report(st, "m", register=True)
    a = report(st, "a")
    b = report(st, "b")
    closed = report(st, "x")
    run(st, DISP, c.Transition(incident_id=closed, action="reject", reason="prank"))
    assert refused(st, DISP, c.MergeReports(master_id="nope", report_ids=[a])) == "unknown_id"
    assert refused(st, DISP, c.MergeReports(master_id=master, report_ids=["nope"])) == "unknown_id"
    assert refused(st, DISP, c.MergeReports(master_id=master, report_ids=[])) == "invalid_payload"
    assert refused(st, DISP, c.MergeReports(master_id=a, report_ids=[a])) == "invalid_payload"
    assert refused(st, DISP, c.MergeReports(master_id=master, report_ids=[a, a])) == (
        "invalid_payload"
    )
    assert refused(st, DISP, c.MergeReports(master_id=closed, report_ids=[a])) == (
        "invalid_transition"
    )
    assert refused(st, DISP, c.MergeReports(master_id=master, report_ids=[closed])) == (
        "invalid_transition"
    )
    run(st, DISP, c.MergeReports(master_id=master, report_ids=[a]))
    # Already merged (here or elsewhere), a merged master, a master merged into another.
    assert refused(st, DISP, c.MergeReports(master_id=master, report_ids=[a])) == "no_change"
    assert refused(st, DISP, c.MergeReports(master_id=b, report_ids=[a])) == "already_merged"
    assert refused(st, DISP, c.MergeReports(master_id=a, report_ids=[b])) == "merge_cycle"
    assert refused(st, DISP, c.MergeReports(master_id=b, report_ids=[master])) == "merge_cycle"
    # Nothing of the case's own workflow applies to a merged report.
    for cmd in (
        c.Transition(incident_id=a, action="dispatch"),
        c.AssignUnits(incident_id=a, unit_ids=["S1"]),
        c.SuspendDeadline(incident_id=a, reason="x"),
    ):
        with pytest.raises(CommandError) as err:
            run(st, SUP, cmd)
        assert err.value.code == "merged" and st.incidents[master].number in err.value.message
    run(st, DISP, c.AddNote(incident_id=a, text="the caller rang again"))  # notes still go on
    # Unmerge: not merged, reason missing.
    assert refused(st, DISP, c.UnmergeReport(report_id=b, reason="x")) == "not_merged"
    assert refused(st, DISP, c.UnmergeReport(report_id=a, reason=" ")) == "text_required"
    assert refused(st, DISP, c.UnmergeReport(report_id="nope", reason="x")) == "unknown_id"


def test_a_report_with_units_or_a_different_world_is_refused() -> None:
    st = city()
    master = report(st, "m", register=True)
    busy = report(st, "busy", register=True)
    run(st, DISP, c.AssignUnits(incident_id=busy, unit_ids=["S1"]))
    with pytest.raises(CommandError) as err:
        run(st, DISP, c.MergeReports(master_id=master, report_ids=[busy]))
    assert "S1" in err.value.message
    drill = "drill"
    run(
        st,
        DISP,
        c.CreateIncident(
            incident_id=drill,
            category="event.pipe_burst",
            lat=37.76,
            lon=-122.42,
            address="2300 Mission St",
            description="a drill",
            exercise=True,
        ),
    )
    assert refused(st, DISP, c.MergeReports(master_id=master, report_ids=[drill])) == (
        "invalid_payload"
    )


def test_who_may_merge_and_unmerge() -> None:
    st = city()
    master = report(st, "m", register=True)
    a = report(st, "a")
    for user in (CALL, SAN, INSP, OPEN311):
        assert refused(st, user, c.MergeReports(master_id=master, report_ids=[a])) == "forbidden"
    run(st, SUP, c.MergeReports(master_id=master, report_ids=[a]))
    for user in (CALL, SAN, INSP, OPEN311):
        assert refused(st, user, c.UnmergeReport(report_id=a, reason="x")) == "forbidden"
    run(st, DISP, c.UnmergeReport(report_id=a, reason="another main"))


def test_versions_are_checked_on_the_master_and_on_the_report() -> None:
    st = city()
    master = report(st, "m", register=True)
    a = report(st, "a")
    seen = st.incidents[master].version
    run(st, DISP, c.AddNote(incident_id=master, text="changed meanwhile"))
    assert (
        refused(st, DISP, c.MergeReports(master_id=master, report_ids=[a]), version=seen)
        == "conflict"
    )
    run(st, DISP, c.MergeReports(master_id=master, report_ids=[a]), version=seen + 1)
    seen = st.incidents[a].version
    run(st, DISP, c.AddNote(incident_id=a, text="changed meanwhile"))
    assert refused(st, DISP, c.UnmergeReport(report_id=a, reason="x"), version=seen) == "conflict"


def test_closing_the_master_closes_its_reports_and_unmerge_gives_the_stage_back() -> None:
    st = city()
    master = report(st, "m", register=True)
    a = report(st, "a", register=True)  # registered: its dispatch clock runs
    b = report(st, "b")  # reported: its register clock runs
    run(st, DISP, c.MergeReports(master_id=master, report_ids=[a, b]), T0 + 600)
    run(st, DISP, c.AssignUnits(incident_id=master, unit_ids=["S1"]), T0 + 700)
    run(st, DISP, c.Transition(incident_id=master, action="resolve", reason="fixed"), T0 + 800)
    run(st, DISP, c.Transition(incident_id=master, action="verify"), T0 + 900)
    number = st.incidents[master].number
    bodies = run(st, DISP, c.Transition(incident_id=master, action="close"), T0 + 1000)
    follow = [
        x for x in bodies if isinstance(x, ev.IncidentTransitioned) and x.incident_id != master
    ]
    assert {x.incident_id for x in follow} == {a, b}
    for ident in (a, b):
        inc = st.incidents[ident]
        assert inc.status == Status.CLOSED and inc.merged_into == master
        assert inc.narrative[-1].text.endswith(f"closed with master {number}")
    # Unmerged after the master closed (it was another problem after all): open again in the
    # stage it had, its stopped clock running again with the time it had left.
    before = st.incidents[a].clocks[Stage.DISPATCH.value]
    assert before.suspended_at == T0 + 600 and before.due is not None
    run(st, DISP, c.UnmergeReport(report_id=a, reason="a different main"), T0 + 5000)
    ra = st.incidents[a]
    assert ra.status == Status.REGISTERED and ra.is_open() and not ra.merged_into
    clk = ra.clocks[Stage.DISPATCH.value]
    assert clk.suspended_at is None and clk.due is not None and clk.due > before.due
    assert [e.incident_id for e in st.incidents[master].merged] == [b]
    assert "unmerged from " + number + ": a different main" in ra.narrative[-1].text
    run(st, DISP, c.AssignUnits(incident_id=a, unit_ids=["S1"]), T0 + 5100)  # a case again
    assert st.incidents[a].status == Status.DISPATCHED


def test_cancelling_the_master_cancels_its_open_reports() -> None:
    st = city()
    master = report(st, "m", register=True)
    a = report(st, "a")
    run(st, DISP, c.MergeReports(master_id=master, report_ids=[a]))
    run(st, DISP, c.Transition(incident_id=master, action="cancel", reason="false alarm"))
    assert st.incidents[a].status == Status.CANCELLED
    assert "cancelled with master" in st.incidents[a].narrative[-1].text


def test_the_older_merge_command_and_duplicate_links_make_the_same_relation() -> None:
    st = city()
    master = report(st, "m", register=True)
    a = report(st, "a")
    b = report(st, "b")
    run(st, DISP, c.MergeIncidents(duplicate_id=a, master_id=master))
    run(st, DISP, c.LinkIncidents(incident_id=b, other_id=master, kind=LinkKind.DUPLICATE_OF))
    assert st.incidents[a].merged_into == master and st.incidents[b].merged_into == master
    assert st.incidents[a].status == Status.REPORTED  # merged, not rejected
    assert not st.incidents[a].links  # the relation is the merge, not a one-way link


def test_an_old_stream_duplicate_link_reads_two_way_and_can_be_unmerged() -> None:
    """Events as the older merge_incidents wrote them: a duplicate_of link, then a reject."""
    st = city()
    master = report(st, "m", register=True)
    dup = report(st, "d")
    old: list[ev.EventBody] = [
        ev.IncidentsLinked(incident_id=dup, other_id=master, kind=LinkKind.DUPLICATE_OF),
        ev.IncidentTransitioned(
            incident_id=dup,
            action="reject",
            from_status=Status.REPORTED,
            to_status=Status.REJECTED,
            reason="duplicate",
            clocks={},
            rework_count=0,
        ),
    ]
    raw = [
        ev.encode_event(ev.Event(seq=next(_seq), time=T0 + 10, actor="dana", body=b)) for b in old
    ]
    st.apply_all(ev.decode_event(r) for r in raw)
    assert st.incidents[dup].merged_into == master
    assert [e.incident_id for e in st.incidents[master].merged] == [dup]
    assert st.incidents[dup].status == Status.REJECTED
    run(st, DISP, c.UnmergeReport(report_id=dup, reason="not the same"), T0 + 20)
    d = st.incidents[dup]
    assert d.status == Status.REPORTED and d.is_open()
    clk = d.clocks[Stage.REGISTER.value]
    assert clk.started == T0 + 20 and clk.done is None  # its closed clock started anew


def test_a_liaison_view_without_the_report_still_applies_the_master_side() -> None:
    st = city()
    master = report(st, "m", register=True)
    a = report(st, "a")
    bodies = CommandRunner().run(st, DISP, c.MergeReports(master_id=master, report_ids=[a]), T0)
    view = st.copy()
    del view.incidents[a]
    view.apply_all(ev.Event(seq=next(_seq), time=T0, actor="dana", body=b) for b in bodies)
    assert [e.incident_id for e in view.incidents[master].merged] == [a]
