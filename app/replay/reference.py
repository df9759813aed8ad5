"""Reference data a replay starts with: the demo city's agencies, units, cameras and grid.

Importers add the units the source names that the demo city lacks. When the demo city cannot be
loaded, a replay still gets the two agencies every call needs (fire, medical).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from app.domain import events as ev
from app.domain.model import Agency, Camera, GridCell, GridSpec, Neighbourhood, Unit

log = logging.getLogger(__name__)


@dataclass
class Reference:
    city: str
    agencies: list[Agency]
    units: list[Unit]
    cameras: list[Camera] = field(default_factory=list)
    grid_cells: list[GridCell] = field(default_factory=list)
    grid_spec: GridSpec | None = None
    neighbourhoods: list[Neighbourhood] = field(default_factory=list)

    def bodies(self) -> list[ev.EventBody]:
        out: list[ev.EventBody] = [ev.AgencyUpserted(agency=a) for a in self.agencies]
        if self.grid_cells:
            out.append(
                ev.GridLoaded(
                    cells=self.grid_cells, spec=self.grid_spec, neighbourhoods=self.neighbourhoods
                )
            )
        out += [ev.CameraUpserted(camera=c) for c in self.cameras]
        out += [ev.UnitUpserted(unit=u) for u in self.units]
        return out


def demo_reference() -> Reference:
    """The bundled demo city (San Francisco), or a minimal fallback when it cannot be loaded."""
    try:
        from app.city import default_city

        city = default_city()
        return Reference(
            city="San Francisco",
            agencies=list(city.agencies),
            units=list(city.units),
            cameras=list(city.cameras),
            grid_cells=list(city.grid_cells),
            grid_spec=city.grid,
            neighbourhoods=list(city.neighbourhoods),
        )
    except Exception as exc:  # the demo city is optional for a replay: say why it is missing
        log.warning("demo city not available (%s); the replay gets minimal reference data", exc)
        return Reference(
            city="San Francisco",
            agencies=[
                Agency(id="fire", name="Fire Department", color="#FF4D4D"),
                Agency(id="medical", name="Emergency Medical Services", color="#4DA6FF"),
            ],
            units=[],
        )
