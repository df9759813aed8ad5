"""Comparisons between a workstation's cache and the server's authoritative state."""

from __future__ import annotations

import msgspec

from app.domain.state import CityState
from app.sync.cache import ENTITY_TABLES, LocalCache


def cache_matches(cache: LocalCache, state: CityState) -> list[str]:
    """Differences between the cache's rows and ``state`` (empty when they match)."""
    problems = []
    if cache.last_seq != state.seq:
        problems.append(f"cache seq {cache.last_seq} != {state.seq}")
    for table, (attr, typ) in ENTITY_TABLES.items():
        rows = {k: msgspec.json.decode(v, type=typ) for k, v in cache.rows(table).items()}
        want = getattr(state, attr)
        if set(rows) != set(want):
            problems.append(f"{table}: ids differ {sorted(set(rows) ^ set(want))[:5]}")
            continue
        for key, value in want.items():
            if rows[key] != value:
                problems.append(f"{table}/{key} differs")
    return problems


def same_rows(a: LocalCache, b: LocalCache) -> list[str]:
    """Tables of two caches compared row by row (the raw JSON blobs)."""
    problems = []
    if a.last_seq != b.last_seq:
        problems.append(f"seq {a.last_seq} != {b.last_seq}")
    for table in ENTITY_TABLES:
        ra, rb = a.rows(table), b.rows(table)
        for key in sorted(set(ra) | set(rb)):
            if ra.get(key) != rb.get(key):
                problems.append(f"{table}/{key}")
    return problems
