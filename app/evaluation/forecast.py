"""Hotspot forecast: expected cases per grid cell and category group for the next day.

Method (a smoothed seasonal rate): the city's expected count of each category group for the day
is the mean daily count over the history; it is spread over the grid by the group's spatial share,
estimated from the history with two kinds of borrowing strength, because a cell sees a handful of
calls in two weeks:

* spatial smoothing: a cell's count plus ``NEIGHBOUR_WEIGHT`` times the mean of its eight
  neighbours (calls cluster in areas larger than one 500 m cell);
* shrinkage across groups: ``PRIOR_CASES`` pseudo-cases of each group spread like all calls
  together (a cell busy with medical calls is likelier to see the next fire call too).

    expected(cell, group, day) = mean daily count(group) × share(group, cell)
    share(group, cell) = (s_g(cell) + PRIOR_CASES · s_all(cell) / Σ s_all) / (Σ s_g + PRIOR_CASES)

with ``s`` the smoothed counts. It is backtested against two baselines in the same run:
"same as the same weekday last week" and "mean of the previous days" (per cell and group).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
import numpy.typing as npt

from app.domain import events as ev

log = logging.getLogger(__name__)

# Chosen on the SF 2016-12-31..2017-01-07 calls (mean absolute error per cell-day), not on the
# 2020 fortnight the backtest reports: 0, 0.25, 0.5, 1 x 1, 5, 20 were tried.
NEIGHBOUR_WEIGHT = 0.25
PRIOR_CASES = 5.0
TOP_SHARE = 0.10  # "top 10% cells" of the hit rate
METHODS = ("smoothed_rate", "mean_previous_days", "same_weekday_last_week")

Array = npt.NDArray[np.float64]


def group_of(category: str) -> str:
    """The category group: the code's first part (``fire.structure`` -> ``fire``)."""
    return category.split(".", 1)[0]


def cell_rc(cell_id: str) -> tuple[int, int] | None:
    """Row and column of a ``G-RR-CC`` cell id (None for any other id)."""
    parts = cell_id.split("-")
    if len(parts) != 3 or parts[0] != "G" or not (parts[1].isdigit() and parts[2].isdigit()):
        return None
    return int(parts[1]), int(parts[2])


@dataclass
class DailyCounts:
    """Cases per day x cell x group (days in order, consecutive, local dates)."""

    days: list[str]
    cells: list[str]
    groups: list[str]
    counts: Array  # shape (days, cells, groups)

    @classmethod
    def from_cases(
        cls,
        cases: Iterable[tuple[float, str, str]],
        tz: str,
        cells: Sequence[str] | None = None,
        last_day: dt.date | None = None,
    ) -> DailyCounts:
        """``cases`` are (received time, grid cell, category); cases without a cell are left out.
        ``cells`` fixes the grid (every cell, also those that never had a case); ``last_day``
        extends the days to it (quiet days count as zeros)."""
        zone = ZoneInfo(tz)
        rows: list[tuple[dt.date, str, str]] = []
        for t, cell, category in cases:
            if cell:
                rows.append((dt.datetime.fromtimestamp(t, zone).date(), cell, group_of(category)))
        if not rows:
            raise ValueError("no located cases to count")
        first, last = min(r[0] for r in rows), max(r[0] for r in rows)
        last = max(last, last_day or last)
        days = [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
        cell_list = sorted(set(cells or ()) | {r[1] for r in rows})
        groups = sorted({r[2] for r in rows})
        ci = {c: i for i, c in enumerate(cell_list)}
        gi = {g: i for i, g in enumerate(groups)}
        counts = np.zeros((len(days), len(cell_list), len(groups)))
        for d, c, g in rows:
            counts[(d - first).days, ci[c], gi[g]] += 1
        return cls([d.isoformat() for d in days], cell_list, groups, counts)


def neighbour_mean(cells: Sequence[str], values: Array) -> Array:
    """Mean over the eight neighbours of each cell (missing neighbours count as 0), per column
    of ``values`` (shape cells x k); cells that are not ``G-RR-CC`` get 0."""
    rc = [cell_rc(c) for c in cells]
    ok = [p for p in rc if p is not None]
    if not ok:
        return np.zeros_like(values)
    rows, cols = max(p[0] for p in ok) + 3, max(p[1] for p in ok) + 3
    grid = np.zeros((rows, cols, values.shape[1]))
    for i, p in enumerate(rc):
        if p is not None:
            grid[p[0] + 1, p[1] + 1] = values[i]
    total = np.zeros_like(grid)
    for dr in (-1, 0, 1):
        for dc in (-1, 0, 1):
            if dr or dc:
                total += np.roll(np.roll(grid, dr, axis=0), dc, axis=1)
    out = np.zeros_like(values)
    for i, p in enumerate(rc):
        if p is not None:
            out[i] = total[p[0] + 1, p[1] + 1] / 8.0
    return out


def smoothed_rate(history: Array, cells: Sequence[str]) -> Array:
    """Expected cases per cell x group for the next day from ``history`` (days x cells x groups)."""
    days = history.shape[0]
    if days == 0:
        return np.zeros(history.shape[1:])
    n = history.sum(axis=0)  # cells x groups
    s = n + NEIGHBOUR_WEIGHT * neighbour_mean(cells, n)
    s_all = s.sum(axis=1, keepdims=True)  # cells x 1
    all_share = s_all / max(float(s_all.sum()), 1e-12)
    denom = s.sum(axis=0, keepdims=True) + PRIOR_CASES
    share = np.divide(s + PRIOR_CASES * all_share, denom, out=np.zeros_like(s), where=denom > 0)
    daily = n.sum(axis=0, keepdims=True) / days  # 1 x groups
    result: Array = daily * share
    return result


def mean_previous_days(history: Array) -> Array:
    if history.shape[0] == 0:
        return np.zeros(history.shape[1:])
    result: Array = history.mean(axis=0)
    return result


def same_weekday_last_week(history: Array) -> Array | None:
    return history[-7].copy() if history.shape[0] >= 7 else None


def forecast(method: str, history: Array, cells: Sequence[str]) -> Array | None:
    if method == "smoothed_rate":
        return smoothed_rate(history, cells)
    if method == "mean_previous_days":
        return mean_previous_days(history)
    if method == "same_weekday_last_week":
        return same_weekday_last_week(history)
    raise ValueError(f"unknown forecast method {method!r}")


def top_share(pred_cells: Array, actual_cells: Array, share: float = TOP_SHARE) -> float | None:
    """Share of the day's real cases that fall in the ``share`` of cells forecast highest
    (ties broken by cell order, so a flat forecast is no better than chance)."""
    total = float(actual_cells.sum())
    if total == 0:
        return None
    k = max(1, round(len(pred_cells) * share))
    top = np.argsort(-pred_cells, kind="stable")[:k]
    return float(actual_cells[top].sum()) / total


def backtest(data: DailyCounts, first_day: int = 1) -> dict[str, Any]:
    """Forecast each day from the days before it; metrics per method over the days every method
    can forecast (the weekday baseline needs a week), and the mean-based methods over all days
    from ``first_day`` on."""
    per_method: dict[str, list[dict[str, float | None]]] = {m: [] for m in METHODS}
    for d in range(first_day, len(data.days)):
        history, actual = data.counts[:d], data.counts[d]
        for m in METHODS:
            pred = forecast(m, history, data.cells)
            if pred is None:
                continue
            per_method[m].append(
                {
                    "day": d,
                    "mae_cell_group": float(np.abs(pred - actual).mean()),
                    "mae_cell": float(np.abs(pred.sum(axis=1) - actual.sum(axis=1)).mean()),
                    "rmse_cell": float(
                        np.sqrt(((pred.sum(axis=1) - actual.sum(axis=1)) ** 2).mean())
                    ),
                    "top10_share": top_share(pred.sum(axis=1), actual.sum(axis=1)),
                }
            )
    common = sorted(
        set.intersection(*({int(r["day"] or 0) for r in rows} for rows in per_method.values()))
    )

    def summary(rows: list[dict[str, float | None]], days: set[int] | None) -> dict[str, Any]:
        sel = [r for r in rows if days is None or r["day"] in days]
        out: dict[str, Any] = {"days": len(sel)}
        for key in ("mae_cell_group", "mae_cell", "rmse_cell", "top10_share"):
            vals = [float(r[key]) for r in sel if r[key] is not None]  # type: ignore[arg-type]
            out[key] = float(np.mean(vals)) if vals else None
        return out

    return {
        "method": "smoothed seasonal rate (spatial smoothing + shrinkage across groups)",
        "parameters": {"neighbour_weight": NEIGHBOUR_WEIGHT, "prior_cases": PRIOR_CASES},
        "days": data.days,
        "cells": len(data.cells),
        "groups": data.groups,
        "cases": int(data.counts.sum()),
        "same_days": {
            "forecast_days": [data.days[d] for d in common],
            **{m: summary(rows, set(common)) for m, rows in per_method.items()},
        },
        "all_days": {
            m: summary(rows, None)
            for m, rows in per_method.items()
            if m != "same_weekday_last_week"
        },
    }


def cases_of(events: Iterable[ev.Event]) -> tuple[list[tuple[float, str, str]], list[str]]:
    """(received, cell, category) of every non-exercise incident, and the grid's cells."""
    cases: dict[str, tuple[float, str, str]] = {}
    cells: list[str] = []
    for e in events:
        b = e.body
        if isinstance(b, ev.IncidentCreated) and not b.incident.exercise:
            inc = b.incident
            cases.setdefault(inc.id, (inc.created_at, inc.location.grid_cell, inc.category))
        elif isinstance(b, ev.GridLoaded):
            cells = [c.id for c in b.cells]
    return list(cases.values()), cells


def backtest_replay(path: Path) -> dict[str, Any]:
    from app.replay.replayfile import ReplayFile

    with ReplayFile(path) as rf:
        cases, cells = cases_of(rf.iter_events(("incident_created", "grid_loaded")))
        tz = rf.meta.time_zone
    return backtest(DailyCounts.from_cases(cases, tz, cells))


def forecast_cells(
    cases: Iterable[tuple[float, str, str]],
    tz: str,
    cells: Sequence[str],
    now: float,
    history_days: int = 28,
) -> dict[str, float]:
    """Expected cases per grid cell (all groups) for the day after ``now``'s last whole day,
    from the ``history_days`` whole days before it (for the map layer)."""
    zone = ZoneInfo(tz)
    today = dt.datetime.fromtimestamp(now, zone).date()
    first = today - dt.timedelta(days=history_days)
    start = dt.datetime.combine(first, dt.time(), zone).timestamp()
    end = dt.datetime.combine(today, dt.time(), zone).timestamp()
    recent = [c for c in cases if start <= c[0] < end and c[1]]
    if not recent:
        return {}
    data = DailyCounts.from_cases(recent, tz, cells, today - dt.timedelta(days=1))
    pred = smoothed_rate(data.counts, data.cells).sum(axis=1)
    return {c: float(v) for c, v in zip(data.cells, pred, strict=True) if v > 0}
