"""Street-name normalisation to the city's addressing style, for the geocoder's index and queries.

The city's names are upper case with USPS type abbreviations, no punctuation and zero-padded
numbered streets (``01ST ST``, ``24TH ST``, ``OFARRELL ST``, ``DR CARLTON B GOODLETT PL``). People
type ``3rd St``, ``Third Street``, ``O'Farrell``, ``Dr. Carlton B. Goodlett Place``, ``Van Ness
Av``. Both sides are reduced to the same *core* (the name without its type word: ``3RD``,
``OFARRELL``, ``DR CARLTON B GOODLETT``), a canonical type (``ST``, ``AVE``...) and a trailing
direction (``BUENA VISTA AVE EAST``), so the look-up is a dictionary hit in the common case.
"""

from __future__ import annotations

import logging
import re

log = logging.getLogger(__name__)

# Every spelling of a street type -> the USPS abbreviation the city uses.
TYPE_WORDS: dict[str, str] = {
    "ST": "ST", "STR": "ST", "STREET": "ST", "STRET": "ST",
    "AVE": "AVE", "AV": "AVE", "AVENUE": "AVE", "AVN": "AVE",
    "BLVD": "BLVD", "BL": "BLVD", "BOULEVARD": "BLVD", "BLV": "BLVD",
    "WAY": "WAY", "WY": "WAY",
    "CT": "CT", "COURT": "CT",
    "DR": "DR", "DRIVE": "DR",
    "PL": "PL", "PLACE": "PL",
    "TER": "TER", "TERR": "TER", "TERRACE": "TER",
    "RD": "RD", "ROAD": "RD",
    "LN": "LN", "LANE": "LN",
    "ALY": "ALY", "ALLEY": "ALY", "AL": "ALY",
    "CIR": "CIR", "CIRCLE": "CIR",
    "LOOP": "LOOP",
    "WALK": "WALK",
    "PLZ": "PLZ", "PLAZA": "PLZ",
    "HWY": "HWY", "HIGHWAY": "HWY", "HY": "HWY",
    "STWY": "STWY", "STAIRWAY": "STWY",
    "ROW": "ROW",
    "PSGE": "PSGE", "PASSAGE": "PSGE",
    "HL": "HL", "HILL": "HL",
    "XING": "XING", "CROSSING": "XING",
    "TUNL": "TUNL", "TUNNEL": "TUNL",
    "EXPY": "EXPY", "EXPRESSWAY": "EXPY",
    "PARK": "PARK",
}  # fmt: skip
DIRECTIONS = {"NORTH": "NORTH", "N": "NORTH", "SOUTH": "SOUTH", "S": "SOUTH",
              "EAST": "EAST", "E": "EAST", "WEST": "WEST", "W": "WEST"}  # fmt: skip
_ORDINAL_WORDS = {
    "FIRST": 1, "SECOND": 2, "THIRD": 3, "FOURTH": 4, "FIFTH": 5, "SIXTH": 6, "SEVENTH": 7,
    "EIGHTH": 8, "NINTH": 9, "TENTH": 10, "ELEVENTH": 11, "TWELFTH": 12, "THIRTEENTH": 13,
    "FOURTEENTH": 14, "FIFTEENTH": 15, "SIXTEENTH": 16, "SEVENTEENTH": 17, "EIGHTEENTH": 18,
    "NINETEENTH": 19, "TWENTIETH": 20,
}  # fmt: skip
# A leading word the city spells out ("SAINT FRANCIS BLVD", "MOUNT VERNON AVE").
_LEADING = {"ST": "SAINT", "STE": "SAINT", "MT": "MOUNT", "FT": "FORT"}
_ORDINAL = re.compile(r"^0*(\d+)(ST|ND|RD|TH)?$")
_DROP = re.compile(r"['’`.]")
_SPLIT = re.compile(r"[^A-Z0-9]+")
# Apostrophes the city's style drops, put back for display.
_DISPLAY = {"OFARRELL": "O'Farrell", "OSHAUGHNESSY": "O'Shaughnessy", "ODONNELL": "O'Donnell",
            "OREILLY": "O'Reilly", "OCONNOR": "O'Connor"}  # fmt: skip


def ordinal(n: int) -> str:
    """3 -> '3RD', 11 -> '11TH', 22 -> '22ND'."""
    suffix = "TH" if 10 <= n % 100 <= 20 else {1: "ST", 2: "ND", 3: "RD"}.get(n % 10, "TH")
    return f"{n}{suffix}"


def tokens(text: str) -> list[str]:
    """Upper-case word tokens; apostrophes and periods vanish (O'Farrell -> OFARRELL)."""
    return [t for t in _SPLIT.split(_DROP.sub("", text.upper())) if t]


def _core_token(tok: str, first: bool, bare_numbers: bool) -> str:
    if tok in _ORDINAL_WORDS:
        return ordinal(_ORDINAL_WORDS[tok])
    m = _ORDINAL.match(tok)
    if m and (m.group(2) or bare_numbers):
        return ordinal(int(m.group(1)))
    return tok


def split_street(toks: list[str], bare_numbers: bool = True) -> tuple[str, str, str]:
    """(core, type, direction) of a tokenised street name.

    ``bare_numbers``: a lone number is a numbered street ("24 & Mission" means 24TH), which is
    right for a street field but not for the house number in front of a name.
    """
    toks = list(toks)
    direction = ""
    kind = ""
    if len(toks) >= 3 and toks[-1] in DIRECTIONS and toks[-2] in TYPE_WORDS:
        direction = DIRECTIONS[toks.pop()]
    if len(toks) >= 2 and toks[-1] in TYPE_WORDS:
        kind = TYPE_WORDS[toks.pop()]
    while len(toks) >= 2 and toks[0] in ("THE", "BLK"):  # "BLK" is a left-over of "Block of"
        toks.pop(0)
    if len(toks) >= 2 and toks[0] in _LEADING:
        toks[0] = _LEADING[toks[0]]
    core = [_core_token(t, i == 0, bare_numbers) for i, t in enumerate(toks)]
    return " ".join(core), kind, direction


def canonical_street(text: str) -> tuple[str, str, str]:
    """(core, type, direction) for free text or a city street name."""
    return split_street(tokens(text))


def compact(core: str) -> str:
    """The core without spaces: 'DE HARO' and 'DEHARO', 'NORTH POINT' and 'NORTHPOINT' meet."""
    return core.replace(" ", "")


def display_name(name: str) -> str:
    """A city street name as people write it: '03RD ST' -> '3rd St', 'OFARRELL ST' -> "O'Farrell St"."""
    out = []
    for tok in name.split():
        m = _ORDINAL.match(tok)
        if tok in _DISPLAY:
            out.append(_DISPLAY[tok])
        elif m and m.group(2):
            out.append(f"{int(m.group(1))}{m.group(2).lower()}")
        elif tok.startswith("MC") and len(tok) > 3:
            out.append("Mc" + tok[2] + tok[3:].lower())
        elif len(tok) == 1:
            out.append(tok)
        else:
            out.append(tok[0] + tok[1:].lower())
    return " ".join(out)
