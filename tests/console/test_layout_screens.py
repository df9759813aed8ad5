"""Layout save and restore across two monitors on a real X server (Xvfb with RandR monitors),
including a restore after the right-hand monitor is gone."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.xvfb


def _xrandr(display: str, *args: str) -> None:
    subprocess.run(
        ["xrandr", *args], env={**os.environ, "DISPLAY": display}, check=True, capture_output=True
    )


@pytest.fixture
def two_monitors() -> Iterator[str]:
    if not shutil.which("Xvfb") or not shutil.which("xrandr"):
        pytest.skip(
            "Xvfb and xrandr are needed (Debian: xvfb x11-xserver-utils; test.sh installs them)"
        )
    display = f":{90 + os.getpid() % 9}"
    proc = subprocess.Popen(
        ["Xvfb", display, "-screen", "0", "3840x1080x24", "-noreset", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            if (
                subprocess.run(
                    ["xrandr"], env={**os.environ, "DISPLAY": display}, capture_output=True
                ).returncode
                == 0
            ):
                break
            time.sleep(0.05)
        _xrandr(display, "--setmonitor", "LEFT", "1920/508x1080/286+0+0", "screen")
        _xrandr(display, "--setmonitor", "RIGHT", "1920/508x1080/286+1920+0", "none")
        yield display
    finally:
        proc.terminate()
        proc.wait(5)


def probe(display: str, ini: Path, mode: str, data: Path) -> dict[str, object]:
    env = {
        **os.environ,
        "DISPLAY": display,
        "QT_QPA_PLATFORM": "xcb",
        "CITYOPS_DATA_DIR": str(data),
    }
    out = subprocess.run(
        [sys.executable, "-m", "tests.console.layout_probe", str(ini), mode],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    result: dict[str, object] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def test_layout_round_trip_and_lost_screen(two_monitors: str, tmp_path: Path) -> None:
    ini = tmp_path / "console.ini"
    saved = probe(two_monitors, ini, "save", tmp_path)
    assert saved["screens"] == ["LEFT", "RIGHT"], saved
    assert saved["sent"] is True and saved["queue_screen"] == "RIGHT", saved

    again = probe(two_monitors, ini, "restore", tmp_path)
    assert again["restored"] is True and again["floating"] is True
    assert again["queue_screen"] == "RIGHT" and again["moved"] == 0, again

    _xrandr(two_monitors, "--delmonitor", "RIGHT")
    lost = probe(two_monitors, ini, "restore", tmp_path)
    assert lost["screens"] == ["LEFT"], lost
    assert lost["restored"] is True
    assert lost["queue_screen"] == "LEFT", lost  # brought back onto a present screen


def desk_probe(display: str, ini: Path, data: Path) -> dict[str, Any]:
    env = {
        **os.environ,
        "DISPLAY": display,
        "QT_QPA_PLATFORM": "xcb",
        "CITYOPS_DATA_DIR": str(data),
    }
    out = subprocess.run(
        [sys.executable, "-m", "tests.console.desk_probe", str(ini)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def inside(r: list[int], screen: list[int]) -> bool:
    x, y, w, h = r
    sx, sy, sw, sh = screen
    return sx <= x and sy <= y and x + w <= sx + sw and y + h <= sy + sh


def overlap(a: list[int], b: list[int]) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def test_presets_use_both_monitors_and_windows_fit(two_monitors: str, tmp_path: Path) -> None:
    r = desk_probe(two_monitors, tmp_path / "desk.ini", tmp_path)
    assert r["screens"] == ["LEFT", "RIGHT"] and r["primary"] == "LEFT", r
    for preset in ("dispatcher", "supervisor", "video wall"):
        panels = r[preset]["panels"]
        where = {k: v["screen"] for k, v in panels.items()}
        # The case loop on the primary monitor, the map, video wall and agencies on the second.
        for k in ("queue", "intake", "detail"):
            assert where.get(k) == "LEFT", (preset, where)
        for k in ("map", "video"):
            assert where.get(k) == "RIGHT", (preset, where)
        assert any(k.startswith("resources-") and s == "RIGHT" for k, s in where.items()), where
        # No panel is squashed to a strip: the map keeps at least a third of a monitor each way.
        _x, _y, mw, mh = panels["map"]["rect"]
        assert mw >= 600 and mh >= 350, (preset, panels["map"])
        for win in r[preset]["windows"]:
            assert inside(win["rect"], win["screen_rect"]), (preset, win)
        shown = [v["rect"] for v in panels.values()]
        for i, a in enumerate(shown):
            for b in shown[i + 1 :]:
                assert not overlap(a, b), (preset, a, b)

    sent = r["sent"]
    assert sent["ok"] == [True, True]
    panels = sent["panels"]
    assert panels["detail"]["screen"] == "RIGHT" and panels["recommend"]["screen"] == "RIGHT"
    shown = list(panels.items())
    for i, (ka, a) in enumerate(shown):
        for kb, b in shown[i + 1 :]:
            assert not overlap(a["rect"], b["rect"]), (ka, a, kb, b)
    for win in sent["windows"]:
        assert inside(win["rect"], win["screen_rect"]), win

    # A long message is elided in the status bar instead of widening the window.
    assert r["announce"]["after"] == r["announce"]["before"] <= 1920, r["announce"]


def test_keys_reach_the_console_from_every_window(two_monitors: str, tmp_path: Path) -> None:
    env = {
        **os.environ,
        "DISPLAY": two_monitors,
        "QT_QPA_PLATFORM": "xcb",
        "CITYOPS_DATA_DIR": str(tmp_path),
    }
    out = subprocess.run(
        [sys.executable, "-m", "tests.console.keys_probe", str(tmp_path / "keys.ini")],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    r: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    # The detail panel is in a window on monitor 2 and has the focus.
    assert r["detail_screen"] == "RIGHT" and not r["note_window_is_main"], r
    assert r["note_focused"], r
    # Enter in the note field recorded nothing.
    assert r["notes_after_enter"] == 0, r
    # F2 from that window: the command line in the main window, and that window active.
    assert r["f2_focus"] == "CommandLineEdit" and r["f2_active_is_main"], r
    # F3, then Down moves through the queue at once.
    assert r["f3_focus"] == "QueueTable" and r["down_moved"], r
    # F1: nothing drawn over anything else, all inside, keys filed under their own panel.
    assert r["f1_visible"] and r["f1_clashes"] == [] and r["f1_outside"] == [], r
    sections = r["f1_sections"]
    # Unit-status keys work in every department's panel: filed under that, not under the first
    # department's name.
    assert "Fire" not in sections, sections
    assert len(sections["Agency panels (every department)"]) >= 5, sections
