"""Coverage per agency (4 and 8 minutes by road) and the move-up advice, issued with one click."""

from __future__ import annotations

import logging

from PySide6 import QtCore, QtGui, QtWidgets

from app.domain import commands as c
from app.evaluation.coverage import AgencyCoverage, MoveUp
from app.models.coverage_model import CoverageModel
from app.models.evaluation_model import UNDEFINED
from app.store.gateway import CommandGateway
from app.store.store import Store
from widgets.evaluation.chart_style import share_colour
from widgets.util import named

log = logging.getLogger(__name__)

TARGET_PCT = 90.0  # NFPA 1710: the 4-minute travel target is met on 90% of calls
COL_AGENCY, COL_UNITS, COL_4, COL_8, COL_ADVICE, COL_ACTION = range(6)


def pct_text(x: float | None) -> str:
    return UNDEFINED if x is None else f"{100.0 * x:.0f}%"


class CoveragePanel(QtWidgets.QWidget):
    """One row per agency: units counted, demand reached in 4 and 8 minutes, best move-up.

    ``uncoveredShown(agency, reach)`` asks the map to show the agency's cells by reach (empty
    ``reach``: the layer off); the row the operator picks is the agency shown."""

    uncoveredShown = QtCore.Signal(str, dict)

    def __init__(
        self,
        store: Store,
        gateway: CommandGateway | None = None,
        model: CoverageModel | None = None,
        parent: QtWidgets.QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("CoveragePanel")
        self._store = store
        self._gateway = gateway
        self.model = model or CoverageModel(store, self)
        title = QtWidgets.QLabel(self.tr("Coverage by road: demand reached by an available unit"))
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        self.map_button = named(QtWidgets.QPushButton(self.tr("Uncovered on map")), "CoverageMap")
        self.map_button.setCheckable(True)
        self.map_button.setToolTip(
            self.tr(
                "Grid cells of the selected agency that no available unit reaches within 8 minutes"
                " (red) or within 4 minutes (amber)"
            )
        )
        head = QtWidgets.QHBoxLayout()
        head.addWidget(title)
        head.addStretch(1)
        head.addWidget(self.map_button)
        self.table = named(QtWidgets.QTableWidget(0, 6), "CoverageTable")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Agency"),
                self.tr("Units"),
                self.tr("≤ 4 min"),
                self.tr("≤ 8 min"),
                self.tr("Move-up advice"),
                "",
            ]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.SingleSelection)
        hdr = self.table.horizontalHeader()
        hdr.setSectionResizeMode(QtWidgets.QHeaderView.ResizeMode.ResizeToContents)
        hdr.setSectionResizeMode(COL_ADVICE, QtWidgets.QHeaderView.ResizeMode.Stretch)
        self.note = QtWidgets.QLabel()
        self.note.setProperty("role", "dim")
        self.note.setWordWrap(True)
        lay = QtWidgets.QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(head)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.note)
        self._agencies: list[str] = []
        self.buttons: dict[str, QtWidgets.QPushButton] = {}
        self.model.updated.connect(self.refresh)
        self.table.itemSelectionChanged.connect(self._emit_map)
        self.map_button.toggled.connect(lambda _on: self._emit_map())
        self.refresh()

    # --- data ---------------------------------------------------------------------------------
    def selected_agency(self) -> str:
        rows = self.table.selectionModel().selectedRows()
        if rows and rows[0].row() < len(self._agencies):
            return self._agencies[rows[0].row()]
        return self._agencies[0] if self._agencies else ""

    def advice(self, agency: str) -> MoveUp | None:
        cov = self.model.results.get(agency)
        return cov.advice[0] if cov is not None and cov.advice else None

    def command(self, move: MoveUp) -> c.RelocateUnit:
        return c.RelocateUnit(unit_id=move.unit_id, station_id=move.station_id)

    def advice_text(self, move: MoveUp) -> str:
        return self.tr(
            "Move {unit} to {station}: +{g4:.1f} pts at 4 min, {g8:+.1f} at 8 min"
        ).format(
            unit=move.unit_id,
            station=move.station_name or move.station_id,
            g4=100.0 * move.gain_4,
            g8=100.0 * move.gain_8,
        )

    def refresh(self) -> None:
        keep = self.selected_agency()
        results = self.model.results
        names = {a.id: a.name for a in self._store.state.agencies.values()}
        self._agencies = sorted(results)
        self.buttons.clear()
        self.table.setRowCount(len(self._agencies))
        for r, agency in enumerate(self._agencies):
            self._fill_row(r, results[agency], names.get(agency, agency))
        if keep in self._agencies:
            self.table.selectRow(self._agencies.index(keep))
        self.note.setText(self._note())
        self._emit_map()

    def _note(self) -> str:
        if not self.model.computations:
            return self.tr("Computing drive times from every unit…")
        demand = (
            self.tr("weighted by the hotspot forecast")
            if self.model.demand_forecast
            else self.tr("every cell alike (no case history to forecast from)")
        )
        return self.tr(
            "Share of expected demand (grid cells, {demand}) that an available or returning unit"
            " reaches by road within 4 and 8 minutes. Move-up: the relocation that gains the most"
            " covered demand."
        ).format(demand=demand)

    def _fill_row(self, r: int, cov: AgencyCoverage, name: str) -> None:
        # The short id: the advice needs the room (the full name is the tooltip).
        item = QtWidgets.QTableWidgetItem(cov.agency)
        item.setToolTip(name)
        self.table.setItem(r, COL_AGENCY, item)
        self.table.setItem(r, COL_UNITS, QtWidgets.QTableWidgetItem(str(cov.units)))
        for col, share in ((COL_4, cov.share_4), (COL_8, cov.share_8)):
            it = QtWidgets.QTableWidgetItem(pct_text(share))
            value = None if share is None else 100.0 * share
            target = TARGET_PCT if col == COL_4 else 100.0
            it.setForeground(QtGui.QColor(share_colour(value, target)))
            it.setTextAlignment(
                QtCore.Qt.AlignmentFlag.AlignRight | QtCore.Qt.AlignmentFlag.AlignVCenter
            )
            self.table.setItem(r, col, it)
        move = cov.advice[0] if cov.advice else None
        text = self.advice_text(move) if move else self.tr("No move gains coverage")
        advice = QtWidgets.QTableWidgetItem(text)
        advice.setToolTip(text)
        self.table.setItem(r, COL_ADVICE, advice)
        if move is None or self._gateway is None:
            self.table.removeCellWidget(r, COL_ACTION)
            return
        button = named(QtWidgets.QPushButton(self.tr("Move up")), f"MoveUp-{cov.agency}")
        refused = self._gateway.refusal(self.command(move))
        button.setEnabled(refused is None)
        button.setToolTip(refused.message if refused is not None else text)
        button.clicked.connect(lambda _=False, m=move: self.issue(m))
        self.buttons[cov.agency] = button
        self.table.setCellWidget(r, COL_ACTION, button)

    def issue(self, move: MoveUp) -> None:
        """Send the advice as a ``relocate_unit`` command through the desk's gateway."""
        if self._gateway is None:
            return
        log.info("move-up: %s to %s", move.unit_id, move.station_id)
        self._gateway.submit(self.command(move))

    def _emit_map(self) -> None:
        agency = self.selected_agency()
        cov = self.model.results.get(agency)
        on = self.map_button.isChecked() and cov is not None
        self.uncoveredShown.emit(agency if on else "", dict(cov.reach) if on and cov else {})
