"""Durations and ages in the console's language ("2 min 21 s" / "2 分 21 秒").

app/domain stays Qt-free, so its ``format_duration`` / ``format_age`` speak English (logs, refusal
texts, exports); what a view shows goes through these instead, translated when it is drawn.
QtCore only."""

from __future__ import annotations

import logging

from PySide6 import QtCore

log = logging.getLogger(__name__)


# Named ``translate`` so lupdate finds the strings (it knows calls by that name, not aliases).
translate = QtCore.QCoreApplication.translate


def duration_text(seconds: float) -> str:
    """``45 s``, ``3 min 50 s``, ``1 h 05 min`` in the console's language."""
    s = round(seconds)
    if s < 60:
        return translate("Durations", "%1 s").replace("%1", str(s))
    if s < 3600:
        return (
            translate("Durations", "%1 min %2 s")
            .replace("%1", str(s // 60))
            .replace("%2", str(s % 60))
        )
    return (
        translate("Durations", "%1 h %2 min")
        .replace("%1", str(s // 3600))
        .replace("%2", f"{(s % 3600) // 60:02d}")
    )


def age_text(seconds: float) -> str:
    """How old a report is: ``25 min``, ``3 h 05 min``, ``4 days``."""
    if seconds < 3600:
        return translate("Durations", "%1 min").replace("%1", str(round(seconds / 60)))
    if seconds < 2 * 86400:
        return duration_text(seconds)
    return translate("Durations", "%1 days").replace("%1", str(round(seconds / 86400)))
