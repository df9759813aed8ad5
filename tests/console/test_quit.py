"""Ctrl+Q ends the console cleanly: exit code 0 and no traceback on stderr (the sync engine, the
video decoder and the embedded server shut down while the loop still runs)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO


def test_ctrl_q_quits_without_tracebacks(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run(
        [sys.executable, "-m", "tests.console.quit_probe", str(tmp_path)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert "quitting with Ctrl+Q" in out.stdout, out.stderr[-3000:]
    assert out.returncode == 0, out.stderr[-3000:]
    assert "Traceback" not in out.stderr, out.stderr[-3000:]
    assert "Event loop stopped" not in out.stderr
