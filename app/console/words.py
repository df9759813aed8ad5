"""The names of the domain's fixed values (case status, unit status, source, role) in the desk's
language. The domain keeps its English values (they are protocol); views show these. QtCore only.
"""

from __future__ import annotations

import logging

from PySide6 import QtCore

from app.console.i18n import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)

STATUS: dict[str, str] = {
    "reported": QT_TRANSLATE_NOOP("Words", "reported"),
    "registered": QT_TRANSLATE_NOOP("Words", "registered"),
    "rejected": QT_TRANSLATE_NOOP("Words", "rejected"),
    "dispatched": QT_TRANSLATE_NOOP("Words", "dispatched"),
    "in_progress": QT_TRANSLATE_NOOP("Words", "in progress"),
    "resolved": QT_TRANSLATE_NOOP("Words", "resolved"),
    "verified": QT_TRANSLATE_NOOP("Words", "verified"),
    "closed": QT_TRANSLATE_NOOP("Words", "closed"),
    "cancelled": QT_TRANSLATE_NOOP("Words", "cancelled"),
}
UNIT_STATUS: dict[str, str] = {
    "available": QT_TRANSLATE_NOOP("Words", "available"),
    "en_route": QT_TRANSLATE_NOOP("Words", "en route"),
    "on_scene": QT_TRANSLATE_NOOP("Words", "on scene"),
    "returning": QT_TRANSLATE_NOOP("Words", "returning"),
    "out_of_service": QT_TRANSLATE_NOOP("Words", "out of service"),
}
SOURCE: dict[str, str] = {
    "hotline": QT_TRANSLATE_NOOP("Words", "hotline"),
    "citizen_report": QT_TRANSLATE_NOOP("Words", "citizen report"),
    "inspector": QT_TRANSLATE_NOOP("Words", "inspector"),
    "video_detection": QT_TRANSLATE_NOOP("Words", "video detection"),
    "sensor": QT_TRANSLATE_NOOP("Words", "sensor"),
    "cap_alert": QT_TRANSLATE_NOOP("Words", "cap alert"),
    "transfer": QT_TRANSLATE_NOOP("Words", "transfer"),
    "import": QT_TRANSLATE_NOOP("Words", "import"),
}
ROLES: dict[str, str] = {
    "call_taker": QT_TRANSLATE_NOOP("Words", "call taker"),
    "dispatcher": QT_TRANSLATE_NOOP("Words", "dispatcher"),
    "liaison": QT_TRANSLATE_NOOP("Words", "liaison"),
    "supervisor": QT_TRANSLATE_NOOP("Words", "supervisor"),
    "observer": QT_TRANSLATE_NOOP("Words", "observer"),
    "auditor": QT_TRANSLATE_NOOP("Words", "auditor"),
    "admin": QT_TRANSLATE_NOOP("Words", "admin"),
    "inspector": QT_TRANSLATE_NOOP("Words", "inspector"),
}

AGENCIES: dict[str, str] = {
    "fire": QT_TRANSLATE_NOOP("Agencies", "Fire"),
    "police": QT_TRANSLATE_NOOP("Agencies", "Police"),
    "medical": QT_TRANSLATE_NOOP("Agencies", "Medical"),
    "public_works": QT_TRANSLATE_NOOP("Agencies", "Public Works"),
    "water": QT_TRANSLATE_NOOP("Agencies", "Water"),
    "traffic": QT_TRANSLATE_NOOP("Agencies", "Traffic"),
    "sanitation": QT_TRANSLATE_NOOP("Agencies", "Sanitation"),
    "power": QT_TRANSLATE_NOOP("Agencies", "Power"),
    "city_inspection": QT_TRANSLATE_NOOP("Agencies", "City Inspection"),
    "parks": QT_TRANSLATE_NOOP("Agencies", "Parks"),
}


def agency_name(agency_id: str) -> str:
    """A department's short name in the desk's language (its id, title-cased, when unknown)."""
    english = AGENCIES.get(agency_id, agency_id.replace("_", " ").title())
    return QtCore.QCoreApplication.translate("Agencies", english)


def _word(table: dict[str, str], value: str) -> str:
    english = table.get(value)
    if english is None:
        return value.replace("_", " ")
    return QtCore.QCoreApplication.translate("Words", english)


def status_name(value: str) -> str:
    """A case status (``in_progress``) as people read it: "in progress", "处置中"."""
    return _word(STATUS, value)


def unit_status_name(value: str) -> str:
    # "dispatched" is the same word for a case and a unit.
    return _word(UNIT_STATUS, value) if value in UNIT_STATUS else _word(STATUS, value)


def source_name(value: str) -> str:
    return _word(SOURCE, value)


def role_name(value: str) -> str:
    return _word(ROLES, value)
