"""The same command on the same state gives the same events wherever it is decided: on the
server, on a workstation offline, in training and in the replay builder (the one runner)."""

from __future__ import annotations

import datetime as dt
import random
import shutil
import tempfile
from pathlib import Path
from zoneinfo import ZoneInfo

import msgspec
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.domain import commands as c
from app.domain import events as ev
from app.domain import reference_commands as rc
from app.domain.model import Stage, UnitStatus
from app.domain.workcalendar import WorkCalendar
from app.domain.workflow import ACTIONS
from app.paths import resource_path
from tests.runner.harness import (
    USERS,
    Step,
    describe,
    rule_bodies,
    run_offline_desk,
    run_server,
    run_training,
)

SF = ZoneInfo("America/Los_Angeles")
# Friday 20 November 2026, 17:50 in the city: the working day ends at 17:30, a weekend follows and
# Thanksgiving (a city holiday) falls on the Thursday after.
T0 = dt.datetime(2026, 11, 20, 17, 50, tzinfo=SF).timestamp()
CATEGORIES = ["comp.manhole_sewer", "event.exposed_garbage", "fire.structure", "med.general"]
UNITS = ["E1", "E2", "M1", "S1", "S2", "W1"]
GAPS = [0.0, 300.0, 2820.0, 3 * 3600.0, 14 * 3600.0, 2.5 * 86400.0]


@pytest.fixture(scope="module")
def replay_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    src = resource_path("replay", "sf-2020-04-07.replay")
    dst = tmp_path_factory.mktemp("replay") / src.name
    shutil.copyfile(src, dst)
    return dst


@st.composite
def shifts(draw: st.DrawFn) -> list[Step]:
    """A random stretch of a shift: every role, working-hours and emergency categories, gaps
    across the evening, the weekend and the holiday."""
    steps: list[Step] = []
    t = T0
    created: list[str] = []
    notes: list[tuple[str, str]] = []  # (incident, note id)
    for n in range(draw(st.integers(2, 14))):
        t += draw(st.sampled_from(GAPS))
        role = draw(st.sampled_from(list(USERS)))
        kind = draw(
            st.sampled_from(
                [
                    *("create", "create", "assign", "transition", "deadline"),
                    *("note", "strike", "update", "unit", "resource"),
                ]
            )
        )
        inc = draw(st.sampled_from(created)) if created else ""
        cmd: msgspec.Struct
        if kind == "create" or not created:
            iid = f"inc-{n}"
            created.append(iid)
            cmd = c.CreateIncident(
                incident_id=iid,
                category=draw(st.sampled_from(CATEGORIES)),
                lat=draw(st.floats(37.70, 37.81)),
                lon=draw(st.floats(-122.51, -122.37)),
                address="2300 Mission St",
                description="reported by phone",
                register=draw(st.booleans()),
            )
        elif kind == "assign":
            cmd = c.AssignUnits(
                incident_id=inc,
                unit_ids=draw(
                    st.lists(st.sampled_from(UNITS), min_size=1, max_size=2, unique=True)
                ),
            )
        elif kind == "transition":
            cmd = c.Transition(
                incident_id=inc,
                action=draw(st.sampled_from(sorted(ACTIONS))),
                reason=draw(st.sampled_from(["", "checked on site"])),
            )
        elif kind == "deadline":
            cmd = draw(
                st.sampled_from(
                    [
                        c.SuspendDeadline(incident_id=inc, reason="waiting for the owner"),
                        c.ResumeDeadline(incident_id=inc),
                        c.RequestExtension(incident_id=inc, minutes=90, reason="parts"),
                        c.DecideExtension(incident_id=inc, approve=True),
                        c.DecideExtension(incident_id=inc, approve=False, reason="no"),
                    ]
                )
            )
        elif kind == "resource":  # the administrator's changes to the city's resources
            role = draw(st.sampled_from(["admin", "admin", role]))  # mostly theirs, some refused
            uid = draw(st.sampled_from([*UNITS, "X9"]))
            cmd = draw(
                st.sampled_from(
                    [
                        rc.RetireUnit(unit_id=uid),
                        rc.UpsertUnit(unit_id=uid, agency="water", type="crew"),
                        rc.UpsertStation(
                            agency_id="water",
                            station_id="W-HQ",
                            name="HQ",
                            lat=37.78,
                            lon=-122.42,
                        ),
                        rc.UpsertUnit(
                            unit_id=uid, agency="water", type="crew", home_station="W-HQ"
                        ),
                        rc.RetireAgency(agency_id="medical"),
                        rc.UpsertCamera(
                            camera_id="C1",
                            name="Mission & 20th",
                            lat=37.759,
                            lon=-122.419,
                            heading=draw(st.sampled_from([0.0, 90.0])),
                            fov=60.0,
                        ),
                    ]
                )
            )
        elif kind == "note" or (kind == "strike" and not notes):
            # The note's id is the desk's choice (the sync engine fills it in): the same here.
            cmd = c.AddNote(incident_id=inc, text="caller rang again", note_id=f"note-{n}")
            notes.append((inc, f"note-{n}"))
        elif kind == "strike":
            on, note_id = draw(st.sampled_from(notes))
            cmd = c.StrikeNote(
                incident_id=on, note_id=note_id, reason=draw(st.sampled_from(["", "wrong case"]))
            )
        elif kind == "update":
            cmd = c.UpdateIncident(
                incident_id=inc, changes=ev.IncidentChanges(priority=draw(st.integers(1, 4)))
            )
        else:
            cmd = c.SetUnitStatus(
                unit_id=draw(st.sampled_from(UNITS)),
                status=draw(
                    st.sampled_from(
                        [UnitStatus.EN_ROUTE, UnitStatus.ON_SCENE, UnitStatus.AVAILABLE]
                    )
                ),
            )
        steps.append(Step(at=t, role=role, command=cmd))
    return steps


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=shifts())
def test_server_offline_desk_and_training_decide_alike(
    steps: list[Step], replay_copy: Path
) -> None:
    seed = rule_bodies(WorkCalendar(holidays=frozenset({dt.date(2026, 11, 23)})))
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "s").mkdir()
        (work / "d").mkdir()
        (work / "t").mkdir()
        server = run_server(work / "s", seed, steps)
        desk = run_offline_desk(work / "d", seed, steps)
        training = run_training(work / "t", replay_copy, seed, steps)
    assert desk == server, describe(steps)
    assert training == server, describe(steps)


def _due_of_register(bodies: object) -> float:
    assert isinstance(bodies, list) and bodies, bodies
    created = msgspec.json.decode(bodies[0], type=ev.EventBody)  # type: ignore[arg-type]
    assert isinstance(created, ev.IncidentCreated)
    due = created.incident.clocks[Stage.REGISTER.value].due
    assert due is not None
    return due


def test_friday_evening_working_hours_case_is_due_monday_everywhere(
    tmp_path: Path, replay_copy: Path
) -> None:
    """comp.manhole_sewer (30 working minutes to register) reported Friday 18:00 is due Monday
    09:00 on the server, on a desk offline, in training and in an imported replay."""
    friday_six = dt.datetime(2026, 11, 20, 18, 0, tzinfo=SF).timestamp()
    monday_nine = dt.datetime(2026, 11, 23, 9, 0, tzinfo=SF).timestamp()
    seed = rule_bodies()
    step = Step(
        at=friday_six,
        role="dispatcher",
        command=c.CreateIncident(
            incident_id="sewer-1",
            category="comp.manhole_sewer",
            lat=37.7599,
            lon=-122.4148,
            address="Folsom St & 20th St",
        ),
    )
    for name in ("s", "d", "t"):
        (tmp_path / name).mkdir()
    dues = {
        "server": _due_of_register(run_server(tmp_path / "s", seed, [step])[0]),
        "desk": _due_of_register(run_offline_desk(tmp_path / "d", seed, [step])[0]),
        "training": _due_of_register(run_training(tmp_path / "t", replay_copy, seed, [step])[0]),
        "replay": _replay_builder_due(friday_six),
    }
    assert dues == dict.fromkeys(dues, monday_nine)


def _replay_builder_due(received: float) -> float:
    from app.domain.library import default_library
    from app.replay.build import EventBuilder
    from app.replay.csvimport import CallRecord, ImportReport, UnitRow
    from app.replay.reference import demo_reference

    lib = default_library()
    call = CallRecord(
        call_number="260001",
        received=received,
        entry=None,
        call_type="Sewer manhole",
        category=lib.get("comp.manhole_sewer"),
        priority=3,
        lat=37.7599,
        lon=-122.4148,
        address="Folsom St & 20th St",
        neighbourhood="Mission",
        disposition="fixed",
        station_area="07",
        units=[
            UnitRow(
                row=1,
                unit_id="E7",
                unit_type="ENGINE",
                station_area="07",
                times={"dispatch": received + 600, "available": received + 3600},
            )
        ],
    )
    events = list(EventBuilder(lib, demo_reference(), ImportReport()).events([call]))
    created = [e.body for e in events if isinstance(e.body, ev.IncidentCreated)]
    assert len(created) == 1
    due = created[0].incident.clocks[Stage.REGISTER.value].due
    assert due is not None
    return due


def test_a_trainee_cannot_do_what_only_a_supervisor_may(tmp_path: Path, replay_copy: Path) -> None:
    seed = rule_bodies()
    create = Step(
        at=T0,
        role="dispatcher",
        command=c.CreateIncident(
            incident_id="t-1",
            category="event.exposed_garbage",
            lat=37.76,
            lon=-122.42,
            address="2300 Mission St",
            description="bags on the pavement",
        ),
    )
    suspend = Step(
        at=T0 + 60,
        role="dispatcher",
        command=c.SuspendDeadline(incident_id="t-1", reason="owner away"),
    )
    out = run_training(tmp_path, replay_copy, seed, [create, suspend])
    assert isinstance(out[0], list)
    assert out[1] == "forbidden"


def test_one_locator_answer_for_20000_points(tmp_path: Path) -> None:
    """The city's locator, the state's rules after the server's store, after a desk's cache and
    after a replay checkpoint give one (grid cell, neighbourhood) for every point."""
    from app.city import Locator, load_city
    from app.domain.state import CityState, Snapshot
    from app.replay.replayfile import apply_delta, decode_delta, encode_delta
    from app.server.records import Batch
    from app.server.store import SqliteEventStore
    from app.sync.cache import LocalCache

    city = load_city()
    st0 = CityState()
    seed = [
        ev.Event(seq=n, time=0.0, actor="system", body=b)
        for n, b in enumerate(rule_bodies(), start=1)
    ]
    ch = st0.apply_all(seed)
    store = SqliteEventStore(tmp_path / "server.sqlite")
    store.append(Batch(events=seed, changes=ch), st0)
    from_store = store.load_state()
    store.close()
    cache = LocalCache(tmp_path / "cache.sqlite")
    cache.save_state(st0)
    from_cache = cache.load_state()
    cache.close()
    assert from_cache is not None
    from_snapshot = CityState.from_snapshot(
        msgspec.msgpack.decode(msgspec.msgpack.encode(st0.snapshot()), type=Snapshot)
    )
    from_checkpoint = apply_delta(CityState(), decode_delta(encode_delta(st0, ch)))
    locators = {
        "city": Locator(city).locate,
        "state": st0.rules().locate,
        "server store": from_store.rules().locate,
        "desk cache": from_cache.rules().locate,
        "snapshot": from_snapshot.rules().locate,
        "replay checkpoint": from_checkpoint.rules().locate,
    }
    rng = random.Random(7)
    located = 0
    for _ in range(20_000):
        lat, lon = rng.uniform(37.70, 37.84), rng.uniform(-122.52, -122.35)
        answers = {name: f(lat, lon) for name, f in locators.items()}
        assert len(set(answers.values())) == 1, (lat, lon, answers)
        located += bool(answers["city"][0])
    assert located > 10_000  # most points are in the city: the test compares real answers
