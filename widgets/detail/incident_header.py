"""The top line of the detail panel: priority badge, number, status, pending marker, category."""

from __future__ import annotations

import logging

from PySide6 import QtWidgets

from app.console.words import status_name
from app.domain.library import Library
from app.domain.model import Incident, StatusGroup, status_group
from widgets import theme

log = logging.getLogger(__name__)

STATUS_COLORS = {
    StatusGroup.PENDING: theme.WARN,
    StatusGroup.ACTIVE: theme.ACCENT,
    StatusGroup.CLOSED: theme.TEXT_DIM,
}


class IncidentHeader(QtWidgets.QFrame):
    """Shows who the incident is at a glance, in large type."""

    def __init__(self, library: Library, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("IncidentHeader")
        self._library = library
        grid = QtWidgets.QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(10)
        self.priority = QtWidgets.QLabel()
        self.priority.setObjectName("PriorityBadge")
        self.priority.setFixedWidth(56)
        self.number = QtWidgets.QLabel(self.tr("No incident selected"))
        self.number.setObjectName("IncidentNumber")
        self.number.setStyleSheet("font-size: 18pt; font-weight: bold;")
        self.status = QtWidgets.QLabel()
        self.status.setObjectName("StatusChip")
        self.pending = QtWidgets.QLabel(self.tr("● pending sync"))
        self.pending.setObjectName("PendingMarker")
        self.pending.setStyleSheet(f"color: {theme.PENDING}; font-weight: bold;")
        self.pending.setToolTip(self.tr("Local changes not yet confirmed by the server"))
        self.category = QtWidgets.QLabel()
        self.category.setObjectName("CategoryNames")
        # A long bilingual category name wraps instead of widening the detail panel past its
        # dock (the stage boxes and buttons were cut off on the right).
        self.category.setWordWrap(True)
        self.category.setStyleSheet("font-size: 14pt;")
        grid.addWidget(self.priority, 0, 0, 2, 1)
        grid.addWidget(self.number, 0, 1)
        grid.addWidget(self.status, 0, 2)
        grid.addWidget(self.pending, 0, 3)
        grid.setColumnStretch(4, 1)
        grid.addWidget(self.category, 1, 1, 1, 4)
        self.set_incident(None, False)

    def set_incident(self, inc: Incident | None, pending: bool) -> None:
        self.pending.setVisible(inc is not None and pending)
        if inc is None:
            self.number.setText(self.tr("No incident selected"))
            for w in (self.priority, self.status, self.category):
                w.hide()
            return
        for w in (self.priority, self.status, self.category):
            w.show()
        bg = theme.PRIORITY_COLORS.get(inc.priority, theme.BORDER)
        fg = theme.PRIORITY_TEXT.get(inc.priority, theme.TEXT)
        self.priority.setText(f"P{inc.priority}")
        self.priority.setStyleSheet(
            f"background: {bg}; color: {fg}; font-size: 20pt; font-weight: bold;"
            " border-radius: 6px; qproperty-alignment: AlignCenter;"
        )
        self.number.setText(inc.number + (self.tr("  [EXERCISE]") if inc.exercise else ""))
        color = STATUS_COLORS[status_group(inc.status)]
        self.status.setText(status_name(inc.status.value).upper())
        self.status.setStyleSheet(
            f"color: {color}; border: 2px solid {color}; border-radius: 4px;"
            " padding: 2px 8px; font-weight: bold; font-size: 12pt;"
        )
        cat = self._library.by_code.get(inc.category)
        if cat is None:
            self.category.setText(inc.category)
        else:
            self.category.setText(f"{cat.name_en}  ·  {cat.name_zh}")
            self.category.setToolTip(f"{cat.code} — {cat.group}")
