"""The live queue model: sorting, filtering, incremental moves and the priority-1 alert."""

from __future__ import annotations

import itertools
import random
from typing import Any

from PySide6 import QtCore

from app.domain import events as ev
from app.domain.library import default_library
from app.domain.model import Incident, IncidentKind, Location, SourceChannel, Status, StatusGroup
from app.models.incident_queue import IdRole, IncidentQueueModel
from app.models.queue_filter import Column, QueueFilter
from app.store.store import Store

LIB = default_library()
_seq = itertools.count(1)


def incident(
    n: int,
    priority: int,
    status: Status = Status.REPORTED,
    category: str = "fire.structure",
    created: float = 1000.0,
    hood: str = "Mission",
) -> Incident:
    return Incident(
        id=f"i{n}",
        number=f"2026-{n:06d}",
        kind=IncidentKind.EMERGENCY,
        category=category,
        priority=priority,
        status=status,
        location=Location(lat=37.76, lon=-122.42, address=f"{n} Valencia St", neighbourhood=hood),
        source=SourceChannel.HOTLINE,
        department="fire",
        created_at=created + n,
    )


def put(store: Store, *incs: Incident) -> None:
    store.apply_events(
        [
            ev.Event(seq=next(_seq), time=1.0, actor="t", body=ev.IncidentCreated(incident=i))
            for i in incs
        ]
    )


def visible_ids(model: IncidentQueueModel) -> list[str]:
    return [model.data(model.index(r, 0), IdRole) for r in range(model.rowCount())]


def test_sorted_by_priority_and_moves_on_update(qtbot: Any) -> None:
    store = Store(clock=lambda: 5000.0)
    rng = random.Random(3)
    put(store, *(incident(n, rng.randint(1, 4)) for n in range(1, 300)))
    model = IncidentQueueModel(store, LIB)
    model.sort(Column.PRIORITY)
    prios = [store.state.incidents[i].priority for i in visible_ids(model)]
    assert prios == sorted(prios)
    store.apply_events(
        [
            ev.Event(
                seq=next(_seq),
                time=2.0,
                actor="t",
                body=ev.IncidentUpdated(incident_id="i7", changes=ev.IncidentChanges(priority=1)),
            ),
            ev.Event(
                seq=next(_seq),
                time=2.0,
                actor="t",
                body=ev.IncidentUpdated(incident_id="i8", changes=ev.IncidentChanges(priority=4)),
            ),
        ]
    )
    qtbot.waitUntil(lambda: not model._dirty, timeout=2000)
    ids = visible_ids(model)
    prios = [store.state.incidents[i].priority for i in ids]
    assert prios == sorted(prios)
    assert model.row_of("i7") == ids.index("i7") and model.row_of("i8") == ids.index("i8")
    model.sort(Column.NUMBER, QtCore.Qt.SortOrder.DescendingOrder)
    assert visible_ids(model)[:2] == ["i299", "i298"]
    assert model.row_of("i299") == 0


def test_filters_by_group_priority_category_neighbourhood_and_text(qtbot: Any) -> None:
    store = Store(clock=lambda: 5000.0)
    put(
        store,
        incident(1, 1),
        incident(2, 2, Status.DISPATCHED),
        incident(3, 3, Status.CLOSED),
        incident(4, 2, category="event.exposed_garbage", hood="Chinatown"),
    )
    model = IncidentQueueModel(store, LIB)
    assert set(visible_ids(model)) == {"i1", "i2", "i4"}  # closed hidden by default
    model.set_filter(QueueFilter(groups={StatusGroup.CLOSED}))
    assert visible_ids(model) == ["i3"]
    model.set_filter(QueueFilter(priorities={2}))
    assert set(visible_ids(model)) == {"i2", "i4"}
    model.set_filter(QueueFilter(categories={"event."}))
    assert visible_ids(model) == ["i4"]
    model.set_filter(QueueFilter(neighbourhoods={"Chinatown"}))
    assert visible_ids(model) == ["i4"]
    model.set_filter(QueueFilter(text="exposed garbage"))
    assert visible_ids(model) == ["i4"]
    model.set_filter(QueueFilter(text="4 valencia"))
    assert visible_ids(model) == ["i4"]
    # A change that takes an incident out of the filter removes its row.
    model.set_filter(QueueFilter(priorities={2}))
    store.apply_events(
        [
            ev.Event(
                seq=next(_seq),
                time=2.0,
                actor="t",
                body=ev.IncidentUpdated(incident_id="i2", changes=ev.IncidentChanges(priority=1)),
            )
        ]
    )
    qtbot.waitUntil(lambda: visible_ids(model) == ["i4"], timeout=2000)


def test_new_priority_one_flashes_until_acknowledged(qtbot: Any) -> None:
    now = 10_000.0
    store = Store(clock=lambda: now)
    put(store, incident(1, 3, created=now - 100))
    model = IncidentQueueModel(store, LIB)
    with qtbot.waitSignal(model.newPriorityOne, timeout=2000) as sig:
        put(store, incident(2, 1, created=now - 5), incident(3, 2, created=now - 5))
    assert sig.args == ["i2"]
    assert model.unacknowledged() == {"i2"}
    row = model.row_of("i2")
    model.toggle_flash()
    flashing = model.data(model.index(row, Column.CATEGORY), QtCore.Qt.ItemDataRole.BackgroundRole)
    assert flashing is not None
    model.acknowledge("i2")
    assert model.unacknowledged() == set()


def test_overdue_row_stands_out() -> None:
    from app.domain.model import StageClock

    store = Store(clock=lambda: 10_000.0)
    late = incident(1, 3)
    late.clocks = {"register": StageClock(started=0, due=9_000)}
    fine = incident(2, 3)
    fine.clocks = {"register": StageClock(started=0, due=20_000)}
    put(store, late, fine)
    model = IncidentQueueModel(store, LIB)
    bg_late = model.data(
        model.index(model.row_of("i1"), Column.CATEGORY), QtCore.Qt.ItemDataRole.BackgroundRole
    )
    bg_fine = model.data(
        model.index(model.row_of("i2"), Column.CATEGORY), QtCore.Qt.ItemDataRole.BackgroundRole
    )
    assert bg_late is not None and bg_fine is None
    assert model.data(model.index(model.row_of("i1"), Column.DUE)).startswith("-")
