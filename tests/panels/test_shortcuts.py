"""Panel keys are listed for the help overlay and never collide with the window-wide keys
(an ambiguous shortcut fires neither action)."""

from __future__ import annotations

import pytest
from PySide6 import QtGui

from widgets.detail import detail_panel
from widgets.intake import intake_panel
from widgets.resources import recommendation_panel, resource_panel

PANELS = {
    "intake": intake_panel.SHORTCUTS,
    "detail": detail_panel.SHORTCUTS,
    "resources": resource_panel.SHORTCUTS,
    "recommend": recommendation_panel.SHORTCUTS,
}


def keys_of(listing: list[tuple[str, str]]) -> set[str]:
    out: set[str] = set()
    for keys, _ in listing:
        for k in keys.split(" / "):
            seq = QtGui.QKeySequence(k.strip())
            if seq.count() == 1 and "…" not in k:
                out.add(seq.toString())
    return out


@pytest.mark.parametrize("name", sorted(PANELS))
def test_each_panel_lists_its_keys_once(name: str) -> None:
    listing = PANELS[name]
    assert listing and all(desc for _, desc in listing)
    keys = [k for k, _ in listing]
    assert len(keys) == len(set(keys))


def test_no_collision_with_window_keys() -> None:
    from widgets.console import command_line as cl
    from widgets.console import main_window as mw

    # The command line's own Esc/Enter/Tab only act inside it; its focus keys are window-wide.
    focus_keys = [(k, d) for k, d in cl.SHORTCUTS if d.startswith("Focus")]
    window = keys_of(mw.WINDOW_KEYS) | keys_of(focus_keys)
    window |= {QtGui.QKeySequence(f"Ctrl+Shift+{n}").toString() for n in range(1, 10)}
    for name, listing in PANELS.items():
        clash = keys_of(listing) & window
        assert not clash, f"{name} panel keys also used by the window: {clash}"
