"""A seeded, deterministic stream of realistic incidents for demos and load tests.

Emergencies replay the places and call types of real SF Fire Department calls (mapped to the
category library through ``sf_call_types``); urban-management cases are placed at points of real
street centrelines with the nearest real block address, in proportions typical of a city's
service-request mix. The same seed and the same sequence of ``now`` values give the same incidents.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import random
import zoneinfo
from typing import Any

from app.city.locator import Locator
from app.city.model import City, SampleCall
from app.domain.library import Category, Library
from app.domain.model import IncidentKind, SourceChannel

log = logging.getLogger(__name__)

CITY_TZ = zoneinfo.ZoneInfo("America/Los_Angeles")

# Relative frequency of urban-management categories (others weigh 1.0). Street cleanliness and
# parking dominate real service-request logs; structural problems are rare.
URBAN_WEIGHTS: dict[str, float] = {
    "event.exposed_garbage": 14.0,
    "event.piled_debris": 8.0,
    "event.illegal_parking": 9.0,
    "event.graffiti": 7.0,
    "event.dirty_road": 5.0,
    "event.human_waste": 5.0,
    "event.street_vending": 3.0,
    "event.business_spillover": 3.0,
    "event.small_ads": 3.0,
    "event.abandoned_vehicle": 3.0,
    "event.blocked_fire_lane": 1.5,
    "event.noise": 2.0,
    "event.dead_animal": 1.5,
    "comp.street_light": 5.0,
    "comp.road_surface": 4.0,
    "comp.litter_bin": 4.0,
    "comp.sidewalk": 2.0,
    "comp.street_tree": 2.0,
    "comp.traffic_sign": 2.0,
    "comp.traffic_light": 1.5,
    "comp.manhole_sewer": 1.0,
    "comp.storm_drain": 1.5,
    "event.illegal_construction": 0.6,
    "event.road_collapse": 0.2,
    "event.pipe_burst": 0.4,
    "comp.bridge": 0.2,
}

# Sources each kind of case can come from, with weights.
EVENT_SOURCES = {
    SourceChannel.CITIZEN: 4.0,
    SourceChannel.INSPECTOR: 3.0,
    SourceChannel.VIDEO: 2.0,
    SourceChannel.HOTLINE: 1.0,
}
COMPONENT_SOURCES = {
    SourceChannel.CITIZEN: 4.0,
    SourceChannel.INSPECTOR: 4.0,
    SourceChannel.HOTLINE: 1.0,
}
# Only these have field sensors (cover tilt, lamp current, level, pressure) or are seen by cameras.
SENSOR_CODES = frozenset(
    {
        "comp.manhole_water",
        "comp.manhole_sewer",
        "comp.manhole_gas",
        "comp.manhole_power",
        "comp.manhole_telecom",
        "comp.street_light",
        "comp.traffic_light",
        "comp.hydrant",
        "event.waterlogging",
        "event.pipe_burst",
        "event.sewer_overflow",
        "comp.storm_drain",
    }
)
VIDEO_CODES = frozenset(
    {
        "event.exposed_garbage",
        "event.piled_debris",
        "event.illegal_parking",
        "event.blocked_fire_lane",
        "event.street_vending",
        "event.business_spillover",
        "event.muck_spill",
        "event.waterlogging",
        "event.dirty_road",
        "event.abandoned_vehicle",
        "event.open_burning",
        "event.road_collapse",
        "comp.traffic_light",
    }
)

SOURCE_PHRASE = {
    SourceChannel.CITIZEN: "Citizen report (app)",
    SourceChannel.INSPECTOR: "Grid inspector on patrol",
    SourceChannel.VIDEO: "Video analytics",
    SourceChannel.SENSOR: "Sensor alarm",
    SourceChannel.HOTLINE: "Hotline call",
}

EMERGENCY_DETAIL: dict[str, list[str]] = {
    "med.general": [
        "person feeling unwell",
        "person down on the sidewalk",
        "fall with injury",
        "chest pain",
        "difficulty breathing",
        "unconscious person",
    ],
    "fire.structure": [
        "smoke showing from a window",
        "fire in an apartment kitchen",
        "flames visible from the roof",
    ],
    "fire.alarm": ["automatic fire alarm sounding", "commercial building alarm"],
    "fire.outside": ["rubbish fire", "brush fire", "dumpster on fire"],
    "traffic.collision_injury": [
        "two vehicles, one person hurt",
        "car versus pedestrian",
        "cyclist struck by a vehicle",
    ],
    "hazmat.gas_leak": ["strong smell of gas in the street", "gas line hit by contractor"],
    "hazmat.electrical": ["wires down across the sidewalk", "transformer sparking"],
    "rescue.elevator": ["people trapped in a stalled elevator"],
    "service.citizen_assist": ["lock-out, child inside", "water leaking through ceiling"],
}


class ScenarioGenerator:
    """Owns two seeded random streams (incidents and arrival times) over the city's real calls,
    street points and cameras, and the category library they are classified with."""

    def __init__(
        self,
        city: City,
        library: Library,
        seed: int,
        *,
        mean_interval_s: float = 20.0,
        emergency_share: float = 0.4,
        locator: Locator | None = None,
    ) -> None:
        if mean_interval_s <= 0:
            raise ValueError(f"mean_interval_s must be positive, got {mean_interval_s}")
        if not 0.0 <= emergency_share <= 1.0:
            raise ValueError(f"emergency_share must be within 0..1, got {emergency_share}")
        self.city = city
        self.library = library
        self.seed = seed
        self.mean_interval_s = mean_interval_s
        self.emergency_share = emergency_share
        self.locator = locator or Locator(city)
        # Separate streams: asking for an interval never shifts the incident sequence.
        self._rng = random.Random(seed)
        self._clock = random.Random(seed * 7919 + 1)
        by_type: dict[str, Category] = {}
        for cat in library.categories:
            for ct in cat.sf_call_types:
                by_type[ct] = cat
        self._calls: list[tuple[SampleCall, Category]] = [
            (call, by_type[call.call_type]) for call in city.calls if call.call_type in by_type
        ]
        if not self._calls:
            raise ValueError("no sample call maps to a category of the library")
        skipped = len(city.calls) - len(self._calls)
        if skipped:
            log.warning("scenario: %d sample calls have call types outside the library", skipped)
        self._unmapped_emergencies = [
            c
            for c in library.categories
            if c.kind == IncidentKind.EMERGENCY and not c.sf_call_types
        ]
        self._urban = [c for c in library.categories if c.kind == IncidentKind.URBAN]
        self._urban_weights = [URBAN_WEIGHTS.get(c.code, 1.0) for c in self._urban]
        if not city.street_points:
            raise ValueError("the city has no street points to place cases at")

    # -- public -------------------------------------------------------------------------------

    def interval(self) -> float:
        """Seconds until the next incident: exponential with the configured mean."""
        return self._clock.expovariate(1.0 / self.mean_interval_s)

    def next_incident(self, now: float) -> dict[str, Any]:
        """Payload of a "create incident" command for an incident reported at ``now``."""
        if self._urban and self._rng.random() >= self.emergency_share:
            return self._urban_case(now)
        return self._emergency()

    def initial_backlog(self, count: int, now: float) -> list[tuple[float, dict[str, Any]]]:
        """``count`` incidents reported before ``now``, oldest first, as (reported at, payload)."""
        times: list[float] = []
        t = now
        for _ in range(count):
            t -= self.interval()
            times.append(t)
        times.reverse()
        return [(at, self.next_incident(at)) for at in times]

    # -- emergencies ----------------------------------------------------------------------------

    def _emergency(self) -> dict[str, Any]:
        call, cat = self._rng.choice(self._calls)
        if self._unmapped_emergencies and self._rng.random() < 0.06:
            # A call the centre takes itself (cardiac arrest, collapse, ...) at a real call's place.
            cat = self._rng.choice(self._unmapped_emergencies)
        priority = cat.default_priority
        if call.priority == "2" and cat.sf_call_types:
            priority = min(4, priority + 1)  # SF dispatched it without lights and siren
        source = SourceChannel.HOTLINE
        if cat.code == "fire.alarm" and self._rng.random() < 0.6:
            source = SourceChannel.SENSOR  # automatic alarm via the monitoring company
        detail = self._rng.choice(EMERGENCY_DETAIL.get(cat.code, [cat.name_en.lower()]))
        text = f"{SOURCE_PHRASE[source]}: {detail} at {call.address}."
        if cat.sf_call_types:
            text += f" (SF call type: {call.call_type}, priority {call.priority})"
        return self._payload(
            cat,
            priority,
            source,
            call.lat,
            call.lon,
            call.address,
            text,
            fallback_hood=call.neighbourhood,
        )

    # -- urban management -------------------------------------------------------------------------

    def _urban_case(self, now: float) -> dict[str, Any]:
        cat = self._rng.choices(self._urban, weights=self._urban_weights)[0]
        source = self._rng.choices(*self._sources(cat, now))[0]
        if source == SourceChannel.VIDEO and self.city.cameras:
            cam = self._rng.choice(self.city.cameras)
            # Somewhere in the camera's view, along its line of sight.
            dist = self._rng.uniform(0.2, 0.8) * cam.range_m
            bearing = math.radians(cam.heading + self._rng.uniform(-0.3, 0.3) * cam.fov)
            lat = cam.lat + dist * math.cos(bearing) / 110_992.0
            lon = cam.lon + dist * math.sin(bearing) / (110_992.0 * math.cos(math.radians(lat)))
            address = cam.name.rsplit(" (", 1)[0]
            text = (
                f"{SOURCE_PHRASE[source]} on camera {cam.id} ({cam.name}): {cat.name_en.lower()}."
            )
        else:
            pt = self._rng.choice(self.city.street_points)
            lat, lon, address = pt.lat, pt.lon, pt.address
            text = f"{SOURCE_PHRASE[source]}: {cat.name_en.lower()} near {address}."
        return self._payload(cat, cat.default_priority, source, lat, lon, address, text)

    def _sources(self, cat: Category, now: float) -> tuple[list[SourceChannel], list[float]]:
        table = dict(EVENT_SOURCES if cat.class_type == "event" else COMPONENT_SOURCES)
        if cat.code not in VIDEO_CODES:
            table.pop(SourceChannel.VIDEO, None)
        if cat.code in SENSOR_CODES:
            table[SourceChannel.SENSOR] = 3.0
        if not _working_time(now):
            table.pop(SourceChannel.INSPECTOR, None)  # inspectors patrol in working hours
        return list(table), list(table.values())

    # -- shared ---------------------------------------------------------------------------------

    def _payload(
        self,
        cat: Category,
        priority: int,
        source: SourceChannel,
        lat: float,
        lon: float,
        address: str,
        description: str,
        fallback_hood: str = "",
    ) -> dict[str, Any]:
        cell, hood = self.locator.locate(lat, lon)
        return {
            "category": cat.code,
            "priority": priority,
            "kind": str(cat.kind),
            "source": str(source),
            "lat": round(lat, 6),
            "lon": round(lon, 6),
            "address": address,
            "grid_cell": cell,
            "neighbourhood": hood or fallback_hood,
            "description": description,
        }


def _working_time(now: float) -> bool:
    """Monday to Friday, 08:00 to 18:00 city time."""
    local = dt.datetime.fromtimestamp(now, CITY_TZ)
    return local.weekday() < 5 and 8 <= local.hour < 18
