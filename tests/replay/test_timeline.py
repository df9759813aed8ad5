"""The timeline widget and the score dialog, under pytest-qt with a real store and replay."""

from __future__ import annotations

import hashlib
from pathlib import Path

import msgspec
from PySide6 import QtCore, QtGui

from app.domain import commands as c
from app.domain.model import Role, User
from app.replay.session import open_replay
from app.store.store import Store
from tests.replay.conftest import choose_units, pending_calls
from widgets.replay import render_png
from widgets.replay.score_dialog import ScoreDialog
from widgets.replay.timeline import TimelineWidget


def snap(st: object) -> bytes:
    return msgspec.msgpack.encode(st.snapshot())  # type: ignore[attr-defined]


def test_play_advances_the_clock_and_store(qtbot, demo_replay: Path) -> None:
    store = Store()
    session = open_replay(demo_replay, store)
    assert store.read_only and store.workstation == "replay"
    w = TimelineWidget(session)
    qtbot.addWidget(w)
    w.show()
    t0 = session.player.clock
    assert store.now() == t0
    w.speed_box.setCurrentIndex(w.speed_box.findData(3600.0))
    assert session.player.speed == 3600.0
    with qtbot.waitSignal(store.incidentsChanged, timeout=5000):
        qtbot.mouseClick(w.play_button, QtCore.Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: session.player.clock > t0 + 600, timeout=5000)
    assert store.now() == session.player.clock
    qtbot.mouseClick(w.play_button, QtCore.Qt.MouseButton.LeftButton)  # pause
    assert not session.player.playing
    qtbot.waitUntil(lambda: w.slider.value() == int(session.player.clock - session.player.start))
    # The store holds exactly the replay's state at the clock.
    assert snap(store.state) == snap(session.player.state_at(session.player.clock))
    session.close()


def test_seek_updates_the_store(qtbot, demo_replay: Path) -> None:
    store = Store()
    session = open_replay(demo_replay, store)
    w = TimelineWidget(session)
    qtbot.addWidget(w)
    w.show()
    target = int(0.75 * (session.player.end - session.player.start))
    with qtbot.waitSignal(store.stateReset, timeout=5000):
        w.slider.setSliderDown(True)
        w.slider.setValue(target)
        w.slider.setSliderDown(False)  # released: seek
    assert session.player.clock == session.player.start + target
    later = len(store.state.incidents)
    assert later > 0
    assert snap(store.state) == snap(session.player.state_at(session.player.start + target))
    assert "PDT" in w.time_label.text()
    # ... and back again: fewer calls known earlier in the day.
    with qtbot.waitSignal(store.stateReset, timeout=5000):
        session.driver.seek(session.player.start + 600)
    assert len(store.state.incidents) < later
    assert w.slider.value() == 600
    # Priority-1 markers are on the slider, with their call numbers.
    assert len(w.slider.markers()) == len(session.player.markers()) > 0
    png = render_png(w, demo_replay.with_name("timeline.png"))
    img = QtGui.QImage(str(png))
    assert img.width() > 200 and img.height() > 10
    session.close()


def test_playing_to_the_end_stops_and_says_so(qtbot, demo_replay: Path) -> None:
    store = Store()
    session = open_replay(demo_replay, store)
    w = TimelineWidget(session)
    qtbot.addWidget(w)
    session.driver.seek(session.player.end - 1800)
    session.driver.set_speed(3600)
    playing: list[bool] = []
    session.driver.playingChanged.connect(playing.append)
    with qtbot.waitSignal(session.driver.finished, timeout=5000):
        session.driver.play()
    assert session.player.clock == session.player.end and playing[-1] is False
    assert snap(store.state) == snap(session.player.state_at(session.player.end))
    session.close()


def test_step_button_moves_to_next_event(qtbot, demo_replay: Path) -> None:
    store = Store()
    session = open_replay(demo_replay, store)
    w = TimelineWidget(session)
    qtbot.addWidget(w)
    nxt = session.player.next_event_time()
    qtbot.mouseClick(w.step_button, QtCore.Qt.MouseButton.LeftButton)
    assert session.player.clock == nxt
    after = session.player.next_event_time()
    qtbot.keyClick(w, QtCore.Qt.Key.Key_Right)  # the same from the keyboard
    assert session.player.clock == after
    qtbot.keyClick(w, QtCore.Qt.Key.Key_Space)
    assert session.player.playing
    qtbot.keyClick(w, QtCore.Qt.Key.Key_Space)
    assert not session.player.playing
    session.close()


def test_training_session_in_the_console(qtbot, demo_replay: Path, tmp_path: Path) -> None:
    digest = hashlib.sha256(demo_replay.read_bytes()).hexdigest()
    store = Store()
    trainee = User(username="ana", display_name="Ana", role=Role.DISPATCHER)
    log_path = tmp_path / "ana.training.sqlite"
    session = open_replay(
        demo_replay,
        store,
        training=True,
        trainee=trainee,
        start=session_start(demo_replay),
        log_path=log_path,
    )
    assert session.training and session.gateway is not None and not store.read_only
    w = TimelineWidget(session)
    qtbot.addWidget(w)
    assert w.mode_label.text() == "TRAINING"
    refused: list[str] = []
    w.driver.seekRefused.connect(refused.append)
    assert not session.driver.seek(session.player.start)  # forward only
    assert refused
    sent = 0
    for _ in range(40):
        session.driver.seek(session.player.clock + 120)
        for inc in pending_calls(store.state):
            units = choose_units(store.state, inc)
            if units and sent < 6:
                session.gateway.submit(c.AssignUnits(incident_id=inc.id, unit_ids=units))
                sent += 1
    assert sent >= 3
    assert any(u.assigned_by == "ana" for u in store.state.units.values())
    dialog = w.show_score()
    assert isinstance(dialog, ScoreDialog)
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == len(dialog.score["calls"]) > 0
    assert dialog.score["summary"]["dispatched"] == sent
    total = dialog.findChild(type(w.time_label), "scoreTotal")
    assert total is not None and "/ 100" in total.text()
    session.close()
    assert hashlib.sha256(demo_replay.read_bytes()).hexdigest() == digest


def session_start(path: Path) -> float:
    from app.replay.player import ReplayPlayer

    p = ReplayPlayer(path)
    t = p.start + 0.45 * (p.end - p.start)
    p.close()
    return t
