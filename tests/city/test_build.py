"""``scripts/build_city.py`` rebuilt from the real data reproduces the committed bundle."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from app.paths import resource_path

REPO = Path(__file__).resolve().parents[2]


def test_rebuild_matches_the_committed_files(shared_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "city"
    run = subprocess.run(
        [sys.executable, "scripts/build_city.py", "--shared", str(shared_dir), "--out", str(out)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert run.returncode == 0, run.stderr
    committed = resource_path("city")
    names = sorted(p.name for p in out.glob("*.json"))
    assert names == sorted(p.name for p in committed.glob("*.json"))
    for name in names:
        assert (out / name).read_bytes() == (committed / name).read_bytes(), name


def test_missing_real_data_is_reported(tmp_path: Path) -> None:
    run = subprocess.run(
        [sys.executable, "scripts/build_city.py", "--shared", str(tmp_path / "nowhere")],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 2
    assert "not found" in run.stderr
