"""One geocoder per test session: the bundled places data takes ~0.5 s to load."""

from __future__ import annotations

import pytest

from app.geo.geocode import Geocoder


@pytest.fixture(scope="session")
def geo() -> Geocoder:
    return Geocoder(locator=None)
