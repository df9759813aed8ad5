"""The nearest address and corner of a position as one translated line (the incident's detail
and the map's read-out)."""

from __future__ import annotations

import logging

from PySide6 import QtCore

from app.geo.nearby import Nearby

log = logging.getLogger(__name__)


def nearby_line(n: Nearby) -> str:
    """'near 2301 Mission St (12 m) · Mission St & 19th St (40 m)'."""
    return (
        QtCore.QCoreApplication.translate("Nearby", "near %1 (%2 m) · %3 (%4 m)")
        .replace("%1", n.address)
        .replace("%2", f"{n.address_m:.0f}")
        .replace("%3", n.intersection)
        .replace("%4", f"{n.intersection_m:.0f}")
    )
