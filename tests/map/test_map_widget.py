"""The map widget under pytest-qt: rendering, clicks, selection, menus, follow, pick mode."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6 import QtCore, QtGui, QtWidgets

from app.domain import events as ev
from app.domain.geo import haversine_m
from app.domain.model import GridCell, Status
from tests.map.conftest import MARKET_5TH, NOW, event, incident
from widgets.map import MapWidget, render_map_png
from widgets.map.layer_base import Hit
from widgets.map.map_menu import build_context_menu, tooltip_for

Qt = QtCore.Qt


def bright_ring(img: QtGui.QImage, x: float, y: float) -> int:
    """White pixels 11..15 px around (x, y): the selection ring."""
    n = 0
    for dx in range(-15, 16):
        for dy in range(-15, 16):
            if 121 <= dx * dx + dy * dy <= 225:
                c = QtGui.QColor(img.pixel(int(x) + dx, int(y) + dy))
                n += c.red() > 225 and c.green() > 225 and c.blue() > 225
    return n


def frame(w: MapWidget) -> QtGui.QImage:
    w.render_complete()
    return w.grab().toImage()


def test_map_renders_a_varied_picture(map_widget: MapWidget) -> None:
    img = frame(map_widget)
    colours = {img.pixel(x, y) for x in range(0, img.width(), 6) for y in range(0, img.height(), 6)}
    assert len(colours) > 50
    assert map_widget.tiles_missing == 0


def test_tiles_of_a_new_zoom_fill_in_between_frames(qtbot, map_widget: MapWidget) -> None:
    """A zoom shows stretched tiles at once; real ones arrive in idle slices once it rests."""
    tiles = map_widget.tiles
    assert tiles is not None
    rendered = tiles.rendered
    map_widget.zoom_by(0.75)
    map_widget.repaint()
    assert map_widget.tiles_missing > 0  # the frame did not wait for tiles
    assert tiles.rendered == rendered
    qtbot.waitUntil(lambda: map_widget.tiles_missing == 0, timeout=10_000)
    assert tiles.rendered > rendered  # the last frame painted no stand-in


def test_click_on_marker_selects_incident(qtbot, map_widget: MapWidget, selection) -> None:
    frame(map_widget)
    pos = map_widget.incident_screen_pos("a")
    assert pos is not None and map_widget.rect().contains(pos.toPoint())
    got: list[str] = []
    selection.incidentSelected.connect(got.append)  # emitted synchronously by the click
    qtbot.mouseClick(map_widget, Qt.MouseButton.LeftButton, pos=pos.toPoint())
    assert got == ["a"]
    assert selection.incident_id == "a"


def test_selection_elsewhere_moves_highlight_and_pans(map_widget: MapWidget, selection) -> None:
    selection.select_incident("a")
    img = frame(map_widget)
    pa = map_widget.incident_screen_pos("a")
    assert pa is not None and bright_ring(img, pa.x(), pa.y()) > 10
    map_widget.center_on(37.7500, -122.4500, 16.0)  # far away: "b" is off-screen
    pb = map_widget.incident_screen_pos("b")
    assert pb is not None and not map_widget.rect().contains(pb.toPoint())
    selection.select_incident("b")
    pb = map_widget.incident_screen_pos("b")
    assert pb is not None and map_widget.rect().adjusted(40, 40, -40, -40).contains(pb.toPoint())
    img = frame(map_widget)
    assert bright_ring(img, pb.x(), pb.y()) > 10
    pa = map_widget.incident_screen_pos("a")
    assert pa is not None
    if map_widget.rect().contains(pa.toPoint()):
        assert bright_ring(img, pa.x(), pa.y()) < 4


def test_closed_incidents_are_hidden_and_updates_are_coalesced(qtbot, map_widget, store) -> None:
    layer = map_widget.incidents
    assert "closed" not in layer.data.row and {"a", "b", "c"} <= set(layer.data.row)
    for k in range(40):  # a burst of single-event batches
        store.apply_events(
            [event(ev.IncidentCreated(incident=incident(f"n{k}", 37.78 + k * 1e-4, -122.41)))]
        )
    store.apply_events(
        [
            event(
                ev.IncidentTransitioned(
                    incident_id="b",
                    action="close",
                    from_status=Status.VERIFIED,
                    to_status=Status.CLOSED,
                    clocks={},
                    rework_count=0,
                )
            )
        ]
    )
    # Nothing is applied synchronously: the burst lands in one deferred update.
    assert "n0" not in layer.data.row
    qtbot.waitUntil(lambda: "n39" in layer.data.row, timeout=2000)
    assert all(f"n{k}" in layer.data.row for k in range(40))
    assert "b" not in layer.data.row


def test_low_zoom_clusters_count_every_visible_incident(map_widget, store) -> None:
    evs = [
        event(
            ev.IncidentCreated(
                incident=incident(
                    f"k{i}", 37.77 + (i % 20) * 7e-4, -122.43 + (i // 20) * 9e-4, priority=1 + i % 4
                )
            )
        )
        for i in range(300)
    ]
    store.apply_events(evs)
    map_widget.flush_now()
    map_widget.center_on(37.775, -122.42, 12.0)
    frame(map_widget)
    clusters = map_widget.incidents.last_clusters
    visible = 0
    for iid in map_widget.incidents.data.row:
        p = map_widget.incident_screen_pos(iid)
        assert p is not None
        visible += -24 < p.x() < map_widget.width() + 24 and -24 < p.y() < map_widget.height() + 24
    assert any(c[2] > 1 for c in clusters)
    assert sum(c[2] for c in clusters) == visible == 303
    # Clicking a cluster zooms in on it.
    big = max(clusters, key=lambda c: c[2])
    z = map_widget.zoom
    hit = map_widget.hit_test(QtCore.QPointF(big[0], big[1]))
    assert hit is not None and hit.kind == "cluster" and len(hit.ids) == big[2]
    _click(map_widget, QtCore.QPointF(big[0], big[1]))
    assert map_widget.zoom == z + 2


def _click(w: MapWidget, pos: QtCore.QPointF) -> None:
    for kind in (QtCore.QEvent.Type.MouseButtonPress, QtCore.QEvent.Type.MouseButtonRelease):
        e = QtGui.QMouseEvent(
            kind,
            pos,
            w.mapToGlobal(pos),
            Qt.MouseButton.LeftButton,
            Qt.MouseButton.LeftButton
            if kind == QtCore.QEvent.Type.MouseButtonPress
            else Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
        )
        QtWidgets.QApplication.sendEvent(w, e)


def test_pick_mode_emits_the_clicked_location(qtbot, map_widget: MapWidget) -> None:
    frame(map_widget)
    pos = QtCore.QPoint(60, 60)
    assert map_widget.hit_test(QtCore.QPointF(pos)) is None
    map_widget.set_pick_mode(True)
    picked: list[tuple[float, float]] = []
    map_widget.locationPicked.connect(lambda la, lo: picked.append((la, lo)))
    qtbot.mouseClick(map_widget, Qt.MouseButton.LeftButton, pos=pos)
    assert len(picked) == 1
    lat, lon = picked[0]
    want = map_widget.latlon_at(QtCore.QPointF(pos))
    assert haversine_m(lat, lon, *want) < 1.0
    assert not map_widget.pick_mode


def test_drag_wheel_and_keys_move_the_view(qtbot, map_widget: MapWidget) -> None:
    _, lon0 = map_widget.center_latlon()
    qtbot.keyClick(map_widget, Qt.Key.Key_Left)
    assert map_widget.center_latlon()[1] < lon0
    qtbot.keyClick(map_widget, Qt.Key.Key_Plus)
    assert map_widget.zoom == 16.5
    qtbot.keyClick(map_widget, Qt.Key.Key_Minus)
    assert map_widget.zoom == 16.0
    # Wheel: one notch zooms half a level around the cursor.
    at = QtCore.QPointF(200, 150)
    before = map_widget.latlon_at(at)
    wheel = QtGui.QWheelEvent(
        at,
        map_widget.mapToGlobal(at),
        QtCore.QPoint(),
        QtCore.QPoint(0, 120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QtWidgets.QApplication.sendEvent(map_widget, wheel)
    assert map_widget.zoom == 16.5
    assert haversine_m(*before, *map_widget.latlon_at(at)) < 3.0
    # Drag: the map point under the press follows the cursor.
    start, end = QtCore.QPointF(300, 300), QtCore.QPointF(360, 330)
    grabbed = map_widget.latlon_at(start)
    qtbot.mousePress(map_widget, Qt.MouseButton.LeftButton, pos=start.toPoint())
    for t in (0.25, 0.5, 1.0):
        p = start + (end - start) * t
        QtWidgets.QApplication.sendEvent(
            map_widget,
            QtGui.QMouseEvent(
                QtCore.QEvent.Type.MouseMove,
                p,
                map_widget.mapToGlobal(p),
                Qt.MouseButton.NoButton,
                Qt.MouseButton.LeftButton,
                Qt.KeyboardModifier.NoModifier,
            ),
        )
    qtbot.mouseRelease(map_widget, Qt.MouseButton.LeftButton, pos=end.toPoint())
    assert haversine_m(*grabbed, *map_widget.latlon_at(end)) < 3.0


def test_context_menu_actions(qtbot, map_widget: MapWidget, selection, store) -> None:
    frame(map_widget)
    pos = QtCore.QPointF(120, 140)
    lat, lon = map_widget.latlon_at(pos)
    menu = build_context_menu(map_widget, pos)
    acts = {a.text(): a for a in menu.actions() if a.text()}
    for text, sig in (
        ("New incident here", map_widget.newIncidentRequested),
        ("Dispatch nearest unit", map_widget.dispatchNearestRequested),
        ("Show cameras covering this point", map_widget.camerasAtRequested),
    ):
        got: list[tuple[float, float]] = []
        sig.connect(lambda la, lo, got=got: got.append((la, lo)))
        acts[text].trigger()
        assert got == [(pytest.approx(lat), pytest.approx(lon))]
    assert not acts["Fit to selected incident"].isEnabled()
    assert not any(t.startswith("Follow unit") for t in acts)
    # Over a unit the menu offers to follow it; following keeps it centred as it moves.
    upos = map_widget.unit_screen_pos("E1")
    assert upos is not None
    menu = build_context_menu(map_widget, upos)
    follow = next(a for a in menu.actions() if a.text() == "Follow unit E1")
    follow.trigger()
    assert map_widget.followed_unit == "E1"
    store.apply_events(
        [event(ev.UnitMoved(unit_id="E1", lat=37.7900, lon=-122.4000, heading=10, at=NOW))]
    )
    qtbot.waitUntil(
        lambda: haversine_m(*map_widget.center_latlon(), 37.7900, -122.4000) < 3.0, timeout=2000
    )
    selection.select_incident("c")
    menu = build_context_menu(map_widget, pos)
    fit = next(a for a in menu.actions() if a.text() == "Fit to selected incident")
    assert fit.isEnabled()
    fit.trigger()
    inc = store.state.incidents["c"].location
    assert haversine_m(*map_widget.center_latlon(), inc.lat, inc.lon) < 3.0


def test_tooltips_name_what_is_under_the_cursor(store) -> None:
    text = tooltip_for(Hit("incident", "a"), store)
    assert (
        "2026-a" in text and "structure fire" in text and "reported" in text and "OVERDUE" in text
    )
    assert "P7" in tooltip_for(Hit("unit", "P7"), store) and "min old" in tooltip_for(
        Hit("unit", "P7"), store
    )
    assert "min old" not in tooltip_for(Hit("unit", "E1"), store)
    assert "Market at 5th" in tooltip_for(Hit("camera", "cam1"), store)
    assert "3 incidents" in tooltip_for(Hit("cluster", ids=["a", "b", "c"]), store)


def test_heat_map_and_camera_cones_colour_the_map(qtbot, map_widget: MapWidget, store) -> None:
    d = 0.0012
    lat, lon = MARKET_5TH
    cell = GridCell(
        id="g1",
        polygon=[(lon - d, lat - d), (lon + d, lat - d), (lon + d, lat + d), (lon - d, lat + d)],
        neighbourhood="South of Market",
    )
    store.apply_events(
        [
            event(ev.GridLoaded(cells=[cell])),
            event(ev.IncidentCreated(incident=incident("h1", lat + 5e-4, lon - 5e-4, cell="g1"))),
            event(
                ev.IncidentCreated(
                    incident=incident("h2", lat + 6e-4, lon - 6e-4, cell="g1", overdue=True)
                )
            ),
        ]
    )
    map_widget.flush_now()
    assert (map_widget.areas.count("g1"), map_widget.areas.count("g1", overdue=True)) == (2, 1)
    probe = map_widget.vp.screen_of_latlon(
        lat - 8e-4, lon + 8e-4
    )  # inside the cell, clear of markers
    map_widget.set_layer_visible("cameras", False)
    plain = QtGui.QColor(frame(map_widget).pixel(int(probe[0]), int(probe[1])))
    map_widget.set_heat_mode("open")
    heat = QtGui.QColor(frame(map_widget).pixel(int(probe[0]), int(probe[1])))
    assert heat.red() > plain.red() + 15
    map_widget.set_heat_mode("off")
    # The camera looks east (heading 90): a point 60 m east of it lies in its cone.
    cone_pt = map_widget.vp.screen_of_latlon(37.7838, -122.4078 + 60 / 88_000)
    off = QtGui.QColor(frame(map_widget).pixel(int(cone_pt[0]), int(cone_pt[1])))
    map_widget.set_layer_visible("cameras", True)
    on = QtGui.QColor(frame(map_widget).pixel(int(cone_pt[0]), int(cone_pt[1])))
    assert on.green() > off.green() + 5
    with pytest.raises(ValueError, match="heat mode"):
        map_widget.set_heat_mode("hot")
    with pytest.raises(ValueError, match="unknown map layer"):
        map_widget.set_layer_visible("roads", True)


def test_stale_units_are_faded(map_widget: MapWidget) -> None:
    assert map_widget.units.stale_ids(NOW) == {"P7"}
    assert map_widget.units.stale_ids(NOW + 400) == {"P7", "E1", "M2"}


def test_render_map_png(qapp, store, tmp_path: Path) -> None:
    out = render_map_png(
        store, tmp_path / "shots" / "map.png", (640, 400), center=MARKET_5TH, zoom=15
    )
    img = QtGui.QImage(str(out))
    assert (img.width(), img.height()) == (640, 400)
    assert len({img.pixel(x, y) for x in range(0, 640, 5) for y in range(0, 400, 5)}) > 40


def test_hover_reads_out_coordinates_then_the_place(qtbot, map_widget: MapWidget) -> None:
    pos = map_widget.incident_screen_pos("a")
    assert pos is not None
    spot = QtCore.QPoint(int(pos.x()), int(pos.y()) + 40)  # beside the marker, on Market Street
    qtbot.mouseMove(map_widget, spot)
    lines = map_widget.cursor_readout()
    lat, lon = map_widget.latlon_at(QtCore.QPointF(spot))
    assert lines[0] == f"{lat:.5f}, {lon:.5f}"
    qtbot.waitUntil(lambda: len(map_widget.cursor_readout()) == 3, timeout=3000)
    place, near = map_widget.cursor_readout()[1:]
    assert "Market St" in place and "South of Market" in place
    assert near.startswith("near ") and " m) · " in near  # nearest address and corner


def test_untouched_map_fits_the_city_to_its_size(qtbot, store, selection) -> None:
    from widgets.map.map_widget import CITY_BOUNDS

    w = MapWidget(store, selection)
    qtbot.addWidget(w)
    for size in ((500, 400), (1400, 900)):
        w.resize(*size)
        w.show()
        qtbot.waitExposed(w)
        lat0, lon0, lat1, lon1 = CITY_BOUNDS
        for lat, lon in ((lat0, lon0), (lat1, lon1)):
            x, y = w.vp.screen_of_latlon(lat, lon)
            assert 0 <= x <= size[0] and 0 <= y <= size[1]
        # ...at the closest zoom that fits: one quarter step more would not.
        bw = w.vp.screen_of_latlon(lat0, lon1)[0] - w.vp.screen_of_latlon(lat0, lon0)[0]
        bh = w.vp.screen_of_latlon(lat0, lon0)[1] - w.vp.screen_of_latlon(lat1, lon0)[1]
        assert bw * 2**0.25 > size[0] or bh * 2**0.25 > size[1]
    z = w.zoom
    w.pan_by(10, 0)  # once moved by hand, a resize keeps the view
    w.resize(700, 500)
    qtbot.waitUntil(lambda: w.vp.width == 700)
    assert w.zoom == z


def test_bad_positions_are_left_off_the_map(map_widget: MapWidget, store) -> None:
    from app.domain.model import Agency, Camera, Unit

    store.apply_events(
        [
            event(ev.IncidentCreated(incident=incident("nowhere", 0.0, 0.0))),
            event(ev.IncidentCreated(incident=incident("pole", 95.0, -122.4))),
            event(ev.AgencyUpserted(agency=Agency(id="odd", name="Odd", color="not a colour"))),
            event(
                ev.UnitUpserted(unit=Unit(id="U0", agency="odd", type="x", lat=37.78, lon=-122.41))
            ),
            event(
                ev.CameraUpserted(
                    camera=Camera(
                        id="c0", name="bad", lat=37.78, lon=-122.41, heading=0, fov=-5, range_m=-1
                    )
                )
            ),
        ]
    )
    map_widget.flush_now()
    assert "nowhere" not in map_widget.incidents.data.row
    assert "pole" not in map_widget.incidents.data.row
    assert "U0" in map_widget.units.data.row and "c0" in map_widget.cameras.data.row
    img = frame(map_widget)  # still paints
    assert img.width() == map_widget.width()


def test_unit_sprites_of_the_other_size_are_prepared_in_idle_time(map_widget: MapWidget) -> None:
    units = map_widget.units
    assert units.data.n > 0
    map_widget.center_on(*MARKET_5TH, units.small_below_zoom - 1.0)
    frame(map_widget)
    wanted = list(units._to_warm)
    assert wanted and all(k[4] is False for k in wanted)  # the large markers come next
    assert not any(k in units._sprites for k in wanted)
    assert units.warm_sprites(5.0) is False
    assert all(k in units._sprites for k in wanted)
    # Zooming in now finds every sprite ready: the frame draws none.
    before = len(units._sprites)
    map_widget.center_on(*MARKET_5TH, units.small_below_zoom + 0.5)
    frame(map_widget)
    assert len(units._sprites) == before
