"""Start-up of the embedded default: an in-process server with the demo city and its driver."""

from __future__ import annotations

import logging
from pathlib import Path

import msgspec

from app.city import load_city
from app.city.model import City
from app.demo.driver import CALLS_USER, FIELD_USER, DemoDriver, DriverConfig, DriverThread
from app.domain import events as ev
from app.domain.library import Library, default_library
from app.paths import resource_path
from app.server.auth import make_user_record
from app.server.core import CityServer
from app.server.seed import add_demo_users, demo_seed_job
from app.server.thread import ServerThread
from app.video.testserver import CameraServer

log = logging.getLogger(__name__)

DEMO_LOGIN = ("dispatcher", "demo-dispatcher")


class EmbeddedCity:
    """Owns the embedded server thread and the demo driver thread."""

    def __init__(
        self,
        db_path: Path,
        *,
        demo: bool = True,
        driver_config: DriverConfig | None = None,
        library: Library | None = None,
        http_port: int | None = None,
    ) -> None:
        self.db_path = db_path
        self.demo = demo
        self.city: City = load_city()
        self.library = library or default_library()
        self.server = ServerThread(
            db_path,
            "127.0.0.1",
            0,
            library=self.library,
            http_port=http_port,  # None: no HTTP side (Open311, public page)
        )
        self._driver_config = driver_config or DriverConfig()
        self.driver: DriverThread | None = None
        self.cameras: CameraServer | None = None

    @property
    def url(self) -> str:
        return self.server.url

    def start(self) -> None:
        self.cameras = CameraServer(resource_path("video", "bikes.mp4"), seconds=10.0)
        try:
            self.cameras.start()
        except Exception:
            log.exception("demo camera server did not start; the video wall will show no signal")
            self.cameras = None
        self.server.start()
        self.server.call(self._seed)
        if self.demo:
            self.driver = DriverThread(
                DemoDriver(self.url, self.city, self.library, self._driver_config)
            )
            self.driver.start()
        log.info("embedded city server on %s", self.url)
        server = self.server.server
        if server is not None and server.http is not None:
            log.info("Open311 and the public page on %s", server.http.base_url)

    async def _seed(self, server: CityServer) -> None:
        await server.proc.inject(demo_seed_job(self.city), "system")
        assert server.store is not None
        add_demo_users(server.store, self.city)
        if self.cameras is not None:
            # The camera server's port changes from run to run: point the cameras at it.
            bodies: list[ev.EventBody] = []
            for cam in server.state.cameras.values():
                url = self.cameras.url_for(cam.id)
                if cam.stream_url != url:
                    bodies.append(
                        ev.CameraUpserted(camera=msgspec.structs.replace(cam, stream_url=url))
                    )
            if bodies:
                await server.inject(bodies)
        for (name, password), role, display in (
            (CALLS_USER, "call_taker", "Scenario calls"),
            (FIELD_USER, "dispatcher", "Field units"),
        ):
            if server.store.get_user(name) is None:
                server.store.put_user(make_user_record(name, password, role, display))

    def stop(self) -> None:
        if self.driver is not None:
            self.driver.stop()
        self.server.stop()
        if self.cameras is not None:
            self.cameras.stop()
