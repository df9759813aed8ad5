"""What a replay shows on the video wall: each demo camera's recording at the replay's time.

A replay carries no live video: its cameras' ``stream_url`` is empty (the camera server of the
shift that was recorded is long gone), while their recorded status says "online". The demo
city's cameras are not feeds but views of one bundled street clip (app/video/camera_views.py):
what a camera shows at any moment is fixed by its view and the time. So a replay can show each
demo camera's picture at the replay's time, exactly as the camera showed it live: the same local
camera server, asked for the picture of time ``T`` (``?at=T``) instead of now.

Cameras without a view (a replay imported for another city, a camera added later) have no
recording: the tile and the camera list say "no recording" instead of pretending to be live. A
camera whose recorded status was offline or in maintenance shows that instead of a picture.

No Qt: the console's wall asks :meth:`ReplayVideo.choice` for each camera it shows.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from app.domain.model import Camera
from app.paths import resource_path
from app.video.camera_views import CameraView, view_for
from app.video.testserver import CameraServer

log = logging.getLogger(__name__)

DEMO_CLIP = ("video", "bikes.mp4")
LOOP_SECONDS = 6.0  # each camera's loop: well under a second to encode


@dataclass(frozen=True)
class StreamChoice:
    """What a tile shows for one camera: a stream, or why there is none."""

    url: str = ""
    problem: str = ""  # a reason code: no_stream | no_recording | offline | maintenance
    recorded: bool = False  # a recording played at the replay's time, not a live feed


def live_choice(cam: Camera) -> StreamChoice:
    """The live console: the camera's own stream, if it has one."""
    return StreamChoice(url=cam.stream_url) if cam.stream_url else StreamChoice(problem="no_stream")


def demo_views(cameras: Iterable[Camera]) -> dict[str, CameraView]:
    """Each demo camera's own crop, light and label of the bundled clip."""
    return {c.id: view_for(c.id, c.name) for c in cameras}


def demo_camera_server(views: dict[str, CameraView]) -> CameraServer:
    """The camera server of the demo city (not started): live in the embedded default, and the
    source of the recordings a replay shows."""
    return CameraServer(resource_path(*DEMO_CLIP), seconds=LOOP_SECONDS, views=views)


class ReplayVideo:
    """The demo cameras' recordings for one replay: a local camera server, started on first use.

    ``clock`` gives the replay's time (UTC epoch seconds); the URL a tile gets starts at the
    camera's picture of that moment.
    """

    def __init__(
        self,
        clock: Callable[[], float],
        views: dict[str, CameraView] | None = None,
        clip: Path | None = None,
    ) -> None:
        self._clock = clock
        self._views = views
        self._clip = clip
        self._server: CameraServer | None = None
        self._closed = False
        self._lock = threading.Lock()

    @property
    def views(self) -> dict[str, CameraView]:
        if self._views is None:
            from app.city import load_city  # the demo city's cameras, read when first needed

            self._views = demo_views(load_city().cameras)
        return self._views

    def has_recording(self, camera_id: str) -> bool:
        return camera_id in self.views

    def url_for(self, camera_id: str, at: float) -> str:
        """The stream of the camera's picture from time ``at`` on ('' once stopped)."""
        with self._lock:
            if self._closed:
                return ""
            if self._server is None:
                clip = self._clip or resource_path(*DEMO_CLIP)
                self._server = CameraServer(clip, seconds=LOOP_SECONDS, views=self.views)
                self._server.start(prepare=False)
                # As the live default does: the cameras a wall shows first (by name) are encoded
                # in the background, so their tiles rarely wait for a first picture.
                names = {cid: v.label for cid, v in self.views.items()}
                self._server.warm(sorted(names, key=names.__getitem__)[:16])
            server = self._server
        return f"{server.url_for(camera_id)}?at={at:.3f}"

    def choice(self, cam: Camera) -> StreamChoice:
        """The camera's recording at the replay's current time, or why there is none."""
        if not self.has_recording(cam.id) or self._closed:
            return StreamChoice(problem="no_recording")
        if cam.status != "online":
            return StreamChoice(problem=cam.status)  # as recorded: offline, maintenance
        return StreamChoice(url=self.url_for(cam.id, self._clock()), recorded=True)

    def stop(self) -> None:
        with self._lock:
            self._closed = True
            server, self._server = self._server, None
        if server is not None:
            server.stop()
