"""Coverage and move-up advice on a hand-made city whose right answers are worked out by hand.

The city is one straight two-way residential street (30 km/h) of 21 intersections 480 m apart:
one hop is 57.6 s, so 4 minutes reach 4 hops and 8 minutes 8 hops. Every intersection is the
centre of a grid cell with the same expected demand.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from scipy.spatial import cKDTree

from app.domain import commands as c
from app.domain import events as ev
from app.domain.commands import CommandError
from app.domain.model import Agency, GridCell, Role, Station, Unit, UnitStatus, User
from app.domain.runner import CommandRunner
from app.domain.state import CityState
from app.evaluation.coverage import DriveMatrix, compute, uniform_demand
from app.geo.placedata import PlaceData, to_degrees
from app.geo.route import RoadGraph

HOP_M = 480.0
HOP_S = HOP_M / (30.0 / 3.6)
N = 21


def line_city() -> RoadGraph:
    """A PlaceData of our own making: only the arrays the road graph reads."""
    d = PlaceData.__new__(PlaceData)
    xy = np.asarray([[i * HOP_M, 0.0] for i in range(N)])
    pts = [to_degrees(p) for p in xy]
    d.xing_xy = xy
    d.xing_lat = np.asarray([p[0] for p in pts])
    d.xing_lon = np.asarray([p[1] for p in pts])
    d.xing_tree = cKDTree(xy)
    d.seg_from = np.arange(N - 1, dtype=np.int32)
    d.seg_to = np.arange(1, N, dtype=np.int32)
    d.seg_street = np.zeros(N - 1, dtype=np.int32)
    d.seg_class = np.full(N - 1, 5)
    d.seg_oneway = np.zeros(N - 1, dtype=np.int8)
    d.seg_length_m = np.full(N - 1, HOP_M)
    return RoadGraph(d)


def node(i: int) -> tuple[float, float]:
    return to_degrees(np.asarray([i * HOP_M, 0.0]))


def cell(i: int) -> GridCell:
    lat, lon = node(i)
    e = 0.0005
    ring = [[lon - e, lat - e], [lon + e, lat - e], [lon + e, lat + e], [lon - e, lat + e]]
    return GridCell(id=f"G-00-{i:02d}", polygon=[(p[0], p[1]) for p in ring], neighbourhood="")


@pytest.fixture(scope="module")
def graph() -> RoadGraph:
    return line_city()


def unit(uid: str, at: int, status: UnitStatus, home: str = "A") -> Unit:
    lat, lon = node(at)
    return Unit(
        id=uid, agency="fire", type="engine", status=status, lat=lat, lon=lon,
        position_time=1.0, home_station=home,
    )  # fmt: skip


STATIONS = {"A": 2, "B": 10, "C": 18, "D": 4}


def fire() -> Agency:
    return Agency(
        id="fire",
        name="Fire",
        stations=[Station(id=s, name=f"Station {s}", lat=node(i)[0], lon=node(i)[1])
                  for s, i in STATIONS.items()],
    )  # fmt: skip


def test_drive_times_follow_the_street_and_stop_at_eight_minutes(graph: RoadGraph) -> None:
    m = DriveMatrix(graph, [node(i) for i in range(N)])
    row = m.rows([node(0)])[0]
    assert row[3] == pytest.approx(3 * HOP_S, abs=0.2)
    assert row[8] == pytest.approx(8 * HOP_S, abs=0.2)
    assert np.isinf(row[9])  # 9 hops = 518 s: beyond the search
    # From the middle both ways; a second ask for the same position searches nothing new.
    mid = m.rows([node(10)])[0]
    assert mid[6] == pytest.approx(mid[14]) == pytest.approx(4 * HOP_S, abs=0.2)
    before = m.searches
    m.rows([node(10), node(0)])
    assert m.searches == before


def test_coverage_and_greedy_move_up_advice(graph: RoadGraph) -> None:
    cells = [cell(i) for i in range(N)]
    ids = [x.id for x in cells]
    m = DriveMatrix(graph, [node(i) for i in range(N)])
    units = [
        unit("U1", 2, UnitStatus.RETURNING),  # counted where it is; heading to A; not moved
        unit("U2", 2, UnitStatus.AVAILABLE),
        unit("U3", 2, UnitStatus.AVAILABLE),
        unit("X9", 18, UnitStatus.OUT_OF_SERVICE),  # not counted anywhere
        unit("E5", 0, UnitStatus.DISPATCHED),
    ]
    out = compute(m, ids, uniform_demand(ids), {"fire": fire()}, units)["fire"]
    assert out.units == 3
    # From node 2: nodes 0..6 within 4 min (7 cells), 0..10 within 8 min (11 cells).
    assert out.share_4 == pytest.approx(7 / N)
    assert out.share_8 == pytest.approx(11 / N)
    assert [k for k, v in out.reach.items() if v == 2] == ids[0:7]
    assert [k for k, v in out.reach.items() if v == 0] == ids[11:]
    # By hand: to C (node 18) adds 14..20 at 4 min (7) and 11..20 at 8 min (10) = 17 cells;
    # to B (node 10) adds 7..14 (8) and 11..18 (8) = 16; to D (node 4) 2 + 2. So U2 -> C.
    # Then with C held: B adds 7..13 at 4 min (7), nothing at 8; D adds 7..8 (2). So U3 -> B.
    assert [(a.unit_id, a.station_id) for a in out.advice] == [("U2", "C"), ("U3", "B")]
    first, second = out.advice
    assert first.gain_4 == pytest.approx(7 / N) and first.gain_8 == pytest.approx(10 / N)
    assert first.after_4 == pytest.approx(14 / N) and first.after_8 == pytest.approx(1.0)
    assert second.gain_4 == pytest.approx(7 / N) and second.gain_8 == pytest.approx(0.0)
    assert first.station_name == "Station C"


def test_demand_weights_steer_the_advice(graph: RoadGraph) -> None:
    """All the expected demand near node 10 (B): B beats C, and nothing more is advised."""
    ids = [cell(i).id for i in range(N)]
    m = DriveMatrix(graph, [node(i) for i in range(N)])
    units = [unit("U2", 2, UnitStatus.AVAILABLE), unit("U3", 2, UnitStatus.AVAILABLE)]
    demand = {ids[i]: 1.0 for i in range(9, 12)}
    out = compute(m, ids, demand, {"fire": fire()}, units)["fire"]
    assert out.share_4 == 0.0 and out.share_8 == pytest.approx(2 / 3)  # nodes 9, 10 in 8 min
    assert [(a.unit_id, a.station_id) for a in out.advice] == [("U2", "B")]
    assert set(out.reach) == set(ids[9:12])  # only cells with demand are drawn


def test_no_advice_when_nothing_gains(graph: RoadGraph) -> None:
    ids = [cell(i).id for i in range(N)]
    m = DriveMatrix(graph, [node(i) for i in range(N)])
    units = [unit("U1", 2, UnitStatus.AVAILABLE), unit("U2", 10, UnitStatus.AVAILABLE),
             unit("U3", 18, UnitStatus.AVAILABLE)]  # fmt: skip
    out = compute(m, ids, uniform_demand(ids), {"fire": fire()}, units)["fire"]
    assert out.share_8 == pytest.approx(1.0)
    # Every move loses more than it gains (D next to A adds nothing new).
    assert out.advice == []


# --- the relocate_unit command ------------------------------------------------------------------
_seq = itertools.count(1)
DISP = User(username="dana", display_name="Dana", role=Role.DISPATCHER)
TAKER = User(username="cal", display_name="Cal", role=Role.CALL_TAKER)
POLICE = User(username="pat", display_name="Pat", role=Role.LIAISON, agency="police")


def run(st: CityState, user: User, cmd: object) -> list[ev.EventBody]:
    bodies = CommandRunner().run(st, user, cmd, 1_795_000_000.0)  # type: ignore[arg-type]
    st.apply_all(ev.Event(seq=next(_seq), time=1.0, actor=user.username, body=b) for b in bodies)
    return bodies


def state() -> CityState:
    st = CityState()
    bodies: list[ev.EventBody] = [
        ev.AgencyUpserted(agency=fire()),
        ev.UnitUpserted(unit=unit("U2", 2, UnitStatus.AVAILABLE)),
        ev.UnitUpserted(unit=unit("U3", 2, UnitStatus.OUT_OF_SERVICE)),
        ev.UnitUpserted(unit=unit("U4", 2, UnitStatus.EN_ROUTE)),
    ]
    st.apply_all(ev.Event(seq=next(_seq), time=0.0, actor="system", body=b) for b in bodies)
    return st


def refusal(st: CityState, user: User, cmd: object) -> str:
    with pytest.raises(CommandError) as err:
        run(st, user, cmd)
    return err.value.code


def test_relocate_sets_the_home_station_and_drives_there() -> None:
    st = state()
    bodies = run(st, DISP, c.RelocateUnit(unit_id="U2", station_id="C"))
    assert bodies == [ev.UnitRelocated(unit_id="U2", station_id="C", status=UnitStatus.RETURNING)]
    u = st.units["U2"]
    assert (u.home_station, u.status) == ("C", UnitStatus.RETURNING)
    # Now returning: not available, so not moved again.
    assert refusal(st, DISP, c.RelocateUnit(unit_id="U2", station_id="B")) == "unavailable"


def test_relocate_to_the_station_it_stands_at_stays_available() -> None:
    st = state()
    assert refusal(st, DISP, c.RelocateUnit(unit_id="U2", station_id="A")) == "no_change"
    # U5 stands at B (its home is A): moving it up to B needs no drive.
    st.apply(ev.Event(seq=next(_seq), time=0.0, actor="system",
                      body=ev.UnitUpserted(unit=unit("U5", 10, UnitStatus.AVAILABLE))))  # fmt: skip
    bodies = run(st, DISP, c.RelocateUnit(unit_id="U5", station_id="B"))
    assert bodies == [ev.UnitRelocated(unit_id="U5", station_id="B", status=UnitStatus.AVAILABLE)]
    assert (st.units["U5"].home_station, st.units["U5"].status) == ("B", UnitStatus.AVAILABLE)


def test_relocate_refusals() -> None:
    st = state()
    assert refusal(st, DISP, c.RelocateUnit(unit_id="U3", station_id="C")) == "unavailable"
    assert refusal(st, DISP, c.RelocateUnit(unit_id="U4", station_id="C")) == "unavailable"
    assert refusal(st, DISP, c.RelocateUnit(unit_id="U9", station_id="C")) == "unknown_id"
    assert refusal(st, DISP, c.RelocateUnit(unit_id="U2", station_id="Z")) == "unknown_id"
    assert refusal(st, TAKER, c.RelocateUnit(unit_id="U2", station_id="C")) == "forbidden"
    assert refusal(st, POLICE, c.RelocateUnit(unit_id="U2", station_id="C")) == "forbidden"
    assert st.units["U2"].home_station == "A"  # nothing happened
