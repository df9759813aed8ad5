"""Keys of the intake panel (listed by the help overlay through ``intake_panel.SHORTCUTS``)."""

from __future__ import annotations

import logging

from app.console.i18n import QT_TRANSLATE_NOOP

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
    (
        KEYS["category"],
        QT_TRANSLATE_NOOP("Keys", "Focus the category search (↓/↑ browse, Enter picks)"),
    ),
    (
        KEYS["location"],
        QT_TRANSLATE_NOOP("Keys", "Focus the location search (Enter picks the top place)"),
    ),
    (KEYS["map"], QT_TRANSLATE_NOOP("Keys", "Pick the location on the map")),
    (QT_TRANSLATE_NOOP("Keys", "Ctrl+1 … Ctrl+4"), QT_TRANSLATE_NOOP("Keys", "Set priority 1-4")),
    (
        KEYS["create"],
        QT_TRANSLATE_NOOP("Keys", "Create the incident (also Enter in the contact field)"),
    ),
    ("Ctrl+Enter", QT_TRANSLATE_NOOP("Keys", "Create and dispatch the recommended units")),
    (
        KEYS["link"],
        QT_TRANSLATE_NOOP("Keys", "Add this call as a further call to the suggested duplicate"),
    ),
    (
        KEYS["merge"],
        QT_TRANSLATE_NOOP("Keys", "Create this report and merge it into the suggested duplicate"),
    ),
    (KEYS["clear"], QT_TRANSLATE_NOOP("Keys", "Clear the form for the next call")),
]
NO_CATEGORY_PRIORITY = 3  # shown until a category brings its own default
# Shown through translate("Keys", ...) (the priority box and the F1 help).
PRIORITY_LABELS = {
    1: QT_TRANSLATE_NOOP("Keys", "P1 critical"),
    2: QT_TRANSLATE_NOOP("Keys", "P2 urgent"),
    3: QT_TRANSLATE_NOOP("Keys", "P3 routine"),
    4: QT_TRANSLATE_NOOP("Keys", "P4 low"),
}
