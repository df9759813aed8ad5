"""Street and place name matching: normalised tokens and a match score, for the gazetteer."""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence

log = logging.getLogger(__name__)

_ABBREV = {
    "st": "street",
    "str": "street",
    "ave": "avenue",
    "av": "avenue",
    "blvd": "boulevard",
    "bl": "boulevard",
    "dr": "drive",
    "rd": "road",
    "ln": "lane",
    "pl": "place",
    "ct": "court",
    "ter": "terrace",
    "terr": "terrace",
    "hwy": "highway",
    "pkwy": "parkway",
    "sq": "square",
    "aly": "alley",
    "cir": "circle",
    "expy": "expressway",
    "fwy": "freeway",
    "plz": "plaza",
    "mt": "mount",
}
_ORDINAL_WORDS = {
    "first": "1st",
    "second": "2nd",
    "third": "3rd",
    "fourth": "4th",
    "fifth": "5th",
    "sixth": "6th",
    "seventh": "7th",
    "eighth": "8th",
    "ninth": "9th",
    "tenth": "10th",
    "eleventh": "11th",
    "twelfth": "12th",
    "thirteenth": "13th",
    "fourteenth": "14th",
    "fifteenth": "15th",
    "sixteenth": "16th",
    "seventeenth": "17th",
    "eighteenth": "18th",
    "nineteenth": "19th",
    "twentieth": "20th",
}
_TYPES = frozenset(
    {
        "street",
        "avenue",
        "boulevard",
        "drive",
        "road",
        "lane",
        "place",
        "court",
        "terrace",
        "highway",
        "parkway",
        "square",
        "alley",
        "circle",
        "expressway",
        "freeway",
        "plaza",
        "way",
        "walk",
        "row",
        "park",
    }
)
SPLIT = re.compile(r"\s*(?:&|@|/|\+|,|\bx\b|\band\b|\bat\b|\bcorner of\b|\bcross\b)\s*")
_TOKEN = re.compile(r"[a-z0-9']+")


def normalize(text: str) -> list[str]:
    """Lower-case tokens with street-type abbreviations and ordinal words expanded."""
    out = []
    for tok in _TOKEN.findall(text.lower().replace(".", " ")):
        tok = tok.strip("'")
        if not tok:
            continue
        out.append(_ORDINAL_WORDS.get(tok, _ABBREV.get(tok, tok)))
    return out


def ordinalize(tokens: list[str]) -> list[str]:
    """'5' alone means '5th' (people type 'market and 5')."""
    res = []
    for t in tokens:
        if t.isdigit():
            n = int(t)
            suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
            t = f"{n}{suffix}"
        res.append(t)
    return res


def match_score(query: Sequence[str], name: Sequence[str]) -> float:
    """How well the query tokens name ``name`` (1 exact .. 0 no match)."""
    if not query:
        return 0.0
    if list(query) == list(name):
        return 1.0
    q_core = [t for t in query if t not in _TYPES]
    n_core = [t for t in name if t not in _TYPES]
    q_types = [t for t in query if t in _TYPES]
    if q_core and q_core == n_core and all(t in name for t in q_types):
        return 0.95
    # Every query token must start a different name token ("mission dol" -> "mission dolores park").
    used: set[int] = set()
    matched_chars = 0
    for t in query:
        for i, nt in enumerate(name):
            if i not in used and nt.startswith(t):
                used.add(i)
                matched_chars += len(t)
                break
        else:
            return 0.0
    total = sum(len(t) for t in name) or 1
    return 0.5 + 0.4 * matched_chars / total
