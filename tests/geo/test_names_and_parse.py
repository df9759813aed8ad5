"""Street-name normalisation and query parsing (the parts with no data)."""

from __future__ import annotations

import pytest

from app.geo.geoquery import MAX_QUERY_CHARS, clean, parse
from app.geo.streetnames import canonical_street, display_name


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3rd St", ("3RD", "ST", "")), ("03RD ST", ("3RD", "ST", "")),
        ("Third Street", ("3RD", "ST", "")), ("24", ("24TH", "", "")),
        ("O'Farrell St.", ("OFARRELL", "ST", "")), ("OFARRELL ST", ("OFARRELL", "ST", "")),
        ("Van Ness Av", ("VAN NESS", "AVE", "")), ("Geary Bl", ("GEARY", "BLVD", "")),
        ("Lincoln Wy", ("LINCOLN", "WAY", "")), ("Shaw Al", ("SHAW", "ALY", "")),
        ("Great Hy", ("GREAT", "HWY", "")), ("The Embarcadero", ("EMBARCADERO", "", "")),
        ("Dr. Carlton B. Goodlett Place", ("DR CARLTON B GOODLETT", "PL", "")),
        ("St Francis Blvd", ("SAINT FRANCIS", "BLVD", "")),
        ("Buena Vista Ave East", ("BUENA VISTA", "AVE", "EAST")),
        ("Avenue B", ("AVENUE B", "", "")), ("BLK OLIVE ST", ("OLIVE", "ST", "")),
    ],
)  # fmt: skip
def test_canonical_street(text: str, expected: tuple[str, str, str]) -> None:
    assert canonical_street(text) == expected


def test_display_names() -> None:
    assert display_name("03RD ST") == "3rd St"
    assert display_name("OFARRELL ST") == "O'Farrell St"
    assert display_name("MCALLISTER ST") == "McAllister St"
    assert display_name("AVENUE B") == "Avenue B"


@pytest.mark.parametrize(
    ("text", "number", "block", "street", "cross"),
    [
        ("2300 Mission St", 2300, None, "Mission St", None),
        ("534-536 NATOMA ST", 534, None, "NATOMA ST", None),
        ("665-A CASTRO ST", 665, None, "CASTRO ST", None),
        ("2000 Block of CALIFORNIA ST", None, 2000, "CALIFORNIA ST", None),
        ("2050 blk Mission", None, 2000, "Mission", None),
        ("24th & Mission", None, None, "", ("24th", "Mission")),
        ("MISSION ST/24TH ST", None, None, "", ("MISSION ST", "24TH ST")),
        ("Mission and 24th", None, None, "", ("Mission", "24th")),
        ("3rd St at Cesar Chavez", None, None, "", ("3rd St", "Cesar Chavez")),
        ("24 & Mission", None, None, "", ("24", "Mission")),
        ("corner of Jones and O'Farrell", None, None, "", ("Jones", "O'Farrell")),
        ("CALL BOX: FRONT ST/PACIFIC AV", None, None, "", ("FRONT ST", "PACIFIC AV")),
        ("2300 Mission St, San Francisco, CA 94110", 2300, None, "Mission St", None),
        ("2000 block of california", None, 2000, "california", None),
    ],
)
def test_parse_forms(
    text: str,
    number: int | None,
    block: int | None,
    street: str,
    cross: tuple[str, str] | None,
) -> None:
    q = parse(text)
    assert (q.number, q.block, q.street, q.cross) == (number, block, street, cross)


def test_parse_coordinates_and_rubbish() -> None:
    assert parse("37.76, -122.42").latlon == (37.76, -122.42)
    assert parse("(37.76, -122.42)").latlon == (37.76, -122.42)
    assert parse("\x00\x07 \t").text == ""
    assert len(clean("x" * 100_000)) == MAX_QUERY_CHARS
    assert clean("a\u200bb\nc") == "a b c"
