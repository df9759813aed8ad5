"""Demo cameras show distinguishable pictures: each its own crop, light and burned-in name of the
bundled clip, and the camera server streams each camera's own view."""

from __future__ import annotations

import urllib.request
from typing import Any

import av
import numpy as np

from app.city import load_city
from app.video.camera_views import view_for
from app.video.encode import EncodedClip, encode_loop
from app.video.testserver import CameraServer
from tests.video.conftest import CLIP


def first_frame(enc: EncodedClip) -> np.ndarray:
    ctx: Any = av.CodecContext.create("h264" if enc.codec == "libx264" else enc.codec, "r")
    for payload, _key in enc.packets:
        for frame in ctx.decode(av.Packet(payload)):
            return frame.to_ndarray(format="rgb24")
    for frame in ctx.decode(None):
        return frame.to_ndarray(format="rgb24")
    raise AssertionError("no frame decoded")


def test_every_demo_camera_has_its_own_view() -> None:
    cams = load_city().cameras
    views = [view_for(c.id, c.name) for c in cams]
    assert len({(v.zoom, v.fx, v.fy, v.mirror, v.grade, v.offset_s) for v in views}) >= 25
    assert all(
        v.label.startswith(c.id) and c.name.upper() in v.label
        for v, c in zip(views, cams, strict=True)
    )
    assert view_for("CAM-001", "x") == view_for("CAM-001", "x")  # stable from run to run


def test_pictures_differ_and_carry_the_camera_name() -> None:
    cams = load_city().cameras[:3]
    frames = [
        first_frame(encode_loop(CLIP, 320, 180, seconds=0.2, view=view_for(c.id, c.name)))
        for c in cams
    ]
    plain = first_frame(encode_loop(CLIP, 320, 180, seconds=0.2))
    for i, a in enumerate(frames):
        # Whole pictures differ from each other and from the plain clip (not just the label).
        below = slice(60, 170)
        for b in [*frames[i + 1 :], plain]:
            diff = np.abs(a[below].astype(int) - b[below].astype(int)).mean()
            assert diff > 8, diff
        # The name line: white text on a black box at the top left, below the tile bars.
        band = a[25:36, 8:200]
        assert (band > 200).all(axis=-1).sum() > 60 and (band < 40).all(axis=-1).sum() > 300


def test_server_streams_each_cameras_view() -> None:
    cams = load_city().cameras[:2]
    server = CameraServer(
        CLIP,
        default_size=(160, 90),
        seconds=0.5,
        views={c.id: view_for(c.id, c.name) for c in cams},
    )
    server.start(prepare=False)
    try:
        for c in cams:
            with urllib.request.urlopen(server.url_for(c.id), timeout=30) as resp:
                assert resp.read(188 * 20)[:1] == b"G"  # MPEG-TS sync byte
        keys = set(server._cache)
        assert {(c.id, 160, 90) for c in cams} <= keys
        a, b = (first_frame(server._cache[(c.id, 160, 90)]) for c in cams)
        assert np.abs(a.astype(int) - b.astype(int)).mean() > 8
    finally:
        server.stop()
