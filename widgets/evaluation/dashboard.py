"""The evaluation dashboard: indicators by any breakdown, response-time gauges against the
standards, the distribution of dispatch times and the trend over time, for a wall monitor.

Everything is read from an :class:`EvaluationModel`'s tracker, which follows the store event by
event; the charts repaint when the model does (at most every two seconds). Clicking a bar or a
row limits the queue and the map to its cases (the selection's drill-down).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6 import QtCore, QtWidgets

from app.console.i18n import QT_TRANSLATE_NOOP
from app.domain.scoring import SetEvaluationWeights
from app.evaluation.export import breakdown_csv
from app.evaluation.forecast import forecast_cells
from app.evaluation.indicators import (
    NFPA_1225_S,
    NFPA_1225_SHARE,
    Indicators,
    percentile_sorted,
    share_within,
)
from app.models.evaluation_breakdown_model import (
    CHRONOLOGICAL,
    DIMENSION_TITLES,
    BreakdownModel,
    KeyRole,
    dimension_title,
)
from app.models.evaluation_model import EvaluationModel, weights_text
from app.store.gateway import CommandGateway
from app.store.selection import Selection
from app.store.store import Store
from widgets.evaluation.bar_chart import BarChart
from widgets.evaluation.chart_style import share_colour
from widgets.evaluation.coverage_panel import CoveragePanel
from widgets.evaluation.histogram_chart import HistogramChart
from widgets.evaluation.intake_sources import IntakeSources
from widgets.evaluation.kpi_strip import KpiStrip
from widgets.evaluation.response_gauges import GaugeRow, ResponseGauges
from widgets.evaluation.trend_chart import TrendChart
from widgets.evaluation.weights_dialog import WeightsDialog
from widgets.util import named

log = logging.getLogger(__name__)

MAX_BARS = 30
TRAVEL_TARGET_S = 240.0  # NFPA 1710: first engine on scene within 4 min of travel, 90% of calls
PERIODS = [
    (QT_TRANSLATE_NOOP("EvaluationDashboard", "Whole record"), None),
    (QT_TRANSLATE_NOOP("EvaluationDashboard", "Last 24 hours"), 86400.0),
    (QT_TRANSLATE_NOOP("EvaluationDashboard", "Last 7 days"), 7 * 86400.0),
    (QT_TRANSLATE_NOOP("EvaluationDashboard", "Last 30 days"), 30 * 86400.0),
]
METRICS = [
    (QT_TRANSLATE_NOOP("EvaluationDashboard", "Cases"), "incidents"),
    (QT_TRANSLATE_NOOP("EvaluationDashboard", "Score"), "score"),
    (QT_TRANSLATE_NOOP("EvaluationDashboard", "Dispatch p90 (s)"), "dispatch_p90"),
    (QT_TRANSLATE_NOOP("EvaluationDashboard", "Dispatched ≤ 60 s (%)"), "within60"),
    (QT_TRANSLATE_NOOP("EvaluationDashboard", "On-time handling (%)"), "on_time"),
]


def metric_value(s: Indicators, metric: str) -> float | None:
    if metric == "incidents":
        return float(s.incidents)
    if metric == "score":
        return s.score
    if metric == "dispatch_p90":
        return s.dispatch.p90
    if metric == "within60":
        return s.dispatch.within_60s_pct
    return None if s.on_time_rate is None else 100.0 * s.on_time_rate


class EvaluationDashboard(QtWidgets.QWidget):
    """Breakdowns, gauges, histogram and trend; a click drills the queue and map down."""

    # Expected cases per grid cell for the next day (empty: layer off), for the map.
    forecastShown = QtCore.Signal(dict)

    def __init__(
        self,
        store: Store,
        selection: Selection,
        gateway: CommandGateway | None = None,
        parent: QtWidgets.QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("EvaluationDashboard")
        self._store = store
        self._selection = selection
        self._gateway = gateway
        self.model = EvaluationModel(store, self)
        self.tracker = self.model.tracker
        self.breakdown = BreakdownModel(self.tracker, parent=self)

        title = QtWidgets.QLabel(self.tr("Evaluation dashboard"))
        title.setProperty("role", "title")
        self.period = named(QtWidgets.QComboBox(), "DashboardPeriod")
        for label, span in PERIODS:
            self.period.addItem(self.tr(label), span)
        self.dimension = named(QtWidgets.QComboBox(), "DashboardDimension")
        for key in DIMENSION_TITLES:
            self.dimension.addItem(self.tr("By {0}").format(dimension_title(key).lower()), key)
        self.measure = named(QtWidgets.QComboBox(), "DashboardMetric")
        for label, key in METRICS:
            self.measure.addItem(self.tr(label), key)
        self.edit_weights = named(QtWidgets.QPushButton(self.tr("Weights…")), "DashboardWeights")
        self.edit_weights.setVisible(gateway is not None)
        self.forecast_button = named(
            QtWidgets.QPushButton(self.tr("Forecast on map")), "DashboardForecast"
        )
        self.forecast_button.setCheckable(True)
        self.forecast_button.setToolTip(
            self.tr(
                "Expected cases per grid cell tomorrow: the mean daily count of each category"
                " group over the last 28 days, spread by its smoothed spatial share"
            )
        )
        self.export_csv = named(QtWidgets.QPushButton(self.tr("Export CSV…")), "DashboardCsv")
        self.export_pdf = named(QtWidgets.QPushButton(self.tr("PDF report…")), "DashboardPdf")
        head = QtWidgets.QHBoxLayout()
        head.addWidget(title)
        head.addStretch(1)
        for w in (
            self.period,
            self.dimension,
            self.measure,
            self.edit_weights,
            self.forecast_button,
            self.export_csv,
            self.export_pdf,
        ):
            head.addWidget(w)

        self.kpis = KpiStrip()
        self.table = named(QtWidgets.QTableView(), "DashboardTable")
        self.table.setModel(self.breakdown)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
        hdr = self.table.horizontalHeader()
        hdr.setSectionResizeMode(QtWidgets.QHeaderView.ResizeMode.ResizeToContents)
        hdr.setStretchLastSection(True)
        self.bars = BarChart()
        self.dispatch_gauges = ResponseGauges(
            self.tr("Answer → first unit dispatched, emergencies (NFPA 1225)"),
            NFPA_1225_S,
            NFPA_1225_SHARE,
        )
        self.travel_gauges = ResponseGauges(
            self.tr("Dispatched → on scene, emergencies (NFPA 1710 travel)"),
            TRAVEL_TARGET_S,
            90.0,
        )
        self.histogram = HistogramChart(
            self.tr("Answer → dispatch, all calls (15 s bins)"), NFPA_1225_S
        )
        self.trend = TrendChart(self.tr("Cases per day · % dispatched ≤ 60 s"))
        self.weights = QtWidgets.QLabel(weights_text(self.tracker.weights))
        self.weights.setProperty("role", "dim")
        self.weights.setWordWrap(True)

        top = QtWidgets.QSplitter(QtCore.Qt.Orientation.Horizontal)
        top.addWidget(self.table)
        top.addWidget(self.bars)
        top.setSizes([1000, 800])
        low = QtWidgets.QGridLayout()
        low.addWidget(self.dispatch_gauges, 0, 0)
        low.addWidget(self.travel_gauges, 0, 1)
        low.addWidget(self.histogram, 1, 0)
        low.addWidget(self.trend, 1, 1)
        lower = QtWidgets.QWidget()
        lower.setLayout(low)
        split = QtWidgets.QSplitter(QtCore.Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(lower)
        # Decision support and intake: coverage with its move-up advice, cases by source.
        self.coverage = CoveragePanel(store, gateway)
        self.sources = IntakeSources(self.tracker)
        bottom = QtWidgets.QSplitter(QtCore.Qt.Orientation.Horizontal)
        bottom.addWidget(self.coverage)
        bottom.addWidget(self.sources)
        bottom.setSizes([950, 970])
        split.addWidget(bottom)
        split.setSizes([330, 440, 330])
        lay = QtWidgets.QVBoxLayout(self)
        lay.addLayout(head)
        lay.addWidget(self.kpis)
        lay.addWidget(split, 1)
        lay.addWidget(self.weights)

        self.period.currentIndexChanged.connect(self._period_changed)
        self.dimension.currentIndexChanged.connect(self.refresh)
        self.measure.currentIndexChanged.connect(self.refresh)
        self.table.clicked.connect(self._row_clicked)
        self.bars.barClicked.connect(lambda key: self.drill(self.breakdown.dimension, key))
        self.trend.barClicked.connect(lambda key: self.drill("day", key))
        self.edit_weights.clicked.connect(self._ask_weights)
        self.forecast_button.toggled.connect(self._forecast_toggled)
        self.export_csv.clicked.connect(self._ask_csv)
        self.export_pdf.clicked.connect(self._ask_pdf)
        self._pending: list[Callable[[], None]] = []
        self.model.refreshed.connect(self._refresh_staged)
        store.agenciesChanged.connect(lambda _ids: self.refresh())
        self.refresh()

    # --- data ---------------------------------------------------------------------------------
    def now(self) -> float:
        return self._store.now()

    def names(self) -> dict[str, str]:
        st = self._store.state
        names = {a.id: a.name for a in st.agencies.values()}
        names.update({c.code: c.name_en for c in st.rules().library.categories})
        return names

    def refresh(self) -> None:
        """Repaint everything now (a user's choice; the first paint)."""
        self._pending = []
        for stage in self._stages():
            stage()

    def _refresh_staged(self) -> None:
        """Repaint after the record changed, one part per turn of the event loop, so events
        and input are handled between the parts instead of waiting for all of them."""
        idle = not self._pending
        self._pending = self._stages()
        if idle:
            self._next_stage()

    def _next_stage(self) -> None:
        if self._pending:
            self._pending.pop(0)()
        if self._pending:
            QtCore.QTimer.singleShot(0, self, self._next_stage)  # cancelled if the panel goes

    def _stages(self) -> list[Callable[[], None]]:
        return [
            self._refresh_table,
            self._refresh_bars,
            self._gauges,
            self._refresh_histogram,
            self._refresh_trend,
            lambda: self.sources.refresh(self._store.now()),
        ]

    def _refresh_table(self) -> None:
        now = self._store.now()
        dim = str(self.dimension.currentData() or "department")
        self.breakdown.names = self.names()
        self.breakdown.known = {"department": sorted(self._store.state.agencies)}
        self.breakdown.set_dimension(dim, now)
        self.kpis.set_indicators(self.tracker.overall(now))
        self.weights.setText(weights_text(self.tracker.weights))

    def _refresh_bars(self) -> None:
        dim = self.breakdown.dimension
        metric = str(self.measure.currentData() or "incidents")
        rows = self.breakdown.rows()
        if dim not in CHRONOLOGICAL:
            rows = rows[:MAX_BARS]  # the busiest groups; the table lists them all
        values = [metric_value(s, metric) for _k, s in rows]
        colours = None
        if metric == "within60":
            colours = [share_colour(v, NFPA_1225_SHARE) for v in values]
        shown = "" if len(rows) == self.breakdown.rowCount() else self.tr(" (top {0})")
        self.bars.getPlotItem().setTitle(
            f"{self.measure.currentText()} · {self.dimension.currentText().lower()}"
            + shown.format(len(rows))
        )
        # Departments by their short id under the bars (the table gives the full names).
        labels = [k if dim == "department" else self.breakdown.label(k) for k, _s in rows]
        self.bars.set_bars([k for k, _s in rows], labels, values, colours)

    def _refresh_histogram(self) -> None:
        self.histogram.set_values(self.tracker.total.dispatch_s)

    def _refresh_trend(self) -> None:
        days = self.tracker.buckets["day"]
        keys = sorted(days)
        self.trend.set_trend(
            keys,
            [k[5:] for k in keys],  # MM-DD
            [float(days[k].incidents) for k in keys],
            [share_within(days[k].dispatch_s, NFPA_1225_S) for k in keys],
        )

    def _gauges(self) -> None:
        buckets = self.tracker.buckets["emergency_priority"]
        dispatch, travel = [], []
        for key in sorted(buckets):
            b = buckets[key]
            dispatch.append(
                GaugeRow(
                    key,
                    share_within(b.dispatch_s, NFPA_1225_S),
                    _p(b.dispatch_s, 50),
                    _p(b.dispatch_s, 90),
                    len(b.dispatch_s),
                )
            )
            travel.append(
                GaugeRow(
                    key,
                    share_within(b.travel_s, TRAVEL_TARGET_S),
                    _p(b.travel_s, 50),
                    _p(b.travel_s, 90),
                    len(b.travel_s),
                )
            )
        self.dispatch_gauges.set_rows(dispatch)
        self.travel_gauges.set_rows(travel)

    def _period_changed(self) -> None:
        span = self.period.currentData()
        self.model.set_since(None if span is None else self._store.now() - float(span))

    # --- drill-down ---------------------------------------------------------------------------
    def _row_clicked(self, index: QtCore.QModelIndex) -> None:
        key = self.breakdown.data(index, KeyRole)
        if key:
            self.drill(self.breakdown.dimension, str(key))

    def drill(self, dimension: str, key: str) -> None:
        """Limit the queue and the map to the cases of one group."""
        ids = self.tracker.ids(dimension, key)
        name = self.breakdown.label(key) if dimension not in CHRONOLOGICAL else key
        label = f"{dimension_title(dimension)}: {name}"
        self._selection.set_drill_down(label, ids)

    # --- forecast -----------------------------------------------------------------------------
    def forecast(self) -> dict[str, float]:
        st = self._store.state
        cases = [
            (i.created_at, i.location.grid_cell, i.category)
            for i in st.incidents.values()
            if not i.exercise
        ]
        return forecast_cells(cases, self.tracker.periods.tz_name, list(st.grid_cells), self.now())

    def _forecast_toggled(self, on: bool) -> None:
        self.forecastShown.emit(self.forecast() if on else {})

    # --- weights ------------------------------------------------------------------------------
    def weights_command(self, weights: dict[str, float]) -> SetEvaluationWeights:
        return SetEvaluationWeights(weights=weights)

    def _ask_weights(self) -> None:
        if self._gateway is None:
            return
        refused = self._gateway.refusal(self.weights_command(dict(self.tracker.weights)))
        if refused is not None:
            QtWidgets.QMessageBox.information(self, self.tr("Score weights"), refused.message)
            return
        dialog = WeightsDialog(self.tracker.weights, self)
        if dialog.exec() == QtWidgets.QDialog.DialogCode.Accepted:
            self._gateway.submit(self.weights_command(dialog.weights()))

    # --- export -------------------------------------------------------------------------------
    def csv_text(self) -> str:
        return breakdown_csv(dict(self.breakdown.rows()), self.breakdown.names)

    def write_csv(self, path: Path) -> None:
        Path(path).write_text(self.csv_text(), encoding="utf-8")

    def write_pdf(self, path: Path) -> None:
        from widgets.evaluation.pdf_report import write_report

        write_report(self, Path(path))

    def _ask_csv(self) -> None:
        path, _ = QtWidgets.QFileDialog.getSaveFileName(
            self, self.tr("Export CSV"), "evaluation.csv", "CSV (*.csv)"
        )
        if path:
            self._save(self.write_csv, path)

    def _ask_pdf(self) -> None:
        path, _ = QtWidgets.QFileDialog.getSaveFileName(
            self, self.tr("PDF report"), "evaluation.pdf", "PDF (*.pdf)"
        )
        if path:
            self._save(self.write_pdf, path)

    def _save(self, write: object, path: str) -> None:
        try:
            write(Path(path))  # type: ignore[operator]
        except OSError as exc:
            QtWidgets.QMessageBox.warning(
                self, self.tr("Export"), self.tr("Could not write {0}: {1}").format(path, exc)
            )


def _p(xs: list[float], q: float) -> float | None:
    return percentile_sorted(xs, q)
