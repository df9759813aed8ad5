"""Refusal reasons and role names in the desk's language, made at display time. QtCore only.

The command path (app/domain) runs without Qt, on the server as well as the desk, and its
refusals carry a stable ``code`` and an English ``message`` that often names things ("no unit
'E99'", "2026-000123 is closed"). The desk translates when it shows one:

1. a message without variable parts is looked up as a whole in the "Refusal" context (the fixed
   messages are marked below, so the catalogue has them);
2. any other message is shown as the translated meaning of its code followed by the original
   message, whose numbers, unit ids and case numbers read the same in every language.

In English the message is shown as the command path wrote it.
"""

from __future__ import annotations

import logging

from PySide6 import QtCore

from app.console.i18n import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)

CODES: dict[str, str] = {
    "invalid_payload": QT_TRANSLATE_NOOP("Refusal", "Invalid input"),
    "unknown_id": QT_TRANSLATE_NOOP("Refusal", "Not found"),
    "no_change": QT_TRANSLATE_NOOP("Refusal", "Nothing to change"),
    "text_required": QT_TRANSLATE_NOOP("Refusal", "Text required"),
    "invalid_transition": QT_TRANSLATE_NOOP("Refusal", "Not allowed in this state"),
    "duplicate_id": QT_TRANSLATE_NOOP("Refusal", "Already exists"),
    "unknown_type": QT_TRANSLATE_NOOP("Refusal", "Unknown command"),
    "not_signed_in": QT_TRANSLATE_NOOP("Refusal", "Not signed in"),
    "forbidden": QT_TRANSLATE_NOOP("Refusal", "Not permitted"),
    "device_disabled": QT_TRANSLATE_NOOP("Refusal", "Device disabled"),
    "unavailable": QT_TRANSLATE_NOOP("Refusal", "Unavailable"),
    "not_assigned": QT_TRANSLATE_NOOP("Refusal", "Not assigned"),
    "conflict": QT_TRANSLATE_NOOP("Refusal", "Changed by someone else"),
    "missing_field": QT_TRANSLATE_NOOP("Refusal", "A required field is missing"),
    "read_only": QT_TRANSLATE_NOOP("Refusal", "Read-only"),
    "rate_limited": QT_TRANSLATE_NOOP("Refusal", "Too many requests"),
}

# Messages of the command path that never carry a variable part.
FIXED: tuple[str, ...] = (
    QT_TRANSLATE_NOOP("Refusal", "this session is read-only"),
    QT_TRANSLATE_NOOP("Refusal", "sign in before making changes"),
    QT_TRANSLATE_NOOP("Refusal", "this console is read-only (replay)"),
    QT_TRANSLATE_NOOP("Refusal", "a note needs some text"),
    QT_TRANSLATE_NOOP("Refusal", "ask for at least one unit"),
    QT_TRANSLATE_NOOP("Refusal", "name at least one unit to dispatch"),
    QT_TRANSLATE_NOOP("Refusal", "those units are already on this incident"),
    QT_TRANSLATE_NOOP("Refusal", "an incident cannot be linked to itself"),
    QT_TRANSLATE_NOOP("Refusal", "an incident cannot be merged into itself"),
    QT_TRANSLATE_NOOP("Refusal", "an incident cannot be grouped under itself"),
    QT_TRANSLATE_NOOP("Refusal", "an arbitration needs a reason"),
    QT_TRANSLATE_NOOP("Refusal", "an extension request needs a reason"),
    QT_TRANSLATE_NOOP("Refusal", "an extension request is already waiting for approval"),
    QT_TRANSLATE_NOOP("Refusal", "an extension must be a positive number of minutes"),
    QT_TRANSLATE_NOOP("Refusal", "declining a linkage request needs a reason"),
    QT_TRANSLATE_NOOP("Refusal", "returning a case needs a reason"),
    QT_TRANSLATE_NOOP("Refusal", "suspending a deadline needs a reason"),
    QT_TRANSLATE_NOOP("Refusal", "a major incident needs a name"),
    QT_TRANSLATE_NOOP("Refusal", "that objective is met already"),
    QT_TRANSLATE_NOOP("Refusal", "reported_at lies in the future"),
    QT_TRANSLATE_NOOP("Refusal", "reported_at is more than 7 days old"),
    QT_TRANSLATE_NOOP("Refusal", "the default priority is 1-4"),
    QT_TRANSLATE_NOOP("Refusal", "verdict: confirm or dismiss"),
)


def _english() -> bool:
    return QtCore.QLocale().language() == QtCore.QLocale.Language.English


def refusal_text(code: str, message: str) -> str:
    """The reason a command was refused, as a person at this desk reads it."""
    if _english():
        return message
    whole = QtCore.QCoreApplication.translate("Refusal", message)
    if whole != message:
        return whole
    meaning = CODES.get(code)
    if meaning is None:
        return message
    return f"{QtCore.QCoreApplication.translate('Refusal', meaning)}：{message}"


def code_name(code: str) -> str:
    """The translated meaning of a refusal code (the code itself when it is not known)."""
    meaning = CODES.get(code)
    return QtCore.QCoreApplication.translate("Refusal", meaning) if meaning else code
