"""The demo city's locator: the domain's one locator built from the city's files."""

from __future__ import annotations

import logging

from app.city.model import City
from app.domain.locator import Locator as _DomainLocator

log = logging.getLogger(__name__)


class Locator(_DomainLocator):
    """The same locator the city state builds from ``grid_loaded``, made from the city's files."""

    def __init__(self, city: City) -> None:
        super().__init__(city.grid, city.grid_cells, city.neighbourhoods)
