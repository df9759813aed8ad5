"""Fixtures for the panel tests: a library, a filled store, the domain-backed gateway."""

from __future__ import annotations

import pytest

from app.domain.library import Library, default_library
from app.store.selection import Selection
from app.store.store import Store
from tests.panels.scene import Clock, LocalGateway, make_store


@pytest.fixture
def library() -> Library:
    return default_library()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store(clock: Clock) -> Store:
    return make_store(clock=clock)


@pytest.fixture
def selection() -> Selection:
    return Selection()


@pytest.fixture
def gateway(store: Store, library: Library) -> LocalGateway:
    return LocalGateway(store, library)
