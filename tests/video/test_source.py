"""The PyAV video source: real clip decoding, tile sizing, pacing, pause, live HTTP streams."""

from __future__ import annotations

import random
import time

import av
import pytest

from app.video.pacing import (
    Backoff,
    LatencyMeter,
    fit_size,
    frame_size,
    is_live_url,
    wrapped_delta_s,
)
from app.video.source import SourceStatus, VideoSource, frame_to_qimage
from app.video.testserver import CameraServer


def wait_for(cond, timeout: float, qtbot) -> None:
    qtbot.waitUntil(cond, timeout=int(timeout * 1000))


def settled_count(src: VideoSource, qtbot, tries: int = 10) -> int:
    """The decoded count once it has stopped moving: the same over 600 ms (the decoder process
    reports at least every 250 ms, and 600 ms of a 25 fps stream is 15 frames). Fails if the
    count never settles."""
    for _ in range(tries):
        a = src.stats().decoded
        qtbot.wait(600)
        b = src.stats().decoded
        if a == b:
            return b
    raise AssertionError(f"decoding did not stop: still counting at {b}")


@pytest.mark.parametrize("box", [(320, 180), (160, 90)])
def test_real_clip_scales_to_tile_size(clip, box):
    with av.open(str(clip)) as c:
        frame = next(c.decode(video=0))
    w, h = fit_size(frame.width, frame.height, *box)
    img = frame_to_qimage(frame, w, h)
    assert (img.width(), img.height()) == (w, h)
    assert w == box[0] and h <= box[1]  # 640x272 is wider than 16:9: width-bound
    assert abs(w / h - 640 / 272) < 0.02
    # Real picture content, not a blank buffer: the street clip has a spread of grey levels.
    greys = {img.pixelColor(x, h // 2).lightness() for x in range(0, w, 7)}
    assert len(greys) > 5


def test_fit_size_rules():
    assert fit_size(1920, 1080, 320, 180) == (320, 180)
    assert fit_size(1080, 1920, 320, 180) == (101, 180)
    assert fit_size(640, 272, 1, 1) == (2, 2)
    with pytest.raises(ValueError, match="positive"):
        fit_size(0, 10, 10, 10)


def test_frame_size_prefers_fast_conversions():
    assert frame_size(640, 360, 639, 351) == (640, 360)  # within overscan: no rescale
    assert frame_size(640, 360, 479, 263) == (464, 262)  # width a multiple of 8, height even
    assert frame_size(640, 360, 320, 180) == (320, 180)
    assert frame_size(640, 360, 1920, 1080) == (1920, 1080)
    w, h = frame_size(640, 272, 333, 333)
    assert w % 8 == 0 and h % 2 == 0 and w <= 333 and h <= 333


def test_file_source_delivers_tile_sized_frames_at_native_rate(qtbot, clip):
    src = VideoSource(str(clip), target_size=(160, 90))
    frames = []
    src.frameReady.connect(lambda: frames.append(src.take_frame()))
    t0 = time.monotonic()
    src.start()
    try:
        wait_for(lambda: len(frames) >= 10, 10, qtbot)
        assert src.status is SourceStatus.LIVE
        img = next(f for f in frames if f is not None).image
        assert (img.width(), img.height()) == (160, 68)
        src.set_target_size(320, 180)
        wait_for(lambda: frames[-1] is not None and frames[-1].image.width() == 320, 5, qtbot)
        elapsed = time.monotonic() - t0
        # Paced at 25 fps: never faster than the clip's own rate (plus the first frame).
        assert src.stats().converted <= 25 * elapsed + 2
    finally:
        src.stop()


def test_paused_file_source_stops_decoding(qtbot, clip):
    src = VideoSource(str(clip), target_size=(160, 90))
    src.start()
    try:
        wait_for(lambda: src.stats().converted >= 3, 10, qtbot)
        src.set_active(False)
        before = settled_count(src, qtbot)
        qtbot.wait(400)
        assert src.stats().decoded - before <= 1
        src.set_active(True)
        wait_for(lambda: src.stats().decoded > before + 3, 5, qtbot)
    finally:
        src.stop()


def test_missing_file_reports_lost_with_reason(qtbot, tmp_path):
    src = VideoSource(str(tmp_path / "nope.mp4"), backoff=Backoff(5.0, 5.0))
    reasons = []
    src.statusChanged.connect(lambda s, r: reasons.append((s, r)))
    src.start()
    try:
        wait_for(lambda: src.status is SourceStatus.LOST, 5, qtbot)
        assert "cannot connect" in src.reason and "No such file" in src.reason
    finally:
        src.stop()


def test_empty_url_is_refused():
    with pytest.raises(ValueError, match="file path or stream URL"):
        VideoSource("")


def test_live_http_stream_decodes_with_latency(qtbot, camera_server: CameraServer):
    src = VideoSource(camera_server.url_for("cam-a"), target_size=(160, 90))
    assert src.live
    taken = []
    src.frameReady.connect(lambda: taken.append(src.take_frame()))  # a consumer keeping up
    src.start()
    try:
        wait_for(lambda: src.stats().converted >= 15, 15, qtbot)
        frame = next(f for f in reversed(taken) if f is not None)
        assert frame.image.width() == 160
        stats = src.stats()
        # The server stamps its wall clock in the timestamps: the latency is real and small.
        assert stats.latency_absolute
        assert stats.latency_ms is not None and 0 <= stats.latency_ms < 1500
        snap = src.snapshot()
        assert snap is not None and (snap.width(), snap.height()) == (320, 180)
    finally:
        src.stop()


def test_hidden_live_source_hangs_up_after_grace(qtbot, camera_server: CameraServer):
    src = VideoSource(camera_server.url_for("cam-b"), target_size=(160, 90), grace_s=0.3)
    src.start()
    try:
        wait_for(lambda: src.stats().converted >= 3, 15, qtbot)
        src.set_active(False)
        wait_for(lambda: src.status is SourceStatus.IDLE, 5, qtbot)
        wait_for(lambda: camera_server.client_count == 0, 5, qtbot)
        src.set_active(True)
        wait_for(lambda: src.status is SourceStatus.LIVE, 15, qtbot)
    finally:
        src.stop()


def test_backoff_grows_with_jitter_and_resets():
    b = Backoff(0.5, 4.0, rng=random.Random(7))
    delays = [b.next_delay() for _ in range(8)]
    ceilings = [min(4.0, 0.5 * 2**i) for i in range(8)]
    for d, c in zip(delays, ceilings, strict=True):
        assert c / 2 <= d <= c
    assert len(set(delays)) == len(delays)  # jittered
    b.reset()
    assert b.next_delay() <= 0.5
    with pytest.raises(ValueError):
        Backoff(0.0, 1.0)


def test_latency_meter_absolute_and_relative():
    m = LatencyMeter()
    now = 1_800_000_000.0
    pts = (now - 0.120) % (2**33 / 90_000)
    assert m.latency_s(now, pts) == pytest.approx(0.120, abs=1e-6)
    assert m.absolute
    r = LatencyMeter()
    assert r.latency_s(now, 10.0) == 0.0  # arbitrary camera clock: relative to the first frame
    assert r.latency_s(now + 1.25, 11.0) == pytest.approx(0.25)
    assert not r.absolute
    assert wrapped_delta_s(5.0, 95_440.0, 95_443.0) == pytest.approx(8.0)


def test_url_kinds():
    assert is_live_url("rtsp://cam/1") and is_live_url("udp://239.0.0.1:1234")
    assert is_live_url("http://127.0.0.1:1/cam/a.ts")
    assert not is_live_url("/clips/a.mp4") and not is_live_url("C:/clips/a.mp4")


def test_lateness_is_measured_against_the_streams_own_floor():
    m = LatencyMeter(window_s=5.0)
    assert m.excess_s(100.0, 0.30) == 0.0  # steadily slow sender: not late
    assert m.excess_s(100.5, 0.32) == pytest.approx(0.02)
    assert m.excess_s(101.0, 0.90) == pytest.approx(0.60)  # a backlog: late
    # The floor follows the stream: after two windows the old minimum is forgotten.
    m.excess_s(106.0, 0.80)
    assert m.excess_s(111.5, 0.85) == pytest.approx(0.05)


def test_stop_does_not_wait_for_a_silent_server(qtbot):
    """A camera that accepts the connection and never answers: stopping stays quick, and the
    worker still finishes by itself once its read timeout passes."""
    import socket

    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(1)
    try:
        url = f"http://127.0.0.1:{silent.getsockname()[1]}/cam/x.ts"
        src = VideoSource(url, timeout_s=1.0)
        src.start()
        qtbot.waitUntil(lambda: src.status is SourceStatus.CONNECTING, timeout=3000)
        t0 = time.monotonic()
        src.stop(timeout_s=0.2)
        assert time.monotonic() - t0 < 0.9  # well under the 1 s read timeout it did not wait for
        qtbot.waitUntil(lambda: src.status is SourceStatus.IDLE, timeout=5000)
    finally:
        silent.close()


def test_short_pause_resumes_at_a_keyframe(qtbot, camera_server):
    """Paused within the grace period the connection stays up but packets are not decoded; on
    resume decoding waits for a keyframe (no smeared pictures) and the stream is live again."""
    src = VideoSource(camera_server.url_for("cam-p"), target_size=(160, 90), grace_s=5.0)
    src.frameReady.connect(src.take_frame)
    src.start()
    try:
        wait_for(lambda: src.stats().converted >= 3, 15, qtbot)
        src.set_active(False)
        paused = settled_count(src, qtbot)
        qtbot.wait(300)
        assert src.stats().decoded == paused  # nothing decoded while paused
        assert camera_server.client_count >= 1  # still connected
        src.set_active(True)
        wait_for(lambda: src.stats().decoded >= paused + 10, 5, qtbot)
        assert src.status is SourceStatus.LIVE
    finally:
        src.stop()
