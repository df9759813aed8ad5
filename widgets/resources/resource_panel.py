"""One agency's resources: its units with live status, its linkage requests, asking for help."""

from __future__ import annotations

import logging
from typing import Any

from PySide6 import QtCore, QtWidgets

from app.console.i18n import QT_TRANSLATE_NOOP
from app.domain.library import Library
from app.models.units_model import IdRole, UnitColumn, UnitsTableModel
from app.store.gateway import CommandGateway
from app.store.selection import Selection
from app.store.store import Store
from widgets import theme
from widgets.detail.reason_prompt import ReasonPrompt
from widgets.detail.style import DISABLED_QSS, section_label
from widgets.elided_tips import ElidedCellTips
from widgets.resources import linkage_panel, unit_status_bar
from widgets.resources.linkage_panel import LinkagePanel
from widgets.resources.linkage_request_form import REQUEST_KEY, LinkageRequestForm
from widgets.resources.unit_status_bar import UnitStatusBar

log = logging.getLogger(__name__)

SHORTCUTS: list[tuple[str, str]] = [
    *unit_status_bar.SHORTCUTS,
    *linkage_panel.SHORTCUTS,
    (REQUEST_KEY, QT_TRANSLATE_NOOP("Keys", "Request linkage for the selected incident")),
]
BUSY = ("dispatched", "en_route", "on_scene")


class ResourcePanel(QtWidgets.QWidget):
    """Owns the views of one agency; the unit table drives the console-wide unit selection."""

    def __init__(
        self,
        store: Store,
        selection: Selection,
        gateway: CommandGateway,
        library: Library,
        agency_id: str,
        parent: QtWidgets.QWidget | None = None,
        **_services: Any,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(f"ResourcePanel-{agency_id}")
        self.setStyleSheet(DISABLED_QSS)
        self.agency_id = agency_id
        self._store = store
        self._selection = selection
        self.title = QtWidgets.QLabel()
        self.title.setObjectName("ResourceTitle")
        self.summary = QtWidgets.QLabel()
        self.summary.setObjectName("ResourceSummary")
        self.summary.setTextFormat(QtCore.Qt.TextFormat.RichText)
        self.units_model = UnitsTableModel(store, agency_id, theme.UNIT_STATUS_COLORS, self)
        self.units = QtWidgets.QTableView()
        self.units.setObjectName(f"UnitsTable-{agency_id}")
        self.units.setModel(self.units_model)
        self.units.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
        self.units.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.SingleSelection)
        self.units.verticalHeader().hide()
        self.units.verticalHeader().setDefaultSectionSize(26)
        self.units.setAlternatingRowColors(True)
        hh = self.units.horizontalHeader()
        hh.setStretchLastSection(True)
        hh.resizeSection(UnitColumn.UNIT, 70)
        hh.resizeSection(UnitColumn.TYPE, 110)
        hh.resizeSection(UnitColumn.STATUS, 150)
        hh.resizeSection(UnitColumn.IN_STATUS, 100)
        hh.resizeSection(UnitColumn.POSITION, 90)
        self.prompt = ReasonPrompt()
        self.cell_tips = ElidedCellTips(self.units)
        self.status_bar = UnitStatusBar(store, selection, gateway, agency_id, shortcut_scope=self)
        self.linkages = LinkagePanel(store, gateway, agency_id, self.prompt, shortcut_scope=self)
        self.request_form = LinkageRequestForm(
            store, selection, gateway, agency_id, shortcut_scope=self
        )
        # In a short dock the content scrolls instead of being cut off below the visible area
        # (the answer buttons and the request form are at the bottom).
        body = QtWidgets.QWidget()
        scroll = QtWidgets.QScrollArea()
        scroll.setObjectName(f"ResourceScroll-{agency_id}")
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        outer = QtWidgets.QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        lay = QtWidgets.QVBoxLayout(body)
        lay.setContentsMargins(8, 6, 8, 6)
        lay.setSpacing(5)
        lay.addWidget(self.title)
        lay.addWidget(self.summary)
        lay.addWidget(self.units, 3)
        lay.addWidget(self.status_bar)
        lay.addWidget(section_label(self.tr("Linkage requests")))
        lay.addWidget(self.linkages, 2)
        lay.addWidget(self.prompt)
        lay.addWidget(self.request_form)

        self.units.selectionModel().currentRowChanged.connect(self._on_row)
        selection.unitSelected.connect(self._follow_unit)
        store.unitsChanged.connect(lambda _ids: self._update_summary())
        store.agenciesChanged.connect(lambda _ids: self._update_title())
        store.stateReset.connect(self._update_title)
        self._tick = QtCore.QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._on_tick)
        self._tick.start()
        self._update_title()

    def retranslate(self) -> None:
        """After a language switch: the summary, the selected unit's line, the linkage form."""
        self._update_summary()
        self.status_bar.refresh()
        self.request_form._update()

    def _update_title(self) -> None:
        a = self._store.state.agencies.get(self.agency_id)
        name = a.name if a else self.agency_id
        color = a.color if a else theme.BORDER
        zh = f"  {a.name_zh}" if a and a.name_zh else ""
        self.title.setText(f"{name}{zh}")
        self.title.setStyleSheet(
            f"font-size: 14pt; font-weight: bold; border-left: 8px solid {color}; padding-left: 8px;"
        )
        self._update_summary()

    def _update_summary(self) -> None:
        counts = self.units_model.counts()
        busy = sum(counts.get(s, 0) for s in BUSY)
        parts = [
            (
                counts.get("available", 0),
                self.tr("available"),
                theme.UNIT_STATUS_COLORS["available"],
            ),
            (busy, self.tr("busy"), theme.UNIT_STATUS_COLORS["on_scene"]),
            (
                counts.get("returning", 0),
                self.tr("returning"),
                theme.UNIT_STATUS_COLORS["returning"],
            ),
            (
                counts.get("out_of_service", 0),
                self.tr("out"),
                theme.UNIT_STATUS_COLORS["out_of_service"],
            ),
        ]
        self.summary.setText(
            " &nbsp; ".join(
                f'<b style="color:{c}; font-size:13pt">{n}</b> {word}' for n, word, c in parts
            )
        )

    def _on_row(self, current: QtCore.QModelIndex, _prev: QtCore.QModelIndex) -> None:
        uid = current.data(IdRole) if current.isValid() else None
        if uid:
            self._selection.select_unit(str(uid))

    def _follow_unit(self, unit_id: str) -> None:
        row = self.units_model.row_of(unit_id)
        if row >= 0 and self.units.currentIndex().row() != row:
            self.units.selectRow(row)

    def _on_tick(self) -> None:
        if self.isVisible():
            self.units_model.tick()
            self.linkages.model.tick()
