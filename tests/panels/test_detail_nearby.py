"""The incident detail shows the nearest address and corner of the incident's position, with
their distances, from the real places resource (real widgets, the real reducer)."""

from __future__ import annotations

import pytest

from app.domain import commands as c
from app.domain.library import Library
from app.domain.model import Location
from app.geo.geocode import Geocoder
from app.store.selection import Selection
from app.store.store import Store
from tests.geo.test_nearby import LINE, corner
from tests.panels.scene import LocalGateway, seed_incident
from widgets.detail.detail_panel import IncidentDetail


@pytest.fixture(scope="module")
def geo() -> Geocoder:
    return Geocoder(locator=None)


def test_incident_detail_shows_what_is_near(
    qtbot: object,
    store: Store,
    selection: Selection,
    gateway: LocalGateway,
    library: Library,
    geo: Geocoder,
) -> None:
    lat, lon = corner(geo, "Mission St & 19th St")
    seed_incident(store, incident_id="inc-1", number="2026-000481", lat=lat + 0.0002, lon=lon)
    w = IncidentDetail(store, selection, gateway, library, gazetteer=geo)
    qtbot.addWidget(w)  # type: ignore[attr-defined]
    w.resize(820, 1000)
    w.show()
    selection.select_incident("inc-1")
    text = w.fields.values["nearby"].text()
    m = LINE.match(text)
    assert m is not None, text
    assert set(m.group(3).split(" & ")) == {"Mission St", "19th St"}
    assert 18 <= int(m.group(4)) <= 26  # 0.0002 degrees of latitude is 22 m
    assert w.fields.labels["nearby"].text() == "Nearby"
    misses = w.fields.nearby.misses  # type: ignore[union-attr]

    # Moving the incident moves what is near it; the old position stays cached.
    far = corner(geo, "Geary Blvd & Masonic Ave")
    moved = Location(lat=far[0], lon=far[1], address="Geary & Masonic")
    gateway.submit(c.UpdateIncident(incident_id="inc-1", changes=c.IncidentChanges(location=moved)))
    qtbot.waitUntil(  # type: ignore[attr-defined]
        lambda: "Masonic Ave" in w.fields.values["nearby"].text()
    )
    assert w.fields.nearby.misses == misses + 1  # type: ignore[union-attr]

    # Out in the bay: said so, not an address kilometres away.
    bay = Location(lat=37.79, lon=-122.345, address="on the water")
    gateway.submit(c.UpdateIncident(incident_id="inc-1", changes=c.IncidentChanges(location=bay)))
    qtbot.waitUntil(  # type: ignore[attr-defined]
        lambda: w.fields.values["nearby"].text() == "no address within 1 km"
    )


def test_without_a_geocoder_the_row_is_a_dash(
    qtbot: object, store: Store, selection: Selection, gateway: LocalGateway, library: Library
) -> None:
    seed_incident(store, incident_id="inc-1", number="2026-000481")
    w = IncidentDetail(store, selection, gateway, library)
    qtbot.addWidget(w)  # type: ignore[attr-defined]
    selection.select_incident("inc-1")
    assert w.fields.values["nearby"].text() == "-"
