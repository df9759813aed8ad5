"""The dashboard counts cases by source and shows false alarms per device kind and camera zone."""

from __future__ import annotations

import itertools

from PySide6 import QtWidgets
from pytestqt.qtbot import QtBot

from app.domain import devices as dv
from app.domain import events as ev
from app.domain.model import Incident, IncidentKind, Location, SourceChannel, Status
from app.store.selection import Selection
from app.store.store import Store
from widgets.evaluation.dashboard import EvaluationDashboard

T0 = 1_795_000_000.0
_n = itertools.count(1)


def case(source: SourceChannel, origin: str = "", flags: list[str] | None = None) -> ev.EventBody:
    k = next(_n)
    return ev.IncidentCreated(
        incident=Incident(
            id=f"i{k}",
            number=f"2026-{k:06d}",
            kind=IncidentKind.URBAN,
            category="event.pipe_burst",
            priority=3,
            status=Status.REPORTED,
            location=Location(lat=37.77, lon=-122.41),
            source=source,
            created_at=T0 + k,
            origin=origin,
            flags=flags or [],
        )
    )


def test_cases_by_source_and_false_alarms(qtbot: QtBot) -> None:
    sensor = dv.Device(id="WL1", kind="water_level", lat=37.7, lon=-122.4, category="x")
    bodies: list[ev.EventBody] = [ev.DeviceUpserted(device=sensor)]
    bodies += [case(SourceChannel.HOTLINE) for _ in range(3)]
    bodies += [case(SourceChannel.CITIZEN)]
    bodies += [case(SourceChannel.TRANSFER)]
    # Water-level alarms: 4 reviewed, 1 dismissed; one not reviewed yet (counts in neither).
    bodies += [case(SourceChannel.SENSOR, "device:WL1", [dv.CONFIRMED]) for _ in range(3)]
    bodies += [case(SourceChannel.SENSOR, "device:WL1", [dv.DISMISSED])]
    bodies += [case(SourceChannel.SENSOR, "device:WL1")]
    # A noisy camera zone: 2 of 2 dismissed.
    bodies += [case(SourceChannel.VIDEO, "zone:C1/kerb", [dv.DISMISSED]) for _ in range(2)]
    store = Store(clock=lambda: T0 + 1000)
    store.apply_events(
        [ev.Event(seq=i + 1, time=T0, actor="t", body=b) for i, b in enumerate(bodies)]
    )
    dash = EvaluationDashboard(store, Selection())
    qtbot.addWidget(dash)
    dash.resize(1600, 1000)
    dash.show()
    qtbot.waitExposed(dash)
    src = dash.sources
    qtbot.waitUntil(lambda: src.counts.get("sensor") == 5)
    assert src.counts["hotline"] == 3
    assert src.counts["citizen_report"] == 1
    assert src.counts["transfer"] == 1
    assert src.counts["video_detection"] == 2
    assert src.counts["cap_alert"] == 0 and src.counts["inspector"] == 0  # a real zero: a slot
    # The bar chart shows the same numbers, labelled by source.
    assert src.bars.values[src.bars.keys.index("sensor")] == 5

    def item(r: int, c: int) -> QtWidgets.QTableWidgetItem:
        it = src.table.item(r, c)
        assert it is not None
        return it

    rows = {
        item(r, 0).toolTip(): [item(r, c).text() for c in range(1, 4)]
        for r in range(src.table.rowCount())
    }
    assert rows == {"zone:C1/kerb": ["2", "2", "100%"], "kind:water_level": ["4", "1", "25%"]}
    assert item(0, 0).toolTip() == "zone:C1/kerb"  # the noisiest first
    assert src.empty.isHidden()
    # A later review shows up on the next repaint.
    store.apply_events(
        [
            ev.Event(
                seq=len(bodies) + 1,
                time=T0 + 5,
                actor="t",
                body=ev.CaseFlagged(incident_id=unreviewed(bodies), flags=[dv.DISMISSED]),
            )
        ]
    )
    dash.refresh()
    qtbot.waitUntil(lambda: src.rates["kind:water_level"].reviewed == 5)
    assert src.rates["kind:water_level"].dismissed == 2


def unreviewed(bodies: list[ev.EventBody]) -> str:
    """The sensor case nobody reviewed yet."""
    for b in bodies:
        if isinstance(b, ev.IncidentCreated) and b.incident.origin and not b.incident.flags:
            return b.incident.id
    raise AssertionError("no unreviewed case")
