"""Map hover texts speak the operator's language: category names, the overdue stage only while it
runs, and units that never reported a position are not "29938017 min" stale."""

from __future__ import annotations

import msgspec

from app.domain import events as ev
from app.domain.model import Stage, StageClock, Status
from app.domain.recommend import recommend
from tests.panels.scene import T0, make_store, seed_incident
from widgets.map.layer_base import Hit
from widgets.map.map_menu import tooltip_for


def test_incident_tooltip_names_the_category_and_only_the_running_overdue_stage(qapp) -> None:
    store = make_store()
    inc = seed_incident(store, incident_id="t-1", number="2026-000901", created=T0 - 600)
    text = tooltip_for(Hit("incident", "t-1"), store)
    assert "Structure fire" in text or "structure fire" in text.lower()
    assert "fire.structure" not in text
    assert "OVERDUE: registration" in text  # registration ran out a minute after the call

    # Registered late and dispatched since: the late registration is history, not an alarm.
    later = msgspec.structs.replace(
        inc,
        status=Status.DISPATCHED,
        clocks={
            Stage.REGISTER.value: StageClock(
                started=T0 - 600, due=T0 - 540, done=T0 - 300, overdue=True
            ),
            Stage.HANDLE.value: StageClock(started=T0 - 100, due=T0 + 3600),
        },
    )
    store.apply_events(
        [
            ev.Event(
                seq=store.state.seq + 1,
                time=T0 - 100,
                actor="dana",
                body=ev.IncidentCreated(incident=later),
            )
        ]
    )
    assert store.state.incidents["t-1"].status == Status.DISPATCHED
    assert "OVERDUE" not in tooltip_for(Hit("incident", "t-1"), store)


def test_units_that_never_reported_say_so(qapp) -> None:
    store = make_store()
    never = next(u for u in store.state.units.values() if u.position_time <= 0)
    text = tooltip_for(Hit("unit", never.id), store)
    assert "no position reported yet" in text and "min old" not in text
    stations = {s.id: (s.lat, s.lon) for a in store.state.agencies.values() for s in a.stations}
    recs = recommend(37.7793, -122.4177, [], [never], T0, station_positions=stations, top_n=1)
    assert recs and "no position reported yet" in recs[0].reason
    assert "min old" not in recs[0].reason
