"""Typed location text -> a parsed query: coordinates, house address, block, intersection or name.

Only text handling lives here (no data): cleaning bad input (control characters, huge pastes),
dropping the city/state/zip tail, and recognising the forms dispatchers type and the city's
calls-for-service records use: ``2300 Mission St``, ``534-536 NATOMA ST``, ``665-A CASTRO ST``,
``2000 Block of CALIFORNIA ST``, ``24th & Mission``, ``MISSION ST/24TH ST``, ``Mission and 24th``,
``3rd St at Cesar Chavez``, ``37.76,-122.42``.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass

from app.domain.geo import parse_latlon

log = logging.getLogger(__name__)

MAX_QUERY_CHARS = 200
"""Longer text is cut: no address is longer, and a pasted page must not cost time."""

# The city/state/zip tail: after a comma anything of the kind; without one only the city's name
# or a zip code ("... California St" must keep its "California").
_TAIL = re.compile(
    r"(?:\s*,\s*(?:SAN\s+FRANCISCO|SF|CA|CALIFORNIA|USA|US|PR|TI|YBI|HP|\d{5}(?:-\d{4})?)\.?"
    r"|\s+SAN\s+FRANCISCO(?:\s+CA(?:LIFORNIA)?)?"
    r"|(?<=[A-Z])\s+\d{5}(?:-\d{4})?)+\s*$",
    re.IGNORECASE,
)
# Intersection separators, strongest first; words only as whole words.
_XING_SEP = re.compile(
    r"\s*(?:&|/|\\|\+|@|\bAND\b|\bAT\b|\bX\b|\bCORNER\s+OF\b|\bCROSS\b|\bNEAR\b)\s*",
    re.IGNORECASE,
)
_BLOCK = re.compile(r"^\s*(\d{1,5})\s*(?:-?\s*)(?:BLOCK|BLK)\.?\s+(?:OF\s+)?(.+)$", re.IGNORECASE)
# "600 Bloc", "600 Block", "600 Block o", "600 Block of": a block address still being typed (no
# street yet). "BLO" alone is not enough: Blossom St starts so.
_HALF_BLOCK = re.compile(r"^\s*(\d{1,5})\s+(?:BLOC|BLOCK(?:\s+OF?)?)\.?$", re.IGNORECASE)
_ADDRESS = re.compile(
    r"^\s*(\d{1,5})(?:\s*-\s*\d{1,5})?(?:\s*-?\s*[A-Z](?=\s))?(?:\s+1/2)?\s+(.+)$",
    re.IGNORECASE,
)
_CORNER = re.compile(r"^\s*(?:CORNER\s+OF|INTERSECTION\s+OF|CALL\s+BOX\s*:?)\s*", re.IGNORECASE)


@dataclass(frozen=True)
class Query:
    """The forms a text may be; the geocoder tries each that is set."""

    text: str  # cleaned text
    latlon: tuple[float, float] | None = None
    number: int | None = None  # house number ("2300 Mission St")
    block: int | None = None  # block start ("2000 Block of ...")
    street: str = ""  # the street part after a number or block
    cross: tuple[str, str] | None = None  # the two streets of an intersection


def clean(text: str) -> str:
    """Printable, single-spaced, at most MAX_QUERY_CHARS characters."""
    text = text[: MAX_QUERY_CHARS * 4]
    text = "".join(
        " " if unicodedata.category(c).startswith(("C", "Z")) else c
        for c in unicodedata.normalize("NFKC", text)
    )
    return " ".join(text.split())[:MAX_QUERY_CHARS]


def parse(text: str) -> Query:
    """Every reading of ``text`` worth trying; an empty ``Query.text`` means nothing to look up."""
    t = clean(text)
    if not t:
        return Query(text="")
    ll = parse_latlon(t)
    if ll is not None:
        return Query(text=t, latlon=ll)
    body = _TAIL.sub("", t).strip(" ,") or t
    body = _CORNER.sub("", body)
    cross: tuple[str, str] | None = None
    parts = [p.strip(" ,") for p in _XING_SEP.split(body, maxsplit=1)]
    if len(parts) == 2 and parts[0] and parts[1]:
        cross = (parts[0], parts[1])
    elif "," in body:
        a, _, b = body.partition(",")
        if a.strip() and b.strip() and not any(ch.isdigit() for ch in a.split()[0][:1]):
            cross = (a.strip(), b.strip())
    m = _HALF_BLOCK.match(body)
    if m:
        return Query(text=t, block=int(m.group(1)) // 100 * 100, street="")
    m = _BLOCK.match(body)
    if m:
        return Query(text=t, block=int(m.group(1)) // 100 * 100, street=m.group(2).strip())
    m = _ADDRESS.match(body)
    number: int | None = None
    street = ""
    if m and not re.match(r"^\d+(ST|ND|RD|TH)\b", body, re.IGNORECASE):
        number, street = int(m.group(1)), m.group(2).strip()
        # "2300 Mission St, SF" and "2300 Mission" are addresses; "24 & Mission" is not.
        if cross is not None and cross[0].strip().isdigit():
            number, street = None, ""
    return Query(text=body, number=number, street=street, cross=cross)
