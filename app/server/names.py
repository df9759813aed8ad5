"""User names: one normal form, and a look-alike key so two accounts never read the same.

A name is compared, stored and looked up in its normal form: Unicode NFKC (full-width letters,
ligatures and compatibility forms fold to their plain letters), with the spaces around it trimmed.
Names holding control or format characters (zero-width joiners, bidi overrides, soft hyphens),
private-use or unassigned code points, or spaces inside are refused.

``skeleton`` goes further, for the one question "would a person tell these two names apart?":
case, accents and the common cross-script look-alikes (Cyrillic 'а', Greek 'ο', dotless 'ı', the
digits 0 and 1 ...) are folded away. An account whose skeleton equals an existing account's is
refused, so "admın" and "Admin" cannot sit beside "admin". The table is a small, deliberate subset
of Unicode TR39's confusables (the letters that occur in Latin-script names); it does not try to
catch every possible homoglyph.
"""

from __future__ import annotations

import logging
import unicodedata

log = logging.getLogger(__name__)

MAX_USERNAME = 64
# Categories refused anywhere in a name: controls, format characters (ZWJ, bidi, soft hyphen),
# surrogates, private use, unassigned, and line/paragraph separators.
_REFUSED = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}

# Look-alikes folded by ``skeleton`` (after NFKC and case folding; accents are stripped first).
_LOOKALIKE = str.maketrans(
    {
        # Latin letters without a decomposition that read as plain ones
        "ı": "i", "ȷ": "j", "ł": "l", "ø": "o", "đ": "d", "ħ": "h", "ŀ": "l", "ɩ": "i", "ɡ": "g",
        "ß": "ss", "æ": "ae", "œ": "oe",
        # Cyrillic
        "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p",
        "с": "c", "т": "t", "у": "y", "х": "x", "ѕ": "s", "і": "i", "ї": "i", "ј": "j", "һ": "h",
        "ԁ": "d", "ԛ": "q", "ԝ": "w", "ӏ": "l", "ь": "b",
        # Greek
        "α": "a", "β": "b", "ε": "e", "η": "n", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p",
        "τ": "t", "υ": "u", "χ": "x", "ω": "w",
        # digits and signs that pass for letters
        "0": "o", "1": "l", "|": "l", "$": "s",
    }
)  # fmt: skip


class UserNameError(ValueError):
    """A user name that cannot be an account's name (the message says why)."""


def normalize_username(name: str) -> str:
    """The normal form of ``name``; raises :class:`UserNameError` when it cannot be a user name."""
    if len(name) > 4 * MAX_USERNAME:  # do not normalise megabytes to refuse them
        raise UserNameError(f"a user name has at most {MAX_USERNAME} characters")
    norm = unicodedata.normalize("NFKC", name).strip()
    if not norm or len(norm) > MAX_USERNAME:
        raise UserNameError(f"a user name has 1-{MAX_USERNAME} characters")
    for ch in norm:
        if ch.isspace():
            raise UserNameError("a user name has no spaces")
        if unicodedata.category(ch) in _REFUSED:
            raise UserNameError(
                f"a user name cannot hold the invisible or control character U+{ord(ch):04X}"
            )
    return norm


def skeleton(name: str, keep_case: bool = False) -> str:
    """What a reader sees in ``name``: two names with the same skeleton look alike.

    Case is folded, except with ``keep_case``, where only a capital I turns into l (the key that
    catches "Ivan" beside "lvan", which case folding would keep apart)."""
    norm = unicodedata.normalize("NFKC", name).strip()
    if keep_case:
        norm = "".join("l" if ch == "I" else ch.lower() for ch in norm)
    folded = unicodedata.normalize("NFD", norm.casefold())
    bare = "".join(_digit(ch) for ch in folded if not unicodedata.combining(ch))
    out = unicodedata.normalize("NFC", bare).translate(_LOOKALIKE)
    return out.replace("rn", "m").replace("vv", "w")


def _digit(ch: str) -> str:
    """Any script's decimal digit as its ASCII digit (Arabic-Indic one reads as 1)."""
    value = unicodedata.decimal(ch, None)
    return ch if value is None else str(value)


def looks_like(name: str, others: list[str]) -> str | None:
    """The first of ``others`` (other than ``name`` itself) that reads the same, or None."""
    folded, cased = skeleton(name), skeleton(name, keep_case=True)
    for other in others:
        if other == name:
            continue
        if skeleton(other) == folded or skeleton(other, keep_case=True) == cased:
            return other
    return None
