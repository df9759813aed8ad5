"""The queue's active filters as chips, each with its own ✕, and one "Clear all".

A filter set earlier (a search typed an hour ago, a category picked from a combo now scrolled out
of sight) silently hides incidents; the chips keep every one of them in view.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6 import QtCore, QtWidgets

from widgets.detail.flow_layout import FlowLayout
from widgets.theme import ACCENT, BORDER, TEXT
from widgets.util import named

log = logging.getLogger(__name__)

CHIP_STYLE = (
    f"QToolButton {{ color: {TEXT}; background: #1d3552; border: 1px solid {ACCENT};"
    " border-radius: 10px; padding: 1px 8px; }"
    f" QToolButton:hover {{ background: #274a73; }}"
)
CLEAR_STYLE = (
    f"QToolButton {{ color: {TEXT}; border: 1px solid {BORDER}; border-radius: 10px;"
    " padding: 1px 8px; font-weight: bold; }"
)


class FilterChips(QtWidgets.QWidget):
    """Hidden while no filter narrows the queue."""

    clearAllRequested = QtCore.Signal()

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("QueueFilterChips")
        self._flow = FlowLayout(self, spacing=4)
        self._flow.setContentsMargins(4, 0, 4, 4)
        self._chips: list[QtWidgets.QToolButton] = []
        self.clear_all = named(QtWidgets.QToolButton(), "QueueClearFilters")
        self.clear_all.setText(self.tr("Clear all filters"))
        self.clear_all.setToolTip(self.tr("Show every incident of the checked groups again"))
        self.clear_all.setStyleSheet(CLEAR_STYLE)
        self.clear_all.clicked.connect(self.clearAllRequested)
        self._flow.addWidget(self.clear_all)
        self.setVisible(False)

    def set_chips(self, chips: list[tuple[str, Callable[[], None]]]) -> None:
        """``chips``: (label, clears that one filter)."""
        for chip in self._chips:
            self._flow.removeWidget(chip)
            chip.deleteLater()
        self._chips = []
        self._flow.removeWidget(self.clear_all)
        for label, clear in chips:
            b = QtWidgets.QToolButton(self)
            b.setObjectName("QueueFilterChip")
            b.setText(f"{label}  ✕")
            b.setToolTip(self.tr("Remove this filter"))
            b.setStyleSheet(CHIP_STYLE)
            b.clicked.connect(lambda _c=False, fn=clear: fn())
            self._flow.addWidget(b)
            b.show()
            self._chips.append(b)
        self._flow.addWidget(self.clear_all)
        self.setVisible(bool(chips))
        self.updateGeometry()

    def buttons(self) -> list[QtWidgets.QToolButton]:
        return list(self._chips)

    def labels(self) -> list[str]:
        return [b.text().removesuffix("  ✕") for b in self._chips]
