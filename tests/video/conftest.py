"""Fixtures of the video tests: a real camera server on 127.0.0.1 and a store with cameras."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.domain import events as ev
from app.domain.model import Camera, Incident, IncidentKind, Location, SourceChannel, Status
from app.paths import resource_path
from app.store.selection import Selection
from app.store.store import Store
from app.video.testserver import CameraServer

CLIP = resource_path("video", "bikes.mp4")


@pytest.fixture(scope="module")
def camera_server() -> Iterator[CameraServer]:
    """A real HTTP camera server looping 2 s of the bundled clip at 320x180."""
    server = CameraServer(CLIP, default_size=(320, 180), seconds=2.0)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def clip() -> Path:
    assert CLIP.is_file(), f"bundled clip missing at {CLIP}"
    return CLIP


def make_camera(cid: str, lat: float, lon: float, heading: float, url: str = "", **kw) -> Camera:
    return Camera(
        id=cid,
        name=kw.pop("name", f"Camera {cid}"),
        lat=lat,
        lon=lon,
        heading=heading,
        fov=kw.pop("fov", 60.0),
        range_m=kw.pop("range_m", 300.0),
        stream_url=url,
        **kw,
    )


def make_incident(iid: str, lat: float, lon: float) -> Incident:
    return Incident(
        id=iid,
        number=f"2026-{iid}",
        kind=IncidentKind.URBAN,
        category="road-damage",
        priority=2,
        status=Status.REPORTED,
        location=Location(lat=lat, lon=lon),
        source=SourceChannel.HOTLINE,
    )


def load_store(store: Store, cameras: list[Camera], incidents: list[Incident] = ()) -> None:  # type: ignore[assignment]
    events = [ev.CameraUpserted(camera=c) for c in cameras]
    events += [ev.IncidentCreated(incident=i) for i in incidents]  # type: ignore[misc]
    store.apply_events(
        ev.Event(seq=n + 1, time=1.0, actor="test", body=b) for n, b in enumerate(events)
    )


@pytest.fixture
def store() -> Store:
    return Store()


@pytest.fixture
def selection() -> Selection:
    return Selection()
