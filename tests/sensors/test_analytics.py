"""Video analytics on clips made with PyAV: exactly one detection, at the right time."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np

from app.domain.devices import CameraZone
from app.sensors.analytics import snapshot_png
from app.sensors.testclip import FPS, make_clip
from app.sensors.video import analyse_file

# A kerb zone the cars drive through (lane y 200..240 crosses it) where the van parks.
KERB = CameraZone(
    camera_id="C1",
    zone_id="kerb",
    name="No stopping",
    polygon=[(0.30, 0.50), (0.70, 0.50), (0.70, 0.80), (0.30, 0.80)],
    rule="stationary",
    dwell_s=5.0,
)
VAN = (300, 215, 100, 60)  # x, y, w, h in the 640x360 picture: inside the kerb zone


def test_a_still_object_in_the_zone_is_detected_once_at_the_right_time(tmp_path: Path) -> None:
    clip = make_clip(tmp_path / "van.mp4", seconds=16, still=(4.0, 13.0, VAN))
    found = analyse_file(clip, "C1", [KERB])
    assert len(found) == 1, found
    det = found[0]
    assert (det.camera_id, det.zone_id, det.rule) == ("C1", "kerb", "stationary")
    # Parked at 4 s, standing 5 s: the rule fires at 9 s (a frame or two later at most).
    assert 9.0 <= det.at <= 9.0 + 3 / FPS, det.at
    assert det.duration_s >= 5.0


def test_the_plain_scene_gives_nothing(tmp_path: Path) -> None:
    clip = make_clip(tmp_path / "plain.mp4", seconds=16)
    assert analyse_file(clip, "C1", [KERB]) == []


def test_a_still_object_shorter_than_the_dwell_or_outside_the_zone_gives_nothing(
    tmp_path: Path,
) -> None:
    short = make_clip(tmp_path / "short.mp4", seconds=12, still=(4.0, 8.0, VAN))
    assert analyse_file(short, "C1", [KERB]) == []
    outside = make_clip(tmp_path / "outside.mp4", seconds=12, still=(3.0, 11.0, (20, 20, 80, 50)))
    assert analyse_file(outside, "C1", [KERB]) == []


def test_a_blocked_zone_is_detected_once(tmp_path: Path) -> None:
    lane = CameraZone(
        camera_id="C1",
        zone_id="lane",
        polygon=[(0.45, 0.60), (0.60, 0.60), (0.60, 0.75), (0.45, 0.75)],
        rule="blocked",
        dwell_s=3.0,
    )
    cover = (270, 200, 140, 90)  # covers the lane zone completely from 5 s to 10 s
    clip = make_clip(tmp_path / "blocked.mp4", seconds=13, still=(5.0, 10.0, cover))
    found = analyse_file(clip, "C1", [lane])
    assert len(found) == 1, found
    assert found[0].rule == "blocked"
    assert 8.0 <= found[0].at <= 8.0 + 3 / FPS, found[0].at
    plain = make_clip(tmp_path / "plain.mp4", seconds=13)
    assert analyse_file(plain, "C1", [lane]) == []


def test_the_snapshot_shows_the_zone() -> None:
    picture = np.full((360, 640, 3), 40, np.uint8)
    png = snapshot_png(picture, KERB, "No stopping: stationary 5 s")
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    img = cv2.imdecode(np.frombuffer(png, np.uint8), cv2.IMREAD_COLOR)
    assert img is not None
    assert img.shape == (360, 640, 3)
    # The zone's outline is red where the polygon's edge runs (x = 0.3 * 639, y = 0.65 * 359).
    b, g, r = img[round(0.65 * 359), round(0.30 * 639)]
    assert r > 200 and g < 60 and b < 60


def test_the_server_s_analytics_worker_opens_a_video_case_an_operator_dismisses(
    tmp_path: Path,
) -> None:
    import base64

    import msgspec

    from app.domain import events as ev
    from app.domain.intake import dismissals
    from app.domain.model import Camera, SourceChannel, Status
    from app.protocol import Ack
    from tests.sensors.conftest import wait_for
    from tests.server.conftest import live_server, login, run

    clip = make_clip(tmp_path / "van.mp4", seconds=12, still=(2.0, 11.0, VAN))

    async def main() -> None:
        async with live_server(
            tmp_path / "s.db", video_analytics=True, analytics_check_interval=0.2
        ) as server:
            cam = Camera(
                id="C1",
                name="Market & 5th",
                lat=37.78,
                lon=-122.40,
                heading=90,
                fov=60,
                range_m=80,
                stream_url=str(clip),
            )
            await server.inject([ev.CameraUpserted(camera=cam)])
            admin = await login(server, "admin")
            ans = await admin.send_command("set_camera_zone", {"zone": msgspec.to_builtins(KERB)})
            assert isinstance(ans, Ack), ans
            origin = "zone:C1/kerb"
            await wait_for(lambda: origin in server.state.origins, timeout=40, what="a video case")
            inc = server.state.incidents[server.state.origins[origin]]
            assert inc.source == SourceChannel.VIDEO
            assert inc.location.lat == 37.78 and "stationary" in inc.description
            snap = [n for n in inc.narrative if n.kind == "snapshot"]
            assert len(snap) == 1
            png = base64.b64decode(snap[0].attachment)
            img = cv2.imdecode(np.frombuffer(png, np.uint8), cv2.IMREAD_COLOR)
            assert img is not None and img.shape == (360, 640, 3)
            (tmp_path / "snapshot.png").write_bytes(png)

            disp = await login(server, "disp1")
            ans = await disp.send_command(
                "review_detection", {"incident_id": inc.id, "verdict": "dismiss", "reason": "van"}
            )
            assert isinstance(ans, Ack), ans
            done = server.state.incidents[inc.id]
            assert done.status == Status.REJECTED and "dismissed" in done.flags
            assert dismissals(server.state) == {origin: 1}
            await admin.close()
            await disp.close()

    run(main(), timeout=90)
