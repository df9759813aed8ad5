"""The video wall with real tiles, a real camera server and real decoding (offscreen)."""

from __future__ import annotations

from PySide6 import QtCore, QtGui, QtWidgets

from app.video.mime import CAMERA_MIME, camera_id_from_mime, camera_mime_data
from app.video.pacing import Backoff
from app.video.source import VideoSource
from app.video.testserver import CameraServer
from tests.video.conftest import CLIP, load_store, make_camera, make_incident
from widgets.video.panel import VideoPanel
from widgets.video.wall import VideoWall

LAT, LON = 37.7800, -122.4100


def quick_source(url: str, size: tuple[int, int]) -> VideoSource:
    """Sources that retry quickly, so a lost stream recovers within the test's patience."""
    return VideoSource(url, target_size=size, backoff=Backoff(0.2, 0.6))


def city(store, server: CameraServer | None, n: int = 3) -> None:
    """``n`` cameras south of the incident looking north at it, about 90 m apart, plus one looking
    away; the incident sits at (LAT, LON)."""
    url = (lambda cid: server.url_for(cid)) if server else (lambda cid: "")
    cams = [
        make_camera(f"c{i}", LAT - 0.0008 * (i + 1), LON, 0.0, url(f"c{i}"), name=f"South {i}")
        for i in range(n)
    ]
    cams.append(make_camera("away", LAT - 0.0005, LON, 180.0, url("away"), name="Looks away"))
    load_store(store, cams, [make_incident("i1", LAT, LON)])


def make_wall(qtbot, store, selection, **kw) -> VideoWall:
    wall = VideoWall(store, selection, source_factory=quick_source, **kw)
    qtbot.addWidget(wall)
    wall.resize(800, 480)
    wall.show()
    return wall


def test_tile_shows_signal_lost_and_recovers_on_same_port(qtbot, store, selection):
    server = CameraServer(CLIP, default_size=(320, 180), seconds=2.0)
    server.start()
    try:
        city(store, server, n=1)
        wall = make_wall(qtbot, store, selection)
        wall.assign(0, "c0")
        tile = wall.tile(0)
        qtbot.waitUntil(
            lambda: tile.status_text() == "LIVE" and tile.frames_shown > 3, timeout=15000
        )
        server.stop()
        qtbot.waitUntil(lambda: tile.status_text() == "SIGNAL LOST", timeout=10000)
        assert tile.source is not None and tile.source.reason
        lost_image = wall.grab().toImage()
        assert not lost_image.isNull()
        server.start()  # same port as before
        shown = tile.frames_shown
        qtbot.waitUntil(
            lambda: tile.status_text() == "LIVE" and tile.frames_shown > shown + 3, timeout=15000
        )
    finally:
        wall.shutdown()
        server.stop()


def test_fill_from_incident_and_snapshot_png(qtbot, store, selection, camera_server):
    city(store, camera_server, n=3)
    got = []
    wall = make_wall(qtbot, store, selection, on_snapshot=lambda *a: got.append(a))
    try:
        assert wall.fill_from_incident() == 0  # nothing selected yet
        selection.select_incident("i1")
        assert [c.id for c, _ in wall.covering_cameras()] == ["c0", "c1", "c2"]
        wall.activateWindow()
        wall.setFocus()
        qtbot.waitUntil(lambda: wall.hasFocus(), timeout=3000)
        qtbot.keyClick(wall, QtCore.Qt.Key.Key_F)
        assert wall.layout_count == 4
        assert wall.assignments() == ["c0", "c1", "c2", ""]
        tile = wall.tile(1)
        qtbot.waitUntil(lambda: tile.frames_shown > 0, timeout=15000)
        png = wall.snapshot(1)
        assert png is not None and png.startswith(b"\x89PNG")
        assert got == [("i1", "c1", png)]
        img = QtGui.QImage.fromData(png)
        assert (img.width(), img.height()) == (320, 180)
    finally:
        wall.shutdown()


def test_snapshot_without_incident_calls_nothing(qtbot, store, selection, camera_server):
    city(store, camera_server, n=1)
    got = []
    wall = make_wall(qtbot, store, selection, on_snapshot=lambda *a: got.append(a))
    try:
        wall.assign(0, "c0")
        qtbot.waitUntil(lambda: wall.tile(0).frames_shown > 0, timeout=15000)
        assert wall.snapshot(0) is None and got == []
    finally:
        wall.shutdown()


def test_layouts_maximise_and_hidden_tiles_pause(qtbot, store, selection):
    city(store, None, n=3)
    wall = make_wall(qtbot, store, selection)
    for n in (1, 4, 9, 16):
        wall.set_layout(n)
        assert sum(t.isVisible() for t in wall.tiles()) == n
    wall.set_layout(4)
    qtbot.mouseDClick(wall.tile(2), QtCore.Qt.MouseButton.LeftButton)
    assert wall.maximised_index == 2
    assert [t.index for t in wall.tiles() if t.isVisible()] == [2]
    qtbot.mouseDClick(wall.tile(2), QtCore.Qt.MouseButton.LeftButton)
    assert wall.maximised_index is None
    try:
        wall.set_layout(5)
    except ValueError as exc:
        assert "1, 4, 9 or 16" in str(exc)
    else:
        raise AssertionError("layout 5 accepted")


def test_hidden_tile_pauses_its_source(qtbot, store, selection, clip):
    load_store(store, [make_camera("f", LAT, LON, 0.0, str(clip))])
    wall = make_wall(qtbot, store, selection)
    try:
        wall.set_layout(4)
        wall.assign(3, "f")
        src = wall.tile(3).source
        assert src is not None
        qtbot.waitUntil(lambda: src.stats().converted > 2, timeout=10000)
        wall.set_layout(1)  # tile 3 hidden
        assert not src.active
        wall.set_layout(4)
        assert src.active
    finally:
        wall.shutdown()


def test_drop_camera_mime_on_tile(qtbot, store, selection):
    city(store, None, n=2)
    wall = make_wall(qtbot, store, selection)
    tile = wall.tile(1)
    md = camera_mime_data("c1")
    pos = QtCore.QPointF(tile.rect().center())
    action = QtCore.Qt.DropAction.CopyAction
    buttons, mods = QtCore.Qt.MouseButton.LeftButton, QtCore.Qt.KeyboardModifier.NoModifier
    enter = QtGui.QDragEnterEvent(pos.toPoint(), action, md, buttons, mods)
    QtWidgets.QApplication.sendEvent(tile, enter)
    assert enter.isAccepted()
    drop = QtGui.QDropEvent(pos, action, md, buttons, mods)
    QtWidgets.QApplication.sendEvent(tile, drop)
    assert wall.assignments()[1] == "c1"
    assert tile.status_text() == "NO STREAM"  # c1 has no URL in this city
    other = QtCore.QMimeData()
    other.setText("c0")
    assert camera_id_from_mime(other) is None
    assert camera_id_from_mime(md) == "c1" and md.hasFormat(CAMERA_MIME)


def test_presets_round_trip_through_qsettings(qtbot, store, selection, tmp_path):
    city(store, None, n=3)
    settings = QtCore.QSettings(str(tmp_path / "wall.ini"), QtCore.QSettings.Format.IniFormat)
    wall = make_wall(qtbot, store, selection, settings=settings)
    wall.set_layout(9)
    wall.assign(0, "c2")
    wall.assign(4, "away")
    wall.save_preset("Bridge watch")
    wall.set_layout(1)
    wall.assign(0, "")
    fresh = QtCore.QSettings(str(tmp_path / "wall.ini"), QtCore.QSettings.Format.IniFormat)
    other = make_wall(qtbot, store, selection, settings=fresh)
    assert other.preset_names() == ["Bridge watch"]
    other.load_preset("Bridge watch")
    assert other.layout_count == 9
    assert other.assignments()[:5] == ["c2", "", "", "", "away"]
    for bad, msg in (("", "needs a name"), ("a/b", "may not contain"), ("zzz", "no wall preset")):
        try:
            other.load_preset(bad)
        except ValueError as exc:
            assert msg in str(exc)
        else:
            raise AssertionError(f"preset {bad!r} accepted")
    fresh.setValue("videoWall/presets/broken", "{not json")
    try:
        other.load_preset("broken")
    except ValueError as exc:
        assert "damaged" in str(exc)
    assert other.layout_count == 9  # a bad preset changes nothing


def test_unknown_camera_in_preset_shows_problem(qtbot, store, selection):
    wall = make_wall(qtbot, store, selection, settings={})
    wall.assign(0, "ghost")
    assert wall.tile(0).status_text() == "UNKNOWN CAMERA"


def test_send_to_monitor_and_back(qtbot, store, selection):
    city(store, None, n=1)
    panel = VideoPanel(store, selection, settings={}, source_factory=quick_source)
    qtbot.addWidget(panel)
    panel.show()
    wall = panel.wall
    wall.send_to_screen(0)
    assert wall.isWindow() and wall.screen_index == 0
    assert wall.screen() is QtGui.QGuiApplication.screens()[0]
    try:
        wall.send_to_screen(len(QtGui.QGuiApplication.screens()))
    except ValueError as exc:
        assert "does not exist" in str(exc)
    else:
        raise AssertionError("a missing monitor was accepted")
    wall.return_from_screen()
    assert not wall.isWindow() and wall.parentWidget() is panel.splitter
    assert wall.screen_index == -1
    panel.shutdown()


def test_camera_list_orders_covering_first_and_filters(qtbot, store, selection):
    city(store, None, n=3)
    panel = VideoPanel(store, selection, settings={})
    qtbot.addWidget(panel)
    lst = panel.cameras
    assert sorted(lst.visible_camera_ids()) == ["away", "c0", "c1", "c2"]
    selection.select_incident("i1")
    assert lst.visible_camera_ids()[:3] == ["c0", "c1", "c2"]
    assert "3 camera(s) cover it" in lst.header.text()
    lst.filter_edit.setText("away")
    assert lst.visible_camera_ids() == ["away"]
    md = lst.model.mimeData([lst.model.index(0, 0)])
    assert camera_id_from_mime(md) == "c0"
    lst.cameraActivated.emit("c2")
    assert panel.wall.assignments()[0] == "c2"
    panel.shutdown()
