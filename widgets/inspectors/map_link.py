"""Connects the Inspectors panel to the map: its two layers (inspectors and tracks, round
coverage) join the map's extra layers; choosing an inspector shows their track and centres the
map on them; the coverage toggle shows the coverage layer."""

from __future__ import annotations

import logging

from widgets.inspectors.inspector_panel import InspectorPanel
from widgets.map.inspector_layer import InspectorLayer
from widgets.map.map_widget import MapWidget
from widgets.map.round_coverage_layer import RoundCoverageLayer

log = logging.getLogger(__name__)


def link_map(
    panel: InspectorPanel, map_widget: MapWidget
) -> tuple[InspectorLayer, RoundCoverageLayer]:
    store = map_widget.store
    people = InspectorLayer(store)
    cover = RoundCoverageLayer(store)
    map_widget.extra_layers += [cover, people]

    def chosen(username: str) -> None:
        people.select(username)
        at = people.focus(store.now()) if username else None
        if at is not None:
            map_widget.center_on(*at, zoom=max(map_widget.zoom, 16.0))
        map_widget.update()

    def coverage_shown(on: bool) -> None:
        cover.visible = on
        map_widget.update()

    panel.inspectorChosen.connect(chosen)
    panel.coverageShown.connect(coverage_shown)
    store.inspectorsChanged.connect(map_widget.update)
    return people, cover
