"""Reading the demo city from ``resources/city/`` (written once by ``scripts/build_city.py``)."""

from __future__ import annotations

import functools
import logging
from pathlib import Path
from typing import Any, TypeVar

import msgspec

from app.city.model import City, DemoUser, GridSpec, Neighbourhood, SampleCall, StreetPoint
from app.domain.model import Agency, Camera, GridCell, Unit

log = logging.getLogger(__name__)

T = TypeVar("T")


class CityDataError(ValueError):
    """A demo-city resource file is missing or does not have the expected shape."""


class _Grid(GridSpec, kw_only=True):
    cells: list[GridCell]


class _CallsTable(msgspec.Struct, kw_only=True):
    columns: list[str]
    addresses: list[str]
    call_types: list[str]
    neighbourhoods: list[str]
    rows: list[tuple[str, int, float, float, int, int, str, int]]


class _StreetsTable(msgspec.Struct, kw_only=True):
    addresses: list[str]
    points: list[tuple[float, float, int]]


def _read(root: Path, name: str, kind: type[T]) -> T:
    path = root / name
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CityDataError(f"cannot read demo-city file {path}: {exc.strerror or exc}") from exc
    try:
        return msgspec.json.decode(data, type=kind)
    except (msgspec.ValidationError, msgspec.DecodeError) as exc:
        raise CityDataError(f"demo-city file {path} is not valid: {exc}") from exc


def _calls(table: _CallsTable, path: Path) -> list[SampleCall]:
    try:
        return [
            SampleCall(
                call_number=num,
                received=float(received),
                lat=lat,
                lon=lon,
                address=table.addresses[a],
                call_type=table.call_types[ct],
                priority=prio,
                neighbourhood=table.neighbourhoods[nh],
            )
            for num, received, lat, lon, a, ct, prio, nh in table.rows
        ]
    except IndexError as exc:
        raise CityDataError(f"demo-city file {path} has a row pointing past a table") from exc


def load_city(root: Path | None = None) -> City:
    """The demo city from ``root`` (default: the bundled ``resources/city``)."""
    if root is None:
        from app.paths import resource_path

        root = resource_path("city")
    grid = _read(root, "grid.json", _Grid)
    calls = _read(root, "calls_sample.json", _CallsTable)
    streets = _read(root, "streets.json", _StreetsTable)
    try:
        points = [
            StreetPoint(lon=x, lat=y, address=streets.addresses[a]) for x, y, a in streets.points
        ]
    except IndexError as exc:
        raise CityDataError(f"{root / 'streets.json'} has a point past the address table") from exc
    spec: dict[str, Any] = {f: getattr(grid, f) for f in GridSpec.__struct_fields__}
    city = City(
        agencies=_read(root, "agencies.json", list[Agency]),
        units=_read(root, "units.json", list[Unit]),
        cameras=_read(root, "cameras.json", list[Camera]),
        grid=GridSpec(**spec),
        grid_cells=grid.cells,
        neighbourhoods=_read(root, "neighbourhoods.json", list[Neighbourhood]),
        users=_read(root, "users.json", list[DemoUser]),
        calls=_calls(calls, root / "calls_sample.json"),
        street_points=points,
    )
    _check(city, root)
    log.info(
        "demo city: %d agencies, %d units, %d cameras, %d grid cells, %d sample calls",
        len(city.agencies),
        len(city.units),
        len(city.cameras),
        len(city.grid_cells),
        len(city.calls),
    )
    return city


def _check(city: City, root: Path) -> None:
    """Cross-file consistency: a unit's agency and home station must exist."""
    stations = {s.id: a.id for a in city.agencies for s in a.stations}
    for u in city.units:
        if stations.get(u.home_station) != u.agency:
            raise CityDataError(
                f"{root / 'units.json'}: unit {u.id} ({u.agency}) has home station "
                f"{u.home_station!r}, which is not a station of that agency"
            )


@functools.cache
def default_city() -> City:
    """The bundled demo city, loaded once per process."""
    return load_city()
