"""The decoder process and its shared frame slots: torn pictures, flow control, crash recovery."""

from __future__ import annotations

import os
import signal
import threading
from multiprocessing import Pipe
from pathlib import Path
from typing import Any

import pytest

from app.video.host import DecoderHost
from app.video.link import decoder_link
from app.video.slots import SlotReader, SlotWriter
from app.video.source import SourceStatus, VideoSource
from app.video.worker import StreamOptions


def test_slots_hand_over_pictures_and_refuse_overwritten_ones(tmp_path: Path) -> None:
    w = SlotWriter(tmp_path, "s1")
    r = SlotReader(tmp_path)
    pics = [bytes([k]) * 4096 for k in range(1, 6)]
    announced = [w.write(p, len(p)) for p in pics[:3]]
    out = bytearray(4096)
    # The three newest pictures are all readable, each exactly as written.
    for (name, off, seq), pic in zip(announced, pics[:3], strict=True):
        assert r.read_into(name, off, seq, memoryview(out))
        assert bytes(out) == pic
    # A fourth picture reuses the first slot: the first announcement is now stale.
    w.write(pics[3], 4096)
    name, off, seq = announced[0]
    assert not r.read_into(name, off, seq, memoryview(out))
    # Flow control through the file header: nothing waits until a picture is announced.
    assert not w.waiting()
    name, off, seq = w.write(pics[4], 4096)
    w.announced = seq
    assert w.waiting()
    r.mark_taken(name, seq)
    assert not w.waiting()
    # A larger picture moves to a new file; the old one is removed.
    old = tmp_path / name
    name2, off2, seq2 = w.write(b"x" * 100_000, 100_000)
    assert name2 != name and not old.exists()
    big = bytearray(100_000)
    assert r.read_into(name2, off2, seq2, memoryview(big)) and bytes(big) == b"x" * 100_000
    w.close()
    r.close()
    assert not list(tmp_path.iterdir())


def test_a_picture_overwritten_while_it_is_copied_is_dropped(tmp_path: Path) -> None:
    w = SlotWriter(tmp_path, "s2")
    r = SlotReader(tmp_path)
    name, off, seq = w.write(b"a" * 64, 64)
    mm = r.view(name)
    assert mm is not None
    # Simulate the writer starting on this slot mid-copy: the sequence word turns odd.
    import struct

    struct.pack_into("<Q", mm, off, seq + 1)
    assert not r.read_into(name, off, seq, memoryview(bytearray(64)))
    w.close()
    r.close()


def test_decoder_host_refuses_bad_commands_and_keeps_serving(tmp_path: Path) -> None:
    ours, theirs = Pipe()
    host = DecoderHost(theirs, tmp_path)
    t = threading.Thread(target=host.serve, daemon=True)
    t.start()
    try:
        ours.send(("open", 1, str(tmp_path / "none.mp4"), StreamOptions(backoff=(5.0, 5.0))))
        ours.send(("open", 1, str(tmp_path / "none.mp4"), StreamOptions()))  # same id again
        ours.send(("size", 1))  # missing fields
        ours.send(("frobnicate", 1))
        ours.send(("active", 99, False))  # unknown stream: ignored
        seen: list[tuple[Any, ...]] = []
        while len([m for m in seen if m[0] == "error"]) < 3:
            assert ours.poll(5), f"no answer; got {seen}"
            seen.append(ours.recv())
        errors = [m[1] for m in seen if m[0] == "error"]
        assert any("already open" in e for e in errors)
        assert any("frobnicate" in e for e in errors)
        # Still serving: the stream reports the missing file as lost.
        while not any(m[0] == "status" and m[2] == "lost" for m in seen):
            assert ours.poll(5)
            seen.append(ours.recv())
        lost = next(m for m in seen if m[0] == "status" and m[2] == "lost")
        assert "No such file" in lost[3]
        ours.send(("quit",))
        t.join(5)
        assert not t.is_alive()
    finally:
        ours.close()


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL to crash the decoder")
def test_streams_survive_a_decoder_crash(qtbot, camera_server) -> None:
    src = VideoSource(camera_server.url_for("cam-crash"), target_size=(160, 90))
    src.frameReady.connect(src.take_frame)
    statuses: list[tuple[str, str]] = []
    src.statusChanged.connect(lambda s, r: statuses.append((s, r)))
    src.start()
    try:
        qtbot.waitUntil(lambda: src.status is SourceStatus.LIVE, timeout=15_000)
        link = decoder_link()
        pid, starts = link.pid, link.starts
        assert pid is not None
        os.kill(pid, signal.SIGKILL)
        qtbot.waitUntil(lambda: src.status is SourceStatus.LOST, timeout=5_000)
        assert "decoder" in src.reason
        # A new decoder process starts by itself and the stream comes back.
        qtbot.waitUntil(lambda: src.status is SourceStatus.LIVE, timeout=20_000)
        assert link.starts == starts + 1 and link.pid not in (None, pid)
        before = src.stats().converted
        qtbot.waitUntil(lambda: src.stats().converted > before + 5, timeout=10_000)
    finally:
        src.stop()


def test_frame_files_are_let_go_when_a_stream_grows_or_stops(qtbot, clip) -> None:
    link = decoder_link()
    src = VideoSource(str(clip), target_size=(160, 90))
    frames = []
    src.frameReady.connect(lambda: frames.append(src.take_frame()))
    src.start()
    try:
        qtbot.waitUntil(lambda: any(f is not None for f in frames), timeout=10_000)
        prefix = f"s{src.sid}-"

        def mapped() -> list[str]:
            reader = link.reader
            return [n for n in (reader._maps if reader else {}) if n.startswith(prefix)]

        first = mapped()
        assert len(first) == 1
        src.set_target_size(640, 360)  # needs a larger frame file
        qtbot.waitUntil(
            lambda: frames[-1] is not None and frames[-1].image.width() == 640, timeout=10_000
        )
        assert len(mapped()) == 1 and mapped() != first
    finally:
        src.stop()
    assert mapped() == []
    folder = link._folder
    assert folder is not None
    assert not [p for p in folder.iterdir() if p.name.startswith(prefix)]
