"""How old a fix is, in words for a table cell."""

from __future__ import annotations

import logging

from PySide6 import QtCore

log = logging.getLogger(__name__)


def age_text(age_s: float | None) -> str:
    if age_s is None:
        return QtCore.QCoreApplication.translate("InspectorPanel", "no fix yet")
    if age_s < 90:
        n = int(age_s)
        return QtCore.QCoreApplication.translate("InspectorPanel", "%n s ago", "", n)
    if age_s < 90 * 60:
        n = int(age_s // 60)
        return QtCore.QCoreApplication.translate("InspectorPanel", "%n min ago", "", n)
    n = int(age_s // 3600)
    return QtCore.QCoreApplication.translate("InspectorPanel", "%n h ago", "", n)
