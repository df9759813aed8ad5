"""A duty officer's shift on two monitors, driven by key and mouse events (QTest) on a real X
server (Xvfb with two RandR monitors, LEFT and RIGHT, 1920x1080 each).

Three console processes, each started as ``./run.sh`` starts it (``main.main``):
the embedded server with the San Francisco demo city (tasks 1-6: first start, a P1 call to
dispatch, two linkage requests, a minor case through rework to closed, the video wall filled
from an incident and sent to monitor 2, the department scores), a replay of the shipped demo
day (task 7: 1x, 600x, a seek) and a training run on it (task 8: a call dispatched, the score).
Each task checks what it leaves on screen and saves one PNG per monitor; the test fails with
the name of the task that failed. Set CITYOPS_SHIFT_SHOTS=DIR to keep the PNGs in DIR.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from app.paths import resource_path
from tests.conftest import REPO
from tests.console.test_layout_screens import two_monitors  # noqa: F401 - the fixture

pytestmark = pytest.mark.xvfb

LIVE = [
    "first-start",
    "p1-call-to-dispatch",
    "two-linkage-requests",
    "minor-case-rework-to-closed",
    "video-wall-to-monitor-2",
    "department-scores",
]


def run_probe(display: str, mode: str, out: Path, data: Path, *extra: str) -> list[dict[str, Any]]:
    env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
    done = subprocess.run(
        [sys.executable, "-m", "tests.shift.shift_probe", mode, str(out), str(data), *extra],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=420,
    )
    steps = [
        json.loads(line)
        for line in done.stdout.splitlines()
        if line.startswith("{") and '"step"' in line
    ]
    for s in steps:
        if not s["ok"]:
            pytest.fail(
                f"shift step {s['step']!r} failed: {s['error']}\n{s.get('trace', '')}"
                f"\nscreenshots: {s.get('shots')}\n--- console log (tail) ---\n{done.stderr[-2000:]}"
            )
    assert done.returncode == 0, f"{mode} console exited {done.returncode}: {done.stderr[-3000:]}"
    return steps


@pytest.mark.timeout(900)
def test_a_shift_on_two_monitors(two_monitors: str, tmp_path: Path) -> None:  # noqa: F811
    keep = os.environ.get("CITYOPS_SHIFT_SHOTS")
    out = Path(keep) if keep else tmp_path / "shots"
    replay = tmp_path / "demo.replay"
    shutil.copyfile(resource_path("replay", "sf-2020-04-07.replay"), replay)

    live = run_probe(two_monitors, "live", out, tmp_path / "live")
    assert [s["step"] for s in live] == LIVE, [s["step"] for s in live]
    seen = {s["step"]: s["seen"] for s in live}
    assert seen["p1-call-to-dispatch"]["units"], seen
    assert seen["two-linkage-requests"]["police"] == "accepted", seen
    assert seen["two-linkage-requests"]["water"] == "requested", seen
    assert seen["minor-case-rework-to-closed"]["counts"].startswith("1 rework"), seen
    assert seen["department-scores"]["sanitation"][1] not in ("—", ""), seen

    played = run_probe(two_monitors, "replay", out, tmp_path / "replay", str(replay))
    assert [s["step"] for s in played] == ["replay-1x-600x-seek"], played

    trained = run_probe(two_monitors, "training", out, tmp_path / "training", str(replay))
    assert [s["step"] for s in trained] == ["training-run-with-score"], trained
    assert trained[0]["seen"]["total"].endswith("/ 100"), trained

    shots = sorted(out.glob("*.png"))
    # One PNG per monitor after every task, none of them blank.
    assert len(shots) == 2 * (len(LIVE) + 2), [p.name for p in shots]
    assert all(p.stat().st_size > 20_000 for p in shots), [
        (p.name, p.stat().st_size) for p in shots
    ]
