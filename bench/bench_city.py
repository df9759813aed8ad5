"""Benchmark of the demo city: loading the bundle, locating points, generating incidents.

Run: ``.venv/bin/python bench/bench_city.py``. Each figure is printed with a ratio against a
baseline measured in the same run:

- load: ``load_city()`` (typed msgspec decode + checks) against ``json.loads`` of the same files;
- locate: ``Locator.locate`` against a plain scan of all 41 neighbourhood outlines per point;
- scenario: ``ScenarioGenerator.next_incident`` against one ``Locator.locate`` call.
"""

from __future__ import annotations

import json
import logging
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.city import Locator, load_city
from app.city.scenario import ScenarioGenerator
from app.domain.library import default_library
from app.domain.locator import in_rings
from app.paths import resource_path

log = logging.getLogger(__name__)


def best_of(runs: int, fn: Callable[[], object]) -> float:
    """Fastest of ``runs`` timings, in seconds (the least disturbed by other work)."""
    best = float("inf")
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> int:
    root = resource_path("city")
    files = sorted(root.glob("*.json"))

    def plain_load() -> None:
        for f in files:
            json.loads(f.read_bytes())

    t_load = best_of(5, load_city)
    t_json = best_of(5, plain_load)
    print(
        f"load_city            {t_load * 1e3:8.1f} ms   json.loads baseline {t_json * 1e3:8.1f} ms"
        f"   ratio {t_json / t_load:5.2f}x"
    )

    city = load_city()
    loc = Locator(city)
    rng = random.Random(1)
    # Half real call places (the usual query), half uniform over the city's bounding box.
    pts = [(c.lat, c.lon) for c in rng.sample(city.calls, 5000)]
    pts += [(rng.uniform(37.70, 37.835), rng.uniform(-122.52, -122.355)) for _ in range(5000)]
    hoods = city.neighbourhoods

    def fast() -> None:
        for lat, lon in pts:
            loc.locate(lat, lon)

    def naive() -> None:
        for lat, lon in pts:
            for h in hoods:
                if in_rings(lon, lat, h.polygon):
                    break

    t_fast = best_of(3, fast) / len(pts)
    t_naive = best_of(3, naive) / len(pts)
    print(
        f"Locator.locate       {t_fast * 1e6:8.1f} us   full-scan baseline  {t_naive * 1e6:8.1f} us"
        f"   ratio {t_naive / t_fast:5.2f}x"
    )

    gen = ScenarioGenerator(city, default_library(), 42)
    n = 5000

    def scenario() -> None:
        now = 1_776_340_800.0
        for _ in range(n):
            now += gen.interval()
            gen.next_incident(now)

    t_gen = best_of(3, scenario) / n
    print(
        f"next_incident        {t_gen * 1e6:8.1f} us   one locate baseline {t_fast * 1e6:8.1f} us"
        f"   ratio {t_gen / t_fast:5.2f}x ({1 / t_gen:,.0f} incidents/s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
