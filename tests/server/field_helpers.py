"""Inspector accounts and positions for the field client's tests: two positions in two different
grid cells of the city's grid, and an inspector for each."""

from __future__ import annotations

import io

from PIL import Image

from app.city import load_city
from app.domain import events as ev
from app.server import CityServer
from app.server.auth import make_user_record
from tests.server.conftest import CHEAP, PASSWORD

HERE = (37.7793, -122.4193)  # insp1's cell
THERE = (37.7600, -122.4450)  # insp2's cell


def cell_of(server: CityServer, pos: tuple[float, float]) -> str:
    return server.state.rules().locate(*pos)[0]


async def add_inspectors(server: CityServer) -> tuple[str, str]:
    """The demo city's grid, and inspectors: insp1 patrols HERE's cell, insp2 THERE's; the two
    cells."""
    assert server.store is not None
    city = load_city()
    grid = ev.GridLoaded(cells=city.grid_cells, spec=city.grid, neighbourhoods=city.neighbourhoods)
    await server.inject([grid])
    here, there = cell_of(server, HERE), cell_of(server, THERE)
    assert here and there and here != there, (here, there)
    for name, cell in (("insp1", here), ("insp2", there)):
        rec = make_user_record(name, PASSWORD, "inspector", name.title(), cell, cost=CHEAP)
        server.store.put_user(rec)
    return here, there


def photo_bytes(colour: str = "orange") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), colour).save(out, "JPEG")
    return out.getvalue()
