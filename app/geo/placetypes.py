"""Result records of the geocoder: a found place, a forward answer, a reverse answer."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Place:
    """One search result. ``match`` says how the name matched: exact, prefix or fuzzy."""

    label: str
    lat: float
    lon: float
    kind: str
    score: float
    match: str = "exact"


@dataclass(frozen=True)
class Answer:
    """A forward look-up: the results, or why there are none and the closest spellings."""

    query: str
    places: list[Place]
    message: str = ""
    closest: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ReverseResult:
    """What is at a point: nearest address, street and intersection, cell and neighbourhood."""

    lat: float
    lon: float
    address: str
    address_distance_m: float
    street: str
    street_distance_m: float
    intersection: str
    intersection_distance_m: float
    neighbourhood: str
    grid_cell: str
    label: str
