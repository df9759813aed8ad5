"""The demo city's life: calls keep arriving and the field units act on their dispatches.

Runs as ordinary protocol clients over the real websocket (a call-taker desk for the scenario's
calls, a field-units desk for what crews report from the street), so everything it does is an
audited command like any operator's. Seeded and deterministic in what it reports.
"""

from __future__ import annotations

import asyncio
import logging
import math
import random
import threading
import time
from dataclasses import dataclass

from app.city.model import City
from app.city.scenario import ScenarioGenerator
from app.demo.link import KeptConnection
from app.domain.geo import bearing_deg, haversine_m
from app.domain.library import Library
from app.domain.model import Status, UnitStatus
from app.domain.recommend import recommend
from app.domain.state import CityState
from app.net.client import Update
from app.protocol import EventsMsg, SnapshotMsg

log = logging.getLogger(__name__)

CALLS_USER = ("demo.calls", "demo-calls-desk")
FIELD_USER = ("demo.field", "demo-field-units")


@dataclass
class DriverConfig:
    seed: int = 7
    mean_interval_s: float = 25.0
    backlog: int = 40  # incidents already open when the console starts
    tick_s: float = 2.0  # how often crews report positions
    speedup: float = 1.0  # >1 runs the street faster than the clock (tests)
    keep_pending: int = 8  # calls left waiting for the operator
    other_desk_after_s: float = 120.0  # other desks take calls left waiting longer than this
    ping_interval_s: float = 15.0  # keep-alive: well inside the server's heartbeat timeout
    backoff_cap_s: float = 30.0  # longest wait between reconnect attempts


class DemoDriver:
    """Owns two connections and a mirror of the city state built from their events."""

    def __init__(
        self, url: str, city: City, library: Library, config: DriverConfig | None = None
    ) -> None:
        self.url = url
        self.city = city
        self.library = library
        self.config = config or DriverConfig()
        self.scenario = ScenarioGenerator(
            city, library, self.config.seed, mean_interval_s=self.config.mean_interval_s
        )
        self._rng = random.Random(self.config.seed + 1)
        self.state = CityState()
        self._stations = {s.id: (s.lat, s.lon) for a in city.agencies for s in a.stations}
        self._on_scene_since: dict[str, float] = {}
        self._stop = asyncio.Event()
        self.created = 0
        self.live_calls = 0  # calls the schedule made after the backlog (sent or not)
        self.next_call_at = 0.0  # when the schedule makes the next call (time.time(); 0: not yet)
        self.calls: KeptConnection | None = None
        self.field: KeptConnection | None = None

    def _kept(self, user: tuple[str, str], station: str, mirror: bool) -> KeptConnection:
        return KeptConnection(
            self.url,
            user[0],
            user[1],
            station,
            on_update=self._mirror if mirror else None,
            ping_interval=self.config.ping_interval_s,
            backoff_cap=self.config.backoff_cap_s,
            seed=self.config.seed,
        )

    async def run(self) -> None:
        # Both desks stay signed in for as long as the demo runs: they ping while idle and come
        # back by themselves after the server closed them (4009 after a quiet spell, restarts).
        calls = self._kept(CALLS_USER, "demo-calls", mirror=False)
        field = self._kept(FIELD_USER, "demo-field", mirror=True)
        self.calls, self.field = calls, field
        try:
            await calls.start()
            await field.start()
            await self._backlog(calls)
            self.next_call_at = time.time() + self.scenario.interval()
            while not self._stop.is_set():
                now = time.time()
                if now >= self.next_call_at:
                    self.live_calls += 1
                    await self._create(calls, now)
                    self.next_call_at = now + self.scenario.interval()
                await self._other_desks(field, now)
                await self._field_tick(field, now)
                try:
                    await asyncio.wait_for(self._stop.wait(), self.config.tick_s)
                except TimeoutError:
                    pass
        finally:
            await calls.close()
            await field.close()

    def stop(self) -> None:
        self._stop.set()

    def _mirror(self, upd: Update) -> None:
        if isinstance(upd, SnapshotMsg):
            self.state = CityState.from_snapshot(upd.snapshot)
        elif isinstance(upd, EventsMsg):
            for e in upd.events:
                self.state.apply(e)

    async def _backlog(self, conn: KeptConnection) -> None:
        open_now = sum(1 for i in self.state.incidents.values() if i.is_open())
        if open_now >= self.config.backlog:
            return
        for at, payload in self.scenario.initial_backlog(
            self.config.backlog - open_now, time.time()
        ):
            await self._send(conn, "create_incident", {**payload, "reported_at": at})

    async def _create(self, conn: KeptConnection, now: float) -> None:
        await self._send(conn, "create_incident", self.scenario.next_incident(now))

    async def _send(self, conn: KeptConnection, type: str, payload: dict[str, object]) -> bool:
        try:
            answer = await conn.send_command(type, payload)
        except (ConnectionError, TimeoutError) as exc:
            log.warning("demo %s not sent: %s", type, exc)
            return False
        ok = answer.__class__.__name__ == "Ack"
        if ok and type == "create_incident":
            self.created += 1
        if not ok:
            log.debug("demo %s refused: %s", type, getattr(answer, "message", ""))
        return ok

    async def _other_desks(self, conn: KeptConnection, now: float) -> None:
        """Colleagues at other desks register and dispatch calls the console has left waiting,
        oldest first, so the demo queue looks like a shift rather than an ever-growing backlog."""
        waiting = sorted(
            (
                i
                for i in self.state.incidents.values()
                if i.status in (Status.REPORTED, Status.REGISTERED)
            ),
            key=lambda i: i.created_at,
        )
        for inc in waiting[: max(0, len(waiting) - self.config.keep_pending)][:3]:
            if now - inc.created_at < self.config.other_desk_after_s:
                break
            cat = self.library.by_code.get(inc.category)
            units: list[str] = []
            if cat is not None and cat.capabilities:
                recs = recommend(
                    inc.location.lat,
                    inc.location.lon,
                    cat.capabilities,
                    self.state.units.values(),
                    now,
                    top_n=max(1, cat.units_needed),
                    station_positions=self._stations,
                )
                units = [r.unit_id for r in recs]
            if units:
                await self._send(conn, "assign_units", {"incident_id": inc.id, "unit_ids": units})
            else:
                if inc.status == Status.REPORTED:
                    await self._send(
                        conn, "transition", {"incident_id": inc.id, "action": "register"}
                    )
                await self._send(conn, "transition", {"incident_id": inc.id, "action": "dispatch"})

    async def _field_tick(self, conn: KeptConnection, now: float) -> None:
        """Crews move towards their incidents, arrive, work, report back and return home."""
        speed = 11.0 * self.config.speedup  # m/s, ~40 km/h through city streets
        for unit in list(self.state.units.values()):
            inc = self.state.incidents.get(unit.incident_id) if unit.incident_id else None
            if unit.status == UnitStatus.DISPATCHED and inc is not None:
                if now - unit.status_since > 15 / self.config.speedup:
                    await self._send(
                        conn, "set_unit_status", {"unit_id": unit.id, "status": "en_route"}
                    )
            elif unit.status == UnitStatus.EN_ROUTE and inc is not None:
                await self._drive(
                    conn, unit.id, inc.location.lat, inc.location.lon, speed, arrive="on_scene"
                )
            elif unit.status == UnitStatus.ON_SCENE and inc is not None:
                since = self._on_scene_since.setdefault(unit.id, now)
                work = 240 + self._rng.random() * 360
                if now - since > work / self.config.speedup:
                    self._on_scene_since.pop(unit.id, None)
                    if inc.status in (Status.DISPATCHED, Status.IN_PROGRESS):
                        await self._send(
                            conn,
                            "transition",
                            {
                                "incident_id": inc.id,
                                "action": "resolve",
                                "reason": f"{unit.id}: handled, scene clear",
                            },
                        )
                    await self._send(
                        conn, "set_unit_status", {"unit_id": unit.id, "status": "returning"}
                    )
            elif unit.status == UnitStatus.RETURNING:
                home = self._stations.get(unit.home_station)
                if home is not None:
                    await self._drive(conn, unit.id, home[0], home[1], speed, arrive="available")

    async def _drive(
        self, conn: KeptConnection, unit_id: str, lat: float, lon: float, speed: float, arrive: str
    ) -> None:
        unit = self.state.units.get(unit_id)
        if unit is None:  # retired by the administrator meanwhile
            return
        dist = haversine_m(unit.lat, unit.lon, lat, lon)
        step = speed * self.config.tick_s
        if dist <= max(step, 30.0):
            await self._send(
                conn,
                "move_unit",
                {"unit_id": unit_id, "lat": lat, "lon": lon, "heading": unit.heading},
            )
            await self._send(conn, "set_unit_status", {"unit_id": unit_id, "status": arrive})
            return
        f = step / dist
        heading = bearing_deg(unit.lat, unit.lon, lat, lon)
        nlat = unit.lat + (lat - unit.lat) * f
        nlon = unit.lon + (lon - unit.lon) * f
        if math.isfinite(nlat) and math.isfinite(nlon):
            await self._send(
                conn,
                "move_unit",
                {"unit_id": unit_id, "lat": nlat, "lon": nlon, "heading": heading},
            )


class DriverThread:
    """Runs a DemoDriver on its own loop in a background thread (the GUI loop stays free)."""

    def __init__(self, driver: DemoDriver) -> None:
        self.driver = driver
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread = threading.Thread(target=self._main, name="cityops-demo", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def _main(self) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        try:
            loop.run_until_complete(self.driver.run())
        except Exception:
            log.exception("demo driver stopped")
        finally:
            loop.close()

    def stop(self, timeout: float = 5.0) -> None:
        if self._loop is not None and self._loop.is_running():
            self._loop.call_soon_threadsafe(self.driver.stop)
        self._thread.join(timeout)
