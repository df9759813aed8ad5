"""A replay shows each demo camera's recording at the replay's time (real camera server, real
decoding through PyAV): the tile plays it marked REPLAY, never LIVE; a camera without a recording
says so on the tile and in the camera list."""

from __future__ import annotations

import shutil
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import av
import numpy as np
import pytest
from PySide6 import QtCore

from app.paths import resource_path
from app.replay.session import ReplaySession, open_replay
from app.store.selection import Selection
from app.store.store import Store
from app.video.camera_views import view_for
from app.video.pacing import Backoff
from app.video.recordings import LOOP_SECONDS, ReplayVideo
from app.video.source import VideoSource
from app.video.testserver import CameraServer
from tests.video.conftest import CLIP
from widgets.video.camera_model import CAMERA_ID_ROLE, Columns
from widgets.video.panel import VideoPanel

T = 1_586_275_200.0  # 2020-04-07 16:00 UTC, inside the bundled replay


def first_frame(url: str) -> np.ndarray:
    with av.open(url, timeout=10.0) as container:
        for frame in container.decode(video=0):
            return frame.to_ndarray(format="gray")
    raise AssertionError(f"no picture from {url}")


def test_the_picture_of_a_time_is_always_the_same(tmp_path: Path) -> None:
    """``?at=T`` starts at the camera's picture of time T: the same for the same T (a snapshot
    in a replay is reproducible), another one a few seconds later."""
    views = {"CAM-001": view_for("CAM-001", "Market St & 5th St")}
    server = CameraServer(CLIP, default_size=(320, 180), seconds=LOOP_SECONDS, views=views)
    server.start()
    try:
        url = server.url_for("CAM-001")
        a = first_frame(f"{url}?at={T}")
        b = first_frame(f"{url}?at={T}")
        c = first_frame(f"{url}?at={T + 2.5}")
        assert a.shape == (180, 320)
        assert np.array_equal(a, b)
        assert np.abs(a.astype(int) - c.astype(int)).mean() > 2.0  # another moment of the loop
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(f"{url}?at=yesterday", timeout=5)
        assert err.value.code == 400
    finally:
        server.stop()


@pytest.fixture
def session(tmp_path: Path) -> Iterator[tuple[ReplaySession, Store]]:
    src = resource_path("replay", "sf-2020-04-07.replay")
    path = tmp_path / src.name
    shutil.copyfile(src, path)
    store = Store()
    s = open_replay(path, store, start=T)
    yield s, store
    s.close()


def quick_source(url: str, size: tuple[int, int]) -> VideoSource:
    return VideoSource(url, target_size=size, backoff=Backoff(0.2, 0.6))


def status_cell(panel: VideoPanel, camera_id: str) -> str:
    model = panel.cameras.model
    for row in range(model.rowCount()):
        if model.data(model.index(row, 0), CAMERA_ID_ROLE) == camera_id:
            return str(model.data(model.index(row, Columns.STATUS)))
    raise AssertionError(f"{camera_id} is not in the camera list")


def test_replay_tiles_play_recordings_and_say_where_there_is_none(
    qtbot: object, session: tuple[ReplaySession, Store], tmp_path: Path
) -> None:
    s, store = session
    assert s.video is not None
    cams = store.state.cameras
    assert cams["CAM-001"].stream_url == "" and cams["CAM-001"].status == "online"
    # This replay's recordings: two of its thirty cameras (the others have none).
    video = ReplayVideo(
        clock=lambda: s.player.clock,
        views={cid: view_for(cid, cams[cid].name) for cid in ("CAM-001", "CAM-002")},
    )
    try:
        panel = VideoPanel(store, Selection(), source_factory=quick_source, streams=video.choice)
        qtbot.addWidget(panel)  # type: ignore[attr-defined]
        panel.resize(1100, 560)
        panel.show()
        wall = panel.wall
        wall.assign(0, "CAM-001")
        wall.assign(1, "CAM-003")
        played, missing = wall.tile(0), wall.tile(1)
        qtbot.waitUntil(  # type: ignore[attr-defined]
            lambda: played.status_text() == "REPLAY" and played.frames_shown > 3, timeout=60000
        )
        assert played.source is not None and f"at={T:.3f}" in played.source.url
        image = played.current_image()
        assert image is not None and not image.isNull()
        assert missing.status_text() == "NO RECORDING" and missing.source is None
        # The list agrees with the tiles: the recorded status where there is a recording.
        assert status_cell(panel, "CAM-001") == "online"
        assert status_cell(panel, "CAM-003") == "no recording"
        tip = panel.cameras.model.data(
            panel.cameras.model.index(0, 0), QtCore.Qt.ItemDataRole.ToolTipRole
        )
        assert "Replay" in str(tip)
        panel.grab().save(str(tmp_path / "replay-wall.png"))

        # A seek moves the recordings to the new time.
        later = T + 1800.0
        assert s.driver.seek(later)
        qtbot.waitUntil(  # type: ignore[attr-defined]
            lambda: played.source is not None and f"at={later:.3f}" in played.source.url,
            timeout=5000,
        )
        shown = played.frames_shown
        qtbot.waitUntil(  # type: ignore[attr-defined]
            lambda: played.status_text() == "REPLAY" and played.frames_shown > shown + 3,
            timeout=60000,
        )
        panel.shutdown()
    finally:
        video.stop()


def test_a_replay_session_shows_the_demo_cameras() -> None:
    """The session's own recordings cover every demo camera; one the city does not have gets
    "no recording", and a camera recorded offline is shown offline."""
    from app.domain.model import Camera

    video = ReplayVideo(clock=lambda: T)
    try:
        cam = Camera(id="CAM-001", name="x", lat=37.78, lon=-122.4, heading=0, fov=50, range_m=80)
        choice = video.choice(cam)
        assert choice.recorded and choice.url.endswith(f"/cam/CAM-001.ts?at={T:.3f}")
        other = Camera(id="CAM-999", name="x", lat=37.78, lon=-122.4, heading=0, fov=50, range_m=80)
        assert video.choice(other).problem == "no_recording"
        down = Camera(
            id="CAM-002",
            name="x",
            lat=37.78,
            lon=-122.4,
            heading=0,
            fov=50,
            range_m=80,
            status="offline",
        )
        assert video.choice(down).problem == "offline" and not video.choice(down).url
    finally:
        video.stop()


def test_the_replay_console_wall_plays_recordings(
    qtbot: object, session: tuple[ReplaySession, Store], tmp_path: Path
) -> None:
    """As ``main.py --replay`` builds it: the console's video panel plays the session's
    recordings, and they start again at the replay's time when play resumes."""
    from app.domain.library import default_library
    from widgets.console.assemble import Services, build_console

    s, store = session
    services = Services(
        store=store,
        selection=Selection(),
        library=default_library(),
        settings=QtCore.QSettings(str(tmp_path / "desk.ini"), QtCore.QSettings.Format.IniFormat),
        workstation="replay",
        replay=s,
        mode="REPLAY",
    )
    window = build_console(services, mute=True)
    qtbot.addWidget(window)  # type: ignore[attr-defined]
    window.show()
    panel = window.panels["video"].widget
    assert isinstance(panel, VideoPanel)
    assert status_cell(panel, "CAM-001") == "online"
    panel.wall.assign(0, "CAM-001")
    tile = panel.wall.tile(0)
    qtbot.waitUntil(  # type: ignore[attr-defined]
        lambda: tile.status_text() == "REPLAY" and tile.frames_shown > 2, timeout=60000
    )
    assert tile.source is not None
    opened_at = float(tile.source.url.split("at=")[1])
    while s.player.clock < opened_at + 1.0:  # the operator steps on while paused
        s.driver.step()
    resumed = s.player.clock
    s.driver.play()

    def reopened_at_replay_time() -> bool:
        src = tile.source
        return src is not None and float(src.url.split("at=")[1]) >= resumed

    qtbot.waitUntil(reopened_at_replay_time, timeout=5000)  # type: ignore[attr-defined]
    s.driver.pause()
    panel.shutdown()
