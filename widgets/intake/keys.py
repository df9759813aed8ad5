"""Keys of the intake panel (listed by the help overlay through ``intake_panel.SHORTCUTS``)."""

from __future__ import annotations

import logging

log = logging.getLogger(__name__)

KEYS = {
    "create": "Ctrl+S",
    "dispatch": "Ctrl+Return",
    "link": "Ctrl+L",
    "merge": "Ctrl+G",
    "category": "Alt+C",
    "location": "Alt+W",
    "map": "Ctrl+M",
    "clear": "Ctrl+Shift+K",
}
SHORTCUTS: list[tuple[str, str]] = [
    (KEYS["category"], "Focus the category search (↓/↑ browse, Enter picks)"),
    (KEYS["location"], "Focus the location search (Enter picks the top place)"),
    (KEYS["map"], "Pick the location on the map"),
    ("Ctrl+1 … Ctrl+4", "Set priority 1-4"),
    (KEYS["create"], "Create the incident (also Enter in the contact field)"),
    ("Ctrl+Enter", "Create and dispatch the recommended units"),
    (KEYS["link"], "Add this call as a further call to the suggested duplicate"),
    (KEYS["merge"], "Create this report and merge it into the suggested duplicate"),
    (KEYS["clear"], "Clear the form for the next call"),
]
NO_CATEGORY_PRIORITY = 3  # shown until a category brings its own default
PRIORITY_LABELS = {1: "P1 critical", 2: "P2 urgent", 3: "P3 routine", 4: "P4 low"}
