"""Agencies, stations, units and cameras maintained by the administrator through the runner:
every change is a reference event, refused for other roles, and a retired record leaves the state
only when nothing depends on it."""

from __future__ import annotations

import itertools

import msgspec
import pytest

from app.domain import commands as c
from app.domain import events as ev
from app.domain import reference_commands as rc
from app.domain.commands import CommandError
from app.domain.model import Role, UnitStatus, User
from app.domain.runner import CommandRunner
from app.domain.state import CityState, Snapshot

ADMIN = User(username="ada", display_name="Ada", role=Role.ADMIN)
SUP = User(username="sam", display_name="Sam", role=Role.SUPERVISOR)
DISPATCHER = User(username="dana", display_name="Dana", role=Role.DISPATCHER)
T0 = 1_795_000_000.0
_seq = itertools.count(1)


def run(st: CityState, user: User, cmd: object, t: float = T0) -> list[ev.EventBody]:
    bodies = CommandRunner().run(st, user, cmd, t)  # type: ignore[arg-type]
    st.apply_all(ev.Event(seq=next(_seq), time=t, actor=user.username, body=b) for b in bodies)
    return bodies


def refused(st: CityState, user: User, cmd: object) -> CommandError:
    with pytest.raises(CommandError) as info:
        CommandRunner().run(st, user, cmd, T0)  # type: ignore[arg-type]
    return info.value


def built() -> CityState:
    st = CityState()
    run(st, ADMIN, rc.UpsertAgency(agency_id="water", name="Water", color="#22d3ee"))
    run(
        st,
        ADMIN,
        rc.UpsertStation(agency_id="water", station_id="W-HQ", name="HQ", lat=37.78, lon=-122.42),
    )
    run(st, ADMIN, rc.UpsertUnit(unit_id="W1", agency="water", type="Crew", home_station="W-HQ"))
    run(
        st,
        ADMIN,
        rc.UpsertCamera(
            camera_id="CAM1", name="Mission & 16th", lat=37.765, lon=-122.419, heading=90, fov=60
        ),
    )
    return st


def test_the_administrator_builds_the_city_s_resources() -> None:
    st = built()
    water = st.agencies["water"]
    assert water.color == "#22D3EE" and [s.id for s in water.stations] == ["W-HQ"]
    w1 = st.units["W1"]
    # a new unit is in service at its home station
    assert (w1.type, w1.status, w1.lat, w1.lon) == ("crew", UnitStatus.AVAILABLE, 37.78, -122.42)
    assert st.cameras["CAM1"].heading == 90 and st.cameras["CAM1"].status == "online"
    # editing the agency keeps its stations; moving a station keeps the units' home
    run(st, ADMIN, rc.UpsertAgency(agency_id="water", name="SFPUC Water", color="#22D3EE"))
    assert st.agencies["water"].name == "SFPUC Water" and st.agencies["water"].stations
    run(
        st,
        ADMIN,
        rc.UpsertStation(agency_id="water", station_id="W-HQ", name="HQ", lat=37.781, lon=-122.42),
    )
    assert st.agencies["water"].stations[0].lat == 37.781
    # a camera turned and given a stream
    run(
        st,
        ADMIN,
        rc.UpsertCamera(
            camera_id="CAM1",
            name="Mission & 16th",
            lat=37.765,
            lon=-122.419,
            heading=180,
            fov=45,
            stream_url="rtsp://cams.example.org/1",
        ),
    )
    assert (st.cameras["CAM1"].heading, st.cameras["CAM1"].stream_url) == (
        180,
        "rtsp://cams.example.org/1",
    )
    # the same again: nothing to do
    err = refused(
        st, ADMIN, rc.UpsertAgency(agency_id="water", name="SFPUC Water", color="#22D3EE")
    )
    assert err.code == "no_change"


@pytest.mark.parametrize("user", [SUP, DISPATCHER])
def test_only_the_administrator_may(user: User) -> None:
    st = built()
    for cmd in (
        rc.UpsertAgency(agency_id="fire", name="Fire"),
        rc.RetireUnit(unit_id="W1"),
        rc.UpsertCamera(camera_id="C2", name="x", lat=37.7, lon=-122.4, heading=0, fov=60),
        rc.RetireStation(agency_id="water", station_id="W-HQ"),
    ):
        err = refused(st, user, cmd)
        assert err.code == "forbidden" and "administrator" in err.message


def test_bad_values_are_refused_with_the_reason() -> None:
    st = built()
    cases = [
        (rc.UpsertAgency(agency_id="a b", name="x"), "invalid_payload"),
        (rc.UpsertAgency(agency_id="parks", name=" "), "text_required"),
        (rc.UpsertAgency(agency_id="parks", name="Parks", color="green"), "invalid_payload"),
        (
            rc.UpsertStation(agency_id="nope", station_id="S", name="S", lat=37.7, lon=-122.4),
            "unknown_id",
        ),
        (
            rc.UpsertStation(agency_id="water", station_id="S", name="S", lat=95, lon=-122.4),
            "invalid_payload",
        ),
        (
            rc.UpsertUnit(unit_id="W9", agency="water", type="crew", home_station="FS01"),
            "unknown_id",
        ),
        (rc.UpsertUnit(unit_id="W9", agency="nope", type="crew"), "unknown_id"),
        (
            rc.UpsertCamera(camera_id="C", name="c", lat=37.7, lon=-122.4, heading=400, fov=60),
            "invalid_payload",
        ),
        (
            rc.UpsertCamera(camera_id="C", name="c", lat=37.7, lon=-122.4, heading=0, fov=0),
            "invalid_payload",
        ),
        (
            rc.UpsertCamera(
                camera_id="C",
                name="c",
                lat=37.7,
                lon=-122.4,
                heading=0,
                fov=60,
                stream_url="javascript:x",
            ),
            "invalid_payload",
        ),
    ]
    for cmd, code in cases:
        assert refused(st, ADMIN, cmd).code == code, cmd


def test_retiring_waits_until_nothing_depends_on_the_record() -> None:
    st = built()
    assert (
        refused(st, ADMIN, rc.RetireStation(agency_id="water", station_id="W-HQ")).code == "in_use"
    )
    assert refused(st, ADMIN, rc.RetireAgency(agency_id="water")).code == "in_use"  # W1
    run(
        st,
        SUP,
        c.CreateIncident(
            incident_id="i1",
            category="event.pipe_burst",
            lat=37.76,
            lon=-122.42,
            address="2300 Mission St",
            description="water in the street",
            department="water",
            register=True,
        ),
    )
    run(st, SUP, c.AssignUnits(incident_id="i1", unit_ids=["W1"]))
    err = refused(st, ADMIN, rc.RetireUnit(unit_id="W1"))
    assert err.code == "in_use" and "incident" in err.message
    run(st, SUP, c.ReleaseUnit(incident_id="i1", unit_id="W1"))
    bodies = run(st, ADMIN, rc.RetireUnit(unit_id="W1"))
    assert bodies == [ev.UnitRetired(unit_id="W1")] and "W1" not in st.units
    run(st, ADMIN, rc.RetireStation(agency_id="water", station_id="W-HQ"))
    assert st.agencies["water"].stations == []
    err = refused(st, ADMIN, rc.RetireAgency(agency_id="water"))
    assert err.code == "in_use"  # the library routes pipe bursts to water, and i1 is open
    run(st, ADMIN, rc.RetireCamera(camera_id="CAM1"))
    assert "CAM1" not in st.cameras
    assert refused(st, ADMIN, rc.RetireCamera(camera_id="CAM1")).code == "unknown_id"
    # an agency nothing depends on leaves the state; a snapshot round trip agrees
    run(st, ADMIN, rc.UpsertAgency(agency_id="temp", name="Temporary"))
    run(st, ADMIN, rc.RetireAgency(agency_id="temp"))
    assert "temp" not in st.agencies
    snap = msgspec.json.decode(msgspec.json.encode(st.snapshot()), type=Snapshot)
    again = CityState.from_snapshot(snap)
    assert set(again.units) == set(st.units) and set(again.agencies) == set(st.agencies)


def test_a_provisional_agency_change_stays_out_of_the_confirmed_state() -> None:
    from app.domain.state import OverlayState

    st = built()
    view = OverlayState(st)
    bodies = CommandRunner().run(
        view, ADMIN, rc.UpsertAgency(agency_id="water", name="Renamed"), T0
    )
    view.apply_all(ev.Event(seq=0, time=T0, actor="ada", body=b) for b in bodies)
    assert view.agencies["water"].name == "Renamed" and st.agencies["water"].name == "Water"


def test_the_desk_policy_is_the_administrator_s_and_travels_with_the_rules() -> None:
    from app.domain.desk_policy import DeskPolicy, SetDeskPolicy
    from app.domain.state import RulesData

    st = built()
    assert st.desk_policy == DeskPolicy()  # off unless set
    assert refused(st, SUP, SetDeskPolicy(idle_minutes=15)).code == "forbidden"
    for bad in (1, -5, 24 * 60 + 1, float("nan")):
        assert refused(st, ADMIN, SetDeskPolicy(idle_minutes=bad)).code == "invalid_payload"
    assert refused(st, ADMIN, SetDeskPolicy(idle_minutes=15, warn_seconds=5)).code == (
        "invalid_payload"
    )
    run(st, ADMIN, SetDeskPolicy(idle_minutes=15, warn_seconds=45))
    assert st.desk_policy == DeskPolicy(idle_minutes=15, warn_seconds=45)
    assert refused(st, ADMIN, SetDeskPolicy(idle_minutes=15, warn_seconds=45)).code == "no_change"
    # a snapshot, a cache's or store's rules record, a replay's checkpoint: all keep it
    snap = msgspec.json.decode(msgspec.json.encode(st.snapshot()), type=Snapshot)
    assert CityState.from_snapshot(snap).desk_policy.idle_minutes == 15
    data = msgspec.json.decode(msgspec.json.encode(st.rules_data()), type=RulesData)
    other = CityState()
    other.set_rules_data(data)
    assert other.desk_policy == st.desk_policy
