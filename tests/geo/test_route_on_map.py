"""The selected recommendation's drive is computed over the roads and drawn on the map."""

from __future__ import annotations

import itertools
from typing import Any

from PySide6 import QtGui

from app.domain.geo import haversine_m
from app.domain.library import default_library
from app.store.selection import Selection
from app.store.store import Store
from tests.panels.render import demo_scene
from widgets.map.map_widget import MapWidget
from widgets.map.route_layer import ROUTE_COLOR
from widgets.resources.recommendation_panel import RecommendationPanel


def test_selected_recommendation_route_follows_the_roads_to_the_incident(qtbot: Any) -> None:
    library = default_library()
    store, sel, gw, _clock = demo_scene(library)
    panel = RecommendationPanel(store, sel, gw, library)
    qtbot.addWidget(panel)
    routes: list[tuple[list[tuple[float, float]], str]] = []
    panel.routeChanged.connect(lambda path, label: routes.append((path, label)))
    sel.select_incident("inc-3")
    qtbot.waitUntil(lambda: bool(routes) and bool(routes[-1][0]), timeout=5000)
    path, label = routes[-1]
    recs = panel.model.recommendations()
    assert recs and all(r.routed for r in recs)
    first = recs[0]
    assert label.startswith(first.unit_id) and "by road" in label
    inc = store.state.incidents["inc-3"]
    assert path[-1] == (inc.location.lat, inc.location.lon)
    steps = [haversine_m(*a, *b) for a, b in itertools.pairwise(path)]
    assert max(steps) < 400 and sum(steps) > first.distance_m  # along streets, not a beeline
    # Another row: another route, from that unit.
    if len(recs) > 1:
        panel.view.setCurrentIndex(panel.model.index(1, 0))
        assert routes[-1][1].startswith(recs[1].unit_id) and routes[-1][0] != path
    # No incident: the route is withdrawn.
    sel.select_incident("")
    assert routes[-1] == ([], "")


def test_map_draws_the_route(qtbot: Any) -> None:
    store, sel = Store(), Selection()
    w = MapWidget(store, sel)
    qtbot.addWidget(w)
    w.resize(640, 480)
    w.show()
    qtbot.waitExposed(w)
    w.center_on(37.7775, -122.4170, 16.0)
    w.render_complete()
    path = [(37.7790, -122.4190), (37.7790, -122.4150), (37.7760, -122.4150)]
    w.set_route(path, "E3 · 2 min 10 s by road")
    bounds = w.route.bounds_latlon()
    assert bounds is not None and abs(bounds[0] - 37.7760) < 1e-6

    def route_pixels_near(lat: float, lon: float) -> int:
        img = w.grab().toImage()
        sx, sy = w.vp.screen_of_latlon(lat, lon)
        return sum(
            QtGui.QColor(img.pixel(int(sx) + dx, int(sy) + dy)).rgb() == ROUTE_COLOR.rgb()
            for dx in range(-4, 5)
            for dy in range(-4, 5)
        )

    assert route_pixels_near(37.7790, -122.4170) > 0  # the middle of the first leg
    assert route_pixels_near(37.7775, -122.4150) > 0  # the middle of the second
    assert route_pixels_near(37.7770, -122.4185) == 0  # off the route
    w.set_route([])
    assert w.route.bounds_latlon() is None
    assert route_pixels_near(37.7790, -122.4170) == 0
