"""The command line's ``N ... @ place`` with the real geocoder, wired as the console wires it."""

from __future__ import annotations

import pytest

from app.console.cmdline import CommandLineParser, ParseError
from app.domain.geo import haversine_m
from app.geo.geocode import Geocoder
from tests.models.test_cmdline import LIB, make_state


def real_parser(geo: Geocoder) -> CommandLineParser:
    st = make_state()

    def geocode(text: str) -> tuple[float, float, str] | None:
        hits = geo.search(text, limit=1)
        return (hits[0].lat, hits[0].lon, hits[0].label) if hits else None

    return CommandLineParser(
        lambda: st,
        LIB,
        geocode=geocode,
        reverse=lambda lat, lon: geo.reverse(lat, lon).label,
    )


@pytest.mark.parametrize(
    ("line", "address", "where"),
    [
        ("N fire.structure @ 2300 Mission St P1 ; smoke", "2300 Mission St", (37.76009, -122.4195)),
        ("N fire.structure @ 24th & Mission", "24th St & Mission St", (37.75224, -122.41845)),
        ("N exposed_garbage @ 2000 Block of CALIFORNIA ST ; bags", "2000 block of California St",
         (37.7900, -122.4282)),
        ("N fire.structure @ Ferry Building", "Ferry Building", (37.79635, -122.39474)),
        ("N fire.structure @ 19th Ave & Irving St", "19th Ave & Irving St", (37.76356, -122.47717)),
    ],
)  # fmt: skip
def test_new_incident_at_a_place(
    geo: Geocoder, line: str, address: str, where: tuple[float, float]
) -> None:
    (cmd,) = real_parser(geo).parse(line).commands
    assert cmd.type == "create_incident"
    assert cmd.payload["address"] == address
    assert haversine_m(cmd.payload["lat"], cmd.payload["lon"], *where) < 60


def test_coordinates_get_the_nearest_address_or_corner(geo: Geocoder) -> None:
    (cmd,) = real_parser(geo).parse("N fire.structure @ 37.75225,-122.41846 smoke").commands
    assert set(cmd.payload["address"].split(",")[0].split(" & ")) == {"24th St", "Mission St"}


def test_unknown_place_is_refused_with_the_text(geo: Geocoder) -> None:
    with pytest.raises(ParseError, match="location not found"):
        real_parser(geo).parse("N fire.structure @ Qwertyuiop Zzz ; smoke")
