"""Start-up of the embedded default: an in-process server with the demo city and its driver."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import msgspec

from app.city import load_city
from app.city.model import City
from app.demo.driver import CALLS_USER, FIELD_USER, DemoDriver, DriverConfig, DriverThread
from app.domain import events as ev
from app.domain.library import Library, default_library
from app.sensors.broker import Broker, mosquitto_path
from app.sensors.demo import DemoSensors, demo_devices, register_job, zones_job
from app.server.auth import make_user_record
from app.server.config import ServerConfig
from app.server.core import CityServer
from app.server.seed import add_demo_users, demo_seed_job
from app.server.thread import ServerThread
from app.video.recordings import demo_camera_server, demo_views
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
        server_config: ServerConfig | None = None,
        http_port: int | None = None,
    ) -> None:
        self.db_path = db_path
        self.demo = demo
        self.city: City = load_city()
        self.library = library or default_library()
        # The demo watches two cameras' zones (a worker process, ~5% of a core per camera).
        self._server_kwargs: dict[str, Any] = {
            "library": self.library,
            "http_port": http_port,  # None: no HTTP side (Open311, public page)
            "video_analytics": demo,
            "config": server_config,
        }
        self.server = ServerThread(db_path, "127.0.0.1", 0, **self._server_kwargs)
        self._driver_config = driver_config or DriverConfig()
        self.driver: DriverThread | None = None
        self.cameras: CameraServer | None = None
        self.broker: Broker | None = None  # mosquitto for the demo's sensors, when installed
        self.sensors: DemoSensors | None = None

    @property
    def url(self) -> str:
        return self.server.url

    def start(self) -> None:
        # Every camera its own crop, light and name of the one bundled clip: thirty tiles that
        # can be told apart (a replay shows the same views: app/video/recordings.py).
        self.cameras = demo_camera_server(demo_views(self.city.cameras))
        try:
            # Encoded in the background in the wall's order (by name, the first ones open at
            # start), so a tile rarely waits for its camera's first picture.
            by_name = sorted(self.city.cameras, key=lambda c: c.name)[:16]
            self.cameras.start(prepare=False)
            self.cameras.warm([c.id for c in by_name])
        except Exception:
            log.exception("demo camera server did not start; the video wall will show no signal")
            self.cameras = None
        if self.demo and mosquitto_path() is not None:
            try:
                self.broker = Broker()
                self.broker.start()
                self.server = ServerThread(
                    self.db_path, "127.0.0.1", 0, mqtt=self.broker.address, **self._server_kwargs
                )
            except Exception:
                log.exception("the demo's MQTT broker did not start; no sensor traffic")
                self.broker = None
        self.server.start()
        self.server.call(self._seed)
        if self.broker is not None:
            self.sensors = DemoSensors(self.broker.address, demo_devices(self.city))
            self.sensors.start()
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
        if self.broker is not None:
            await server.proc.inject(register_job(demo_devices(self.city)), "demo.admin")
        if self.demo and self.cameras is not None:
            await server.proc.inject(zones_job(), "demo.admin")
        for (name, password), role, display in (
            (CALLS_USER, "call_taker", "Scenario calls"),
            (FIELD_USER, "dispatcher", "Field units"),
        ):
            if server.store.get_user(name) is None:
                server.store.put_user(make_user_record(name, password, role, display))

    def stop(self) -> None:
        if self.driver is not None:
            self.driver.stop()
        if self.sensors is not None:
            self.sensors.stop()
        self.server.stop()
        if self.broker is not None:
            self.broker.stop()
        if self.cameras is not None:
            self.cameras.stop()
