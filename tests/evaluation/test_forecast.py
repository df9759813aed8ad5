"""The hotspot forecast: counts straight from the CSV, the method's invariants, and a backtest
on a real slice of SF 2020 against both baselines in the same run."""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from app.evaluation.__main__ import main as cli
from app.evaluation.forecast import (
    METHODS,
    DailyCounts,
    backtest,
    smoothed_rate,
    top_share,
)
from app.replay.importer import import_csv
from app.replay.timeparse import parse_iso

FMT = "%m/%d/%Y %I:%M:%S %p"
TZ = "America/Los_Angeles"


@pytest.fixture(scope="module")
def sf_nine_days(sf2020_csv: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """7-15 April 2020: a week of history, then two days every method can forecast."""
    out = tmp_path_factory.mktemp("sf9") / "sf-9days.replay"
    window = (parse_iso("2020-04-07T00:00", TZ), parse_iso("2020-04-16T00:00", TZ))
    import_csv(sf2020_csv, out, window=window)
    return out


def csv_calls_per_day(path: Path, lo: str, hi: str) -> Counter[str]:
    a, b = dt.datetime.fromisoformat(lo), dt.datetime.fromisoformat(hi)
    seen: dict[str, str] = {}
    with path.open(newline="") as fh:
        for row in csv.DictReader(fh):
            rec = dt.datetime.strptime(row["Received DtTm"], FMT)
            if a <= rec < b:
                seen.setdefault(row["Call Number"], rec.date().isoformat())
    return Counter(seen.values())


def test_backtest_on_a_real_slice(
    sf2020_csv: Path, sf_nine_days: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli(["backtest", "--replay", str(sf_nine_days), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    per_day = csv_calls_per_day(sf2020_csv, "2020-04-07T00:00", "2020-04-16T00:00")
    assert out["days"] == sorted(per_day)
    assert out["cases"] == sum(per_day.values())  # every SF call has a grid cell
    same = out["same_days"]
    assert same["forecast_days"] == ["2020-04-14", "2020-04-15"]
    for m in METHODS:
        assert same[m]["days"] == 2
        assert 0 < same[m]["mae_cell"] < 2 and 0 < same[m]["top10_share"] <= 1
    # The forecast beats "same weekday last week" on both measures, on real data.
    assert same["smoothed_rate"]["mae_cell"] < same["same_weekday_last_week"]["mae_cell"]
    assert same["smoothed_rate"]["top10_share"] > same["same_weekday_last_week"]["top10_share"]


def test_weekday_baseline_error_by_hand() -> None:
    rng = np.random.default_rng(7)
    counts = rng.poisson(0.4, size=(9, 12, 2)).astype(float)
    cells = [f"G-{r:02d}-{c:02d}" for r in range(3) for c in range(4)]
    data = DailyCounts([f"d{i}" for i in range(9)], cells, ["fire", "med"], counts)
    res = backtest(data)
    want = np.mean(
        [np.abs(counts[d - 7].sum(axis=1) - counts[d].sum(axis=1)).mean() for d in (7, 8)]
    )
    assert res["same_days"]["same_weekday_last_week"]["mae_cell"] == pytest.approx(want)
    mean_prev = np.mean([np.abs(counts[:d].mean(axis=0) - counts[d]).mean() for d in range(1, 9)])
    assert res["all_days"]["mean_previous_days"]["mae_cell_group"] == pytest.approx(mean_prev)


def test_smoothed_rate_keeps_the_total_and_finds_a_stable_hotspot() -> None:
    cells = [f"G-{r:02d}-{c:02d}" for r in range(10) for c in range(10)]
    rng = np.random.default_rng(3)
    rate = np.full((100, 1), 0.05)
    rate[44] = rate[45] = rate[54] = 3.0  # a hot block
    history = rng.poisson(rate, size=(10, 100, 1)).astype(float)
    pred = smoothed_rate(history, cells)
    assert (pred >= 0).all()
    assert pred.sum() == pytest.approx(history.sum() / 10)  # the mean daily total, spread
    top = set(np.argsort(-pred[:, 0])[:10])
    assert {44, 45, 54} <= top
    # Against the expected cases: the top 10 cells hold the hot block (9 of 13.85 a day).
    share = top_share(pred.sum(axis=1), rate.sum(axis=1))
    assert share is not None and share > 0.64
    # A flat forecast is no better than chance: ties go by cell order.
    flat = top_share(np.ones(100), rate.sum(axis=1))
    assert flat is not None and flat < share
