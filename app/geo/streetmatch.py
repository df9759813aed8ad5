"""Typed street or place name -> ranked candidates: exact, then prefix, then fuzzy (rapidfuzz).

Scores are bands so the kinds of match never interleave: exact 0.90-1.0, prefix 0.70-0.89,
fuzzy 0.40-0.69. Within the exact band a typed type word that differs ("Geary St" when only
"GEARY BLVD" would fit) or a missing direction costs a little; streets with more addresses win
ties (GEARY BLVD before GEARY ST for a bare "Geary").
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from app.geo.placedata import NamedPlace, PlaceData
from app.geo.streetnames import compact, display_name, split_street, tokens

log = logging.getLogger(__name__)

FUZZY_CUTOFF = 78.0
"""rapidfuzz ratio (0-100) below which a spelling is not offered as the street meant."""


@dataclass(frozen=True)
class StreetMatch:
    street: int
    score: float
    how: str  # exact | prefix | fuzzy


class StreetMatcher:
    """Street look-up over :class:`PlaceData`'s name indexes."""

    def __init__(self, data: PlaceData) -> None:
        self.data = data
        self._place_keys: list[tuple[str, int]] = [
            (key, i) for i, p in enumerate(data.places) for key in p.keys
        ]
        self._place_key_list = [k for k, _ in self._place_keys]
        self._place_exact: dict[str, list[int]] = {}
        # Every prefix of every word of every key -> the keys having it: as-you-type candidates.
        self._word_prefix: dict[str, set[int]] = {}
        # Street -> the streets it crosses: the second street of a half-typed intersection
        # ("Union St / Col") is looked for among these (a few dozen), not among every name.
        self.partners: dict[int, set[int]] = {}
        for a, b in data.xing_by_pair:
            self.partners.setdefault(int(a), set()).add(int(b))
            self.partners.setdefault(int(b), set()).add(int(a))
        for j, (key, _) in enumerate(self._place_keys):
            self._place_exact.setdefault(key, []).append(j)
            for word in key.split():
                for n in range(1, len(word) + 1):
                    self._word_prefix.setdefault(word[:n], set()).add(j)

    def _rank(
        self, ids: list[int], kind: str, direction: str, base: float, how: str
    ) -> list[StreetMatch]:
        d = self.data
        out = []
        weights = [int(d.street_weight[i]) for i in ids]
        top = max(weights) if weights else 0
        for sid, w in zip(ids, weights, strict=True):
            _, s_kind, s_dir = d.street_parts[sid]
            score = base
            if kind and s_kind != kind:
                score -= 0.15  # "24th St" is not "24th Ave", even when only the avenue fits
            elif not kind and s_kind:
                score -= 0.01
            if direction != s_dir:
                score -= 0.03
            if w < top:
                score -= 0.005  # the busier street of the same name first
            out.append(StreetMatch(sid, round(score, 4), how))
        return out

    def match(self, text: str, limit: int = 6, fuzzy: bool = True) -> list[StreetMatch]:
        """Streets ``text`` may name, best first (empty when nothing is close)."""
        core, kind, direction = split_street(tokens(text))
        if not core:
            return []
        d = self.data
        ids = d.by_core.get(core) or d.by_compact.get(compact(core))
        if ids:
            res = self._rank(list(ids), kind, direction, 1.0, "exact")
            res.sort(key=lambda m: -m.score)
            return res[:limit]
        out: list[StreetMatch] = []
        for c in d.cores_with_prefix(core, limit=limit * 3):
            share = len(core) / max(len(c), 1)
            out.extend(self._rank(d.by_core[c], kind, direction, 0.70 + 0.18 * share, "prefix"))
        if not out and fuzzy:
            out = self._fuzzy(core, kind, direction, limit)
        out.sort(key=lambda m: (-m.score, d.street_names[m.street]))
        return out[:limit]

    def match_crossing(self, text: str, crossing: list[int], limit: int = 6) -> list[StreetMatch]:
        """Streets ``text`` may name that cross one of ``crossing``, best first: exact, then
        prefix, then fuzzy, each among the crossing streets only."""
        core, kind, direction = split_street(tokens(text))
        if not core:
            return []
        d = self.data
        allowed: set[int] = set()
        for s in crossing:
            allowed |= self.partners.get(s, set())
        by_core: dict[str, list[int]] = {}
        for sid in sorted(allowed):
            by_core.setdefault(d.street_parts[sid][0], []).append(sid)
        ids = by_core.get(core) or [
            i for c, ii in by_core.items() if compact(c) == compact(core) for i in ii
        ]
        if ids:
            out = self._rank(ids, kind, direction, 1.0, "exact")
        else:
            out = []
            for c, ii in by_core.items():
                if c.startswith(core):
                    share = len(core) / max(len(c), 1)
                    out.extend(self._rank(ii, kind, direction, 0.70 + 0.18 * share, "prefix"))
            if not out:
                hits = process.extract(
                    core, list(by_core), scorer=fuzz.ratio, limit=limit, score_cutoff=FUZZY_CUTOFF
                )
                for c, sc, _ in hits:
                    base = 0.40 + 0.29 * (sc - FUZZY_CUTOFF) / (100.0 - FUZZY_CUTOFF)
                    out.extend(self._rank(by_core[c], kind, direction, base, "fuzzy"))
        out.sort(key=lambda m: (-m.score, d.street_names[m.street]))
        return out[:limit]

    def _fuzzy(self, core: str, kind: str, direction: str, limit: int) -> list[StreetMatch]:
        d = self.data
        hits = process.extract(
            core, d.cores, scorer=fuzz.ratio, limit=limit, score_cutoff=FUZZY_CUTOFF
        )
        out: list[StreetMatch] = []
        for c, s, _ in hits:
            base = 0.40 + 0.29 * (s - FUZZY_CUTOFF) / (100.0 - FUZZY_CUTOFF)
            out.extend(self._rank(d.by_core[c], kind, direction, base, "fuzzy"))
        return out

    def closest_spellings(self, text: str, limit: int = 5) -> list[str]:
        """Nearest street and place names for a "no match" answer (looser than matching)."""
        core, _, _ = split_street(tokens(text))
        if not core:
            return []
        d = self.data
        hits = process.extract(core, d.cores, scorer=fuzz.ratio, limit=limit, score_cutoff=40)
        if not hits:  # nothing alike: still offer the least unlike names
            hits = process.extract(core, d.cores, scorer=fuzz.ratio, limit=3)
        names = [display_name(d.street_names[d.by_core[c][0]]) for c, _, _ in hits]
        key = " ".join(tokens(text))
        for _k, _, idx in process.extract(
            key, self._place_key_list, scorer=fuzz.ratio, limit=2, score_cutoff=60
        ):
            names.append(self.data.places[self._place_keys[idx][1]].name)
        return list(dict.fromkeys(names))[:limit]

    # --- named places ---------------------------------------------------------------------------
    def places(self, text: str, limit: int = 6) -> list[tuple[NamedPlace, float, str]]:
        """Landmarks, parks, stations, hospitals, piers, neighbourhoods named by ``text``."""
        key = " ".join(tokens(text))
        if not key:
            return []
        q = key.split()
        best: dict[int, tuple[float, str]] = {}
        for j in self._place_exact.get(key, []):
            best[self._place_keys[j][1]] = (1.0, "exact")
        cand: set[int] | None = None
        for w in q:
            hit = self._word_prefix.get(w, set())
            cand = hit if cand is None else cand & hit
            if not cand:
                break
        for j in sorted(cand or ()):
            k, i = self._place_keys[j]
            if k == key:
                continue
            words = k.split()
            if all(w in words for w in q):  # whole words: "Dolores Park" -> Mission Dolores Park
                score = 0.80 + 0.15 * len(key) / len(k)
            elif k.startswith(key):
                score = 0.72 + 0.17 * len(key) / len(k)
            elif _words_prefix(q, words):
                score = 0.70 + 0.15 * len(key) / len(k)
            else:
                continue
            if score > best.get(i, (0.0, ""))[0]:
                best[i] = (score, "prefix")
        if not best and len(key) >= 4:
            for _, s, idx in process.extract(
                key, self._place_key_list, scorer=fuzz.ratio, limit=limit, score_cutoff=80
            ):
                i = self._place_keys[idx][1]
                score = 0.40 + 0.29 * (s - 80) / 20
                if score > best.get(i, (0.0, ""))[0]:
                    best[i] = (score, "fuzzy")
        ranked = sorted(best.items(), key=lambda kv: (-kv[1][0], self.data.places[kv[0]].name))
        return [(self.data.places[i], s, how) for i, (s, how) in ranked[:limit]]


def _words_prefix(query: list[str], words: list[str]) -> bool:
    """Each query word starts a different name word, in order ("mission dol" -> Mission Dolores Park)."""
    j = 0
    for w in query:
        while j < len(words) and not words[j].startswith(w):
            j += 1
        if j == len(words):
            return False
        j += 1
    return True
