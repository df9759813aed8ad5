"""The embedded default keeps running past the server's idle timeout: the demo driver's desks ping
while idle and reconnect after being closed, so calls keep arriving (a shift lasts hours; here the
server's heartbeat timeout is shortened so several timeouts pass in seconds)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from app.console.runtime import EmbeddedCity
from app.demo.driver import DriverConfig
from app.server.config import ServerConfig
from app.server.core import CityServer

TIMEOUT_S = 1.5  # the server's heartbeat timeout for these tests (60 s in production)


def wait_for(cond: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not cond():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def start_city(tmp_path: Path, ping_interval_s: float) -> EmbeddedCity:
    city = EmbeddedCity(
        tmp_path / "city.sqlite",
        driver_config=DriverConfig(
            mean_interval_s=1.0,
            backlog=2,
            tick_s=0.25,
            ping_interval_s=ping_interval_s,
            backoff_cap_s=1.0,
        ),
        server_config=ServerConfig(heartbeat_timeout=TIMEOUT_S),
    )
    city.start()
    return city


def incidents(city: EmbeddedCity) -> int:
    async def count(server: CityServer) -> int:
        return len(server.state.incidents)

    return city.server.call(count)


def calls_keep_arriving(city: EmbeddedCity, timeouts: float) -> None:
    """More calls arrive in each stretch of two server timeouts, for ``timeouts`` timeouts."""
    wait_for(lambda: incidents(city) > 2, 20.0, "the first scenario calls")
    end = time.monotonic() + timeouts * TIMEOUT_S
    while time.monotonic() < end:
        before = incidents(city)
        # Calls come every second on average; a stretch of 2 timeouts without one means the
        # calls desk is gone (its next call would say "connection closed" for ever).
        wait_for(lambda b=before: incidents(city) > b, 20 * TIMEOUT_S, "a new call")  # type: ignore[misc]


@pytest.fixture
def kept(tmp_path: Path) -> Iterator[EmbeddedCity]:
    city = start_city(tmp_path, ping_interval_s=TIMEOUT_S / 4)
    yield city
    city.stop()


@pytest.fixture
def dropped(tmp_path: Path) -> Iterator[EmbeddedCity]:
    # Pings far apart: the server closes both desks with 4009 again and again.
    city = start_city(tmp_path, ping_interval_s=TIMEOUT_S * 20)
    yield city
    city.stop()


def test_driver_pings_keep_its_desks_signed_in(kept: EmbeddedCity) -> None:
    calls_keep_arriving(kept, timeouts=8)
    assert kept.driver is not None
    drv = kept.driver.driver
    assert drv.calls is not None and drv.field is not None
    # Heartbeats kept both connections open through every quiet spell: no reconnects needed.
    assert (drv.calls.connects, drv.field.connects) == (1, 1)
    assert drv.created >= 6


def test_driver_reconnects_after_the_server_closed_it(dropped: EmbeddedCity) -> None:
    assert dropped.driver is not None
    drv = dropped.driver.driver
    wait_for(lambda: drv.calls is not None, 20.0, "the driver to start")
    calls = drv.calls
    assert calls is not None
    # The server closes the calls desk whenever it goes quiet for a timeout; it comes back.
    wait_for(lambda: calls.connects >= 3, 30 * TIMEOUT_S, "two reconnects of the calls desk")
    calls_keep_arriving(dropped, timeouts=6)
    # The field desk's mirror resumed from its last seq: it knows every incident the server has.
    assert drv.field is not None
    wait_for(
        lambda: len(drv.state.incidents) == incidents(dropped),
        10 * TIMEOUT_S,
        "the driver's mirror to catch up",
    )
