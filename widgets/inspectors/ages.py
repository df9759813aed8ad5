"""How old a fix is, in words for a table cell."""

from __future__ import annotations

import logging

from PySide6 import QtCore

log = logging.getLogger(__name__)


def age_text(age_s: float | None) -> str:
    tr = QtCore.QCoreApplication.translate
    if age_s is None:
        return tr("InspectorPanel", "no fix yet")
    if age_s < 90:
        return tr("InspectorPanel", "%n s ago", "", int(age_s))
    if age_s < 90 * 60:
        return tr("InspectorPanel", "%n min ago", "", int(age_s // 60))
    return tr("InspectorPanel", "%n h ago", "", int(age_s // 3600))
